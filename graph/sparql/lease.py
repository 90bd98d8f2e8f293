"""One busy query worker lent to one query, the book of leases out, and the rest of a streamed
answer that holds one.

The pool hands out a Lease with each worker: the query's code gives it back (the answer is
complete) or has it killed (the query overran, the worker broke, the reader left) exactly once.
The holder alone cannot be trusted to do so: a client that stops reading a streamed answer
leaves its lease untouched, the worker blocked on a full socket, and no deadline checked. So
the pool also keeps every lease in a LeaseBook whose thread *ends* a lease past its deadline
(kills the worker, frees its place) whatever the holder does; the holder, when it comes back,
meets the error that ended it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from nutrikg.graph.errors import KGError
from nutrikg.graph.sparql.process import WorkerProcess
from nutrikg.graph.sparql.results import Part

REAP_GRACE_S = 0.05  # the holder's own timeout, with its message, normally comes first
BOOK_IDLE_S = 1.0  # how long the book's thread sleeps when no lease is out


class Lease:
    """One busy worker lent to one query until `deadline` (time.monotonic()).

    States: held (the holder talks to the worker), ended (the pool killed the worker and freed
    its place, `ended_by` says why; the holder has not noticed yet), closed (the holder is done).
    """

    def __init__(
        self,
        worker: WorkerProcess,
        give_back: Callable[[WorkerProcess], None],
        kill: Callable[..., None],
        deadline: float,
        what: str = "the query",
    ) -> None:
        self.worker = worker
        self.deadline = deadline
        self.what = what  # what the worker does, for the message when it overruns
        self.started = time.monotonic()
        self.ended_by: KGError | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._give_back = give_back
        self._kill = kill  # kill(worker, timed_out=...): the pool kills and replaces it

    @property
    def open(self) -> bool:
        """Whether the holder has yet to give the lease back."""
        return not self._closed

    @property
    def held(self) -> bool:
        """Whether the worker is still the holder's (neither given back nor ended)."""
        return not self._closed and self.ended_by is None

    def release(self) -> None:
        """Give the worker back to the pool (its answer is complete)."""
        self._close(lambda: self._give_back(self.worker))

    def discard(self, *, timed_out: bool = False) -> None:
        """Kill the worker and have it replaced (it overran, broke, or its reader left)."""
        self._close(lambda: self._kill(self.worker, timed_out=timed_out))

    def end(self, reason: KGError, kill: Callable[[WorkerProcess], None]) -> bool:
        """From outside the holder: `kill` the worker (the pool frees its place) and leave
        `reason` for the holder. Whether the lease was still held."""
        with self._lock:
            if not self.held:
                return False
            self.ended_by = reason
            kill(self.worker)
        return True

    def _close(self, hand_back: Callable[[], None]) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self.ended_by is None:
                hand_back()
        # Ended: the pool has already killed and replaced the worker. Its connection is left to
        # close with the worker object: the pool's thread could pull it from under a reader, and
        # a close from here, run by the collector, could follow the connection's own finaliser.


class LeaseBook:
    """The leases out, and a thread that ends each one that is still held past its deadline."""

    def __init__(self, end_overdue: Callable[[Lease], None]) -> None:
        self._end_overdue = end_overdue
        self._cond = threading.Condition()
        self._leases: list[Lease] = []
        self._running = False

    def start(self) -> None:
        with self._cond:
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._watch, name="lease-book", daemon=True).start()

    def close(self) -> None:
        with self._cond:
            self._running = False
            self._cond.notify_all()

    def add(self, lease: Lease) -> None:
        with self._cond:
            self._leases.append(lease)
            self._cond.notify_all()

    def _watch(self) -> None:
        while True:
            with self._cond:
                if not self._running:
                    return
                overdue = self._overdue_or_wait()
            for lease in overdue:
                self._end_overdue(lease)

    def _overdue_or_wait(self) -> list[Lease]:
        """The held leases past their deadline (and grace); if none, sleep until the next one
        falls due or a lease is added. Called with the condition held."""
        self._leases = [lease for lease in self._leases if lease.held]
        now = time.monotonic()
        overdue = [lease for lease in self._leases if lease.deadline + REAP_GRACE_S <= now]
        if not overdue:
            next_due = min((lease.deadline + REAP_GRACE_S for lease in self._leases), default=None)
            self._cond.wait(BOOK_IDLE_S if next_due is None else max(next_due - now, 0.0))
        return overdue


class PartStream:
    """The rest of a streamed answer, part by part. The worker goes back to the pool after the
    last part; it is killed if the reader closes the stream early, or drops it without reading
    it (a generator never started would skip its `finally`, so this is a class)."""

    def __init__(self, next_part: Callable[[], Part], lease: Lease) -> None:
        self._next_part = next_part
        self._lease = lease

    def __iter__(self) -> PartStream:
        return self

    def __next__(self) -> bytes:
        while self._lease.open:
            try:
                data = self._next_part().data
            except BaseException:
                self.close()
                raise
            if data:
                return data
        raise StopIteration

    def close(self) -> None:
        """Stop reading: a worker still writing is killed and replaced."""
        self._lease.discard()

    def __del__(self) -> None:
        self.close()
