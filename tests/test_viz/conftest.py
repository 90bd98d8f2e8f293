"""Fixtures of the explorer tests: the session's graph (or one built here), live servers over it,
and Debian's Chromium driven by Playwright with every request outside 127.0.0.1 refused.

When /usr/bin/chromium is missing the browser tests are skipped, except under CI=true, where a
missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from graph.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from fastapi import FastAPI
    from playwright.sync_api import Browser, Page, Request, Route

    from graph.kg import KnowledgeGraph

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


# ---- the graph ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def viz_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The session's `settings` when tests/conftest.py provides it, else a build of our own."""
    try:
        found: Settings = request.getfixturevalue("settings")
        return found
    except pytest.FixtureLookupError:
        return build_into(PROJECT_ROOT / "corpus", tmp_path_factory.mktemp("viz-data"))


@pytest.fixture(scope="session")
def viz_kg(request: pytest.FixtureRequest, viz_settings: Settings) -> KnowledgeGraph:
    """The session's `kg` when provided, else the graph of `viz_settings`."""
    from graph.kg import KnowledgeGraph

    try:
        found: KnowledgeGraph = request.getfixturevalue("kg")
        return found
    except pytest.FixtureLookupError:
        return KnowledgeGraph.load(viz_settings.graph_file)


def build_into(corpus: Path, data_dir: Path, **overrides: Any) -> Settings:
    """Build `corpus` into `data_dir` (graph, report, store) and return its settings."""
    from graph.build import build_graph
    from graph.persist import save_build

    settings = Settings(corpus_dir=corpus, data_dir=data_dir, **overrides)
    save_build(build_graph(settings.corpus_dir), settings)
    return settings


# ---- live servers ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """A uvicorn server in a thread; `url` is its base URL (no trailing slash)."""

    app: FastAPI
    port: int = field(default_factory=free_port)
    server: Any = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        import uvicorn

        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the explorer's test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=15)


def serve(kg: KnowledgeGraph, settings: Settings) -> LiveServer:
    from api.app import create_app

    return LiveServer(create_app(kg, settings)).start()


@pytest.fixture(scope="session")
def live_server(viz_kg: KnowledgeGraph, viz_settings: Settings) -> Iterator[LiveServer]:
    """The whole service (its own app and query pool) over the session's graph."""
    server = serve(viz_kg, viz_settings)
    yield server
    server.stop()


# ---- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; a skip when missing, a failure when CI=true."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@dataclass
class Probe:
    """A page with everything it did recorded: console errors, refused requests, dialogs."""

    page: Page
    allowed: list[str]
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def guard(self, route: Route, request: Request) -> None:
        url = request.url
        self.requests.append(url)
        if any(url == prefix or url.startswith(prefix) for prefix in self.allowed):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def clean(self) -> None:
        """Fail on any console error, script error, refused request or dialog."""
        assert self.refused == [], f"requests left the allowed origin: {self.refused}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"script errors: {self.page_errors}"
        assert self.dialogs == [], f"dialogs fired: {self.dialogs}"

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


def open_probe(browser: Browser, allowed: list[str]) -> Probe:
    context = browser.new_context(viewport={"width": 1500, "height": 920})
    page = context.new_page()
    probe = Probe(page, allowed)
    page.route("**/*", probe.guard)
    page.on("console", lambda msg: probe.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: probe.page_errors.append(str(err)))
    page.on("dialog", lambda dialog: (probe.dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(15_000)
    return probe


@pytest.fixture
def probe(browser: Browser, live_server: LiveServer) -> Iterator[Probe]:
    """A fresh page that may only talk to the live server."""
    found = open_probe(browser, [live_server.url + "/"])
    yield found
    found.page.context.close()
