"""HTTP engines under test, each started in a subprocess on a free 127.0.0.1 port: our service
(`uvicorn --factory api.server:app_from_env`) and rdflib-endpoint serving the same file.

A sampler thread follows the resident memory of a server and of every process it started
(our query workers), so the peak is the whole service's, not just its front process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from bench.queries import PROBE
from nutrikg.api.server import http_command_line

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SPARQL_JSON = "application/sparql-results+json"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class MemorySampler(threading.Thread):
    """Peak RSS (MB) of a process and its descendants, sampled every `interval_s`."""

    def __init__(self, pid: int, interval_s: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval_s = pid, interval_s
        self.peak_mb = 0.0
        self.window_peak_mb = 0.0  # peak since the last reset_window()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            current = self.current_mb()
            self.peak_mb = max(self.peak_mb, current)
            self.window_peak_mb = max(self.window_peak_mb, current)
            self._stop_event.wait(self.interval_s)

    def current_mb(self) -> float:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0.0
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue  # a worker that just exited
        return total / 2**20

    def reset_window(self) -> None:
        self.window_peak_mb = self.current_mb()

    def stop(self) -> None:
        self._stop_event.set()


@dataclass
class Server:
    """A running HTTP engine."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    sparql_path: str
    launched_at: float
    log: Path
    sampler: MemorySampler = field(init=False)

    def __post_init__(self) -> None:
        self.sampler = MemorySampler(self.process.pid)
        self.sampler.start()

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def sparql_url(self) -> str:
        return self.base_url + self.sparql_path

    def wait_ready(self, limit_s: float) -> float:
        """Seconds from launch to the first successful SPARQL answer.

        Raises RuntimeError when the process exits or does not answer within `limit_s`.
        """
        return self._wait(lambda client: _answers(client, self.sparql_url), limit_s, "did not answer")

    def wait_url(self, url: str, limit_s: float) -> float:
        """Seconds from launch until a GET of `url` answers 200 (our JSON API answers 503 while
        it still opens the graph). Raises RuntimeError as `wait_ready` does."""
        return self._wait(lambda client: _ok(client, url), limit_s, f"{url} did not answer")

    def _wait(self, ready: Callable[[httpx.Client], bool], limit_s: float, failure: str) -> float:
        deadline = self.launched_at + limit_s
        with httpx.Client(timeout=5.0) as client:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited (code {self.process.returncode}); "
                                       f"see {self.log}")  # fmt: skip
                if ready(client):
                    return time.perf_counter() - self.launched_at
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} {failure} within {limit_s:g} s; see {self.log}")

    def wait_idle(self, limit_s: float) -> bool:
        """Wait until the server answers a probe again (requests a load test abandoned may
        still be queued in it); False when it does not within `limit_s`."""
        deadline = time.perf_counter() + limit_s
        with httpx.Client(timeout=limit_s) as client:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    return False
                if _answers(client, self.sparql_url):
                    return True
                time.sleep(0.1)
        return False

    def stop(self) -> None:
        """Stop the server and everything it started (its own process group)."""
        self.sampler.stop()
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                _signal_group(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _answers(client: httpx.Client, url: str) -> bool:
    try:
        response = client.get(url, params={"query": PROBE}, headers={"Accept": SPARQL_JSON})
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)  # the server was started as the leader of its own group


def _launch(name: str, args: list[str], env: dict[str, str], log: Path, port: int,
            sparql_path: str) -> Server:  # fmt: skip
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    return Server(name, process, port, sparql_path, time.perf_counter(), log)


def launch_ours(data_dir: Path, log: Path, extra_env: dict[str, str] | None = None) -> Server:
    """Our service over `data_dir` (its nutrikg.nt and store/), via uvicorn's factory mode."""
    port = free_port()
    env = dict(os.environ) | {"NUTRIKG_DATA_DIR": str(data_dir), **(extra_env or {})}
    args = [sys.executable, "-m", "uvicorn", "--factory", "nutrikg.api.server:app_from_env",
            "--host", HOST, "--port", str(port), "--log-level", "warning",
            *http_command_line()]  # fmt: skip
    return _launch("nutrikg", args, env, log, port, "/sparql")


def launch_rdflib_endpoint(ntriples: Path, log: Path) -> Server:
    """rdflib-endpoint's own `serve` command over the same N-Triples file."""
    port = free_port()
    code = "from rdflib_endpoint.__main__ import cli; cli()"
    args = [sys.executable, "-c", code, "serve", str(ntriples), "--host", HOST,
            "--port", str(port)]  # fmt: skip
    return _launch("rdflib-endpoint", args, dict(os.environ), log, port, "/")


def _ok(client: httpx.Client, url: str) -> bool:
    try:
        return client.get(url).status_code == 200
    except httpx.HTTPError:
        return False
