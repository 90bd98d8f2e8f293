"""SPARQL from the command line: read-only, through the store interface (embedded or remote),
behind the same guard as the HTTP endpoint, with the common prefixes predeclared.

A local user querying their own store from a terminal can stop a query with Ctrl-C, so no worker
process stands in between.
"""

from __future__ import annotations

import csv
import io
from contextlib import closing
from dataclasses import dataclass, field

from nutrikg.graph.prefixes import expand_prefixes
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.guard import check_query
from nutrikg.graph.stores import open_store


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


def run_query(settings: Settings, sparql: str) -> QueryResult:
    """Answer a query over the configured store.

    Raises InvalidQuery (malformed, or an update), QueryRefused (SERVICE, LOAD, a foreign FROM)
    or StoreError (no store: run `nutrikg build` first).
    """
    with closing(open_store(settings, read_only=True)) as store:
        checked = check_query(sparql, known_graphs=store.named_graphs())
        text = expand_prefixes(sparql)
        if checked.form == "ASK":
            return QueryResult(["answer"], [[str(store.ask(text)).lower()]])
        if checked.form == "SELECT":
            rows = store.select(text)
            names = _variables(rows)
            return QueryResult(names, [[row.get(name) for name in names] for row in rows])
        triples = store.construct(text)
        return QueryResult(["subject", "predicate", "object"], [list(t) for t in triples])


def _variables(rows: list[dict[str, str]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return list(names)
