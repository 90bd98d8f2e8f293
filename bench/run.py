"""`python -m bench.run` (what `make bench` runs): the scale graphs, every engine side by side
at each scale, extraction throughput, then bench/results/*.json and BENCHMARKS.md.

    python -m bench.run                      # 10k, 100k and 1m, full repetitions
    python -m bench.run --quick              # fewer repetitions, shorter budgets and loads
    python -m bench.run --scales 10k,100k    # some scales only
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.analysis import evaluate, scale_ratios
from bench.config import BENCHMARKS_MD, RunConfig
from bench.diagnose import query_check_ms
from bench.extraction import cores, make_corpus, measure_build
from bench.generate import ScaleGraph, corpus_base, generate, parse_scale
from bench.load import WRK_HINT
from bench.markdown import API_QUERIES
from bench.measure import EngineResult
from bench.ours import run_ours
from bench.peers import run_inprocess, run_rdflib_endpoint
from bench.report import machine, update_benchmarks_md, write_result

ENGINES = ("rdflib", "oxigraph", "rdflib-endpoint", "nutrikg")
STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> tuple[RunConfig, tuple[str, ...], bool]:
    parser = argparse.ArgumentParser(description="Benchmark nutrikg against its peers.")
    parser.add_argument("--scales", default="10k,100k,1m", help="comma-separated, e.g. 10k,1m")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, short budgets")
    every = ",".join(ENGINES)
    parser.add_argument("--engines", default=every, help=f"a subset of {every}")
    parser.add_argument("--skip-extraction", action="store_true")
    parser.add_argument("--budget", type=float, help="seconds per query and engine")
    args = parser.parse_args(argv)
    scales = tuple(s.strip() for s in args.scales.split(",") if s.strip())
    for scale in scales:
        parse_scale(scale)  # fail early on a malformed scale
    config = RunConfig.quick_run(scales) if args.quick else RunConfig(scales=scales)
    if args.budget:
        config = replace(config, budget_s=args.budget)
    engines = tuple(e for e in args.engines.split(",") if e in ENGINES)
    return config, engines, not args.skip_extraction


def run_engine(name: str, graph: ScaleGraph, config: RunConfig, done: dict[str, EngineResult],
               largest: bool) -> EngineResult:  # fmt: skip
    """One engine at one scale; any failure becomes an error in its result."""
    load = round(os.getloadavg()[0], 2)
    result = _run_engine(name, graph, config, done, largest)
    result.extra["loadavg_at_start"] = load  # other work on the machine skews timings
    return result


def _run_engine(name: str, graph: ScaleGraph, config: RunConfig, done: dict[str, EngineResult],
                largest: bool) -> EngineResult:  # fmt: skip
    try:
        if name in ("rdflib", "oxigraph"):
            return run_inprocess(name, graph.path, config, log)
        if name == "rdflib-endpoint":
            rdflib = done.get("rdflib", EngineResult("rdflib"))
            return run_rdflib_endpoint(graph.path, config, rdflib, log)
        return run_ours(graph.path, graph.recipe.scale, config, largest, log)
    except Exception as exc:  # one broken engine must not lose the others' results
        log(f"{name}: failed: {type(exc).__name__}: {exc}")
        return EngineResult(name, error=f"{type(exc).__name__}: {exc}"[:300])


def row_mismatches(engines: dict[str, EngineResult]) -> list[str]:
    """Queries on which engines that answered disagree about the number of rows."""
    found = []
    names = {q for e in engines.values() for q in e.queries if q not in API_QUERIES}
    for query in sorted(names):
        counts = {e.engine: e.queries[query].rows for e in engines.values()
                  if query in e.queries and e.queries[query].rows is not None}  # fmt: skip
        if len(set(counts.values())) > 1:
            found.append(f"{query}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return found


def run_scale(graph: ScaleGraph, config: RunConfig, engines: tuple[str, ...],
              largest: bool) -> dict[str, Any]:  # fmt: skip
    results: dict[str, EngineResult] = {}
    for name in engines:
        results[name] = run_engine(name, graph, config, results, largest)
    info = asdict(graph) | {"path": graph.path.name,
                            "file_mb": round(graph.path.stat().st_size / 1e6, 1)}  # fmt: skip
    return {
        "kind": "scale",
        "scale": graph.recipe.scale,
        "graph": info,
        "engines": {name: result.as_json() for name, result in results.items()},
        "ratios": scale_ratios(results),
        "row_mismatches": row_mismatches(results),
        "_results": results,
    }


def run_extraction(config: RunConfig) -> dict[str, Any]:
    corpus = make_corpus(config.scratch / f"extraction-{config.extraction_docs}",
                         config.extraction_docs)  # fmt: skip
    log(f"extraction: {config.extraction_docs} documents in {corpus}")
    one = measure_build(corpus, 1)
    log(f"extraction: 1 worker {one['docs_per_s']} docs/s")
    every = measure_build(corpus, cores())
    log(f"extraction: {cores()} workers {every['docs_per_s']} docs/s")
    return {"kind": "extraction", "cores": cores(), "one_core": one, "all_cores": every}


def main(argv: list[str] | None = None) -> None:
    config, engines, extraction_wanted = parse_args(argv)
    command = "python -m bench.run " + shlex.join(sys.argv[1:] if argv is None else argv)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    header: dict[str, Any] = {"command": command.strip(), "timestamp": stamp,
                              "machine": machine(), "config": _config_json(config)}  # fmt: skip
    header["machine"]["loadavg_start"] = [round(x, 2) for x in os.getloadavg()]
    header["query_check_ms"] = query_check_ms()
    if header["machine"]["wrk"] is None:
        log(WRK_HINT)
    extraction = run_extraction(config) if extraction_wanted else None
    base = corpus_base(scratch=config.scratch)
    largest = max(config.scales, key=parse_scale)
    runs = []
    for scale in config.scales:
        graph = generate(scale, base, config.scratch)
        log(f"{scale}: {graph.triples:,} triples in {graph.path}")
        run = run_scale(graph, config, engines, scale == largest)
        results = run.pop("_results")
        run["targets"] = evaluate(results, run["ratios"], extraction)
        runs.append(header | run)
        log(f"{scale}: wrote {write_result(config.results, scale, stamp, runs[-1])}")
    if extraction:
        write_result(config.results, "extraction", stamp, header | extraction)
    header["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    header["duration_min"] = round((time.perf_counter() - STARTED) / 60, 1)
    for run in runs:  # the files say how long the whole run took, too
        run |= {"machine": header["machine"], "duration_min": header["duration_min"]}
        write_result(config.results, run["scale"], stamp, run)
    update_benchmarks_md(BENCHMARKS_MD, runs, extraction, header)
    log(f"updated {BENCHMARKS_MD}")


def _config_json(config: RunConfig) -> dict[str, Any]:
    """The run's knobs, with folders relative to the project (the files are committed)."""
    root = BENCHMARKS_MD.parent
    data = asdict(config)
    for key, value in data.items():
        if isinstance(value, Path):
            data[key] = str(value.relative_to(root)) if value.is_relative_to(root) else str(value)
    return data


if __name__ == "__main__":
    main()
