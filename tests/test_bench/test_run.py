"""The runner's parts: budgets hold, ratios bound timeouts, reports render."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench.analysis import evaluate, scale_ratios
from bench.load import run_load
from bench.markdown import render_results
from bench.measure import BudgetExceeded, EngineResult, QueryResult, measure, percentile
from bench.report import END, START, engine_from_json, update_benchmarks_md


def test_a_run_past_its_budget_is_a_timeout() -> None:
    def slow(left: float) -> int:
        raise BudgetExceeded

    result = measure("slow", slow, 0.5, 5)
    assert result.timeout_s == 0.5 and not result.samples_ms
    assert result.bound_ms() == (500.0, True)


def test_repetitions_stop_at_the_budget() -> None:
    def sleepy(left: float) -> int:
        time.sleep(0.05)
        return 3

    began = time.perf_counter()
    result = measure("sleepy", sleepy, 0.3, 100)
    assert time.perf_counter() - began < 2.0  # stops near the budget; without one, 100 x 50 ms
    assert result.rows == 3 and 1 <= len(result.samples_ms) < 10


def test_percentile_is_nearest_rank() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile([], 95) is None


def _engine(name: str, p50s: dict[str, float | None], rows: int = 10) -> EngineResult:
    result = EngineResult(name)
    for query, p50 in p50s.items():
        if p50 is None:
            result.queries[query] = QueryResult(query, timeout_s=10.0)
        else:
            result.queries[query] = QueryResult(query, [p50], rows)
    return result


def test_ratios_bound_timeouts_and_targets_say_by_how_much() -> None:
    engines = {
        "rdflib": _engine("rdflib", {"lookup": 1000.0, "one_hop": None}),
        "rdflib-endpoint": _engine("rdflib-endpoint", {"lookup": 500.0, "one_hop": 100.0}),
        "oxigraph": _engine("oxigraph", {"lookup": 1.0, "one_hop": 1.0}),
        "nutrikg": _engine("nutrikg", {"lookup": 4.0, "one_hop": 2.0}),
    }
    found = scale_ratios(engines)
    per = found["vs_rdflib"]["per_query"]
    assert per["lookup"] == {"ratio": 250.0, "bound": ""}
    assert per["one_hop"] == {"ratio": 5000.0, "bound": ">="}
    assert found["http_overhead_vs_oxigraph"]["small_max"] == 4.0
    targets = {t["name"]: t for t in evaluate(engines, found, None)}
    assert targets["geomean speed-up vs rdflib"]["met"] is True
    overhead = targets["HTTP overhead over in-process pyoxigraph (< 1,000 rows)"]
    assert overhead["met"] is False and "over by 2.0x" in overhead["margin"]
    assert targets["cold start"]["met"] is None


def _run_json() -> dict[str, object]:
    engines = {"rdflib": _engine("rdflib", {"lookup": 100.0}),
               "nutrikg": _engine("nutrikg", {"lookup": 2.0})}  # fmt: skip
    found = scale_ratios(engines)
    return {"scale": "3k", "graph": {"triples": 3000},
            "engines": {k: v.as_json() for k, v in engines.items()},
            "ratios": found, "targets": evaluate(engines, found, None)}  # fmt: skip


HEADER = {
    "command": "python -m bench.run --quick", "timestamp": "t", "duration_min": 0.1,
    "machine": {"nproc": 2, "memory_gib": 1.0, "cpu": "cpu", "kernel": "k", "python": "3.11",
                "libraries": {"rdflib": "7"}, "wrk": None},
    "config": {"reps": 2, "budget_s": 1.0, "load_s": 1.0, "connections": 2},
}  # fmt: skip


def test_benchmarks_md_keeps_the_hand_written_text(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# Title\n\nintro\n\n{START}\nstale table\n{END}\n\n## Analysis\nkept\n")
    update_benchmarks_md(path, [_run_json()], None, HEADER)
    text = path.read_text()
    assert "intro" in text and "## Analysis\nkept" in text and "stale table" not in text
    assert "| `lookup` |" in text and "50.0x" in text


def test_an_answer_broken_off_on_the_way_is_said_so() -> None:
    run = _run_json()
    broken = {"status": None, "message": "RemoteProtocolError: peer closed connection",
              "seconds": 10.4, "rss_before_mb": 640.0, "rss_peak_mb": 676.0}  # fmt: skip
    whole = {"status": 200, "bytes": 218_000_000, "rows": 1_000_440, "seconds": 26.1,
             "rss_before_mb": 224.0, "rss_peak_mb": 508.0}  # fmt: skip
    extra = {"streaming": broken, "streaming_uncapped": whole}
    run["engines"]["nutrikg"]["extra"] = extra  # type: ignore[index]
    text = render_results([run], None, HEADER)
    assert "broken off after 10.4 s (RemoteProtocolError" in text
    assert "HTTP 200, 1,000,440 rows, 218.0 MB in 26.1 s" in text


def test_render_without_runs() -> None:
    assert "Latest run" in render_results([], None, HEADER)


def test_load_targets_must_be_local() -> None:
    with pytest.raises(ValueError):
        run_load("http://example.org/sparql", "q", "ASK {}", 1, 1)


def test_saved_results_give_the_same_ratios() -> None:
    engines = {"rdflib": _engine("rdflib", {"lookup": 100.0, "one_hop": None}),
               "nutrikg": _engine("nutrikg", {"lookup": 2.0, "one_hop": 1.0})}  # fmt: skip
    saved = {name: engine.as_json() for name, engine in engines.items()}
    rebuilt = {name: engine_from_json(name, raw) for name, raw in saved.items()}
    assert scale_ratios(rebuilt) == scale_ratios(engines)
