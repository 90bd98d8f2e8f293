"""A bounded pool of query worker processes that can really stop a query.

A pyoxigraph query runs in Rust without checking for Python signals, and no thread
can interrupt it; the only sure way to stop one is to end its process. So each
query runs in a long-lived worker process holding its own read-only store handle,
and a query past its deadline gets its worker SIGKILLed and replaced.

Sizing (why a short query still answers fast while runaways run):
    At rest the pool holds `settings.query_workers` workers plus one warm spare (the
    fast lane). Whenever a query takes a worker and fewer than one idle would be
    left, another is started, up to `query_workers + SPARE_WORKERS` queries running at
    once (and, while that many run, one idle standby: see `graph.sparql.workers`).
    With the default two workers, three processes wait at rest; two runaway queries
    take two, and a short query arriving meanwhile takes the third at once instead of
    queueing behind them for the whole timeout, while a fourth starts for the next.
    Starting a worker takes 0.1-0.5 s on a busy machine, so it is done ahead of
    need, in the background, never on a request's time. The fast lane costs one idle
    process (a few tens of MB, no CPU). Extra workers idle for IDLE_RETIRE_S are
    retired. Past the hard maximum a query waits for a free worker (see
    `graph.sparql.workers` for who waits, how many, and the fast lane); the wait counts
    against its time limit.

Deadlines (why a client that stops reading cannot hold a worker):
    Every lease is booked in a LeaseBook (`graph.sparql.lease`) whose thread kills and
    replaces the worker of a lease still held past its deadline, whether or not anyone is
    reading the answer; the holder, when it reads again, meets the QueryTimeout.

CPU (why runaways do not starve the server on a small machine):
    A free worker is no use if two runaways hold every core and the HTTP server and
    the short query get a third of one. So a query still running after SLOW_QUERY_S
    has its worker reniced to SLOW_QUERY_NICE: it keeps all the CPU nobody else
    wants, and yields at once to the server and to short queries. Niceness only
    matters under contention, so a long query on an idle machine loses nothing.
    When the query ends the worker's priority is restored where the OS allows it
    (lowering niceness may need privileges); otherwise it stays reniced, harmlessly.

How workers start: see `graph.sparql.process` (a fresh interpreter, never a fork).
"""

from __future__ import annotations

import atexit
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from types import TracebackType

from nutrikg.graph.errors import KGError, QueryTimeout, QueryTooCostly, StoreError
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.answer import STREAM_AFTER_BYTES, Answer
from nutrikg.graph.sparql.guard import Inspection
from nutrikg.graph.sparql.lease import Lease, LeaseBook, PartStream
from nutrikg.graph.sparql.process import START_TIMEOUT_S, WorkerProcess
from nutrikg.graph.sparql.results import Part
from nutrikg.graph.sparql.worker import Inspect, Job
from nutrikg.graph.sparql.workers import IDLE_RETIRE_S, QueryPoolBusy, Workers, stop_soon

__all__ = ["IDLE_RETIRE_S", "SPARE_WORKERS", "PoolStats", "QueryPool", "QueryPoolBusy"]

SPARE_WORKERS = 2  # extra workers beyond settings.query_workers while all are busy
SLOW_QUERY_S = 0.1  # a query running longer than this is background work
SLOW_QUERY_NICE = 10  # CFS weight 110 against 1024 at niceness 0


@dataclass(frozen=True)
class PoolStats:
    """A snapshot of the pool, for health checks and tests."""

    idle: int
    busy: int
    starting: int
    generation: int
    killed: int  # workers killed on timeout since the pool was made
    pids: tuple[int, ...]  # process ids of the idle and busy workers


class QueryPool:
    """Thread-safe pool of query workers over the store at `settings.store_dir`.

    Use as a context manager, or call `start()` and `close()`; an atexit hook closes a
    pool left open.
    """

    def __init__(self, settings: Settings, *, stream_after_bytes: int = STREAM_AFTER_BYTES) -> None:
        self._timeout_s = settings.query_timeout_s
        self._max_bytes = settings.max_result_bytes
        self._max_rss_bytes = settings.query_memory_mb * 1024 * 1024
        self._stream_after = stream_after_bytes
        self._workers = Workers(
            str(settings.store_dir),
            settings.query_workers,
            settings.query_workers + SPARE_WORKERS,
            self._max_rss_bytes,
            # An allowlisted SERVICE needs the network; otherwise no worker has any.
            cut_network=not settings.service_allowlist,
        )
        self._cond = self._workers.cond
        self._book = LeaseBook(self._end_overdue)
        self._atexit: Callable[[], None] | None = None

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self) -> QueryPool:
        """Start the workers (`query_workers` and the fast lane); wait until they are ready.

        Raises:
            StoreError: the store cannot be opened (missing, or not a store).
        """
        with self._cond:
            if not self._workers.closed:
                return self
            self._workers.closed, self._workers.error = False, None
            self._workers.rebalance()
        self._book.start()
        self._register_atexit()
        self._wait_ready(close_on_error=True)
        return self

    def reload(self) -> None:
        """Re-open the store: replace every worker with one holding a fresh handle.

        Idle workers stop now; busy ones finish their query and are then retired. Returns once
        one new worker has opened the store: every query from then on runs on a new worker, and
        the others start as the old ones finish (a request waiting for the reload would
        otherwise wait out the longest query running, up to the time limit, then fail).
        Call this after the store was rebuilt or a graph was loaded into it.

        Raises:
            StoreError: the new workers cannot open the store.
        """
        with self._cond:
            self._workers.generation += 1
            self._workers.error = None
            stale, self._workers.idle = self._workers.idle, []
            self._workers.rebalance()
        for worker in stale:
            stop_soon(worker)
        self._wait_ready(close_on_error=False, at_rest=1)

    def close(self) -> None:
        """Stop every worker (busy ones are killed). Safe to call more than once."""
        with self._cond:
            self._workers.closed = True
            idle, busy = self._workers.idle, list(self._workers.busy)
            self._workers.idle, self._workers.busy = [], {}
            self._cond.notify_all()
        self._book.close()
        for worker in busy:
            worker.kill()
        for worker in [*idle, *busy]:
            worker.stop()
        if self._atexit is not None:
            atexit.unregister(self._atexit)
            self._atexit = None

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _register_atexit(self) -> None:
        ref = weakref.ref(self)

        def close_at_exit() -> None:  # holds no strong reference, so the pool can be collected
            pool = ref()
            if pool is not None:
                pool.close()

        self._atexit = close_at_exit
        atexit.register(close_at_exit)

    def _wait_ready(self, *, close_on_error: bool, at_rest: int | None = None) -> None:
        """Block until the current generation has `at_rest` live workers (by default the
        workers kept at rest and the spare), or one failed to start."""
        deadline = time.monotonic() + START_TIMEOUT_S
        workers = self._workers
        at_rest = at_rest or min(workers.most, workers.least + 1)
        with self._cond:
            while workers.error is None and workers.ready_count() < at_rest and not workers.closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    workers.error = StoreError("the query workers did not start in time")
                    break
                self._cond.wait(remaining)
            error = workers.error
        if error is not None:
            if close_on_error:
                self.close()
            raise error

    # ---- queries -------------------------------------------------------------------------

    @property
    def timeout_s(self) -> float:
        """Wall-clock limit of one query, waiting for a worker included."""
        return self._timeout_s

    @property
    def max_bytes(self) -> int:
        """Largest answer, in bytes."""
        return self._max_bytes

    def named_graphs(self) -> frozenset[str]:
        """IRIs of the store's named graphs, as the workers found them on opening it."""
        with self._cond:
            return self._workers.graphs

    def ready(self) -> bool:
        """Whether the pool is open with at least one live worker over the current store."""
        with self._cond:
            return not self._workers.closed and self._workers.ready_count() > 0

    def network_sandboxed(self) -> bool:
        """Whether every query worker runs without network access (so no query can call out,
        whatever the guard reads in it)."""
        with self._cond:
            return bool(self._workers.network_cut)

    def stats(self) -> PoolStats:
        """Counts of idle, busy and starting workers."""
        workers = self._workers
        with self._cond:
            pids = tuple(w.pid for w in [*workers.idle, *workers.busy])
            counts = len(workers.idle), len(workers.busy), workers.starting
            return PoolStats(*counts, workers.generation, workers.killed, pids)

    def execute(
        self,
        query: str,
        format_key: str,
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        union_default_graph: bool = True,
    ) -> Answer:
        """Run one (already checked) query and return its serialised answer.

        Graph IRIs, when given, replace the query's dataset (SPARQL protocol semantics).
        Otherwise the default graph is the union of the built graph and every loaded graph,
        unless `union_default_graph` is False (a query with its own FROM must say so).

        An answer up to `stream_after_bytes` comes whole. A larger one comes as its first
        bytes and an iterator over the rest, which holds the worker until it is exhausted or
        closed and raises, as below, if the time limit or the size cap is met on the way.

        Raises:
            QueryTimeout: no answer within `settings.query_timeout_s` (the worker is killed).
            ResultTooLarge: the answer is larger than `settings.max_result_bytes`.
            InvalidQuery: the store rejected the query.
            QueryTooCostly: the worker needed more than `settings.query_memory_mb` (it is replaced).
            StoreError: the pool is closed, the store cannot be opened, or a worker died.
        """
        job = Job(query, format_key, self._max_bytes, default_graphs, named_graphs, union_default_graph)
        deadline = time.monotonic() + self._timeout_s
        lease = self._acquire(deadline)
        handed_over = False
        try:
            lease.worker.conn.send(job)
            if not lease.worker.conn.poll(min(SLOW_QUERY_S, max(deadline - time.monotonic(), 0.0))):
                lease.worker.renice(SLOW_QUERY_NICE)
            head = bytearray()
            while True:
                part = self._next_part(lease, deadline)
                head += part.data
                if part.last:
                    return Answer(part.format_key, bytes(head))
                if len(head) >= self._stream_after:
                    handed_over = True
                    return Answer(part.format_key, bytes(head), self._rest_of(lease, deadline))
        except (EOFError, OSError) as exc:  # sending the job failed
            raise self._broken(lease, exc) from None
        finally:
            if not handed_over:
                lease.discard()  # nothing when the answer was whole

    def inspect(self, query: str) -> Inspection:
        """The guard's full parse of `query` (graph.sparql.guard.inspect_text), made in a worker
        under the query time limit: rdflib's parser cannot be stopped any other way.

        Raises:
            QueryTimeout: the parse ran past the time limit (the worker is killed).
            QuerySyntaxError, InvalidQuery, QueryRefused: what the parse found wrong.
            QueryTooCostly, StoreError: as for `execute`.
        """
        deadline = time.monotonic() + self._timeout_s
        lease = self._acquire(deadline, "checking the query")
        try:
            lease.worker.conn.send(Inspect(query))
            reply = self._receive(lease, deadline)
        except (EOFError, OSError) as exc:  # sending the job failed
            raise self._broken(lease, exc) from None
        finally:
            lease.release()  # nothing when the worker was killed
        assert isinstance(reply, Inspection)
        return reply

    def _rest_of(self, lease: Lease, deadline: float) -> Iterator[bytes]:
        """The remaining parts of a streamed answer (see `PartStream`)."""
        return PartStream(lambda: self._next_part(lease, deadline), lease)

    def _next_part(self, lease: Lease, deadline: float) -> Part:
        """The worker's next part of its answer, waiting no later than `deadline`. The lease
        is released after the last part or a KGError from the worker (it stays usable), and
        discarded, the worker killed, on a timeout or a broken worker.

        Raises the worker's KGError, QueryTimeout, QueryTooCostly or StoreError.
        """
        reply = self._receive(lease, deadline)
        assert isinstance(reply, Part)
        if reply.last:
            lease.release()
        return reply

    def _receive(self, lease: Lease, deadline: float) -> object:
        """The worker's next message, waiting no later than `deadline`; a KGError it sends is
        raised (the lease released), a timeout or a broken worker discards the lease."""
        try:
            # The deadline is checked before the poll: a worker that keeps parts coming would
            # otherwise stream past it, since a ready part needs no wait.
            remaining = deadline - time.monotonic()
            if lease.ended_by is None and (remaining <= 0 or not lease.worker.conn.poll(remaining)):
                lease.discard(timed_out=True)
                raise self._overran(lease.what)
            if lease.ended_by is not None:  # the pool ended it while nobody was reading
                lease.discard()
                raise lease.ended_by
            reply: object = lease.worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise self._broken(lease, exc) from None
        if isinstance(reply, KGError):
            lease.release()
            raise reply
        return reply

    def _overran(self, what: str) -> QueryTimeout:
        return QueryTimeout(f"{what} ran past the {self._timeout_s:g} s limit and was stopped")

    def _broken(self, lease: Lease, exc: BaseException) -> KGError:
        """The error for a worker that went away under its holder (the lease is discarded): why
        the pool ended it, its memory allowance, or an unexpected stop."""
        out_of_memory = lease.ended_by is None and lease.worker.ran_out_of_memory()
        lease.discard()
        if lease.ended_by is not None:
            return lease.ended_by
        if out_of_memory:
            limit = self._max_rss_bytes // (1024 * 1024)
            return QueryTooCostly(f"the query needed more than {limit} MB of memory and was stopped")
        return StoreError(f"the query worker stopped unexpectedly ({exc or 'no reply'})")

    # ---- leases ---------------------------------------------------------------------------

    def _acquire(self, deadline: float, what: str = "the query") -> Lease:
        """A lease on an idle worker, booked so that it is ended at `deadline` at the latest."""
        workers = self._workers

        def make(worker: WorkerProcess) -> Lease:
            return Lease(worker, workers.release, workers.discard, deadline, what)

        lease = workers.take(deadline, self._timeout_s, make)
        self._book.add(lease)
        return lease

    def _end_overdue(self, lease: Lease) -> None:
        """End a lease still held past its deadline (its reader may be gone): the worker is killed
        and replaced now, and its holder, if it ever reads again, meets a QueryTimeout."""
        lease.end(self._overran(lease.what), partial(self._workers.kill_ended, timed_out=True))
