"""A real Virtuoso (Debian's virtuoso-opensource) on free loopback ports, for the remote store.

Initialising a database takes about ten seconds, starting from a copy of one about two. So the
first session initialises a clean database (SPARQL updates granted, checkpointed) into pytest's
cache, and every session runs on its own copy in a temporary folder. The server runs in the
foreground as our child process and is stopped by its process id. The default `dba` password is
kept only because the server listens on loopback and lives for one test session.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
SYSTEM_DB_DIR = "/var/lib/virtuoso-opensource-7/db"
INSTALL_HINT = "apt-get install -y virtuoso-opensource"
START_TIMEOUT_S = 90.0
TEMPLATE_VERSION = "1"  # bump when the way the template is made changes


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its SPARQL endpoint (queries and updates) and process id."""

    sparql_url: str
    pid: int


def require_virtuoso() -> tuple[str, str]:
    """The server and isql binaries; skips the test without them, or fails it when CI=true."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None or not SYSTEM_INI.exists():
        message = f"Virtuoso is not installed; install it with `{INSTALL_HINT}`"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: the remote-store tests must run)")
        pytest.skip(message)
    return server, isql


@contextmanager
def running_virtuoso(workdir: Path, cache_dir: Path | None) -> Iterator[Virtuoso]:
    """A server on a copy of the template database; stopped (by pid) when the block ends."""
    server, isql = require_virtuoso()
    template = _template(server, isql, cache_dir or workdir / "template")
    rundir = workdir / "run"
    rundir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, rundir / "virtuoso.db")
    with _server(server, rundir) as (url, _, pid):
        yield Virtuoso(url, pid)


def _template(server: str, isql: str, cache_dir: Path) -> Path:
    """A clean, checkpointed database with SPARQL updates granted, made once per cache."""
    key = hashlib.sha256(
        f"{TEMPLATE_VERSION} {os.stat(server).st_mtime_ns} ".encode() + SYSTEM_INI.read_bytes()
    ).hexdigest()[:16]
    template = cache_dir / f"virtuoso-{key}.db"
    if template.exists():
        return template
    initdir = cache_dir / f"init-{os.getpid()}"
    shutil.rmtree(initdir, ignore_errors=True)
    initdir.mkdir(parents=True)
    with _server(server, initdir) as (_, sql_port, _):
        _isql(isql, sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL"')
        _isql(isql, sql_port, "checkpoint")
    partial = template.with_suffix(".partial")
    shutil.copyfile(initdir / "virtuoso.db", partial)
    partial.replace(template)  # atomic: a concurrent session sees a whole template or none
    shutil.rmtree(initdir, ignore_errors=True)
    return template


@contextmanager
def _server(server: str, rundir: Path) -> Iterator[tuple[str, int, int]]:
    http_port, sql_port = _free_ports()
    ini = _write_ini(rundir, http_port, sql_port)
    url = f"http://127.0.0.1:{http_port}/sparql"
    process = subprocess.Popen(
        [server, "+foreground", "+configfile", str(ini)],
        cwd=rundir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(url, process, rundir)
        yield url, sql_port, process.pid
    finally:
        _stop(process)


def _write_ini(rundir: Path, http_port: int, sql_port: int) -> Path:
    """The system ini with our folder, loopback ports, and no add-on packages (they take 8 s)."""
    vad = rundir / "vad"
    vad.mkdir(exist_ok=True)
    ports = {"[Parameters]": sql_port, "[HTTPServer]": http_port}
    section, lines = "", []
    for line in SYSTEM_INI.read_text(encoding="utf-8").replace(SYSTEM_DB_DIR, str(rundir)).splitlines():
        key = line.split("=", 1)[0].strip()
        section = key if key.startswith("[") else section
        if key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{ports[section]}"
        elif key == "VADInstallDir":
            line = f"VADInstallDir = {vad}/"
        lines.append(line)
    ini = rundir / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ini


def _free_ports() -> tuple[int, int]:
    sockets = [socket.socket(), socket.socket()]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return sockets[0].getsockname()[1], sockets[1].getsockname()[1]
    finally:
        for sock in sockets:
            sock.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], rundir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {process.returncode}:\n{_log_tail(rundir)}")
        try:
            if httpx.post(url, data={"query": "ASK {}"}, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    pytest.fail(f"virtuoso-t did not answer at {url} within {START_TIMEOUT_S} s:\n{_log_tail(rundir)}")


def _isql(isql: str, sql_port: int, statement: str) -> None:
    command = [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement};"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        pytest.fail(f"isql-vt {statement!r} failed: {done.stdout} {done.stderr}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _log_tail(rundir: Path) -> str:
    log = rundir / "virtuoso.log"
    return "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log.exists() else "(no log)"
