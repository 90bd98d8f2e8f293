"""The soak's background traffic: wrk cycling through small SPARQL queries and JSON API routes
(mix.lua), run in segments so that its figures form a series; the httpx load generator of
bench.load stands in when wrk is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.load import generate_load, wrk_figures
from bench.overload import ONE_ROW

SCRIPT = Path(__file__).with_name("mix.lua")
PATHS = (
    "/sparql?query=" + quote(ONE_ROW),
    "/api/v1/stats",
    "/api/v1/entities/nm:calcium",
    "/api/v1/entities?q=vitamin&limit=5",
    "/api/v1/documents?limit=5",
    "/api/v1/relations?subject=nm:vitamin_k2&limit=5",
)


@dataclass
class Segment:
    """One run of the load generator."""

    at_s: float  # since the soak started
    seconds: float
    requests: int
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    statuses: dict[str, int]  # by HTTP status, an error's code beside it (`503:busy`)
    socket_errors: dict[str, int]  # connect, read, write, timeout (wrk); no answer (httpx)


@dataclass
class Mix:
    """Runs the load generator in segments of `segment_s` until the stop event is set."""

    url: str
    started: float  # perf_counter at the soak's start
    connections: int = 2
    segment_s: float = 60.0
    segments: list[Segment] = field(default_factory=list)

    @property
    def tool(self) -> str:
        return "wrk" if shutil.which("wrk") else "httpx (wrk is not installed)"

    def run(self, stop: threading.Event, until: float) -> None:
        """Segments until `until` (perf_counter) or the stop event."""
        while not stop.is_set() and (left := until - time.perf_counter()) >= 1.0:
            at_s = round(time.perf_counter() - self.started, 1)
            seconds = min(self.segment_s, left)
            measure = self._wrk if shutil.which("wrk") else self._httpx
            self.segments.append(measure(at_s, seconds))

    def _wrk(self, at_s: float, seconds: float) -> Segment:
        args = ["wrk", "-t1", f"-c{self.connections}", f"-d{round(seconds)}s", "--latency",
                "--timeout=30s", "-s", str(SCRIPT), self.url, "--", *PATHS]  # fmt: skip
        out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
        figures = wrk_figures(out)
        line = re.search(r"^statuses(.*)$", out, re.MULTILINE)
        statuses = dict(pair.split("=") for pair in line.group(1).split()) if line else {}
        return Segment(at_s, round(seconds, 1), figures.requests, figures.rps, figures.p50_ms,
                       figures.p99_ms, {k: int(v) for k, v in sorted(statuses.items())},
                       figures.socket_errors)  # fmt: skip

    def _httpx(self, at_s: float, seconds: float) -> Segment:
        done = generate_load([self.url + path for path in PATHS], seconds, self.connections)
        statuses = {str(k): v for k, v in sorted(done.statuses.items()) if k}
        return Segment(at_s, done.seconds, done.requests, done.rps, done.p50_ms, done.p99_ms, statuses,
                       {"no_answer": done.statuses.get(0, 0)})  # fmt: skip
