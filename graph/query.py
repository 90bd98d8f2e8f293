"""SPARQL from the command line: read-only, over the on-disk store, common prefixes predeclared.

The HTTP endpoint adds time limits and sandboxing (graph.sparql); a local user querying their own
store from a terminal can stop a query with Ctrl-C.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from graph.errors import InvalidQuery, StoreError
from graph.sparql.guard import check_query
from graph.sparql.prefixes import PREFIXES


@dataclass
class QueryResult:
    """A SELECT's variables and rows (cells as N-Triples-free plain strings), or an ASK answer."""

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


def open_store(store_dir: Path) -> pyoxigraph.Store:
    """A read-only handle on the store; raises StoreError when there is none."""
    if not store_dir.exists():
        raise StoreError(f"no store at {store_dir}: run `nutrikg build` first")
    return pyoxigraph.Store.read_only(str(store_dir))


def run_query(store_dir: Path, sparql: str) -> QueryResult:
    """Answer a query; raises InvalidQuery (malformed or an update) or QueryRefused (SERVICE...)."""
    store = open_store(store_dir)
    check_query(sparql, known_graphs={g.value for g in store.named_graphs()})
    try:
        answer = store.query(sparql, prefixes=dict(PREFIXES))
    except SyntaxError as err:
        raise InvalidQuery(str(err)) from err
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult(["answer"], [[str(bool(answer)).lower()]])
    if isinstance(answer, pyoxigraph.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows = [[_plain(solution[name]) for name in names] for solution in answer]
        return QueryResult(names, rows)
    rows = [[_plain(t.subject), _plain(t.predicate), _plain(t.object)] for t in answer]
    return QueryResult(["subject", "predicate", "object"], rows)


def _plain(term: object) -> str | None:
    if term is None:
        return None
    return str(getattr(term, "value", term))
