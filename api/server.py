"""Run the service: `uvicorn --factory api.server:app_from_env` or `nutrikg serve`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fastapi import FastAPI

from api.app import create_app
from graph.errors import StoreError
from graph.kg import KnowledgeGraph
from graph.settings import Settings


def app_from_env() -> FastAPI:
    """The app over the built graph named by NUTRIKG_* variables (defaults: ./data, ./corpus)."""
    settings = Settings()
    return create_app(graph_loader(settings), settings)


def graph_loader(settings: Settings) -> Callable[[], KnowledgeGraph]:
    """Reads the built graph when called (the app calls it in a thread once SPARQL is up).
    Fails early, before the service starts, when there is no built graph at all."""
    if not settings.graph_file.exists():
        raise StoreError(f"no built graph at {settings.graph_file}: run `nutrikg build` first")
    return partial(KnowledgeGraph.load, settings.graph_file)


def serve(settings: Settings) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    app = create_app(graph_loader(settings), settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
