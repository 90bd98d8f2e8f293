"""XML articles: JATS (PMC's articles, `<article>` or a `<pmc-articleset>` of one) and PubMed
records (`<PubmedArticleSet>` of one `<PubmedArticle>`), told apart by their root element.

The XML is parsed by the standard library's expat through defusedxml: an entity declaration (the
"billion laughs" and external-entity attacks) is refused, and nothing is ever fetched, neither a
DTD nor an entity (a DOCTYPE naming an external DTD is allowed and not loaded).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import jats, pubmed
from nutrikg.graph.extract.formats.record import ReadText
from nutrikg.graph.extract.formats.tree import local_name


def read(path: Path, raw: bytes) -> ReadText:
    """Raises CorpusError naming `path` (and the line and column) for malformed XML, XML that
    declares entities, or a root element that is neither JATS nor PubMed."""
    root = parse(path, raw)
    kind = local_name(root)
    if kind in jats.ROOTS:
        return jats.read(path, root)
    if kind in pubmed.ROOTS:
        return pubmed.read(path, root)
    known = ", ".join(f"<{name}>" for name in (*jats.ROOTS, *pubmed.ROOTS))
    raise CorpusError(f"{path}: XML root <{kind}> is neither a JATS article nor a PubMed record ({known})")


def parse(path: Path, raw: bytes) -> Element:
    """The root element of `raw`; raises CorpusError naming `path` as `read` says."""
    try:
        root: Element = fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ParseError as err:
        line, column = err.position
        raise CorpusError(f"{path}: line {line}, column {column}: malformed XML ({err.msg})") from err
    except DefusedXmlException as err:
        reason = f"{type(err).__name__}: {err}"
        raise CorpusError(f"{path}: XML refused: it declares or references entities ({reason})") from err
    return root
