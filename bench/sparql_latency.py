"""Latency of the SPARQL endpoint over real HTTP, and how fast a runaway query is cut off.

    .venv/bin/python -m bench.sparql_latency [--requests 200] [--data-dir DIR]

Starts uvicorn in a subprocess serving the SPARQL router (the test fixture app) over a
store (the test store, built in a temporary folder, unless --data-dir names a data
folder with a built `store/`), with a 1 s query time limit, then measures with httpx:
the p50 / p95 of a one-row SELECT, the same while two runaway queries run, and the
wall-clock time until a runaway query is answered 504. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.servers import free_port
from nutrikg.api.server import http_command_line

ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
TIMEOUT_S = 1.0
ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def serve(data_dir: Path) -> Iterator[str]:
    """Run uvicorn with the SPARQL app in a subprocess; yield its base URL."""
    port = free_port()
    env = {**os.environ, "NUTRIKG_DATA_DIR": str(data_dir), "NUTRIKG_QUERY_TIMEOUT_S": "1.0"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "--port", str(port)]
    command += [
        "--log-level",
        "warning",
        *http_command_line(),
        "tests.test_api.sparql.serve_fixture:create_app",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def wait_ready(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/sparql/prefixes", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the server did not start")


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2)}


def one_row_latencies(client: httpx.Client, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get("/sparql", params={"query": ONE_ROW})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
    return timings


def cut_off_times(client: httpx.Client, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/sparql", params={"query": RUNAWAY})
        times.append(round(time.perf_counter() - started, 3))
        assert response.status_code == 504, response.text
    return times


def under_load(url: str, client: httpx.Client, count: int) -> list[float]:
    """One-row latencies while two runaway queries run (after the fast lane is warm)."""

    def runaway() -> None:
        with httpx.Client(base_url=url, timeout=30) as own:
            own.get("/sparql", params={"query": RUNAWAY})

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # both runaways have reached their workers
    timings = one_row_latencies(client, count)
    for thread in threads:
        thread.join()
    return timings


def measure(data_dir: Path, requests: int) -> dict[str, object]:
    with serve(data_dir) as url, httpx.Client(base_url=url, timeout=30) as client:
        one_row_latencies(client, 20)  # warm-up: parser, connections, workers
        idle = one_row_latencies(client, requests)
        cut_offs = cut_off_times(client, 3)
        time.sleep(2.0)  # let the killed workers' replacements start
        loaded = under_load(url, client, 10)
    return {
        "one_row_select": {"requests": requests, **percentiles(idle)},
        "one_row_select_during_two_runaways": {"requests": len(loaded), **percentiles(loaded)},
        "runaway_cut_off_s": {"timeout_s": TIMEOUT_S, "runs": cut_offs},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    if args.data_dir is not None:
        print(json.dumps(measure(args.data_dir, args.requests), indent=2))
        return
    sys.path.insert(0, str(ROOT))
    from tests.test_graph.sparql.store_builder import build_store

    with tempfile.TemporaryDirectory() as tmp:
        build_store(Path(tmp) / "store")
        print(json.dumps(measure(Path(tmp), args.requests), indent=2))


if __name__ == "__main__":
    main()
