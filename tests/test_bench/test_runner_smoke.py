"""The runner end to end at a tiny scale: every engine, over HTTP where it serves HTTP, with the
httpx load generator standing in for wrk."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.analysis import evaluate
from bench.config import RunConfig
from bench.generate import ScaleGraph
from bench.markdown import render_results
from bench.queries import QUERY_MIX
from bench.run import run_scale

ENGINES = ("rdflib", "oxigraph", "rdflib-endpoint", "nutrikg")


def test_one_tiny_scale_end_to_end(
    tiny_graph: ScaleGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bench.load.shutil.which", lambda name: None)  # no wrk needed
    config = RunConfig(scales=("6k",), reps=2, budget_s=5.0, load_s=0.3, connections=2,
                       ready_limit_s=60.0, scratch=tmp_path, results=tmp_path)  # fmt: skip
    run = run_scale(tiny_graph, config, ENGINES, largest=False)
    results = run.pop("_results")
    for name in ENGINES:
        assert results[name].error is None, (name, results[name].error)
        assert len(results[name].queries) >= 8, name
    for query in QUERY_MIX:  # rdflib repeats the zero-length match of `*`, so paths may differ
        rows = {name: results[name].queries[query.name].rows for name in ENGINES}
        assert query.name == "path" or len(set(rows.values())) == 1, (query.name, rows)
    for name in ("rdflib-endpoint", "nutrikg"):
        loads = results[name].throughput
        assert [t["tool"] for t in loads] == ["httpx", "httpx"]
        assert all(t["requests"] > 0 for t in loads), loads
    ours = results["nutrikg"]
    assert ours.ready_s is not None and ours.peak_rss_mb
    assert ours.extra["streaming"]["status"] == 200
    run["targets"] = evaluate(results, run["ratios"], None)
    header = {"command": "test", "timestamp": "t",
              "machine": {"nproc": 2, "memory_gib": 1, "cpu": "c", "kernel": "k", "python": "3",
                          "libraries": {}, "wrk": None},
              "config": {"reps": 2, "budget_s": 5.0, "load_s": 0.5, "connections": 2}}  # fmt: skip
    text = render_results([header | run], None, header)
    assert "| `lookup` |" in text and "nutrikg HTTP" in text
