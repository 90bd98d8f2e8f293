"""One query worker process as the pool sees it: start, talk, renice, stop, kill.

Each worker is a fresh interpreter, `python -m graph.sparql.worker`, exec'd by
`subprocess` and talking over a socket pair wrapped in a
`multiprocessing.connection.Connection` (pickled messages, as multiprocessing sends).
Why not `multiprocessing.Process`: forking the threaded server could copy a held
lock into the child, and the "spawn" and "forkserver" start methods, which avoid
that, both re-run a script's `__main__` in every child (Python 3.11's forkserver never
preloads it), which for a console-script entry point means importing the whole
service again in each worker. Exec'ing our own small module keeps a worker's start
near 0.1 s whatever started the server, with the same clean-interpreter semantics.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import nutrikg
from nutrikg.graph.errors import StoreError
from nutrikg.graph.sparql.worker import CUT, KEEP, OUT_OF_MEMORY_EXIT, Ready

START_TIMEOUT_S = 30.0  # a worker that has not opened the store by then has failed
# The folder holding the `nutrikg` package (the repository, or site-packages when installed).
_PACKAGE_PARENT = str(Path(nutrikg.__file__).parent.parent)


@dataclass(eq=False)
class WorkerProcess:
    """A running worker, its connection, and the pool's bookkeeping about it."""

    process: subprocess.Popen[bytes]
    conn: Connection
    generation: int
    last_used: float = field(default_factory=time.monotonic)
    niced: bool = False

    @classmethod
    def launch(
        cls, store_path: str, generation: int, max_rss_bytes: int, *, cut_network: bool = False
    ) -> WorkerProcess:
        """Exec a worker over the store at `store_path`, allowed `max_rss_bytes` of memory, and
        without network access if `cut_network` (where the platform allows: see its Ready).

        Raises OSError if it cannot start.
        """
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        # The worker must import our packages even when they are not installed.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_PARENT, env.get("PYTHONPATH")]))
        try:
            network = CUT if cut_network else KEEP
            args = [str(theirs.fileno()), store_path, str(os.getpid()), str(max_rss_bytes), network]
            process = subprocess.Popen(
                # -P: the folder it is started from is not put first on the path, so the worker
                # runs the pool's own package (PYTHONPATH), not another checkout's
                [sys.executable, "-P", "-m", "nutrikg.graph.sparql.worker", *args],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env=env,
            )
        finally:
            theirs.close()
        return cls(process, Connection(ours.detach()), generation)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def first_message(self) -> Ready | StoreError:
        """The worker's first word: Ready, or why it could not open the store."""
        try:
            if self.conn.poll(START_TIMEOUT_S):
                reply = self.conn.recv()
                if isinstance(reply, Ready | StoreError):
                    return reply
        except (EOFError, OSError):
            return StoreError("a query worker exited while opening the store")
        return StoreError(f"a query worker did not start within {START_TIMEOUT_S:g} s")

    def renice(self, niceness: int) -> None:
        """Best effort: set the worker's niceness (lowering it may need privileges)."""
        setpriority = getattr(os, "setpriority", None)  # absent on Windows
        if setpriority is None:
            return
        try:
            setpriority(os.PRIO_PROCESS, self.pid, niceness)
        except OSError:
            return
        self.niced = niceness != 0

    def ran_out_of_memory(self) -> bool:
        """Whether the worker has exited, or exits within a moment, for holding too much memory."""
        try:
            return self.process.wait(0.5) == OUT_OF_MEMORY_EXIT
        except subprocess.TimeoutExpired:
            return False

    def kill(self) -> None:
        """SIGKILL: the only thing that stops a running pyoxigraph query."""
        self.process.kill()

    def stop(self) -> None:
        """Ask the worker to exit, kill it if it does not, and reap it. Blocks up to ~1 s."""
        with contextlib.suppress(OSError):  # already gone
            self.conn.send(None)
        try:
            self.process.wait(1.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.conn.close()
