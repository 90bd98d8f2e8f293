"""The body of one query worker process, and the messages it exchanges with the pool.

Run as `python -m graph.sparql.worker FD STORE_PATH POOL_PID MAX_RSS_BYTES`: FD is this
process's end of a socket pair. A worker opens its own read-only handle on the store, says Ready (with
the store's named graphs), then answers Jobs one at a time until it reads None, its
pool goes away, or it is killed. An answer is a sequence of Parts, the last one marked, as
pyoxigraph writes it; a failure is a KGError instance, sent in place of the next part.
This module imports only pyoxigraph and our own light modules, so that a worker
starts in about a tenth of a second; rdflib comes with the first Inspect job.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from nutrikg.graph.errors import InvalidQuery, KGError, StoreError
from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.sparql.results import Part, PartWriter, answer_format, serialize_result

_PARENT_POLL_S = 0.5
_MEMORY_POLL_S = 0.01  # a runaway allocates at most a few tens of MB between two looks
_STATM = "/proc/self/statm"
# The exit status of a worker that stopped itself for holding more than its memory allowance.
OUT_OF_MEMORY_EXIT = 75
_MAX_STACK_BYTES = 4 << 30
_STACK_ALIGN = 1 << 16


@dataclass(frozen=True)
class Job:
    """One query to run. Graph IRIs, when given, replace the query's own dataset."""

    query: str
    format_key: str  # a key of negotiation.RESULT_FORMATS or GRAPH_FORMATS
    max_bytes: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    # The built graph and every loaded graph together, when nothing else names the dataset.
    union_default_graph: bool = False


@dataclass(frozen=True)
class Inspect:
    """A query text to read with rdflib's parser (graph.sparql.guard.inspect_text), not to run:
    the parse is not interruptible, so it is made here, where a deadline can end it."""

    query: str


@dataclass(frozen=True)
class Ready:
    """Sent once the store is open: the IRIs of its named graphs."""

    named_graphs: frozenset[str] = field(default_factory=frozenset)


def main(argv: list[str]) -> None:
    """Command-line entry point: `FD STORE_PATH POOL_PID MAX_RSS_BYTES`."""
    max_rss_bytes = int(argv[3])
    _die_with_parent(int(argv[2]))
    _stay_within(max_rss_bytes)
    _on_deep_stack(max_rss_bytes, lambda: run_worker(Connection(int(argv[0])), argv[1]))


def _on_deep_stack(max_bytes: int, serve: Callable[[], None]) -> None:
    """Run `serve` in a thread whose stack may grow as large as the memory allowance.

    The store's parser recurses once per nested operator: twelve thousand '!' in a row overflow
    the main thread's 8 MB and kill the process. Only the pages a parse touches are used, and a
    parse that touches more than the allowance is stopped by the memory watch like any query.
    """
    threading.stack_size(min(max_bytes, _MAX_STACK_BYTES) // _STACK_ALIGN * _STACK_ALIGN)
    server = threading.Thread(target=serve, name="serve")
    server.start()
    server.join()


def _stay_within(max_rss_bytes: int) -> None:
    """Exit with OUT_OF_MEMORY_EXIT as soon as this process holds more than `max_rss_bytes`.

    A query's memory cannot be bounded from inside pyoxigraph, and an address-space limit
    (RLIMIT_AS) would also count the store's memory maps and untouched arena reservations,
    so the resident size is watched instead, from a thread (pyoxigraph releases the GIL).
    Where /proc is missing the allowance is not enforced.
    """
    page = os.sysconf("SC_PAGE_SIZE")
    try:
        statm = open(_STATM, "rb", buffering=0)  # noqa: SIM115  # read for the life of the worker
    except OSError:
        return

    def watch() -> None:
        while int(os.pread(statm.fileno(), 64, 0).split()[1]) * page <= max_rss_bytes:
            time.sleep(_MEMORY_POLL_S)
        os._exit(OUT_OF_MEMORY_EXIT)

    threading.Thread(target=watch, name="memory-watch", daemon=True).start()


def _die_with_parent(pool_pid: int) -> None:
    """Exit as soon as the pool's process is gone, even in the middle of a query.

    Without it a worker deep in a runaway query would outlive a crashed server until
    the query ended. A polling thread is used rather than Linux's PR_SET_PDEATHSIG,
    which fires when the *thread* that started the worker ends, and the pool starts
    workers from short-lived threads. pyoxigraph releases the GIL while it evaluates,
    so this thread keeps running during a query.
    """

    def watch() -> None:
        while os.getppid() == pool_pid:
            time.sleep(_PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def run_worker(conn: Connection, store_path: str) -> None:
    """Open the store read-only, say Ready, then serve Jobs until None or end of pipe."""
    try:
        store = ox.Store.read_only(store_path)
        graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    except OSError as exc:
        conn.send(StoreError(f"cannot open the store at {store_path}: {exc}"))
        return
    try:
        conn.send(Ready(graphs))
        while (job := conn.recv()) is not None:
            if isinstance(job, Inspect):
                inspect_job(job, conn.send)
            else:
                answer_job(store, job, conn.send)
    except (EOFError, OSError):  # the pool went away
        return


def answer_job(store: ox.Store, job: Job, send: Callable[[Part | KGError], None]) -> None:
    """Run one job, sending its answer in Parts; a failure, even after some parts, is sent as
    a KGError value in place of the next part, never a crash of the worker."""
    try:
        _run(store, job, send)
    except KGError as exc:
        send(exc)
    except SyntaxError as exc:
        send(InvalidQuery(f"invalid query: {exc}"))
    except OSError as exc:
        send(StoreError(f"the store could not be read: {exc}"))
    except Exception as exc:  # an evaluation error must not end the worker
        send(InvalidQuery(f"the query failed: {exc}"))


def inspect_job(job: Inspect, send: Callable[[object], None]) -> None:
    """Send what the guard's full parse finds in the text, or the KGError it raises."""
    try:
        from nutrikg.graph.sparql.guard import inspect_text  # rdflib: loaded by the first inspection only

        send(inspect_text(job.query))
    except KGError as exc:
        send(exc)
    except RecursionError:
        send(InvalidQuery("the query is nested too deeply to be checked"))
    except Exception as exc:  # a parser failure must not end the worker
        send(InvalidQuery(f"the query could not be checked: {exc}"))


def _run(store: ox.Store, job: Job, send: Callable[[Part], None]) -> None:
    # Per the protocol, once either graph list is given the dataset is exactly what the
    # lists name (an unnamed default graph is then empty); with neither, the query's own
    # FROM / FROM NAMED or the store's whole dataset apply.
    replace = bool(job.default_graphs or job.named_graphs)
    result = store.query(
        job.query,
        prefixes=dict(PREFIXES),
        default_graph=[ox.NamedNode(iri) for iri in job.default_graphs] if replace else None,
        named_graphs=[ox.NamedNode(iri) for iri in job.named_graphs] if replace else None,
        use_default_graph_as_union=job.union_default_graph and not replace,
    )
    serialize_result(result, PartWriter(send, answer_format(result, job.format_key), job.max_bytes))


if __name__ == "__main__":
    # Re-import under the real module name, so that pickled messages name
    # `graph.sparql.worker.Answer` rather than `__main__.Answer`.
    from nutrikg.graph.sparql import worker

    worker.main(sys.argv[1:])
