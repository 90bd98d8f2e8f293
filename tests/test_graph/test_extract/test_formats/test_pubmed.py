"""PubMed records: the title and the labelled parts of the abstract; PMID, DOI, journal, year."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import read_file
from nutrikg.graph.model import SourceKind
from tests.test_graph.test_extract.test_formats.samples import PUBMED


def test_text_is_the_title_and_the_labelled_abstract() -> None:
    found = read_file(Path("p.xml"), PUBMED)
    assert found.text.splitlines() == [
        "Magnesium and vitamin D: a review.",
        "BACKGROUND: Magnesium is a cofactor of many enzymes.",
        "CONCLUSIONS: Magnesium is required to convert vitamin D into its active form.",
    ]


def test_identifiers_journal_year_and_kind() -> None:
    found = read_file(Path("p.xml"), PUBMED)
    assert (found.pmid, found.doi, found.journal, found.year) == (
        "29876543",
        "10.3390/nu10010001",
        "Nutrients",
        2018,
    )
    assert found.source_kind is SourceKind.REVIEW  # its publication type says so


def test_the_doi_may_come_from_the_article_id_list_and_a_record_is_an_abstract() -> None:
    raw = PUBMED.replace(b'<ELocationID EIdType="doi" ValidYN="Y">10.3390/nu10010001</ELocationID>', b"")
    raw = raw.replace(b'<PublicationType UI="D016454">Review</PublicationType>', b"")
    raw = raw.replace(
        b'<ArticleId IdType="pubmed">',
        b'<ArticleId IdType="doi">10.3390/nu1</ArticleId><ArticleId IdType="pubmed">',
    )
    found = read_file(Path("p.xml"), raw)
    assert found.doi == "10.3390/nu1" and found.source_kind is SourceKind.ABSTRACT


@pytest.mark.parametrize("count", [0, 2])
def test_a_set_of_other_than_one_article_is_refused(count: int) -> None:
    record = PUBMED[PUBMED.index(b"<PubmedArticle>") : PUBMED.index(b"</PubmedArticleSet>")]
    raw = b"<PubmedArticleSet>" + record * count + b"</PubmedArticleSet>"
    with pytest.raises(CorpusError, match=rf"set\.xml: the PubMed set holds {count} articles"):
        read_file(Path("set.xml"), raw)
