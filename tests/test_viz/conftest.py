"""Fixtures of the explorer tests: the session's graph (or one built here), live servers over it,
and Debian's Chromium driven by Playwright.

When /usr/bin/chromium is missing the browser tests are skipped, except under CI=true, where a
missing browser is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.test_viz.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTILE_META,
    HOSTILE_TEXT,
    LiveServer,
    Probe,
    build_into,
    open_probe,
    serve,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from nutrikg.graph.read.kg import KnowledgeGraph


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
    from nutrikg.graph.read.kg import KnowledgeGraph

    try:
        found: KnowledgeGraph = request.getfixturevalue("kg")
        return found
    except pytest.FixtureLookupError:
        return KnowledgeGraph.open(viz_settings)


@pytest.fixture(scope="session")
def live_server(viz_kg: KnowledgeGraph, viz_settings: Settings) -> Iterator[LiveServer]:
    """The whole service (its own app and query pool) over the session's graph."""
    server = serve(viz_kg, viz_settings)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def capped_server(viz_kg: KnowledgeGraph, viz_settings: Settings) -> Iterator[LiveServer]:
    """The service over the same graph with a node cap of 12, so every view is trimmed."""
    server = serve(viz_kg, viz_settings.model_copy(update={"viz_node_cap": 12, "query_workers": 1}))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A one-document corpus whose sentences and metadata carry script payloads, built."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    (corpus / "001_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "001_hostile.meta.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    return build_into(corpus, tmp_path_factory.mktemp("hostile-data"))


@pytest.fixture(scope="session")
def hostile_kg(hostile_settings: Settings) -> KnowledgeGraph:
    from nutrikg.graph.read.kg import KnowledgeGraph

    return KnowledgeGraph.open(hostile_settings)


@pytest.fixture(scope="session")
def hostile_server(hostile_kg: KnowledgeGraph, hostile_settings: Settings) -> Iterator[LiveServer]:
    server = serve(hostile_kg, hostile_settings.model_copy(update={"query_workers": 1}))
    yield server
    server.stop()


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


@pytest.fixture
def probe(browser: Browser, live_server: LiveServer) -> Iterator[Probe]:
    """A fresh page that may only talk to the live server."""
    found = open_probe(browser, [live_server.url + "/"])
    yield found
    found.page.context.close()
