"""The soak's parts that judge what it saw: wrk's report read by kind of error, and the final
check's comparison of the served dataset with a clean build (the soak itself runs for minutes:
`python -m bench.soak`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph

from bench.load import wrk_figures
from bench.soak.check import Rows, compare, stored
from bench.soak.summary import errors
from bench.soak.writes import Write

WRK_OUT = """Running 1m test @ http://127.0.0.1:8000
  1 threads and 2 connections
  Latency Distribution
     50%    4.65ms
     99%  850.20ms
  17568 requests in 1.00m, 10.20MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    292.79
statuses 200=17564 503:busy=4
"""
A, B, C = "<https://example.org/a>", "<https://example.org/b>", "<https://example.org/c>"
GRAPH = "<https://w3id.org/nutrikg/graph/loaded/extra_0.nt>"


def test_wrk_socket_errors_are_read_by_kind() -> None:
    figures = wrk_figures(WRK_OUT)
    assert (figures.requests, figures.rps, figures.non_2xx) == (17568, 292.79, 4)
    assert (figures.p50_ms, figures.p99_ms) == (4.65, 850.2)
    assert figures.socket_errors == {"connect": 0, "read": 3, "write": 0, "timeout": 2}


def test_unexpected_answers_are_counted_by_kind() -> None:
    seen = Counter({"expected": 9, "http_503:busy": 2, "http_404": 1, "timeout": 3, "connection": 1})
    assert errors(seen) == {
        "5xx": {"503:busy": 2},
        "4xx": {"404": 1},
        "other_status": {},
        "timeouts": 3,
        "connection_errors": 1,
    }


def test_the_default_graph_and_each_loaded_graph_are_compared_apart(tmp_path: Path) -> None:
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(*(pyoxigraph.NamedNode(t[1:-1]) for t in (A, B, C))))
    named = pyoxigraph.NamedNode(GRAPH[1:-1])
    store.add(pyoxigraph.Quad(*(pyoxigraph.NamedNode(t[1:-1]) for t in (B, B, C)), named))
    rows = stored(store)
    assert rows == Rows([f"{A}\t{B}\t{C}"], {GRAPH: [f"{B}\t{B}\t{C}"]})

    assert compare(rows, rows, {})["equal"]
    extra = f"{C}\t{B}\t{A}"
    missing = compare(rows, Rows([*rows.default, extra], rows.named), {})
    assert not missing["equal"] and missing["default_graph"]["examples_only_clean_build"] == [extra]

    # A loaded graph holding what a load killed after its commit wrote is that load's doing.
    killed_file = tmp_path / "v1" / "extra_0.nt"
    killed_file.parent.mkdir()
    killed_file.write_text(f"{B} {B} {C} .\n", encoding="utf-8")
    killed = Write("load", "extra_0", 1, 0.0, outcome="killed")
    before = Rows(rows.default, {})
    verdict = compare(rows, before, {"extra_0": [(killed, killed_file)]})
    assert verdict["equal"] and "version 1" in verdict["loaded_graphs"][GRAPH]
