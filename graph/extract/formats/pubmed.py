"""PubMed records (`efetch` XML, `<PubmedArticleSet>`): the title and the abstract (a structured
abstract's parts as "LABEL: text" lines); PMID, DOI, journal and year. A record is an abstract,
or a review when its publication types say so."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from nutrikg.graph.extract.formats.record import ReadText, one_line
from nutrikg.graph.extract.formats.tree import child, children, text, the_one
from nutrikg.graph.model import SourceKind

ROOTS = ("PubmedArticleSet", "PubmedArticle")


def read(path: Path, root: Element) -> ReadText:
    """Raises CorpusError naming `path` when the set holds no article or more than one."""
    record = the_one(path, root, "PubmedArticle", "PubMed")
    citation = child(record, "MedlineCitation")
    article = child(citation, "Article")
    title = text(child(article, "ArticleTitle"))
    lines = [title, *(_part(part) for part in children(child(article, "Abstract"), "AbstractText"))]
    types = {text(t) for t in children(child(article, "PublicationTypeList"), "PublicationType")}
    journal = text(child(article, "Journal", "Title"))
    return ReadText(
        text="\n".join(line for line in lines if line) + "\n",
        title=one_line(title),
        journal=one_line(journal),
        year=_year(article),
        pmid=one_line(text(child(citation, "PMID"))),
        doi=one_line(_doi(record, article)),
        publisher=one_line(journal),
        source_kind=SourceKind.REVIEW if types & {"Review", "Systematic Review"} else SourceKind.ABSTRACT,
    )


def _part(part: Element) -> str:
    label, body = part.get("Label"), text(part)
    return f"{label}: {body}" if label and body else body


def _doi(record: Element, article: Element | None) -> str:
    for location in children(article, "ELocationID"):
        if location.get("EIdType") == "doi":
            return text(location)
    ids = children(child(record, "PubmedData", "ArticleIdList"), "ArticleId")
    return next((text(found) for found in ids if found.get("IdType") == "doi"), "")


def _year(article: Element | None) -> int | None:
    date = child(article, "Journal", "JournalIssue", "PubDate")
    for found in (
        text(child(date, "Year")),
        text(child(date, "MedlineDate"))[:4],
        text(child(article, "ArticleDate", "Year")),
    ):
        if found.isdigit():
            return int(found)
    return None
