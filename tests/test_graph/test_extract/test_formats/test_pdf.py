"""PDF: the text layer as prose lines (a sentence cut by a line break is joined again), the title
from the document information, a DOI printed on the first page; clear errors for what has no text."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import read_file
from nutrikg.graph.extract.formats.pdf import reflow
from tests.test_graph.test_extract.test_formats.pdf_maker import make_pdf

PAGES = [
    [
        "Vitamin K2 and arterial health",
        "Vitamin K2 activates matrix Gla protein, which inhibits the calci-",
        "fication of arteries (doi: 10.1234/abc.5678).",
    ],
    ["Vitamin D3 increases calcium absorption in the", "gut of healthy adults."],
]


def test_lines_cut_inside_a_sentence_are_joined_and_pages_kept_apart() -> None:
    found = read_file(Path("a.pdf"), make_pdf(PAGES, title="K2 and arteries"))
    assert [line for line in found.text.splitlines() if line] == [
        "Vitamin K2 and arterial health",
        "Vitamin K2 activates matrix Gla protein, which inhibits the calcification of arteries "
        "(doi: 10.1234/abc.5678).",
        "Vitamin D3 increases calcium absorption in the gut of healthy adults.",
    ]
    assert (found.title, found.doi) == ("K2 and arteries", "10.1234/abc.5678")


def test_a_pdf_without_a_title_has_none() -> None:
    assert read_file(Path("a.pdf"), make_pdf(PAGES)).title is None


def test_a_heading_stays_on_its_own_line() -> None:
    assert (
        reflow("Results\nVitamin K2 activates osteocalcin.\n")
        == "Results\nVitamin K2 activates osteocalcin.\n"
    )


def test_a_pdf_without_text_is_named() -> None:
    with pytest.raises(CorpusError, match=r"scan\.pdf: the PDF has no text layer"):
        read_file(Path("scan.pdf"), make_pdf([[]]))


@pytest.mark.parametrize("raw", [b"%PDF-1.4\nnot really a pdf at all", b"plain text named .pdf"])
def test_bytes_that_are_no_pdf_are_named(raw: bytes) -> None:
    with pytest.raises(CorpusError, match=r"bad\.pdf: not a readable PDF"):
        read_file(Path("bad.pdf"), raw)
