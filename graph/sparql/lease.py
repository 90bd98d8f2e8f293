"""One busy query worker lent to one query, and the rest of a streamed answer that holds one.

The pool hands out a Lease with each worker: the query's code gives it back (the answer is
complete) or has it killed (the query overran, the worker broke, the reader left) exactly once.
"""

from __future__ import annotations

from collections.abc import Callable

from nutrikg.graph.sparql.process import WorkerProcess
from nutrikg.graph.sparql.results import Part


class Lease:
    """One busy worker lent to one query: given back to the pool or killed exactly once."""

    def __init__(
        self,
        worker: WorkerProcess,
        give_back: Callable[[WorkerProcess], None],
        kill: Callable[..., None],
    ) -> None:
        self.worker = worker
        self.open = True
        self._give_back = give_back
        self._kill = kill  # kill(worker, timed_out=...): the pool kills and replaces it

    def release(self) -> None:
        """Give the worker back to the pool (its answer is complete)."""
        if self.open:
            self.open = False
            self._give_back(self.worker)

    def discard(self, *, timed_out: bool = False) -> None:
        """Kill the worker and have it replaced (it overran, broke, or its reader left)."""
        if self.open:
            self.open = False
            self._kill(self.worker, timed_out=timed_out)

    def hand_over(self) -> Lease:
        """A new lease on the same worker, for a streamed answer's iterator; this one closes."""
        self.open = False
        return Lease(self.worker, self._give_back, self._kill)


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
