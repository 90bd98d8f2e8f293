"""What the explorer tests drive: a live server in a thread, a Chromium page that records (and
refuses) what it must not do, and a corpus of hostile sentences."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nutrikg.graph.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from fastapi import FastAPI
    from playwright.sync_api import Browser, Dialog, Page, Request, Route

    from nutrikg.graph.read.kg import KnowledgeGraph

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

# Sentences that state real relations and carry markup; none of it may ever run in the page.
HOSTILE_TEXT = """Hostile notes on vitamin K2 and vitamin D3

Vitamin K2 activates osteocalcin <img src=x onerror=window.__pwned=1>.
Vitamin D3 increases calcium absorption <script> window.__pwned=1 </script> in the intestine.
Magnesium is required for <a href="javascript:__pwned=1" >bone mineralization</a>.
Matrix Gla protein inhibits calcium deposition in arteries </script> <script> window.__pwned=1 \
</script> <!-- x -->.
<b onmouseover=__pwned=1 >Vitamin K2</b> activates <i>matrix Gla protein</i> in the arteries.
Vitamin K2 may reduce arterial calcification <svg onload=__pwned=1 ></svg>.
"""
HOSTILE_META = {
    "title": '<script>window.__pwned=1</script>Notes & "quotes" <img src=x onerror=__pwned=1>',
    "publisher": '<img src=x onerror="window.__pwned=1">',
    "publisher_kind": "blog",
    "promotes_products": False,
    # A javascript: address is refused when the corpus is read; quotes are allowed in an IRI.
    "url": "https://example.org/notes'onmouseover='__pwned=1",
}


def build_into(corpus: Path, data_dir: Path, **overrides: Any) -> Settings:
    """Build `corpus` into `data_dir` (graph, report, store) and return its settings."""
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.assemble.persist import save_build

    settings = Settings(corpus_dir=corpus, data_dir=data_dir, **overrides)
    save_build(build_graph(settings.corpus_dir), settings)
    return settings


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
    """The whole service (its own app and query pool) over `kg`, listening."""
    from nutrikg.api.app import create_app

    return LiveServer(create_app(kg, settings)).start()


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

    def permits(self, url: str) -> bool:
        """Entries ending in "/" allow everything under them; any other entry, itself only."""
        return any(url == entry or (entry.endswith("/") and url.startswith(entry)) for entry in self.allowed)

    def guard(self, route: Route, request: Request) -> None:
        if self.permits(request.url):
            route.continue_()
        else:
            self.refused.append(request.url)
            route.abort()

    def seen(self, request: Request) -> None:
        """Every request the page makes (file:// ones are not routed, so check them here)."""
        url = request.url
        self.requests.append(url)
        if not url.startswith("data:") and not self.permits(url) and url not in self.refused:
            self.refused.append(url)

    def dialog(self, dialog: Dialog) -> None:
        """Record and dismiss any alert, confirm or prompt (an injected script would fire one)."""
        self.dialogs.append(dialog.message)
        dialog.dismiss()

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
    """A new page in its own context, every request routed through the probe's guard."""
    context = browser.new_context(viewport={"width": 1500, "height": 920})
    page = context.new_page()
    probe = Probe(page, allowed)
    page.route("**/*", probe.guard)
    page.on("request", probe.seen)
    page.on("console", lambda msg: _console(probe, msg.type, msg.text))
    page.on("pageerror", lambda err: probe.page_errors.append(str(err)))
    page.on("dialog", probe.dialog)
    page.set_default_timeout(15_000)
    return probe


def _console(probe: Probe, kind: str, text: str) -> None:
    if kind == "error":
        probe.console_errors.append(text)
