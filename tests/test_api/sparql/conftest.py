"""A real uvicorn server (in a thread) serving the SPARQL router over the test store.

Requests go over loopback with httpx, so the tests see exactly what a client sees:
headers, status codes, body limits and the time a runaway query takes to be cut off.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool
from tests.test_api.sparql.serve_fixture import create_app

TEST_TIMEOUT_S = 1.0
TEST_MAX_BYTES = 500_000  # below the streaming threshold, so a 413 comes before any byte
TEST_MAX_BODY = 64 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def add_probe_routes(app: FastAPI) -> None:
    """Routes that fail on purpose, to see the error shape of validation and 500 errors."""

    @app.get("/probe/typed")
    def typed(count: int) -> dict[str, int]:
        return {"count": count}

    @app.get("/probe/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")


@pytest.fixture(scope="session")
def api_settings(sparql_data_dir: Path) -> Settings:
    return Settings(
        data_dir=sparql_data_dir,
        query_timeout_s=TEST_TIMEOUT_S,
        query_workers=2,
        max_result_bytes=TEST_MAX_BYTES,
        max_request_bytes=TEST_MAX_BODY,
    )


@pytest.fixture(scope="session")
def api_pool(api_settings: Settings) -> Iterator[QueryPool]:
    with QueryPool(api_settings) as pool:
        yield pool


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run `app` on uvicorn in a thread, on a free loopback port; yield its base URL."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=free_port(), log_level="critical", ws="none", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def base_url(api_settings: Settings, api_pool: QueryPool) -> Iterator[str]:
    app = create_app(api_settings, api_pool)
    add_probe_routes(app)
    with serving(app) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as http:
        yield http
