"""Any SPARQL 1.1 server as the store, through its query and update endpoints over HTTP.

Servers disagree on what the default graph is: Virtuoso and GraphDB answer with the union of all
graphs, and Virtuoso will not insert without a graph. So the default graph's triples live in one
named graph (`DEFAULT_GRAPH`) and every query states its dataset through the protocol: that graph
as the default (`default-graph-uri`) and every other graph as a named graph (`named-graph-uri`;
a dataset that names only a default graph hides the named graphs). Listing the graphs costs one
more request per query. `named_graphs()` leaves the stand-in out.

Servers also answer any query form in any format (Virtuoso sends a SELECT as RDF when asked for
RDF), so the form is read from the query text, which also keeps updates out of `select()`.
Updates go in chunks of `CHUNK_TRIPLES` triples so that no request is huge. A server may cap
result rows on its own (Virtuoso's ResultSetMaxRows, 10000 by default) without saying so.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph

from nutrikg.graph.errors import InvalidQuery, QueryTimeout, StoreError
from nutrikg.graph.stores.base import GRAPH_BASE, Row, TermTriple
from nutrikg.graph.stores.formats import RdfFileError, named_node, screen_file

DEFAULT_GRAPH = GRAPH_BASE + "default"
CHUNK_TRIPLES = 300  # Virtuoso refuses an INSERT DATA whose generated SQL passes 10,000 lines
RESULTS_JSON = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/turtle;q=0.8"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
# The prologue (BASE, PREFIX, comments) and the keyword that names the query form.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^<>\s]*>|PREFIX\s+[^\s:]*:\s*<[^<>\s]*>)*", re.I)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_RDF_MEDIA = {
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,  # older servers' name for N-Triples
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
}


class RemoteStore:
    """A TripleStore over a SPARQL 1.1 query endpoint and, for writes, an update endpoint."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        default_graph: str = DEFAULT_GRAPH,
        timeout_s: float = 30.0,
        chunk_triples: int = CHUNK_TRIPLES,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.default_graph = default_graph
        self.chunk_triples = chunk_triples
        self.timeout_s = timeout_s
        self._client: httpx.Client | None = httpx.Client(timeout=httpx.Timeout(timeout_s, connect=5.0))

    def select(self, query: str) -> list[Row]:
        """Rows of a SELECT; raises InvalidQuery, StoreError, QueryTimeout."""
        _require_form(query, "SELECT")
        payload = self._results(query)
        if "results" not in payload:
            raise StoreError(f"{self.query_url} sent no rows for a SELECT query")
        return [_row(binding) for binding in payload["results"]["bindings"]]

    def ask(self, query: str) -> bool:
        """The answer to an ASK; raises InvalidQuery, StoreError, QueryTimeout."""
        _require_form(query, "ASK")
        answer = self._results(query).get("boolean")
        if not isinstance(answer, bool):
            raise StoreError(f"{self.query_url} sent no boolean for an ASK query")
        return answer

    def construct(self, query: str) -> list[TermTriple]:
        """Sorted triples of a CONSTRUCT or DESCRIBE; raises InvalidQuery, StoreError, QueryTimeout."""
        _require_form(query, "CONSTRUCT", "DESCRIBE")
        response = self._query(query, GRAPH_TYPES)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in _RDF_MEDIA:
            raise StoreError(f"{self.query_url} sent {media or 'no media type'} for a graph query")
        try:
            quads = list(pyoxigraph.parse(response.content, format=_RDF_MEDIA[media]))
        except SyntaxError as err:
            raise StoreError(f"{self.query_url} sent malformed {media}: {err}") from err
        return sorted((str(q.subject), str(q.predicate), str(q.object)) for q in quads)

    def add_ntriples(self, data: bytes, graph_iri: str | None = None) -> None:
        """Insert N-Triples; raises InvalidQuery (malformed: nothing is sent), StoreError."""
        try:  # parse all before sending any, so a syntax error leaves the store untouched
            quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES))
        except SyntaxError as err:
            raise InvalidQuery(f"malformed N-Triples: {err}") from err
        self._insert(quads, graph_iri)

    def load_file(self, path: Path, graph_iri: str | None = None) -> None:
        """Parse a file here and insert it in chunks (see TripleStore.load_file).

        The file is parsed once to check it before any chunk is sent. Raises RdfFileError,
        InvalidQuery, StoreError, QueryTimeout.
        """
        fmt = screen_file(path)
        for _ in self._parse_file(path, fmt, graph_iri):
            pass
        self._insert(self._parse_file(path, fmt, graph_iri), graph_iri)

    def named_graphs(self) -> set[str]:
        """Graphs that hold triples, but the stand-in for the default graph; raises StoreError."""
        rows = self._rows_of_all("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {row["g"] for row in rows if "g" in row} - {self.default_graph}

    def count(self, graph_iri: str | None = None) -> int:
        """Triples in one graph; raises InvalidQuery (bad IRI), StoreError, QueryTimeout."""
        target = self._graph(graph_iri)
        rows = self._rows_of_all(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"])

    def clear(self, graph_iri: str | None = None) -> None:
        """Empty one graph; raises InvalidQuery (bad IRI), StoreError, QueryTimeout."""
        self._update(f"CLEAR SILENT GRAPH {self._graph(graph_iri)}")

    def close(self) -> None:
        """Close the HTTP connections."""
        if self._client is not None:
            self._client.close()
        self._client = None

    def _graph(self, graph_iri: str | None) -> str:
        return str(named_node(self.default_graph if graph_iri is None else graph_iri))

    def _parse_file(
        self, path: Path, fmt: pyoxigraph.RdfFormat, graph_iri: str | None
    ) -> Iterator[pyoxigraph.Quad]:
        try:
            yield from pyoxigraph.parse(path=str(path), format=fmt, base_iri=graph_iri)
        except SyntaxError as err:
            raise RdfFileError(f"{path}: malformed {fmt.name}: {err}") from err
        except OSError as err:
            raise RdfFileError(f"{path}: cannot read ({err.strerror})") from err

    def _insert(self, quads: Iterable[pyoxigraph.Quad], graph_iri: str | None) -> None:
        """INSERT DATA in chunks per graph. Triples with blank nodes go in one request per graph
        at the end, so a blank node stays one node; INSERT DATA may not hold blank nodes on some
        servers (Virtuoso), so that request is an INSERT ... WHERE {} instead."""
        default = self._graph(graph_iri)
        plain: dict[str, list[str]] = defaultdict(list)
        blank: dict[str, list[str]] = defaultdict(list)
        for quad in quads:
            target = default if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else str(quad.graph_name)
            line = f"{quad.subject} {quad.predicate} {quad.object} ."
            has_blank = isinstance(quad.subject, pyoxigraph.BlankNode) or isinstance(
                quad.object, pyoxigraph.BlankNode
            )
            (blank if has_blank else plain)[target].append(line)
            if len(plain[target]) >= self.chunk_triples:
                self._update(_insert_data(target, plain.pop(target)))
        for target, lines in plain.items():
            self._update(_insert_data(target, lines))
        for target, lines in blank.items():
            self._update(f"INSERT {{ GRAPH {target} {{\n" + "\n".join(lines) + "\n} } WHERE {}")

    def _rows_of_all(self, query: str) -> list[Row]:
        """Rows of our own SELECT over the server's whole dataset (no protocol dataset: it would
        need the graph list this may be fetching, and Virtuoso counts 1 in graphs left out of it)."""
        payload = _json(self._post(self.query_url, {"query": query}, RESULTS_JSON))
        return [_row(binding) for binding in payload.get("results", {}).get("bindings", [])]

    def _results(self, query: str) -> dict[str, Any]:
        return _json(self._query(query, RESULTS_JSON))

    def _query(self, query: str, accept: str) -> httpx.Response:
        form: dict[str, str | list[str]] = {
            "query": query,
            "default-graph-uri": self.default_graph,
            "named-graph-uri": sorted(self.named_graphs()),
        }
        return self._post(self.query_url, form, accept)

    def _update(self, update: str) -> None:
        if self.update_url is None:
            raise StoreError(f"the SPARQL store at {self.query_url} has no update endpoint configured")
        self._post(self.update_url, {"update": update}, "*/*")

    def _post(self, url: str, form: dict[str, str | list[str]], accept: str) -> httpx.Response:
        if self._client is None:
            raise StoreError(f"the connection to {url} is closed")
        try:
            response = self._client.post(url, data=form, headers={"Accept": accept})
        except httpx.TimeoutException as err:
            raise QueryTimeout(f"the SPARQL endpoint {url} did not answer within {self.timeout_s} s") from err
        except httpx.HTTPError as err:
            raise StoreError(f"cannot reach {url} (the SPARQL endpoint): {err}") from err
        if response.status_code in (400, 406):  # 406: the query's form has no such format
            raise InvalidQuery(f"the SPARQL endpoint {url} refused the request: {_excerpt(response)}")
        if not response.is_success:
            status = response.status_code
            raise StoreError(f"the SPARQL endpoint {url} answered {status}: {_excerpt(response)}")
        return response


def _require_form(query: str, *forms: str) -> None:
    """Raise InvalidQuery unless the query's form (after its prologue) is one of `forms`."""
    prologue = _PROLOGUE.match(query)
    found = _FORM.match(query, prologue.end() if prologue else 0)
    if found is None or found.group(1).upper() not in forms:
        raise InvalidQuery(f"expected a {' or '.join(forms)} query")


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        payload = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        kind = response.headers.get("content-type", "?")
        raise StoreError(f"{response.url} did not answer with SPARQL JSON results ({kind})") from err
    if not isinstance(payload, dict):
        raise StoreError(f"{response.url} sent results that are not a JSON object")
    return payload


def _insert_data(target: str, lines: list[str]) -> str:
    return f"INSERT DATA {{ GRAPH {target} {{\n" + "\n".join(lines) + "\n} }"


def _row(binding: dict[str, dict[str, str]]) -> Row:
    return {name: _value(cell) for name, cell in binding.items()}


def _value(cell: dict[str, str]) -> str:
    # Virtuoso writes xsd:boolean values as 1 and 0; the lexical form everyone else uses is words.
    if cell.get("datatype") == XSD_BOOLEAN and cell["value"] in ("0", "1"):
        return "true" if cell["value"] == "1" else "false"
    return cell["value"]


def _excerpt(response: httpx.Response) -> str:
    text = " ".join(response.text.split())
    return text[:300] + ("..." if len(text) > 300 else "")
