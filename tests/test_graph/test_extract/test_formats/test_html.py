"""HTML: the article's text without scripts, styles, navigation or footer; the title and the
citation metadata scholarly pages carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import read_file
from tests.test_graph.test_extract.test_formats.samples import HTML


def test_text_keeps_the_article_and_drops_scripts_styles_nav_and_footer() -> None:
    found = read_file(Path("page.html"), HTML)
    assert found.text.splitlines() == [
        "Vitamin K2 explained",
        "Vitamin K2 activates matrix Gla protein.",
        "Matrix Gla protein inhibits calcification.",
    ]


def test_citation_tags_give_title_journal_year_and_identifiers() -> None:
    found = read_file(Path("page.html"), HTML)
    assert (found.title, found.journal, found.year) == (
        "Vitamin K2 and the arteries",
        "Vascular Letters",
        2021,
    )
    assert (found.doi, found.pmid) == ("10.5555/vl.2021.7", "34000001")


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        (b"<html><head><title>Only a title</title></head><body><p>Text.</p></body></html>", "Only a title"),
        (
            b"<html><head><title>Site | Page</title></head><body><h1>The heading</h1><p>T.</p></body></html>",
            "The heading",
        ),
    ],
)
def test_title_from_the_heading_else_the_title_element(markup: bytes, title: str) -> None:
    assert read_file(Path("t.html"), markup).title == title


def test_a_page_in_its_declared_character_set_is_read() -> None:
    markup = '<html><head><meta charset="windows-1252"></head><body><p>Café: vitamin D.</p></body></html>'
    assert "Café: vitamin D." in read_file(Path("w.html"), markup.encode("cp1252")).text


def test_a_page_in_no_declared_or_utf8_encoding_is_named() -> None:
    with pytest.raises(CorpusError, match=r"l\.html: document is not UTF-8"):
        read_file(Path("l.html"), "<p>Café</p>".encode("latin-1"))
