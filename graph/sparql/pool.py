"""A bounded pool of query worker processes that can really stop a query.

A pyoxigraph query runs in Rust without checking for Python signals, and no thread
can interrupt it; the only sure way to stop one is to end its process. So each
query runs in a long-lived worker process holding its own read-only store handle,
and a query past its deadline gets its worker SIGKILLed and replaced.

Sizing (why a short query still answers fast while runaways run):
    At rest the pool holds `settings.query_workers` workers plus one warm spare (the
    fast lane). Whenever a query takes a worker and fewer than one idle would be
    left, another is started, up to a hard maximum of `query_workers + SPARE_WORKERS`.
    With the default two workers, three processes wait at rest; two runaway queries
    take two, and a short query arriving meanwhile takes the third at once instead of
    queueing behind them for the whole timeout, while a fourth starts for the next.
    Starting a worker takes 0.1-0.5 s on a busy machine, so it is done ahead of
    need, in the background, never on a request's time. The fast lane costs one idle
    process (a few tens of MB, no CPU). Extra workers idle for IDLE_RETIRE_S are
    retired. Past the hard maximum a query waits for a free worker; the wait counts
    against its time limit.

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
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType

from nutrikg.graph.errors import KGError, QueryTimeout, QueryTooCostly, StoreError
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.answer import STREAM_AFTER_BYTES, Answer
from nutrikg.graph.sparql.guard import Inspection
from nutrikg.graph.sparql.lease import Lease, LeaseBook, PartStream
from nutrikg.graph.sparql.process import START_TIMEOUT_S, WorkerProcess
from nutrikg.graph.sparql.results import Part
from nutrikg.graph.sparql.worker import Inspect, Job, Ready

SPARE_WORKERS = 2  # extra workers beyond settings.query_workers while all are busy
IDLE_RETIRE_S = 10.0  # an extra worker idle this long is retired
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
        self._store_path = str(settings.store_dir)
        self._timeout_s = settings.query_timeout_s
        self._max_bytes = settings.max_result_bytes
        self._max_rss_bytes = settings.query_memory_mb * 1024 * 1024
        self._stream_after = stream_after_bytes
        self._min = settings.query_workers
        self._max = settings.query_workers + SPARE_WORKERS
        self._cond = threading.Condition()
        self._idle: list[WorkerProcess] = []
        self._busy: dict[WorkerProcess, Lease] = {}
        self._book = LeaseBook(self._end_overdue)
        self._starting = 0
        self._generation = 0
        self._killed = 0
        self._graphs: frozenset[str] = frozenset()
        self._error: StoreError | None = None
        self._closed = True
        self._atexit: Callable[[], None] | None = None

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self) -> QueryPool:
        """Start the workers (`query_workers` and the fast lane); wait until they are ready.

        Raises:
            StoreError: the store cannot be opened (missing, or not a store).
        """
        with self._cond:
            if not self._closed:
                return self
            self._closed, self._error = False, None
            self._rebalance()
        self._book.start()
        self._register_atexit()
        self._wait_ready(close_on_error=True)
        return self

    def reload(self) -> None:
        """Re-open the store: replace every worker with one holding a fresh handle.

        Idle workers stop now; busy ones finish their query and are then retired.
        Call this after the store was rebuilt or a graph was loaded into it.

        Raises:
            StoreError: the new workers cannot open the store.
        """
        with self._cond:
            self._generation += 1
            self._error = None
            stale, self._idle = self._idle, []
            self._rebalance()
        for worker in stale:
            self._stop_soon(worker)
        self._wait_ready(close_on_error=False)

    def close(self) -> None:
        """Stop every worker (busy ones are killed). Safe to call more than once."""
        with self._cond:
            self._closed = True
            idle, busy = self._idle, list(self._busy)
            self._idle, self._busy = [], {}
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

    def _wait_ready(self, *, close_on_error: bool) -> None:
        """Block until the current generation has its workers at rest, or one failed."""
        deadline = time.monotonic() + START_TIMEOUT_S
        at_rest = min(self._max, self._min + 1)
        with self._cond:
            while self._error is None and self._ready_count() < at_rest and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._error = StoreError("the query workers did not start in time")
                    break
                self._cond.wait(remaining)
            error = self._error
        if error is not None:
            if close_on_error:
                self.close()
            raise error

    def _ready_count(self) -> int:
        live = [*self._idle, *self._busy]
        return sum(1 for worker in live if worker.generation == self._generation)

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
            return self._graphs

    def stats(self) -> PoolStats:
        """Counts of idle, busy and starting workers."""
        with self._cond:
            pids = tuple(w.pid for w in [*self._idle, *self._busy])
            return PoolStats(
                len(self._idle), len(self._busy), self._starting, self._generation, self._killed, pids
            )

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
        lease = self._acquire(deadline)
        try:
            lease.worker.conn.send(Inspect(query))
            reply = self._receive(lease, deadline, "checking the query")
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
        reply = self._receive(lease, deadline, "the query")
        assert isinstance(reply, Part)
        if reply.last:
            lease.release()
        return reply

    def _receive(self, lease: Lease, deadline: float, what: str) -> object:
        """The worker's next message, waiting no later than `deadline`; a KGError it sends is
        raised (the lease released), a timeout or a broken worker discards the lease."""
        try:
            # The deadline is checked before the poll: a worker that keeps parts coming would
            # otherwise stream past it, since a ready part needs no wait.
            remaining = deadline - time.monotonic()
            if lease.ended_by is None and (remaining <= 0 or not lease.worker.conn.poll(remaining)):
                lease.discard(timed_out=True)
                raise self._overran(what)
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

    def _overran(self, what: str = "the query") -> QueryTimeout:
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

    # ---- worker bookkeeping --------------------------------------------------------------

    def _acquire(self, deadline: float) -> Lease:
        """A lease on an idle worker, booked so that it is ended at `deadline` at the latest."""
        lease = self._take_worker(deadline)
        self._book.add(lease)
        return lease

    def _take_worker(self, deadline: float) -> Lease:
        with self._cond:
            while True:
                if self._closed:
                    raise StoreError("the query pool is closed")
                # A failed start means the store cannot be opened: say so rather than wait.
                if self._error is not None and not self._idle and not self._starting:
                    raise self._error
                worker = self._pop_live_idle()
                if worker is not None:
                    lease = self._busy[worker] = Lease(worker, self._release, self._discard, deadline)
                    self._rebalance()
                    return lease
                self._rebalance()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(f"all {self._max} query workers stayed busy for {self._timeout_s:g} s")
                self._cond.wait(remaining)

    def _pop_live_idle(self) -> WorkerProcess | None:
        # Most recently used first: it is warm, and it lets the extras age out.
        while self._idle:
            worker = self._idle.pop()
            if worker.alive:
                return worker
            self._stop_soon(worker)
        return None

    def _release(self, worker: WorkerProcess) -> None:
        if worker.niced:
            worker.renice(0)
        with self._cond:
            self._busy.pop(worker, None)
            stale = self._closed or worker.generation != self._generation
            if not stale:
                worker.last_used = time.monotonic()
                self._idle.append(worker)
            self._rebalance()
            self._cond.notify_all()
        if stale:
            self._stop_soon(worker)

    def _discard(self, worker: WorkerProcess, *, timed_out: bool) -> None:
        """Kill a worker that overran or broke, and have it replaced."""
        worker.kill()
        with self._cond:
            self._busy.pop(worker, None)
            self._killed += int(timed_out)
            self._rebalance()
            self._cond.notify_all()
        self._stop_soon(worker)  # reaping need not hold up the caller

    def _end_overdue(self, lease: Lease) -> None:
        """End a lease still held past its deadline (its reader may be gone): the worker is killed
        and replaced now, and its holder, if it ever reads again, meets a QueryTimeout."""
        lease.end(self._overran(), self._kill_ended)

    def _kill_ended(self, worker: WorkerProcess) -> None:
        """Kill and replace the worker of an ended lease; its connection stays open for the
        holder, who closes it (closing it here could pull it from under a reading thread)."""
        worker.kill()
        with self._cond:
            self._busy.pop(worker, None)
            self._killed += 1
            self._rebalance()
            self._cond.notify_all()
        threading.Thread(target=worker.process.wait, daemon=True).start()  # reap the zombie

    def _rebalance(self) -> None:
        """Keep one idle spare beyond max(busy, `min`), within `max`; retire long-idle extras.

        Called with self._cond held.
        """
        if self._closed:
            return
        total = len(self._idle) + len(self._busy) + self._starting
        wanted = min(self._max, max(self._min, len(self._busy)) + 1)
        for _ in range(wanted - total):
            self._starting += 1
            threading.Thread(target=self._spawn, args=(self._generation,), daemon=True).start()
        now = time.monotonic()
        while total > wanted and self._idle and now - self._idle[0].last_used > IDLE_RETIRE_S:
            self._stop_soon(self._idle.pop(0))
            total -= 1

    def _spawn(self, generation: int) -> None:
        """Start one worker and wait for it to open the store (runs on its own thread)."""
        worker: WorkerProcess | None = None
        try:
            worker = WorkerProcess.launch(self._store_path, generation, self._max_rss_bytes)
        except OSError as exc:
            reply: Ready | StoreError = StoreError(f"cannot start a query worker: {exc}")
        else:
            reply = worker.first_message()
        with self._cond:
            self._starting -= 1
            keep = isinstance(reply, Ready) and generation == self._generation and not self._closed
            if isinstance(reply, Ready) and worker is not None and keep:
                self._graphs, self._error = reply.named_graphs, None
                self._idle.append(worker)
            elif isinstance(reply, StoreError):
                self._error = reply
            self._cond.notify_all()
        if worker is not None and not keep:
            worker.stop()

    @staticmethod
    def _stop_soon(worker: WorkerProcess) -> None:
        """Stop a worker on a thread of its own: stopping may block for up to a second."""
        threading.Thread(target=worker.stop, daemon=True).start()
