"""Reading text out of XML elements, shared by the JATS and PubMed readers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from nutrikg.graph.errors import CorpusError


def local_name(element: Element) -> str:
    """The element's name without its namespace (`{ns}article` -> `article`)."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def children(element: Element | None, name: str) -> list[Element]:
    """The child elements of that local name."""
    return [] if element is None else [c for c in element if local_name(c) == name]


def child(element: Element | None, *path: str) -> Element | None:
    """The first element down that path of local names, or None."""
    for name in path:
        found = children(element, name)
        element = found[0] if found else None
    return element


def text(element: Element | None, skipped: frozenset[str] = frozenset()) -> str:
    """The element's text on one line, without the subtrees named in `skipped`; '' for None."""
    return " ".join("".join(_pieces(element, skipped)).split()) if element is not None else ""


def _pieces(element: Element, skipped: frozenset[str]) -> Iterator[str]:
    yield element.text or ""
    for inner in element:
        if local_name(inner) not in skipped:
            yield from _pieces(inner, skipped)
        yield inner.tail or ""


def the_one(path: Path, root: Element, name: str, what: str) -> Element:
    """`root` when it is the element `name`, else its only child of that name: a file holds one
    document (a set of several is refused, naming the file and the count)."""
    if local_name(root) == name:
        return root
    found = children(root, name)
    if len(found) != 1:
        raise CorpusError(f"{path}: the {what} set holds {len(found)} articles; put one article in each file")
    return found[0]
