"""The body of one query worker process, and the messages it exchanges with the pool.

Run as `python -m graph.sparql.worker FD STORE_PATH POOL_PID MAX_RSS_BYTES NETWORK`: FD is this
process's end of a socket pair; NETWORK is "cut" or "keep". A worker first leaves the network
(where it may: see `_cut_network`), opens its own read-only handle on the store, says Ready (with
the store's named graphs and whether the network is cut), then answers Jobs one at a time until
it reads None, its pool goes away, or it is killed. An answer is a sequence of Parts, the last one marked, as
pyoxigraph writes it; a failure is a KGError instance, sent in place of the next part.
This module imports only pyoxigraph and our own light modules, so that a worker
starts in about a tenth of a second; rdflib comes with the first Inspect job.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from nutrikg.graph.errors import InvalidQuery, KGError, QueryRefused, StoreError
from nutrikg.graph.pins import pin
from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.sparql.results import Part, PartWriter, answer_format, serialize_result

_PARENT_POLL_S = 0.5
_MEMORY_POLL_S = 0.01  # a runaway allocates at most a few tens of MB between two looks
_STATM = "/proc/self/statm"
# The exit status of a worker that stopped itself for holding more than its memory allowance.
OUT_OF_MEMORY_EXIT = 75
_MAX_STACK_BYTES = 4 << 30
_STACK_ALIGN = 1 << 16
_CLONE_NEWNET = 0x40000000  # <linux/sched.h>
CUT, KEEP = "cut", "keep"  # the NETWORK argument
# The store's words when a SERVICE call finds no network (no route, no name lookup).
_NO_NETWORK = ("os error 101", "lookup address", "Network is unreachable")


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
    network_cut: bool = False  # the worker cannot open a network connection


def main(argv: list[str]) -> None:
    """Command-line entry point: `FD STORE_PATH POOL_PID MAX_RSS_BYTES NETWORK`."""
    # First, while this is the only thread: a namespace is a thread's, inherited by new threads.
    network_cut = argv[4] == CUT and _cut_network()
    max_rss_bytes = int(argv[3])
    _die_with_parent(int(argv[2]))
    _stay_within(max_rss_bytes)
    _on_deep_stack(
        max_rss_bytes, partial(run_worker, Connection(int(argv[0])), argv[1], network_cut=network_cut)
    )


def _cut_network() -> bool:
    """Move this process into a network namespace of its own, holding only a loopback device
    that is down: no connection can be opened, to the host's loopback or anywhere else, whatever
    a query asks the store to call. Whether it worked: it needs Linux and CAP_SYS_ADMIN (root,
    or a container that allows it); where it does not, SERVICE stays refused by the guard.
    The pool's socket pair is already open and is not a network connection, so it stays.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        return bool(libc.unshare(_CLONE_NEWNET) == 0)
    except (OSError, AttributeError):
        return False


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


def run_worker(conn: Connection, store_path: str, *, network_cut: bool = False) -> None:
    """Open the store read-only, say Ready, then serve Jobs until None or end of pipe."""
    try:
        # Pinned for the worker's life, so a write beside it does not delete the files it reads.
        held = pin(Path(store_path))
        store = ox.Store.read_only(str(held.path))
        graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    except (OSError, StoreError) as exc:
        conn.send(StoreError(f"cannot open the store at {store_path}: {exc}"))
        return
    try:
        conn.send(Ready(graphs, network_cut))
        while (job := conn.recv()) is not None:
            if isinstance(job, Inspect):
                inspect_job(job, conn.send)
            else:
                answer_job(store, job, conn.send, network_cut=network_cut)
    except (EOFError, OSError):  # the pool went away
        return


def answer_job(
    store: ox.Store, job: Job, send: Callable[[Part | KGError], None], *, network_cut: bool = False
) -> None:
    """Run one job, sending its answer in Parts; a failure, even after some parts, is sent as
    a KGError value in place of the next part, never a crash of the worker."""
    try:
        _run(store, job, send)
    except KGError as exc:
        send(exc)
    except SyntaxError as exc:
        send(InvalidQuery(f"invalid query: {exc}"))
    except OSError as exc:
        if network_cut and any(words in str(exc) for words in _NO_NETWORK):
            # The store's own parser read a SERVICE clause that the guard's did not: the call
            # met the sandbox. Refused like any SERVICE (the words only choose the status).
            send(QueryRefused("SERVICE is not allowed on this endpoint (query workers have no network)"))
            return
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
        from nutrikg.graph.sparql.guard import TOO_DEEP, TooDeepToCheck

        send(TooDeepToCheck(TOO_DEEP))
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
