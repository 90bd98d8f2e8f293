"""The whole service under clients that misbehave: abandoned large answers, and runaway floods.

    .venv/bin/python -m bench.overload [--data-dir DIR] [--timeout 10] [--runaways 48]
                                       [--scenario abandoned|flood|both]

Starts `uvicorn --factory nutrikg.api.server:app_from_env` in a subprocess over a built data
folder (the shipped corpus, built into a temporary folder, unless --data-dir names one), with
the given query time limit, then measures with httpx over loopback:

- abandoned: 4 x (most workers + 2) clients ask for a huge answer and hang up after its first
  bytes; then the time until a one-row query answers 200 again, counted from the last hang-up;
- flood: N concurrent runaway queries; once they are in, the latency of a one-row SPARQL query,
  of GET /api/v1/stats and of a pattern query beside them, and the runaways' status codes.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.servers import free_port
from nutrikg.api.server import http_command_line

ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"
HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
MOST_WORKERS = 4  # query_workers (2) + the pool's spares (2)
ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def serve(data_dir: Path, timeout_s: float) -> Iterator[str]:
    """The whole service in a subprocess over `data_dir`; yields its base URL."""
    port = free_port()
    env = {**os.environ, "NUTRIKG_DATA_DIR": str(data_dir), "NUTRIKG_QUERY_TIMEOUT_S": str(timeout_s)}
    command = [sys.executable, "-m", "uvicorn", "--factory", "nutrikg.api.server:app_from_env"]
    command += ["--port", str(port), "--log-level", "warning", *http_command_line()]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not answers(f"{url}/api/v1/stats"):
            assert process.poll() is None and time.monotonic() < deadline, "the service did not start"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def abandon(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        raw.sendall(f"GET /sparql?query={quote(HUGE)} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        raw.recv(4096)


def abandoned(url: str, give_up_s: float) -> dict[str, object]:
    port = int(url.rsplit(":", 1)[1])
    threads = [threading.Thread(target=abandon, args=(port,)) for _ in range(4 * (MOST_WORKERS + 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = time.monotonic()
    statuses: list[int] = []
    while time.monotonic() - started < give_up_s:
        try:
            status = httpx.get(f"{url}/sparql", params={"query": ONE_ROW}, timeout=give_up_s).status_code
        except httpx.TimeoutException:
            status = 0
        statuses.append(status)
        if status == 200:
            return {"answers_again_after_s": round(time.monotonic() - started, 2), "statuses": statuses}
        time.sleep(0.1)
    return {"answers_again_after_s": None, "statuses": dict(Counter(statuses))}


def timed(request: httpx.Request, client: httpx.Client) -> dict[str, object]:
    started = time.perf_counter()
    try:
        status = client.send(request).status_code
    except httpx.TimeoutException:
        status = 0
    return {"status": status, "seconds": round(time.perf_counter() - started, 3)}


def flood(url: str, runaways: int, timeout_s: float) -> dict[str, object]:
    codes: list[int] = []

    def runaway() -> None:
        with httpx.Client(timeout=timeout_s * 3) as own:
            codes.append(own.get(f"{url}/sparql", params={"query": RUNAWAY}).status_code)

    threads = [threading.Thread(target=runaway) for _ in range(runaways)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # the flood is in: every worker runs a runaway, the rest are waiting or refused
    beside: dict[str, object] = {}
    with httpx.Client(timeout=timeout_s * 2) as client:
        for name, request in {
            "one_row_sparql": client.build_request("GET", f"{url}/sparql", params={"query": ONE_ROW}),
            "stats": client.build_request("GET", f"{url}/api/v1/stats"),
            "pattern_query": client.build_request(
                "POST", f"{url}/api/v1/query", json={"where": [["vitamin K2", "label", "?l"]]}
            ),
        }.items():
            beside[name] = timed(request, client)
    for thread in threads:
        thread.join()
    return {"beside_runaways": beside, "runaway_statuses": dict(Counter(codes))}


def built_data() -> Path:
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.assemble.persist import save_build
    from nutrikg.graph.settings import Settings

    data_dir = Path(tempfile.mkdtemp(prefix="nutrikg-overload-"))
    settings = Settings(corpus_dir=ROOT / "corpus", data_dir=data_dir)
    save_build(build_graph(settings.corpus_dir), settings)
    return data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=10.0, help="the service's query time limit")
    parser.add_argument("--runaways", type=int, default=48)
    parser.add_argument("--scenario", choices=["abandoned", "flood", "both"], default="both")
    args = parser.parse_args()
    data_dir = args.data_dir or built_data()
    result: dict[str, object] = {"query_timeout_s": args.timeout}
    with serve(data_dir, args.timeout) as url:
        if args.scenario in ("abandoned", "both"):
            result["abandoned"] = abandoned(url, args.timeout * 3)
        if args.scenario in ("flood", "both"):
            result["flood"] = flood(url, args.runaways, args.timeout)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
