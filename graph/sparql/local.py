"""SPARQL from the command line, answered exactly as `/sparql` answers it: the same guard, the
text the guard checked, the same runner (a query worker over the embedded store, or the remote
store) under the same time and size limits, and the same dataset (the union of the built graph
and every loaded graph unless the query names its own with FROM).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from nutrikg.graph.errors import StoreError
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.guard import check_query
from nutrikg.graph.sparql.pool import QueryPool
from nutrikg.graph.sparql.remote import RemoteQueryRunner
from nutrikg.graph.sparql.runner import QueryRunner


@dataclass
class QueryResult:
    """A SELECT's variables and rows (plain values), an ASK answer, or a graph's triples."""

    variables: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "variables": self.variables,
            "rows": [dict(zip(self.variables, r, strict=True)) for r in self.rows],
        }

    def as_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.variables)
        writer.writerows([[c or "" for c in row] for row in self.rows])
        return buffer.getvalue()


def query_runner(settings: Settings, *, workers: int | None = None) -> QueryRunner:
    """Worker processes over the embedded store, or HTTP to a remote SPARQL store."""
    if settings.remote_query_url:
        return RemoteQueryRunner(settings)
    if workers is not None:
        settings = settings.model_copy(update={"query_workers": workers})
    return QueryPool(settings)


def run_query(settings: Settings, sparql: str) -> QueryResult:
    """Answer a query over the configured store, as the HTTP endpoint would.

    Raises InvalidQuery (malformed, or an update), QueryRefused (SERVICE, LOAD, a foreign FROM),
    QueryTimeout, QueryTooCostly or StoreError (no store: run `nutrikg build` first).
    """
    if not settings.remote_query_url and not settings.store_dir.exists():
        raise StoreError(f"no built graph at {settings.store_dir}: run `nutrikg build` first")
    runner = query_runner(settings, workers=1).start()
    try:
        checked = check_query(
            sparql,
            known_graphs=runner.named_graphs(),
            inspect=runner.inspect,
            network_sandboxed=runner.network_sandboxed(),
        )
        answer = runner.execute(
            checked.text,
            "json" if checked.kind == "results" else "ntriples",
            union_default_graph=not (checked.from_graphs or checked.from_named_graphs),
        )
        body = answer.read()
    finally:
        runner.close()
    return _results(body) if checked.kind == "results" else _triples(body)


def _results(body: bytes) -> QueryResult:
    """SPARQL JSON results as rows of plain values (an ASK as one `answer` row)."""
    document = json.loads(body)
    if "boolean" in document:
        return QueryResult(["answer"], [[str(document["boolean"]).lower()]])
    names = list(document["head"].get("vars", []))
    rows = [
        [binding.get(name, {}).get("value") for name in names] for binding in document["results"]["bindings"]
    ]
    return QueryResult(names, rows)


def _triples(body: bytes) -> QueryResult:
    parsed = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
    triples = sorted((_plain(q.subject), _plain(q.predicate), _plain(q.object)) for q in parsed)
    return QueryResult(["subject", "predicate", "object"], [list(t) for t in triples])


def _plain(term: object) -> str:
    return str(getattr(term, "value", term))
