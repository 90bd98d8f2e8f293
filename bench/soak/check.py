"""The soak's final check: the graph the service answers equals a clean `nutrikg build` of the
corpus folder the writes left, with `nutrikg load` of the RDF files they loaded, in a fresh data
folder. Both sides are read with the same queries and written by the same serialiser (SPARQL
TSV: terms in N-Triples syntax), then compared as sorted rows."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph

from bench.soak.data import Workspace, build, nutrikg, run
from bench.soak.writes import Write, Writer
from nutrikg.graph.assemble.loading import loaded_graph_iri

UNION = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # what a query without FROM sees: built and loaded
NAMED = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"  # the loaded graphs
TSV = "text/tab-separated-values"
EXAMPLES = 5


@dataclass(frozen=True)
class Rows:
    """A dataset as sorted TSV rows: the default graph's triples, and each named graph's."""

    default: list[str]
    named: dict[str, list[str]]


def served(url: str, timeout_s: float = 300.0) -> Rows:
    """The dataset the service answers, through its SPARQL endpoint."""
    with httpx.Client(timeout=timeout_s) as client:

        def rows(query: str) -> list[str]:
            answer = client.get(f"{url}/sparql", params={"query": query}, headers={"Accept": TSV})
            answer.raise_for_status()
            return answer.text.splitlines()[1:]

        return _split(rows(UNION), rows(NAMED))


def stored(store: pyoxigraph.Store) -> Rows:
    """The dataset of a store, read with the same queries in-process."""

    def rows(query: str) -> list[str]:
        answer = store.query(query, use_default_graph_as_union=True)
        assert isinstance(answer, pyoxigraph.QuerySolutions)
        written = answer.serialize(format=pyoxigraph.QueryResultsFormat.TSV) or b""
        return written.decode().splitlines()[1:]

    return _split(rows(UNION), rows(NAMED))


def _split(union: list[str], named: list[str]) -> Rows:
    """The union's rows less the loaded graphs' triples, and the loaded graphs' rows by graph."""
    graphs: dict[str, list[str]] = defaultdict(list)
    for row in named:
        graph, triple = row.split("\t", 1)
        graphs[graph].append(triple)
    loaded = {triple for triples in graphs.values() for triple in triples}
    default = sorted(row for row in union if row not in loaded)
    return Rows(default, {graph: sorted(triples) for graph, triples in sorted(graphs.items())})


def final_check(url: str, workspace: Workspace, writer: Writer) -> dict[str, Any]:
    """What the service answers now against a clean build of what the writes left."""
    served_rows = served(url)
    clean_rows = stored(pyoxigraph.Store.read_only(str(clean_build(workspace, writer))))
    killed = {
        name: [(write, writer.source(write)) for write in writes]
        for name, writes in killed_after_last_done(writer.writes).items()
    }
    return compare(served_rows, clean_rows, killed)


def clean_build(workspace: Workspace, writer: Writer) -> Path:
    """A fresh data folder: `nutrikg build` of the corpus, then `nutrikg load` of the last
    version of each RDF file whose load finished. Its store folder."""
    data = workspace.root / "clean" / "data"
    shutil.rmtree(data.parent, ignore_errors=True)
    log = workspace.logs / "clean.log"
    build(workspace.corpus, data, log)
    for write in last_done_loads(writer.writes):
        run(nutrikg("load", "--data-dir", data, writer.source(write)), log)
    return data / "store"


def last_done_loads(writes: Iterable[Write]) -> list[Write]:
    """Per RDF file, the last load that finished."""
    last: dict[str, Write] = {}
    for write in writes:
        if write.kind == "load" and write.outcome == "done":
            last[write.target] = write
    return [last[name] for name in sorted(last)]


def killed_after_last_done(writes: Sequence[Write]) -> dict[str, list[Write]]:
    """Per RDF file, the loads killed after its last finished one: each may have committed."""
    found: dict[str, list[Write]] = defaultdict(list)
    for write in writes:
        if write.kind != "load":
            continue
        if write.outcome == "done":
            found[write.target] = []
        elif write.outcome == "killed":
            found[write.target].append(write)
    return {name: killed for name, killed in found.items() if killed}


def compare(
    served_rows: Rows, clean_rows: Rows, killed: dict[str, list[tuple[Write, Path]]]
) -> dict[str, Any]:
    """Equal or the differences; a loaded graph equal to the file of a load killed after its
    commit counts as equal (that load took effect, as a transaction may)."""
    default = _diff(served_rows.default, clean_rows.default)
    named: dict[str, Any] = {}
    for graph in sorted(served_rows.named.keys() | clean_rows.named.keys()):
        mine, theirs = served_rows.named.get(graph, []), clean_rows.named.get(graph, [])
        if mine == theirs:
            named[graph] = "equal"
            continue
        named[graph] = _killed_match(graph, mine, killed) or _diff(mine, theirs)
    equal = default["equal"] and all(isinstance(v, str) for v in named.values())
    return {"equal": equal, "default_graph": default, "loaded_graphs": named}


def _killed_match(graph: str, rows: list[str], killed: dict[str, list[tuple[Write, Path]]]) -> str | None:
    for candidates in killed.values():
        for write, path in candidates:
            if f"<{loaded_graph_iri(path)}>" == graph and rows == _file_rows(path, graph):
                return f"equal to version {write.version}, loaded by a write killed after its commit"
    return None


def _file_rows(path: Path, graph: str) -> list[str]:
    store = pyoxigraph.Store()
    store.load(
        path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(graph[1:-1])
    )
    return stored(store).named.get(graph, [])


def _diff(mine: list[str], theirs: list[str]) -> dict[str, Any]:
    only_served = sorted(set(mine) - set(theirs))
    only_clean = sorted(set(theirs) - set(mine))
    return {
        "equal": mine == theirs,
        "served": len(mine),
        "clean_build": len(theirs),
        "only_served": len(only_served),
        "only_clean_build": len(only_clean),
        "examples_only_served": only_served[:EXAMPLES],
        "examples_only_clean_build": only_clean[:EXAMPLES],
    }
