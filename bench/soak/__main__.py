"""A soak of the whole service: N minutes of mixed traffic while writers change its data folder.

    python -m bench.soak [--minutes 10] [--data-dir DIR] [--query-timeout 10] [--connections 2]
                         [--kill-share 0.25] [--results bench/results]

Builds a data folder (`nutrikg build` of the shipped corpus plus generated documents) in DIR
(default: a new temporary folder, kept for inspection), starts the service over it (uvicorn, as
bench.overload does) and, for N minutes, runs at once:

- wrk (the httpx generator of bench.load when wrk is missing) cycling small SPARQL queries and
  JSON API routes (bench/soak/mix.lua);
- Python clients: small queries timed one after the other (one-row SPARQL, /api/v1/stats, an
  entity, a pattern query), bursts of clients hanging up on huge answers, pairs of runaways;
- a writer: every few seconds `nutrikg add` of a pool document or `nutrikg load` of an RDF file
  into the folder the service follows, some killed with SIGKILL at a random moment; each
  finished write must be seen by the very next request;
- a sampler of the RSS of the service and its query workers.

Then it compares the graph the service answers with a clean `nutrikg build` (and loads) of what
the writes left in a fresh folder. Prints one JSON object, writes it to
bench/results/soak-<timestamp>.json and a summary to bench/results/soak.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.config import RESULTS
from bench.report import machine, write_result
from bench.servers import Server, launch_ours
from bench.soak import summary
from bench.soak.check import final_check
from bench.soak.clients import Abandoner, Runaways, SmallQueries, non_2xx_by_route
from bench.soak.data import Shape, Workspace, build, prepare
from bench.soak.markdown import render
from bench.soak.memory import MemorySeries
from bench.soak.mix import Mix
from bench.soak.writes import Writer

READY_LIMIT_S = 300.0


@dataclass
class Parts:
    """Everything that runs during the soak, each with what it recorded."""

    mix: Mix
    small: SmallQueries
    abandoner: Abandoner
    runaways: Runaways
    writer: Writer
    memory: MemorySeries


def main(argv: list[str] | None = None) -> None:
    options = _options(argv)
    workspace = Workspace(options.data_dir or Path(tempfile.mkdtemp(prefix="nutrikg-soak-")))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    header: dict[str, Any] = {"command": "python -m bench.soak " + " ".join(argv or sys.argv[1:])}
    header |= {"timestamp": stamp, "machine": machine(), "workspace": str(workspace.root)}
    header["machine"]["loadavg_start"] = [round(x, 2) for x in os.getloadavg()]
    _log(f"preparing {workspace.root}")
    prepare(workspace, Shape())
    build(workspace.corpus, workspace.data, workspace.logs / "build.log")
    env = {"NUTRIKG_QUERY_TIMEOUT_S": str(options.query_timeout), "NUTRIKG_CORPUS_DIR": str(workspace.corpus)}
    server = launch_ours(workspace.data, workspace.logs / "service.log", env)
    try:
        server.wait_url(f"{server.base_url}/api/v1/stats", READY_LIMIT_S)
        before = non_2xx_by_route(server.base_url)  # the 503s of the wait for the graph to load
        parts = _soak(server, workspace, options)
        after = non_2xx_by_route(server.base_url)
        refused = {route: n - before.get(route, 0) for route, n in after.items() if n > before.get(route, 0)}
        _log("final check: a clean build of what the writes left")
        check = final_check(server.base_url, workspace, parts.writer)
    finally:
        server.stop()
    header["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    result = header | _figures(parts, server, options)
    result |= {"non_2xx_by_route": refused, "final_check": check}
    result["result_file"] = str(Path("bench/results") / f"soak-{stamp}.json")
    print(json.dumps(result, indent=1))
    write_result(options.results, "soak", stamp, result)
    (options.results / "soak.md").write_text(render(result), encoding="utf-8")


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--data-dir", type=Path, default=None, help="the soak's folder (default: a new one)")
    parser.add_argument("--query-timeout", type=float, default=10.0, help="the service's query time limit")
    parser.add_argument("--connections", type=int, default=2, help="the load generator's connections")
    parser.add_argument("--kill-share", type=float, default=0.25, help="share of writes killed")
    parser.add_argument("--results", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def _soak(server: Server, workspace: Workspace, options: argparse.Namespace) -> Parts:
    """Every client, the writer and the sampler for `options.minutes`; what they recorded."""
    url, started = server.base_url, time.perf_counter()
    until = started + options.minutes * 60
    parts = Parts(
        Mix(url, started, options.connections),
        SmallQueries(url, started),
        Abandoner(url),
        Runaways(url, options.query_timeout),
        Writer(workspace, Shape(), url, started, kill_share=options.kill_share),
        MemorySeries(server.process.pid, workspace.data / "store", started),
    )
    stop = threading.Event()
    runs: list[Callable[[], None]] = [
        lambda: parts.mix.run(stop, until),
        *(lambda part=part: part.run(stop) for part in (parts.small, parts.abandoner, parts.runaways)),
        lambda: parts.writer.run(stop),
        lambda: parts.memory.run(stop),
    ]
    threads = [threading.Thread(target=run, daemon=True) for run in runs]
    for thread in threads:
        thread.start()
    _log(f"soaking for {options.minutes:g} minutes with {parts.mix.tool}")
    while (left := until - time.perf_counter()) > 0:
        time.sleep(min(left, 60.0))
        _log(f"{(time.perf_counter() - started) / 60:.1f} min: {len(parts.writer.writes)} writes")
    stop.set()
    for thread in threads:
        thread.join()
    return parts


def _figures(parts: Parts, server: Server, options: argparse.Namespace) -> dict[str, Any]:
    mix_segments = parts.mix.segments
    return {
        "minutes": options.minutes,
        "query_timeout_s": options.query_timeout,
        "kill_share": options.kill_share,
        "write_pause_s": list(parts.writer.pause_s),
        "mix": {"tool": parts.mix.tool, "connections": options.connections}
        | summary.mix_figures(mix_segments),
        "errors": {
            "load generator": summary.mix_errors(mix_segments),
            "small queries": summary.errors(parts.small.tally.outcomes),
            "abandoned answers": summary.errors(parts.abandoner.tally.outcomes),
            "runaways": summary.errors(parts.runaways.tally.outcomes),
        },
        "expected": {
            "abandoned answers": f"{parts.abandoner.tally.outcomes['expected']} hung up on",
            "runaways": f"{parts.runaways.tally.outcomes['expected']} stopped (504) or refused (503)",
        },
        "small_queries": summary.latency(parts.small.samples),
        "writes": summary.writes(parts.writer.writes),
        "memory": summary.memory(parts.memory.samples, server.sampler.peak_mb),
        "service_log": summary.log_problems(server.log),
    }


def _log(message: str) -> None:
    print(f"soak: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
