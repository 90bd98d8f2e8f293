"""The soak's Python clients, each a thread running until its stop event is set: one timing small
queries one after the other, one abandoning large answers after their first bytes (as
bench.overload does), one sending runaway queries. Each tallies what it met by outcome."""

from __future__ import annotations

import random
import re
import threading
import time
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.overload import ONE_ROW, RUNAWAY, abandon

# Small queries: (name, method, path, request options). Each must answer 200, quickly.
SMALL_QUERIES: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("one_row_sparql", "GET", "/sparql", {"params": {"query": ONE_ROW}}),
    ("stats", "GET", "/api/v1/stats", {}),
    ("entity", "GET", "/api/v1/entities/nm:vitamin_k2", {}),
    ("pattern_query", "POST", "/api/v1/query", {"json": {"where": [["vitamin K2", "label", "?l"]]}}),
)
RUNAWAY_STATUSES = frozenset({504, 503})  # stopped at the time limit, or refused while busy


@dataclass
class Tally:
    """What one client met, by outcome: `expected`, `http_<status>`, `timeout`, `connection`."""

    outcomes: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: str) -> None:
        with self.lock:
            self.outcomes[outcome] += 1


@dataclass(frozen=True)
class Sample:
    """One small query: when (s since the soak started), which, how long, and its outcome."""

    at_s: float
    name: str
    ms: float
    outcome: str


def outcome_of(answer: httpx.Response, expected: Collection[int]) -> str:
    """`expected`, or `http_<status>` with the error's code when the body names one
    (`http_503:busy`)."""
    if answer.status_code in expected:
        return "expected"
    try:
        code = answer.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return f"http_{answer.status_code}"
    return f"http_{answer.status_code}:{code}"


def send(
    client: httpx.Client, method: str, url: str, options: dict[str, Any], expected: Collection[int]
) -> str:
    """One request, its whole body read; the outcome."""
    try:
        return outcome_of(client.request(method, url, **options), expected)
    except httpx.TimeoutException:
        return "timeout"
    except httpx.TransportError:
        return "connection"


@dataclass
class SmallQueries:
    """Times the small queries in turn, `pause_s` apart."""

    url: str
    started: float  # perf_counter at the soak's start
    pause_s: float = 0.05
    timeout_s: float = 30.0
    samples: list[Sample] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)

    def run(self, stop: threading.Event) -> None:
        with httpx.Client(timeout=self.timeout_s) as client:
            number = 0
            while not stop.is_set():
                name, method, path, options = SMALL_QUERIES[number % len(SMALL_QUERIES)]
                began = time.perf_counter()
                outcome = send(client, method, self.url + path, options, (200,))
                ms = (time.perf_counter() - began) * 1000.0
                self.samples.append(Sample(round(began - self.started, 2), name, round(ms, 2), outcome))
                self.tally.add(outcome)
                number += 1
                stop.wait(self.pause_s)


@dataclass
class Abandoner:
    """Every `every_s` (jittered), `burst` clients ask for a huge answer and hang up after its
    first bytes."""

    url: str
    burst: int = 4
    every_s: float = 8.0
    tally: Tally = field(default_factory=Tally)

    def run(self, stop: threading.Event) -> None:
        port = int(self.url.rsplit(":", 1)[1])
        rng = random.Random(11)
        while not stop.wait(rng.uniform(0.5, 1.5) * self.every_s):
            threads = [threading.Thread(target=self._one, args=(port,)) for _ in range(self.burst)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def _one(self, port: int) -> None:
        try:
            abandon(port)
        except TimeoutError:
            self.tally.add("timeout")
        except OSError:
            self.tally.add("connection")
        else:
            self.tally.add("expected")


@dataclass
class Runaways:
    """Every `every_s` (jittered), `concurrent` runaway queries at once; each should be stopped
    at the service's time limit (504) or refused while it is busy (503)."""

    url: str
    query_timeout_s: float
    concurrent: int = 2
    every_s: float = 10.0
    tally: Tally = field(default_factory=Tally)

    def run(self, stop: threading.Event) -> None:
        rng = random.Random(13)
        while not stop.wait(rng.uniform(0.5, 1.5) * self.every_s):
            threads = [threading.Thread(target=self._one) for _ in range(self.concurrent)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def _one(self) -> None:
        with httpx.Client(timeout=self.query_timeout_s * 3) as client:
            options = {"params": {"query": RUNAWAY}}
            self.tally.add(send(client, "GET", f"{self.url}/sparql", options, RUNAWAY_STATUSES))


def non_2xx_by_route(url: str) -> dict[str, int]:
    """Answers other than 2xx since the service started, by method, route and status, as its
    /metrics counts them (every client's, wrk's included)."""
    text = httpx.get(f"{url}/metrics", timeout=30.0).text
    found: dict[str, int] = {}
    for labels, value in re.findall(r"^nutrikg_requests_total\{([^}]*)\} (\S+)$", text, re.MULTILINE):
        named = dict(re.findall(r'(\w+)="([^"]*)"', labels))
        if not named.get("status", "").startswith("2"):
            found[f"{named.get('method')} {named.get('route')} {named.get('status')}"] = int(float(value))
    return dict(sorted(found.items()))
