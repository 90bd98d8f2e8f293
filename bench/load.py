"""Throughput under concurrent load, from a second process: wrk when it is installed, else a
small httpx load generator (`python -m bench.load URL ...`) bounded in requests and duration.
Targets are refused unless they are on 127.0.0.1."""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

from bench.config import RunConfig
from bench.measure import EngineResult, percentile
from bench.queries import by_name
from bench.servers import SPARQL_JSON, Server

WRK_HINT = "wrk not found: `apt-get install -y wrk` (Debian) measures throughput more precisely; "
WRK_HINT += "using the built-in httpx load generator instead."
MAX_REQUESTS = 50_000
IDLE_LIMIT_S = 60.0  # longest wait for a server to work off requests a load test abandoned


@dataclass
class Throughput:
    """What a load run achieved."""

    tool: str
    query: str
    connections: int
    seconds: float
    requests: int
    errors: int
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    statuses: dict[int, int] = field(default_factory=dict)  # by HTTP status, 0 for no answer (httpx only)


def run_load(sparql_url: str, query_name: str, text: str, seconds: float, connections: int) -> Throughput:
    """Load `sparql_url` with one query for `seconds` over `connections` connections.

    Raises ValueError for a target other than 127.0.0.1.
    """
    url = f"{sparql_url}?{urlencode({'query': text})}"
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"load targets must be 127.0.0.1, not {url}")
    if shutil.which("wrk"):
        return _wrk(url, query_name, seconds, connections)
    print(WRK_HINT, file=sys.stderr)
    return _httpx(url, query_name, seconds, connections)


def load_server(
    server: Server, name: str, config: RunConfig, result: EngineResult, log: Callable[[str], None]
) -> bool:
    """Load `server` with query `name`, record it in `result`, then wait until the server has
    worked off what the load left queued; False when it has not within IDLE_LIMIT_S."""
    outcome = run_load(server.sparql_url, name, by_name(name).text, config.load_s,
                       config.connections)  # fmt: skip
    result.throughput.append(asdict(outcome))
    log(f"{result.engine}: {name} under load: {outcome.rps} req/s, {outcome.errors} errors")
    return server.wait_idle(IDLE_LIMIT_S)


def _wrk(url: str, query_name: str, seconds: float, connections: int) -> Throughput:
    duration, timeout = max(1, round(seconds)), max(2, round(seconds))
    args = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
            f"--timeout={timeout}s", "-H", f"Accept: {SPARQL_JSON}", url]  # fmt: skip
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
    figures = wrk_figures(out)
    errors = figures.non_2xx + sum(figures.socket_errors.values())
    return Throughput("wrk", query_name, connections, seconds, figures.requests, errors, figures.rps,
                      figures.p50_ms, figures.p99_ms)  # fmt: skip


@dataclass(frozen=True)
class WrkFigures:
    """What wrk printed: requests, rate, latency percentiles, error counts by kind."""

    requests: int
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    non_2xx: int  # answers with a status outside 2xx and 3xx
    socket_errors: dict[str, int]  # connect, read, write, timeout


def wrk_figures(out: str) -> WrkFigures:
    """Parse the report wrk prints (run with `--latency`)."""
    socket_errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    line = _grab(r"(Socket errors:.*)", out) or ""
    for kind, count in re.findall(r"(connect|read|write|timeout) (\d+)", line):
        socket_errors[kind] = int(count)
    return WrkFigures(
        int(_grab(r"(\d+) requests in", out) or 0),
        float(_grab(r"Requests/sec:\s+([\d.]+)", out) or 0.0),
        _wrk_ms(_grab(r"50%\s+([\d.]+\w+)", out)),
        _wrk_ms(_grab(r"99%\s+([\d.]+\w+)", out)),
        int(_grab(r"Non-2xx or 3xx responses: (\d+)", out) or 0),
        socket_errors,
    )


def _grab(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(1) if match else None


def _wrk_ms(value: str | None) -> float | None:
    """wrk's `1.23ms`, `450.00us`, `2.01s` or `1.50m` in milliseconds."""
    if value is None:
        return None
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}.get(unit, 1.0)
    return round(float(number) * factor, 3)


def _httpx(url: str, query_name: str, seconds: float, connections: int) -> Throughput:
    args = [sys.executable, "-m", "bench.load", url, str(seconds), str(connections)]
    done = subprocess.run(
        args, capture_output=True, text=True, timeout=seconds + 120,
        cwd=Path(__file__).resolve().parent.parent, check=True,
    )  # fmt: skip
    data = json.loads(done.stdout)
    return Throughput(**(data | {"query": query_name}))


def generate_load(urls: str | Sequence[str], seconds: float, connections: int) -> Throughput:
    """The httpx load generator: `connections` threads, each with its own keep-alive client,
    each asking for the URLs in turn."""
    targets = [urls] if isinstance(urls, str) else list(urls)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(start: int) -> None:
        with httpx.Client(headers={"Accept": SPARQL_JSON}, timeout=max(seconds, 2.0)) as client:
            for number in itertools.count(start):
                if time.perf_counter() >= deadline or len(latencies) >= MAX_REQUESTS:
                    return
                began = time.perf_counter()
                try:
                    status = client.get(targets[number % len(targets)]).status_code
                except httpx.HTTPError:
                    status = 0
                with lock:
                    latencies.append((time.perf_counter() - began) * 1000.0)
                    statuses[status] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    errors = len(latencies) - statuses[200]
    return Throughput(
        "httpx", "", connections, round(elapsed, 2), len(latencies), errors,
        round(statuses[200] / elapsed, 2),
        percentile(latencies, 50), percentile(latencies, 99), dict(statuses),
    )  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """`python -m bench.load URL SECONDS CONNECTIONS`: print a Throughput as JSON."""
    parser = argparse.ArgumentParser(description="Bounded httpx load generator (127.0.0.1 only).")
    parser.add_argument("url")
    parser.add_argument("seconds", type=float)
    parser.add_argument("connections", type=int)
    args = parser.parse_args(argv)
    if urlsplit(args.url).hostname != "127.0.0.1":
        raise SystemExit(f"refusing a target that is not 127.0.0.1: {args.url}")
    result = generate_load(args.url, args.seconds, args.connections)
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()
