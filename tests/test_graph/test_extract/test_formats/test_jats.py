"""JATS articles: title, abstract and body as text lines; figures, tables and references left
out; journal, year, PMID and DOI as metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import read_file
from nutrikg.graph.model import SourceKind
from tests.test_graph.test_extract.test_formats.samples import JATS


def test_text_is_title_abstract_and_body_without_figures_tables_or_references() -> None:
    found = read_file(Path("a.xml"), JATS)
    assert found.text.splitlines() == [
        "Vitamin K2 and bone matrix proteins",
        "Abstract",
        "Background",
        "Osteocalcin binds calcium in bone.",
        "Results",
        "Vitamin K2 activates osteocalcin.",
        "Introduction",
        "Vitamin D3 increases calcium absorption [1].",
    ]


def test_metadata_comes_from_the_front_matter() -> None:
    found = read_file(Path("a.xml"), JATS)
    assert (found.title, found.journal, found.year) == (
        "Vitamin K2 and bone matrix proteins",
        "Journal of Bone Research",
        2019,
    )
    assert (found.pmid, found.doi, found.publisher) == ("31234567", "10.1000/jbr.2019.042", "Example Press")
    assert found.source_kind is SourceKind.ABSTRACT


def test_a_review_article_is_a_review_and_a_pmc_set_of_one_is_read() -> None:
    review = JATS.replace(b'article-type="research-article"', b'article-type="review-article"')
    wrapped = review.replace(b"<article ", b"<pmc-articleset><article ").replace(
        b"</article>", b"</article></pmc-articleset>"
    )
    found = read_file(Path("r.xml"), wrapped)
    assert found.source_kind is SourceKind.REVIEW and found.journal == "Journal of Bone Research"


def test_a_set_of_two_articles_is_refused_by_name() -> None:
    body = JATS.split(b"?>", 1)[1].split(b"]>", 1)[-1]
    article = body[body.index(b"<article") :]
    two = b"<pmc-articleset>" + article + article + b"</pmc-articleset>"
    with pytest.raises(CorpusError, match=r"two\.xml: the article set holds 2 articles"):
        read_file(Path("two.xml"), two)
