"""The real server: uvicorn in a subprocess over the session's built graph, queried with httpx."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from nutrikg.api.server import http_command_line
from nutrikg.graph.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
START_TIMEOUT_S = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(server: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/stats", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the server did not answer within {START_TIMEOUT_S:g} s")


@pytest.fixture(scope="module")
def base_url(settings: Settings) -> Iterator[str]:
    """The address of `uvicorn --factory api.server:app_from_env` over the session's data."""
    port = _free_port()
    env = os.environ | {
        "NUTRIKG_DATA_DIR": str(settings.data_dir),
        "NUTRIKG_CORPUS_DIR": str(settings.corpus_dir),
    }
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "nutrikg.api.server:app_from_env",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", *http_command_line(),
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        yield client


def test_search_and_detail(http: httpx.Client) -> None:
    found = http.get("/api/v1/entities", params={"q": "mk"}).json()
    assert {"nm:mk7", "nm:mk4"} <= {item["curie"] for item in found["items"]}
    detail = http.get("/api/v1/entities/vitamin K2").json()
    assert any(r["entity"]["curie"] == "nm:osteocalcin" for r in detail["outgoing"])


def test_relations_and_paths(http: httpx.Client) -> None:
    claims = http.get("/api/v1/relations", params={"subject": "vitamin K2", "predicate": "activates"})
    assert "nm:osteocalcin" in {item["object"]["curie"] for item in claims.json()["items"]}
    paths = http.get("/api/v1/paths", params={"source": "vitamin K2", "target": "artery"}).json()
    assert any(path["sign"] == "Negative" for path in paths["paths"])


def test_pattern_query_runs_in_the_worker_pool(http: httpx.Client) -> None:
    body = {"where": [["?n", "activates", "?p"], ["?p", "type", "Protein"]]}
    response = http.post("/api/v1/query", json=body)
    assert response.status_code == 200, response.text
    pairs = {(row["n"]["curie"], row["p"]["curie"]) for row in response.json()["bindings"]}
    assert ("nm:vitamin_k2", "nm:osteocalcin") in pairs
    refused = http.post("/api/v1/query", json={"where": [["osteocalcin> } #", "activates", "?p"]]})
    assert refused.status_code == 400 and set(refused.json()) == {"error"}


def test_export_with_etag(http: httpx.Client) -> None:
    response = http.get("/export", params={"format": "claims-jsonl"})
    assert response.status_code == 200
    etag = response.headers["etag"]
    assert etag == f'"{hashlib.sha256(response.content).hexdigest()}"'
    again = http.get("/export", params={"format": "claims-jsonl"}, headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_errors_keep_their_shape_over_http(http: httpx.Client) -> None:
    response = http.get("/api/v1/entities/nm:nothing")
    assert response.status_code == 404 and set(response.json()["error"]) >= {"code", "message"}


def test_headers_past_the_bound_are_refused_at_once(base_url: str, http: httpx.Client) -> None:
    """The HTTP parser stops reading a head past 64 KB: a huge header costs the server nothing."""
    port = int(base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(b"GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nX-Big: ")
        started = time.monotonic()
        with contextlib.suppress(OSError):  # the server closing the connection is a refusal
            for _ in range(200):  # up to 20 MB, unless the server stops reading first
                raw.sendall(b"a" * 100_000)
        reply = b""
        with contextlib.suppress(OSError):
            reply = raw.recv(200)
        assert time.monotonic() - started < 5.0
    assert reply == b"" or reply.startswith((b"HTTP/1.1 400", b"HTTP/1.1 431"))
    assert http.get("/api/v1/stats").status_code == 200  # and it goes on serving
