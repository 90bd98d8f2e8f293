"""HTML: the visible text of the page, one block element a line, with the scripts, styles,
navigation and footer dropped; its title and the citation metadata scholarly pages carry
(`<meta name="citation_doi">` and the like, which indexers read)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.dammit import UnicodeDammit

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats.plain import decode_utf8
from nutrikg.graph.extract.formats.record import ReadText, one_line

_DROPPED = ["script", "style", "noscript", "template", "head", "nav", "footer"]
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def read(path: Path, raw: bytes) -> ReadText:
    """Raises CorpusError naming `path` for binary bytes, or bytes in neither UTF-8 nor the
    character set the page declares."""
    soup = BeautifulSoup(_decode(path, raw), "html.parser")
    meta = _citation_meta(soup)
    title = meta.get("citation_title") or _tag_text(soup.find("h1")) or _tag_text(soup.title)
    return ReadText(
        text=visible_text(soup),
        title=one_line(title),
        journal=one_line(meta.get("citation_journal_title")),
        year=_year(meta.get("citation_publication_date") or meta.get("citation_date")),
        pmid=one_line(meta.get("citation_pmid")),
        doi=one_line(meta.get("citation_doi")),
        publisher=one_line(meta.get("citation_publisher")),
    )


def html_to_text(markup: str) -> str:
    """Reduce HTML to its visible text, one block element per line; scripts and styles dropped."""
    return visible_text(BeautifulSoup(markup, "html.parser"))


def visible_text(soup: BeautifulSoup) -> str:
    """The page's text as a reader sees it (this changes `soup`: the dropped parts are removed)."""
    for tag in soup(_DROPPED):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8, or else the character set the page declares (`<meta charset>`)."""
    try:
        return decode_utf8(path, raw)
    except CorpusError:
        dammit = UnicodeDammit(raw, is_html=True)
        if b"\x00" in raw[:8192] or not dammit.declared_html_encoding or dammit.unicode_markup is None:
            raise
        return dammit.unicode_markup


def _citation_meta(soup: BeautifulSoup) -> dict[str, str]:
    """The page's `citation_*` meta tags, by name (the first of each)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name, content = tag.get("name"), tag.get("content")
        if isinstance(name, str) and isinstance(content, str) and name.lower().startswith("citation_"):
            found.setdefault(name.lower(), content)
    return found


def _tag_text(tag: object) -> str | None:
    return tag.get_text(" ") if isinstance(tag, Tag) else None


def _year(value: str | None) -> int | None:
    found = _YEAR.search(value or "")
    return int(found.group()) if found else None
