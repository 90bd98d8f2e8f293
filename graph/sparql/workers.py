"""The pool's worker bookkeeping: idle, busy and starting workers, and who gets the next one.

Who waits, and for how long (why a one-row query answers beside dozens of runaways):
    A query that finds every worker busy waits for one, but waiting is itself bounded, because
    each waiter holds a server thread. At most as many queries wait as there are workers;
    past that the oldest waiter is refused (QueryPoolBusy: 503 with Retry-After), and a
    freed worker goes to the *newest* waiter. Under overload the oldest waiters are the
    likeliest to have been given up on by their clients, and serving the newest first keeps
    the wait of whoever is still there short (a LIFO queue, as large services shed load).
    The query that took the last worker is the fast lane: once it has run FAST_LANE_S while
    another query waits, it is stopped (QueryPoolBusy) and the waiter runs at once on a standby
    worker, which the pool keeps started, idle, whenever every lane is busy (one process more
    than `most`, never running a query beside `most` others). The others, which got their
    workers while one was left, run to their time limit. So a short query waits at most
    FAST_LANE_S, however many runaways there are (starting a worker instead would add 0.1-1 s
    on a busy machine).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from nutrikg.graph.errors import KGError, QueryTimeout, StoreError
from nutrikg.graph.sparql.lease import Lease
from nutrikg.graph.sparql.process import WorkerProcess
from nutrikg.graph.sparql.worker import Ready

IDLE_RETIRE_S = 10.0  # an extra worker idle this long is retired
FAST_LANE_S = 0.25  # the youngest query, holding the last worker, may be stopped after this


class QueryPoolBusy(StoreError):
    """Every worker is taken and newer queries wait: try again shortly (503, Retry-After)."""

    code = "busy"
    retry_after_s = 1


@dataclass(eq=False)
class _Waiter:
    refused: bool = False


@dataclass(eq=False)
class Workers:
    """The pool's workers over one store, under one condition (thread-safe)."""

    store_path: str
    least: int  # workers kept at rest, beside one idle spare
    most: int  # most queries running at once (plus one idle standby process while all run)
    max_rss_bytes: int
    cut_network: bool  # start workers without network access (where the platform allows)
    cond: threading.Condition = field(default_factory=threading.Condition)
    idle: list[WorkerProcess] = field(default_factory=list)
    busy: dict[WorkerProcess, Lease] = field(default_factory=dict)
    starting: int = 0
    generation: int = 0
    killed: int = 0  # workers killed on timeout
    graphs: frozenset[str] = frozenset()
    error: StoreError | None = None
    closed: bool = True
    network_cut: bool | None = None  # whether every worker so far has no network; None: none yet
    _waiters: list[_Waiter] = field(default_factory=list)

    def ready_count(self) -> int:
        """Live workers of the current generation. Called with `cond` held."""
        live = [*self.idle, *self.busy]
        return sum(1 for worker in live if worker.generation == self.generation)

    # ---- taking a worker -----------------------------------------------------------------

    def take(self, deadline: float, timeout_s: float, make: Callable[[WorkerProcess], Lease]) -> Lease:
        """A lease (from `make`) on an idle worker, waiting as the module describes.

        Raises QueryPoolBusy (refused while waiting, or stopped in the fast lane is the other
        query's lot), QueryTimeout (no worker by `deadline`) or StoreError (closed, no store).
        """
        waiter = _Waiter()
        with self.cond:
            self._waiters.append(waiter)
            self._refuse_oldest_waiters()
        try:
            while True:
                with self.cond:
                    lease, victim = self._try_take(waiter, deadline, timeout_s, make)
                    if lease is not None:
                        return lease
                if victim is not None:  # ended outside `cond`: a lease's lock comes before it
                    victim.end(QueryPoolBusy(_PREEMPTED), self.kill_ended)
        finally:
            with self.cond:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                    self.cond.notify_all()  # the next newest waiter may go

    def _try_take(
        self, waiter: _Waiter, deadline: float, timeout_s: float, make: Callable[[WorkerProcess], Lease]
    ) -> tuple[Lease | None, Lease | None]:
        """A lease, or a fast-lane lease to end, or (None, None) after a wait. Holds `cond`."""
        self._check_open(waiter)
        newest = self._waiters[-1] is waiter
        worker = self._pop_live_idle() if newest and len(self.busy) < self.most else None
        if worker is not None:
            lease = self.busy[worker] = make(worker)
            self._waiters.remove(waiter)
            self.rebalance()
            self.cond.notify_all()
            return lease, None
        self.rebalance()
        now = time.monotonic()
        if now >= deadline:
            raise QueryTimeout(f"all {self.most} query workers stayed busy for {timeout_s:g} s")
        wait_s = deadline - now
        fast_lane = self._fast_lane() if newest else None
        if fast_lane is not None:
            age = now - fast_lane.started
            if age >= FAST_LANE_S:
                return None, fast_lane
            wait_s = min(wait_s, FAST_LANE_S - age)
        self.cond.wait(wait_s)
        return None, None

    def _check_open(self, waiter: _Waiter) -> None:
        if self.closed:
            raise StoreError("the query pool is closed")
        # A failed start means the store cannot be opened: say so rather than wait.
        if self.error is not None and not self.idle and not self.starting:
            raise self.error
        if waiter.refused:
            raise QueryPoolBusy(_REFUSED)

    def _refuse_oldest_waiters(self) -> None:
        while len(self._waiters) > self.most:
            self._waiters.pop(0).refused = True
            self.cond.notify_all()

    def _fast_lane(self) -> Lease | None:
        """The lease on the last worker, when every worker is busy and none is starting."""
        if self.starting or len(self.busy) < self.most:
            return None
        return max(self.busy.values(), key=lambda lease: lease.started)

    def _pop_live_idle(self) -> WorkerProcess | None:
        # Most recently used first: it is warm, and it lets the extras age out.
        while self.idle:
            worker = self.idle.pop()
            if worker.alive:
                return worker
            stop_soon(worker)
        return None

    # ---- giving workers back -------------------------------------------------------------

    def release(self, worker: WorkerProcess) -> None:
        """Take back a worker whose answer is complete (a stale one is stopped)."""
        if worker.niced:
            worker.renice(0)
        with self.cond:
            self.busy.pop(worker, None)
            stale = self.closed or worker.generation != self.generation
            if not stale:
                worker.last_used = time.monotonic()
                self.idle.append(worker)
            self.rebalance()
            self.cond.notify_all()
        if stale:
            stop_soon(worker)

    def discard(self, worker: WorkerProcess, *, timed_out: bool) -> None:
        """Kill a worker that overran or broke, and have it replaced."""
        worker.kill()
        self._forget(worker, timed_out=timed_out)
        stop_soon(worker)  # reaping need not hold up the caller

    def kill_ended(self, worker: WorkerProcess, *, timed_out: bool = False) -> None:
        """Kill and replace the worker of a lease ended from outside; its connection stays open
        while the holder may read it, and closes with the worker object (see Lease)."""
        worker.kill()
        self._forget(worker, timed_out=timed_out)
        threading.Thread(target=worker.process.wait, daemon=True).start()  # reap the zombie

    def _forget(self, worker: WorkerProcess, *, timed_out: bool) -> None:
        with self.cond:
            self.busy.pop(worker, None)
            self.killed += int(timed_out)
            self.rebalance()
            self.cond.notify_all()

    # ---- starting and retiring -----------------------------------------------------------

    def rebalance(self) -> None:
        """Keep one idle spare beyond max(busy, `least`), within `most` and the standby; retire
        long-idle extras.

        Called with `cond` held.
        """
        if self.closed:
            return
        total = len(self.idle) + len(self.busy) + self.starting
        wanted = min(self.most + 1, max(self.least, len(self.busy)) + 1)
        for _ in range(wanted - total):
            self.starting += 1
            threading.Thread(target=self._spawn, args=(self.generation,), daemon=True).start()
        now = time.monotonic()
        while total > wanted and self.idle and now - self.idle[0].last_used > IDLE_RETIRE_S:
            stop_soon(self.idle.pop(0))
            total -= 1

    def _spawn(self, generation: int) -> None:
        """Start one worker and wait for it to open the store (runs on its own thread)."""
        worker: WorkerProcess | None = None
        try:
            worker = WorkerProcess.launch(
                self.store_path, generation, self.max_rss_bytes, cut_network=self.cut_network
            )
        except OSError as exc:
            reply: Ready | KGError = StoreError(f"cannot start a query worker: {exc}")
        else:
            reply = worker.first_message()
        with self.cond:
            self.starting -= 1
            keep = isinstance(reply, Ready) and generation == self.generation and not self.closed
            if isinstance(reply, Ready) and worker is not None and keep:
                self.graphs, self.error = reply.named_graphs, None
                self.network_cut = reply.network_cut and self.network_cut is not False
                self.idle.append(worker)
            elif isinstance(reply, StoreError):
                self.error = reply
            elif generation != self.generation:  # started for a store re-opened meanwhile: it
                self.rebalance()  # counted as starting, so none was started for the new one
            self.cond.notify_all()
        if worker is not None and not keep:
            worker.stop()


_PREEMPTED = "every query worker was busy and a newer query needed this one; try again shortly"
_REFUSED = "every query worker is busy and newer queries are waiting; try again shortly"


def stop_soon(worker: WorkerProcess) -> None:
    """Stop a worker on a thread of its own: stopping may block for up to a second."""
    threading.Thread(target=worker.stop, daemon=True).start()
