"""A bounded pool of query worker processes that can really stop a query.

A pyoxigraph query runs in Rust without checking for Python signals, and no thread
can interrupt it; the only sure way to stop one is to end its process. So each
query runs in a long-lived worker process holding its own read-only store handle,
and a query past its deadline gets its worker SIGKILLed and replaced.

Sizing (why a short query still answers fast while runaways run):
    The pool keeps one warm idle worker beyond those busy (a fast lane), with at
    least `settings.query_workers` busy-able ones behind it and at most
    `query_workers + SPARE_WORKERS` in all. So with the default two workers, three
    processes wait at rest; two runaway queries take two, and a short query arriving
    meanwhile takes the third at once instead of queueing behind them for the whole
    timeout, while a fourth is started for the next one. Starting a worker takes
    0.1-0.5 s of a busy machine, so it is always done ahead of need, in the
    background, never on a request's time. The fast lane costs one idle process (a
    few tens of MB, no CPU). Extra workers idle for IDLE_RETIRE_S are retired. Past
    the hard maximum a query waits for a free worker; the wait counts against its
    time limit.

How workers start (spawn semantics, never fork):
    Each worker is a fresh interpreter, `python -m graph.sparql.worker`, exec'd by
    `subprocess` and talking over a socket pair wrapped in a
    `multiprocessing.connection.Connection`. Forking the threaded server could copy
    a held lock into the child. multiprocessing's "spawn" and "forkserver" contexts
    also start clean interpreters, but both re-run a script's `__main__` in every
    child (Python 3.11's forkserver never preloads it), which for a console-script
    entry point means importing the whole service again in each worker; exec'ing
    our own small module keeps a worker's start near 0.1 s whatever started the server.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from graph.errors import KGError, QueryTimeout, StoreError
from graph.settings import Settings
from graph.sparql.worker import Answer, Job, Ready

SPARE_WORKERS = 2  # extra workers beyond settings.query_workers while all are busy
IDLE_RETIRE_S = 10.0  # an extra worker idle this long is retired
START_TIMEOUT_S = 30.0  # a worker that has not opened the store by then has failed
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    generation: int
    last_used: float = field(default_factory=time.monotonic)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None


@dataclass(frozen=True)
class PoolStats:
    """A snapshot of the pool, for health checks and tests."""

    idle: int
    busy: int
    starting: int
    generation: int
    killed: int  # workers killed on timeout since the pool was made
    pids: tuple[int, ...]  # process ids of the idle and busy workers


def _launch(store_path: str) -> tuple[subprocess.Popen[bytes], Connection]:
    """Exec one worker process; return it and our end of its connection."""
    ours, theirs = socket.socketpair()
    env = dict(os.environ)
    # The worker must import our packages even when they are not installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PROJECT_ROOT, env.get("PYTHONPATH")]))
    try:
        args = [str(theirs.fileno()), store_path, str(os.getpid())]
        process = subprocess.Popen(
            [sys.executable, "-m", "graph.sparql.worker", *args],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
        )
    finally:
        theirs.close()
    return process, Connection(ours.detach())


def _first_message(conn: Connection) -> Ready | StoreError:
    """A new worker's first word: Ready, or why it could not open the store."""
    try:
        if conn.poll(START_TIMEOUT_S):
            reply = conn.recv()
            if isinstance(reply, Ready | StoreError):
                return reply
    except (EOFError, OSError):
        return StoreError("a query worker exited while opening the store")
    return StoreError(f"a query worker did not start within {START_TIMEOUT_S:g} s")


class QueryPool:
    """Thread-safe pool of query workers over the store at `settings.store_dir`.

    Use as a context manager, or call `start()` and `close()`; an atexit hook closes a
    pool left open.
    """

    def __init__(self, settings: Settings) -> None:
        self._store_path = str(settings.store_dir)
        self._timeout_s = settings.query_timeout_s
        self._max_rows = settings.max_result_rows
        self._min = settings.query_workers
        self._max = settings.query_workers + SPARE_WORKERS
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
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
            self._idle, self._busy = [], set()
            self._cond.notify_all()
        for worker in busy:
            worker.process.kill()
        for worker in [*idle, *busy]:
            self._stop(worker)
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
    def max_rows(self) -> int:
        """Most rows (or triples) one answer may hold."""
        return self._max_rows

    def named_graphs(self) -> frozenset[str]:
        """IRIs of the store's named graphs, as the workers found them on opening it."""
        with self._cond:
            return self._graphs

    def stats(self) -> PoolStats:
        """Counts of idle, busy and starting workers."""
        with self._cond:
            pids = tuple(w.process.pid for w in [*self._idle, *self._busy])
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
    ) -> Answer:
        """Run one (already checked) query and return its serialised answer.

        Graph IRIs, when given, replace the query's dataset (SPARQL protocol semantics).

        Raises:
            QueryTimeout: no answer within `settings.query_timeout_s` (the worker is killed).
            ResultTooLarge: the answer has more than `settings.max_result_rows` rows.
            InvalidQuery: the store rejected the query.
            StoreError: the pool is closed, the store cannot be opened, or a worker died.
        """
        job = Job(query, format_key, self._max_rows, default_graphs, named_graphs)
        deadline = time.monotonic() + self._timeout_s
        worker = self._acquire(deadline)
        reply = self._exchange(worker, job, deadline)
        if isinstance(reply, KGError):
            raise reply
        return reply

    def _exchange(self, worker: _Worker, job: Job, deadline: float) -> Answer | KGError:
        """Send `job` to `worker` and wait for its reply until `deadline`, killing on overrun."""
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(deadline - time.monotonic(), 0.0)):
                self._discard(worker, timed_out=True)
                return QueryTimeout(
                    f"the query ran past the {self._timeout_s:g} s limit and was stopped"
                )
            reply: Answer | KGError = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker, timed_out=False)
            return StoreError(f"the query worker stopped unexpectedly ({exc or 'no reply'})")
        self._release(worker)
        return reply

    # ---- worker bookkeeping --------------------------------------------------------------

    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while True:
                if self._closed:
                    raise StoreError("the query pool is closed")
                # A failed start means the store cannot be opened: say so rather than wait.
                if self._error is not None and not self._idle and not self._starting:
                    raise self._error
                worker = self._pop_live_idle()
                if worker is not None:
                    self._busy.add(worker)
                    self._rebalance()
                    return worker
                self._rebalance()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(
                        f"all {self._max} query workers stayed busy for {self._timeout_s:g} s"
                    )
                self._cond.wait(remaining)

    def _pop_live_idle(self) -> _Worker | None:
        # Most recently used first: it is warm, and it lets the extras age out.
        while self._idle:
            worker = self._idle.pop()
            if worker.alive:
                return worker
            self._stop_soon(worker)
        return None

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            self._busy.discard(worker)
            stale = self._closed or worker.generation != self._generation
            if not stale:
                worker.last_used = time.monotonic()
                self._idle.append(worker)
            self._rebalance()
            self._cond.notify_all()
        if stale:
            self._stop_soon(worker)

    def _discard(self, worker: _Worker, *, timed_out: bool) -> None:
        """Kill a worker that overran or broke, and have it replaced."""
        worker.process.kill()  # SIGKILL: the only thing that stops a running pyoxigraph query
        with self._cond:
            self._busy.discard(worker)
            self._killed += int(timed_out)
            self._rebalance()
            self._cond.notify_all()
        self._stop_soon(worker)  # reaping need not hold up the caller

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
        try:
            process, conn = _launch(self._store_path)
        except OSError as exc:
            reply: Ready | StoreError = StoreError(f"cannot start a query worker: {exc}")
            worker = None
        else:
            worker = _Worker(process, conn, generation)
            reply = _first_message(conn)
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
            self._stop(worker)

    def _stop_soon(self, worker: _Worker) -> None:
        threading.Thread(target=self._stop, args=(worker,), daemon=True).start()

    @staticmethod
    def _stop(worker: _Worker) -> None:
        """Ask a worker to exit, kill it if it does not, and reap it (never under the lock)."""
        with contextlib.suppress(OSError):  # already gone
            worker.conn.send(None)
        try:
            worker.process.wait(1.0)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()
        worker.conn.close()
