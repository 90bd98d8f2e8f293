"""JATS, the Journal Article Tag Suite of PMC's articles: the title, the abstract and the body's
sections (section titles as headings, one paragraph a line); figures, tables, formulas and the
back matter (references) are left out. Metadata: journal, publisher, year, PMID and DOI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from nutrikg.graph.extract.formats.record import ReadText, one_line
from nutrikg.graph.extract.formats.tree import child, children, local_name, text, the_one
from nutrikg.graph.model import SourceKind

ROOTS = ("article", "pmc-articleset")
# Left out of the text: figures, tables and formulas (their captions repeat the text), numbering
_SKIPPED = frozenset(
    {"fig", "table-wrap", "disp-formula", "supplementary-material", "ref-list", "label", "fn-group"}
)
_LINES = frozenset({"title", "p"})  # elements whose text is one line; any other is walked into
_SIDE_ABSTRACTS = frozenset({"graphical", "teaser", "toc"})  # abstracts that repeat the main one


def read(path: Path, root: Element) -> ReadText:
    """Raises CorpusError naming `path` when the set holds no article or more than one."""
    article = the_one(path, root, "article", "article")
    meta = child(article, "front", "article-meta")
    journal = child(article, "front", "journal-meta")
    title = text(child(meta, "title-group", "article-title"))
    lines = [title, *_abstract_lines(meta), *_lines(child(article, "body"))]
    review = article.get("article-type") == "review-article"
    return ReadText(
        text="\n".join(line for line in lines if line) + "\n",
        title=one_line(title),
        journal=one_line(_journal_title(journal)),
        year=_year(meta),
        pmid=one_line(_article_id(meta, "pmid")),
        doi=one_line(_article_id(meta, "doi")),
        publisher=one_line(text(child(journal, "publisher", "publisher-name"))),
        source_kind=SourceKind.REVIEW if review else SourceKind.ABSTRACT,
    )


def _abstract_lines(meta: Element | None) -> Iterator[str]:
    for abstract in children(meta, "abstract"):
        if abstract.get("abstract-type") not in _SIDE_ABSTRACTS:
            yield "Abstract"
            yield from _lines(abstract)


def _lines(element: Element | None) -> Iterator[str]:
    """Headings and paragraphs, in document order; skipped parts left out."""
    for inner in element if element is not None else ():
        name = local_name(inner)
        if name in _SKIPPED:
            continue
        if name in _LINES:
            yield text(inner, _SKIPPED)
        else:
            yield from _lines(inner)


def _journal_title(journal: Element | None) -> str:
    return text(child(journal, "journal-title-group", "journal-title")) or text(
        child(journal, "journal-title")
    )


def _article_id(meta: Element | None, kind: str) -> str:
    return next(
        (text(found) for found in children(meta, "article-id") if found.get("pub-id-type") == kind), ""
    )


def _year(meta: Element | None) -> int | None:
    for date in children(meta, "pub-date"):
        year = text(child(date, "year"))
        if year.isdigit():
            return int(year)
    return None
