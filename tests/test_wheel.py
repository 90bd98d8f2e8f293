"""The wheel, installed with its dependencies into a clean virtualenv (no system site-packages,
no checkout on the path), works on its own: the version, a build of the corpus and ontology it
ships, a query through the library, and the service answering /healthz and SPARQL.

Dependencies come from the package index pip is configured with; with NUTRIKG_WHEELHOUSE set
(a folder that `pip download` filled), from that folder alone, for a machine without a network.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from nutrikg.graph.settings import PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
# What a wheel is built from: the project's metadata and the folders the package links to
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "nutrikg", "graph", "api", "viz", "ontology", "corpus")
QUERY = "SELECT ?x WHERE { nm:vitamin_k2 nm:activates ?x }"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin/` folder of a fresh virtualenv with the wheel installed."""
    root = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(root)
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=300)
    bin_dir = root / "venv" / "bin"
    house = os.environ.get("NUTRIKG_WHEELHOUSE")
    index = ["--no-index", "--find-links", house] if house else []
    _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", *index, str(wheel)], root, timeout=900)
    return bin_dir


def _build_wheel(root: Path) -> Path:
    """Built from a copy of the sources, so that the checkout gains no build/ or egg-info."""
    source = root / "source"
    for name in SOURCES:
        origin = PROJECT_ROOT / name
        if origin.is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache")
            shutil.copytree(origin, source / name, symlinks=True, ignore=ignored)
        else:
            source.mkdir(exist_ok=True)
            shutil.copyfile(origin, source / name)
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(root / "dist"), str(source)],
        root,
    )
    (wheel,) = (root / "dist").glob("nutrikg-*.whl")
    return wheel


def _run(command: list[str], cwd: Path, timeout: float = 600, **env: str) -> str:
    """Run `command` away from the checkout (no PYTHONPATH into it); its stdout, or fail with its stderr."""
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("NUTRIKG_")}
    done = subprocess.run(command, cwd=cwd, env=clean | env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done.stdout


def test_the_installed_wheel_builds_queries_and_serves(installed: Path, tmp_path: Path) -> None:
    assert _run([str(installed / "nutrikg"), "--version"], tmp_path).strip() == "nutrikg 0.1.0"
    data = tmp_path / "data"
    _run([str(installed / "nutrikg"), "build", "--data-dir", str(data)], tmp_path)  # the shipped corpus
    assert len(list((data / "corpus").glob("*.txt"))) == 4 and (data / "store").is_dir()
    default = "from nutrikg.graph.settings import Settings; print(Settings().data_dir)"
    shown = _run([str(installed / "python"), "-c", default], tmp_path).strip()
    assert shown == str(tmp_path / "data")  # the working folder's, never site-packages

    script = (
        "import nutrikg, sys\n"
        f"kg = nutrikg.open_graph({str(data)!r})\n"
        f"print(nutrikg.__file__)\nprint(sorted(row[0] for row in nutrikg.query(kg, {QUERY!r})))\n"
    )
    where, rows = _run([str(installed / "python"), "-c", script], tmp_path).splitlines()
    assert Path(where).is_relative_to(installed.parent) and not Path(where).is_relative_to(PROJECT_ROOT)
    assert "https://w3id.org/nutrikg/osteocalcin" in rows

    port = _free_port()
    _serve_and_ask(installed, data, port, tmp_path)


def _serve_and_ask(installed: Path, data: Path, port: int, cwd: Path) -> None:
    """`nutrikg serve`, its port from the environment, answers /healthz and a SPARQL query."""
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("NUTRIKG_")}
    env = clean | {"NUTRIKG_PORT": str(port), "NUTRIKG_DATA_DIR": str(data)}
    log = cwd / "serve.log"  # a file, not a pipe: a pipe nobody reads would stall the server's log
    with log.open("wb") as sink:
        server = subprocess.Popen([str(installed / "nutrikg"), "serve"], cwd=cwd, env=env, stderr=sink)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(server, base, log)
            ask = "ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }"
            accept = {"Accept": "application/sparql-results+json"}
            answer = httpx.get(f"{base}/sparql", params={"query": ask}, headers=accept, timeout=30)
            assert answer.status_code == 200 and answer.json()["boolean"] is True
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(server: subprocess.Popen[bytes], base: str, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            shown = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise AssertionError(f"the server exited with {server.returncode}: {shown}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"the server did not answer /healthz within {timeout:g} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
