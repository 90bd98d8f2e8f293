"""Run the service: `uvicorn --factory api.server:app_from_env` or `nutrikg serve`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from fastapi import FastAPI

from nutrikg.api.app import create_app
from nutrikg.api.observe import queued_access_log
from nutrikg.graph.errors import StoreError
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores.rewrite import recover


def app_from_env() -> FastAPI:
    """The app over the built graph named by NUTRIKG_* variables (defaults: ./data, ./corpus)."""
    settings = Settings()
    return create_app(graph_loader(settings), settings)


def graph_loader(settings: Settings) -> Callable[[], KnowledgeGraph]:
    """Opens the built graph when called (the app calls it in a thread once SPARQL is up): the
    store's default graph, read in place (KnowledgeGraph.open). Fails early, before the service
    starts, when there is no built graph at all. A write that a killed writer committed but did
    not finish is finished first (graph.stores.journal)."""
    if not settings.remote_query_url:
        recover(settings.store_dir)
    built = settings.graph_file if settings.remote_query_url else settings.store_dir
    if not built.exists():
        raise StoreError(f"no built graph at {built}: run `nutrikg build` first")
    return partial(KnowledgeGraph.open, settings)


# The HTTP parser: h11, which refuses a request line and headers past a size (httptools reads
# headers of any size: one 100 MB header held the server for 13 s), at 64 KB, room for a GET
# carrying a long query. The same options as uvicorn's command line: `--http h11
# --h11-max-incomplete-event-size 65536`.
HTTP_OPTIONS: dict[str, object] = {"http": "h11", "h11_max_incomplete_event_size": 64 * 1024}


def http_command_line() -> list[str]:
    """HTTP_OPTIONS as uvicorn's command-line arguments (for a server started as a command)."""
    return [
        part for key, value in HTTP_OPTIONS.items() for part in ("--" + key.replace("_", "-"), str(value))
    ]


def serve(settings: Settings) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    app = create_app(graph_loader(settings), settings)
    # Our access log (api.observe) replaces uvicorn's: the same line with the duration, written
    # from a thread of its own.
    with queued_access_log(logging.StreamHandler()):
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level="info",
            access_log=False,
            **HTTP_OPTIONS,  # type: ignore[arg-type]
        )
