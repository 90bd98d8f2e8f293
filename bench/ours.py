"""Our service over HTTP: store load, cold start, the query mix, the JSON API, throughput,
memory, a full-graph SELECT (streamed) and the export."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.config import RunConfig
from bench.http_client import HttpEngine
from bench.load import load_server
from bench.measure import EngineResult
from bench.queries import FULL_DUMP, LOAD_QUERIES, QUERY_MIX
from bench.servers import SPARQL_JSON, Server, launch_ours

Log = Callable[[str], None]
API_CALLS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("search_api", "/api/v1/entities", {"q": "menaquinone-7"}),  # the lookup, via the API
    ("paths_api", "/api/v1/paths", {"source": "nm:vitamin_k2", "target": "nm:osteoporosis"}),
    ("export", "/export", {}),
)
UNCAPPED_TIMEOUT_S = 600  # query time limit of the second run (a million rows take a while)


def prepare_data_dir(graph_file: Path, data_dir: Path) -> float:
    """Make `data_dir` hold `graph_file` as nutrikg.nt and a freshly bulk-loaded store/.

    Returns the seconds the store load took. Raises OSError when files cannot be written.
    """
    from nutrikg.graph.stores import replace_default_graph

    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / "nutrikg.nt"
    target.unlink(missing_ok=True)
    try:
        os.link(graph_file, target)  # the very same file, not a copy
    except OSError:
        target.symlink_to(graph_file.resolve())
    started = time.perf_counter()
    replace_default_graph(data_dir / "store", target)
    return time.perf_counter() - started


def run_ours(graph_file: Path, scale: str, config: RunConfig, uncapped: bool, log: Log) -> EngineResult:
    """Everything measured of our service at one scale."""
    result = EngineResult("nutrikg")
    data_dir = config.scratch / f"data-{scale}"
    result.load_s = round(prepare_data_dir(graph_file, data_dir), 3)
    log(f"nutrikg: store loaded in {result.load_s} s")
    server = _start(data_dir, config, {}, f"nutrikg-{scale}.log")
    result.ready_s = round(server.wait_ready(config.ready_limit_s), 3)
    log(f"nutrikg: cold start {result.ready_s} s")
    try:
        # Timed runs start once the JSON API has opened the graph too: its loading shares the
        # machine with the queries, and cold start is measured on its own.
        result.extra["api_ready_s"] = round(server.wait_url(server.base_url + "/api/v1/stats",
                                                            config.ready_limit_s), 3)  # fmt: skip
        log(f"nutrikg: JSON API ready {result.extra['api_ready_s']} s")
        _serve_mix(server, config, result, log)
    finally:
        server.stop()
    if uncapped:
        result.extra["streaming_uncapped"] = _uncapped(data_dir, config, log)
    return result


def _start(data_dir: Path, config: RunConfig, env: dict[str, str], log_name: str) -> Server:
    """Our service with its query time limit set to the per-query budget (unless `env` says)."""
    env = {"NUTRIKG_QUERY_TIMEOUT_S": str(config.budget_s), **env}
    return launch_ours(data_dir, config.scratch / "logs" / log_name, env)


def _serve_mix(server: Server, config: RunConfig, result: EngineResult, log: Log) -> None:
    engine = HttpEngine.open(server.sparql_url)
    try:
        for query in QUERY_MIX:
            result.queries[query.name] = engine.measure_sparql(
                query.name, query.text, config.budget_s, config.reps
            )
            log(f"nutrikg: {query.name} {result.queries[query.name].summary()}")
        for name in LOAD_QUERIES:
            load_server(server, name, config, result, log)
        result.peak_rss_mb = round(server.sampler.peak_mb, 1)
        result.extra["streaming"] = full_select(server, config.budget_s * 3) | {
            "query_timeout_s": config.budget_s
        }
        log(f"nutrikg: full-graph SELECT: {result.extra['streaming']}")
        # Last: a JSON API call past its budget cannot be stopped and keeps the server busy.
        for name, path, params in API_CALLS:
            _api_call(engine, server, config, result, name, path, params)
            if name in result.queries:
                log(f"nutrikg: {name} {result.queries[name].summary()}")
    finally:
        engine.close()


def _api_call(
    engine: HttpEngine, server: Server, config: RunConfig, result: EngineResult, name: str,
    path: str, params: dict[str, str],
) -> None:  # fmt: skip
    """Time one JSON API route, or note that the service has no such route."""
    if not _has_route(engine, server, path):
        result.notes.append(f"{name}: skipped, the service has no GET {path} route")
        return
    before = server.sampler.peak_mb
    server.sampler.reset_window()
    outcome = engine.measure_get(name, server.base_url + path, params, config.budget_s,
                                 config.reps)  # fmt: skip
    outcome.note = "rows = response bytes"
    result.queries[name] = outcome
    result.extra[f"{name}_peak_rss_mb"] = round(max(before, server.sampler.window_peak_mb), 1)


def _has_route(engine: HttpEngine, server: Server, path: str) -> bool:
    try:
        spec = engine.client.get(server.base_url + "/openapi.json", timeout=30).json()
    except (httpx.HTTPError, ValueError):
        return False
    return path in spec.get("paths", {})


def full_select(server: Server, limit_s: float) -> dict[str, object]:
    """A SELECT of every triple: status, rows or error, time, and memory while it runs."""
    server.sampler.reset_window()
    baseline = server.sampler.current_mb()
    began = time.perf_counter()
    outcome: dict[str, object] = {}
    try:
        with httpx.Client(timeout=limit_s) as client:
            response = client.get(server.sparql_url, params={"query": FULL_DUMP},
                                  headers={"Accept": SPARQL_JSON})  # fmt: skip
        outcome |= {"status": response.status_code, "bytes": len(response.content)}
        if response.status_code == 200:
            outcome["rows"] = len(response.json()["results"]["bindings"])
        else:
            outcome["message"] = response.text[:200]
    except httpx.HTTPError as exc:
        outcome |= {"status": None, "message": f"{type(exc).__name__}: {exc}"[:200]}
    time.sleep(0.2)  # let the sampler see the answer's memory before it is freed
    outcome |= {
        "seconds": round(time.perf_counter() - began, 3),
        "rss_before_mb": round(baseline, 1),
        "rss_peak_mb": round(server.sampler.window_peak_mb, 1),
    }
    return outcome


def _uncapped(data_dir: Path, config: RunConfig, log: Log) -> dict[str, object]:
    """A second server with the time limit raised: memory of really answering every triple."""
    env = {"NUTRIKG_QUERY_TIMEOUT_S": str(UNCAPPED_TIMEOUT_S)}
    server = _start(data_dir, config, env, "nutrikg-uncapped.log")
    try:
        ready = round(server.wait_ready(config.ready_limit_s), 3)
        outcome = full_select(server, UNCAPPED_TIMEOUT_S) | {
            "cold_start_s": ready, "query_timeout_s": UNCAPPED_TIMEOUT_S,
        }  # fmt: skip
    finally:
        server.stop()
    log(f"nutrikg: uncapped full-graph SELECT: {outcome}")
    return outcome
