"""Serialise query answers inside a worker, in parts, within the size cap.

pyoxigraph writes every answer itself (SELECT and ASK results in the four SPARQL results
formats, graphs in the RDF formats), in Rust, into a `PartWriter`: a file-like sink that
cuts the bytes into parts for the pool as they are written, so that a worker never holds a
whole large answer, and that stops the serialisation once the answer passes the size cap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, cast

import pyoxigraph as ox

from nutrikg.graph.errors import ResultTooLarge
from nutrikg.graph.prefixes import PREFIXES

PART_BYTES = 256 * 1024  # bytes per message to the pool: few messages, little memory

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
    "nquads": ox.RdfFormat.N_QUADS,  # the answer's triples, in the default graph
    "trig": ox.RdfFormat.TRIG,
}
RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
QueryResult = ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples


@dataclass(frozen=True)
class Part:
    """Some bytes of an answer, in order; the last part of an answer says so."""

    data: bytes
    format_key: str
    last: bool = False


def too_large(max_bytes: int) -> ResultTooLarge:
    """The error for an answer past the cap (one wording wherever it is met)."""
    return ResultTooLarge(f"the answer is larger than {max_bytes} bytes; add a LIMIT or narrow the query")


class PartWriter:
    """A binary sink for pyoxigraph's serialisers that sends the bytes on in parts.

    `send` gets a Part each time `part_bytes` have gathered, and the last one from `finish()`.
    A write that takes the answer past `max_bytes` raises ResultTooLarge, which ends the
    serialisation: the worker then sends that error instead of a last part.
    """

    def __init__(
        self,
        send: Callable[[Part], None],
        format_key: str,
        max_bytes: int,
        part_bytes: int = PART_BYTES,
    ) -> None:
        self.format_key = format_key
        self.written = 0
        self._send = send
        self._max_bytes = max_bytes
        self._part_bytes = part_bytes
        self._pending = bytearray()

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.written > self._max_bytes:
            raise too_large(self._max_bytes)
        self._pending += data
        if len(self._pending) >= self._part_bytes:
            self._send(Part(bytes(self._pending), self.format_key))
            self._pending.clear()
        return len(data)

    def flush(self) -> None:
        """Nothing to do: parts go out when full, and the rest on `finish()`."""

    def finish(self) -> None:
        """Send what is left as the answer's last part."""
        self._send(Part(bytes(self._pending), self.format_key, last=True))
        self._pending.clear()


def answer_format(result: QueryResult, requested: str) -> str:
    """The format to write `result` in: the requested one, unless the query's form surprised
    us (the guard said SELECT but the store built a graph, or the other way round)."""
    if isinstance(result, ox.QueryTriples):
        return requested if requested in GRAPH_FORMATS else "turtle"
    return requested if requested in RESULTS_FORMATS else "json"


def serialize_result(result: QueryResult, out: PartWriter) -> None:
    """Write `result` into `out` in `out.format_key`; raises ResultTooLarge past the cap."""
    sink = cast(IO[bytes], out)  # pyoxigraph needs only `write`, which PartWriter has
    if isinstance(result, ox.QueryTriples):
        # The line formats have no prefixes; the others print our namespaces as declared prefixes.
        key = out.format_key
        prefixes = None if key in ("ntriples", "nquads") else dict(PREFIXES)
        ox.serialize(result, sink, format=GRAPH_FORMATS[key], prefixes=prefixes)
    else:
        result.serialize(sink, format=RESULTS_FORMATS[out.format_key])
    out.finish()
