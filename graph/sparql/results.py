"""Serialise query answers inside a worker, counting rows against the cap as it goes.

pyoxigraph can write a whole solution sequence, but only by consuming it itself, so
it cannot stop at the row cap; SELECT results are therefore written here, streaming,
in the four SPARQL results formats. Graphs go through `pyoxigraph.serialize`, fed by
a counting iterator. Past the cap the answer is ResultTooLarge, never a cut-off body.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence

import pyoxigraph as ox

from graph.errors import ResultTooLarge
from graph.sparql.prefixes import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
BOOLEAN_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def too_large(max_rows: int) -> ResultTooLarge:
    """The error for an answer past the cap (one wording for rows and triples)."""
    return ResultTooLarge(f"the answer has more than {max_rows} rows; add a LIMIT or narrow the query")


class Capped:
    """Iterate `items`, counting them; the first one past `max_rows` raises ResultTooLarge."""

    def __init__(self, items: Iterable[ox.Triple], max_rows: int) -> None:
        self.count = 0
        self._items = iter(items)
        self._max_rows = max_rows

    def __iter__(self) -> Iterator[ox.Triple]:
        return self

    def __next__(self) -> ox.Triple:
        item = next(self._items)
        self.count += 1
        if self.count > self._max_rows:
            raise too_large(self._max_rows)
        return item


def write_graph(triples: Iterable[ox.Triple], key: str, max_rows: int) -> tuple[bytes, int]:
    """Serialise CONSTRUCT / DESCRIBE triples; return the body and the triple count.

    Raises:
        ResultTooLarge: more than `max_rows` triples.
    """
    counted = Capped(triples, max_rows)
    # N-Triples has no prefixes; the others print our namespaces as declared prefixes.
    prefixes = None if key == "ntriples" else dict(PREFIXES)
    body = ox.serialize(counted, format=GRAPH_FORMATS[key], prefixes=prefixes)
    return body or b"", counted.count


def write_boolean(answer: ox.QueryBoolean, key: str) -> bytes:
    """Serialise an ASK answer."""
    return answer.serialize(format=BOOLEAN_FORMATS[key]) or b""


def write_solutions(names: list[str], rows: Iterable[Row], key: str, max_rows: int) -> tuple[bytes, int]:
    """Serialise SELECT solutions in results format `key`; return the body and the row count.

    Raises:
        ResultTooLarge: more than `max_rows` rows.
    """
    head, write_row, tail = _WRITERS[key](names)
    out = io.StringIO()
    out.write(head)
    count = 0
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise too_large(max_rows)
        write_row(out, row, count == 1)
    out.write(tail)
    return out.getvalue().encode("utf-8"), count


RowWriter = Callable[[io.StringIO, Row, bool], None]


# ---- SPARQL 1.1 Query Results JSON -------------------------------------------------------


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    literal: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        literal["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        literal["datatype"] = term.datatype.value
    return literal


def _json(names: list[str]) -> tuple[str, RowWriter, str]:
    def row(out: io.StringIO, values: Row, first: bool) -> None:
        binding = {n: _json_term(v) for n, v in zip(names, values, strict=True) if v is not None}
        out.write(("" if first else ",") + json.dumps(binding, ensure_ascii=False))

    head = json.dumps({"head": {"vars": names}})[:-1] + ',"results":{"bindings":['
    return head, row, "]}}"


# ---- SPARQL Query Results XML ------------------------------------------------------------

# Written out rather than taken from xml.sax.saxutils, whose import pulls in urllib and
# http.client and would slow every worker's start by a few tens of milliseconds.
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Escape text for an XML element or a double-quoted attribute."""
    return text.translate(_XML_ESCAPES)


def quoteattr(text: str) -> str:
    """A double-quoted XML attribute value."""
    return f'"{escape(text)}"'


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype.value != XSD_STRING:
        attr = f" datatype={quoteattr(term.datatype.value)}"
    else:
        attr = ""
    return f"<literal{attr}>{escape(term.value)}</literal>"


def _xml(names: list[str]) -> tuple[str, RowWriter, str]:
    def row(out: io.StringIO, values: Row, first: bool) -> None:
        out.write("<result>")
        for name, value in zip(names, values, strict=True):
            if value is not None:
                out.write(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
        out.write("</result>")

    variables = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
    head = f'<?xml version="1.0"?><sparql xmlns="{_RESULTS_NS}"><head>{variables}</head><results>'
    return head, row, "</results></sparql>"


# ---- SPARQL 1.1 Query Results CSV and TSV ------------------------------------------------


def _csv_field(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.Triple):
        text = str(term)
    else:
        text = term.value
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(names: list[str]) -> tuple[str, RowWriter, str]:
    def row(out: io.StringIO, values: Row, first: bool) -> None:
        out.write(",".join(_csv_field(v) for v in values) + "\r\n")

    return ",".join(names) + "\r\n", row, ""


def _tsv(names: list[str]) -> tuple[str, RowWriter, str]:
    # TSV keeps full RDF terms; str() of a pyoxigraph term is its N-Triples form,
    # which escapes tabs and newlines as TSV requires.
    def row(out: io.StringIO, values: Row, first: bool) -> None:
        out.write("\t".join("" if v is None else str(v) for v in values) + "\n")

    return "\t".join(f"?{n}" for n in names) + "\n", row, ""


_WRITERS: dict[str, Callable[[list[str]], tuple[str, RowWriter, str]]] = {
    "json": _json,
    "xml": _xml,
    "csv": _csv,
    "tsv": _tsv,
}
