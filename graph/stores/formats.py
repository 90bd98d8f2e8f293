"""RDF files a store may read: the format by extension, and a guard that keeps XML entity
declarations away from every parser.

An RDF/XML file of about 1 KB that declares nested entities ("billion laughs") expands to
gigabytes inside the parser; pyoxigraph 0.5.13 grew to 24 GB on one before it was killed. No
RDF/XML needs a DTD, so any file that declares one is refused, by scanning its raw bytes before
a parser is involved.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from nutrikg.graph.errors import CorpusError, InvalidQuery

FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".rdf": pyoxigraph.RdfFormat.RDF_XML,
    ".owl": pyoxigraph.RdfFormat.RDF_XML,
    ".xml": pyoxigraph.RdfFormat.RDF_XML,
}
_DECLARATIONS = ("<!doctype", "<!entity")
# A parser may accept the document in any of these encodings, so look for each spelling;
# UTF-16 and UTF-32 put NUL bytes between the ASCII letters.
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_NEEDLES = tuple(word.encode(enc) for word in _DECLARATIONS for enc in _ENCODINGS)
_OVERLAP = max(len(needle) for needle in _NEEDLES) - 1
_CHUNK = 1 << 20


class RdfFileError(CorpusError):
    """An RDF file cannot be loaded: unknown extension, unsafe, too large, unreadable or malformed."""


def rdf_format(path: Path) -> pyoxigraph.RdfFormat:
    """The format of `path` by its extension; raises RdfFileError naming the file otherwise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise RdfFileError(f"{path}: unknown RDF file extension {path.suffix!r}; use one of {known}")
    return fmt


def screen_file(path: Path) -> pyoxigraph.RdfFormat:
    """The format of `path`, once it is known to be safe to parse.

    Raises RdfFileError naming the file: unknown extension, unreadable, or XML with a DTD.
    """
    fmt = rdf_format(path)
    if fmt == pyoxigraph.RdfFormat.RDF_XML:
        refuse_xml_declarations(path)
    return fmt


def refuse_xml_declarations(path: Path) -> None:
    """Raise RdfFileError when the raw bytes hold `<!DOCTYPE` or `<!ENTITY` in any case.

    Reads in chunks (flat memory on big files) and stops at the first hit. Raises RdfFileError
    also when the file cannot be read.
    """
    tail = b""
    try:
        with path.open("rb") as source:
            while chunk := source.read(_CHUNK):
                window = tail + chunk.lower()  # lower() folds ASCII letters only: enough here
                if any(needle in window for needle in _NEEDLES):
                    raise RdfFileError(
                        f"{path}: refused: RDF/XML with a DOCTYPE or ENTITY declaration "
                        "(entity expansion can exhaust memory)"
                    )
                tail = window[-_OVERLAP:]
    except OSError as err:
        raise RdfFileError(f"{path}: cannot read ({err.strerror})") from err


def named_node(iri: str) -> pyoxigraph.NamedNode:
    """An IRI as a term; raises InvalidQuery when it is not a valid absolute IRI."""
    try:
        return pyoxigraph.NamedNode(iri)
    except ValueError as err:
        raise InvalidQuery(f"not a valid IRI {iri!r}: {err}") from err


def target_graph(graph_iri: str | None) -> pyoxigraph.NamedNode | pyoxigraph.DefaultGraph:
    """The graph term for `graph_iri` (None: the default graph); raises InvalidQuery on a bad IRI."""
    return pyoxigraph.DefaultGraph() if graph_iri is None else named_node(graph_iri)
