"""The peers: plain rdflib and pyoxigraph in-process, and rdflib-endpoint over HTTP.

rdflib-endpoint evaluates a query on its event loop, so a query abandoned at its budget keeps
the server busy until it ends. Queries that plain rdflib could not finish are therefore run
last (after the throughput test), and the server is restarted after each one that times out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench.config import RunConfig
from bench.http_client import HttpEngine
from bench.inprocess import run_engine
from bench.load import load_server
from bench.measure import EngineResult
from bench.queries import LOAD_QUERIES, QUERY_MIX, by_name
from bench.servers import Server, launch_rdflib_endpoint

Log = Callable[[str], None]


def run_inprocess(engine: str, graph_file: Path, config: RunConfig, log: Log) -> EngineResult:
    """rdflib or pyoxigraph, loaded once in a child process, over the whole mix."""
    log(f"{engine}: loading {graph_file.name} and running the mix")
    queries = {query.name: query.text for query in QUERY_MIX}
    result = run_engine(
        engine, graph_file, queries, config.reps, config.budget_s,
        config.wall_limit_s(len(queries)),
    )  # fmt: skip
    log(f"{engine}: loaded in {result.load_s} s, peak {result.peak_rss_mb} MB")
    return result


def run_rdflib_endpoint(graph_file: Path, config: RunConfig, rdflib: EngineResult, log: Log) -> EngineResult:
    """rdflib-endpoint serving `graph_file`: load, the mix, throughput, memory."""
    slow = [n for n, r in rdflib.queries.items() if r.timeout_s is not None or r.error]
    order = [q.name for q in QUERY_MIX if q.name not in slow] + slow
    session = _EndpointSession(graph_file, config, log)
    try:
        session.start()
        first_slow = slow[0] if slow else None
        for name in order:
            if name == first_slow:
                session.throughput()
            session.measure(name)
        if not slow:
            session.throughput()
    finally:
        session.close()
    return session.result


class _EndpointSession:
    """One rdflib-endpoint server at a time, restarted when a timed-out query holds it."""

    def __init__(self, graph_file: Path, config: RunConfig, log: Log) -> None:
        self.graph_file, self.config, self.log = graph_file, config, log
        self.result = EngineResult("rdflib-endpoint")
        self.peaks: list[float] = []
        self.server: Server | None = None
        self.engine: HttpEngine | None = None

    def start(self) -> None:
        log_file = self.config.scratch / "logs" / "rdflib-endpoint.log"
        self.server = launch_rdflib_endpoint(self.graph_file, log_file)
        ready = round(self.server.wait_ready(self.config.ready_limit_s), 3)
        if self.result.load_s is None:
            self.result.load_s = self.result.ready_s = ready
        else:
            self.result.notes.append(f"restarted after a timed-out query (ready in {ready} s)")
        self.engine = HttpEngine.open(self.server.sparql_url)
        self.log(f"rdflib-endpoint: answering after {ready} s")

    def fresh(self) -> tuple[Server, HttpEngine]:
        """The server and client, restarting the server if an abandoned query holds it."""
        assert self.server is not None and self.engine is not None
        if self.engine.stuck:
            self.log("rdflib-endpoint: restarting (a timed-out query still holds it)")
            self.close()
            self.start()
        assert self.server is not None and self.engine is not None
        return self.server, self.engine

    def measure(self, name: str) -> None:
        _, engine = self.fresh()
        text, budget, reps = by_name(name).text, self.config.budget_s, self.config.reps
        self.result.queries[name] = engine.measure_sparql(name, text, budget, reps)
        self.log(f"rdflib-endpoint: {name} {self.result.queries[name].summary()}")

    def throughput(self) -> None:
        for name in LOAD_QUERIES:
            server, engine = self.fresh()
            if not load_server(server, name, self.config, self.result, self.log):
                engine.stuck = True  # still busy with requests the load test abandoned

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
        if self.server is not None:
            self.peaks.append(self.server.sampler.peak_mb)
            self.server.stop()
        self.server = self.engine = None
        self.result.peak_rss_mb = round(max(self.peaks, default=0.0), 1)
