"""What operators see: one access-log line per request, and Prometheus metrics at `/metrics`.

One ASGI middleware, outermost, times every request (refused ones included: a 413, a 503 `busy`
or a 400 for an untrusted host is counted and logged too) and records its method, route, status
and duration. Routes are labelled by their template (`/api/v1/entities/{term:path}`), never by the
path a client sent, so the number of series stays fixed whatever the clients ask.

The access log is standard logging (logger `nutrikg.access`, INFO). The served process hands
its records to a queue and writes them from a thread of their own (`queued_access_log`), so a
slow terminal or disk never holds up the event loop. The metrics live in a registry of the app's
own (no process-wide state): tests and several apps in one process do not mix their counts.
"""

from __future__ import annotations

import logging
import logging.handlers
import queue
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nutrikg.graph.sparql.pool import PoolStats

ACCESS_LOG = "nutrikg.access"
UNMATCHED = "unmatched"  # the route label of a request no route answered (404s, refusals)
# Seconds: from a cached JSON answer (~1 ms) to a query at its default time limit (10 s).
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The app's Prometheus registry: request counts and latencies by route, and the query
    workers' state (`stats` is read when the metrics are scraped, not on every request)."""

    def __init__(self, stats: Callable[[], PoolStats] | None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        labels = ("method", "route", "status")
        self.requests = Counter("nutrikg_requests", "HTTP requests answered.", labels, registry=self.registry)
        self.latency = Histogram(
            "nutrikg_request_duration_seconds",
            "Time from a request's arrival to the end of its response.",
            ("method", "route"),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        if stats is not None:
            self.registry.register(_PoolCollector(stats))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)


class _PoolCollector(Collector):
    def __init__(self, stats: Callable[[], PoolStats]) -> None:
        self._stats = stats

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self._stats()
        workers = GaugeMetricFamily(
            "nutrikg_query_workers", "SPARQL query workers by state.", labels=["state"]
        )
        for state, count in (("idle", now.idle), ("busy", now.busy), ("starting", now.starting)):
            workers.add_metric([state], count)
        yield workers
        killed = GaugeMetricFamily("nutrikg_query_workers_killed", "Workers killed on a limit since start.")
        killed.add_metric([], now.killed)
        yield killed


class Observed:
    """ASGI middleware: each HTTP request is counted, timed and logged once, when its response
    ends (or the request fails: then as a 500)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        self.log = logging.getLogger(ACCESS_LOG)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless a response starts

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self._record(scope, status, time.perf_counter() - started)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or UNMATCHED
        self.metrics.observe(scope["method"], template, status, seconds)
        if self.log.isEnabledFor(logging.INFO):
            path = scope["path"]
            self.log.info("%s %s %d %.1fms", scope["method"], path, status, seconds * 1000)


@contextmanager
def queued_access_log(handler: logging.Handler) -> Iterator[None]:
    """While open, access-log records go through a queue to `handler`, written by a thread of
    their own: the event loop only puts a record on the queue."""
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    log = logging.getLogger(ACCESS_LOG)
    queued = logging.handlers.QueueHandler(records)
    listener = logging.handlers.QueueListener(records, handler)
    log.addHandler(queued)
    log.setLevel(logging.INFO)
    log.propagate = False  # written once, by the listener
    listener.start()
    try:
        yield
    finally:
        listener.stop()
        log.removeHandler(queued)
