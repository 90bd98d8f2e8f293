"""Run the service: `uvicorn --factory api.server:app_from_env` or `nutrikg serve`."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from fastapi import FastAPI

from api.app import create_app
from graph.errors import StoreError
from graph.kg import KnowledgeGraph
from graph.settings import Settings


def app_from_env() -> FastAPI:
    """The app over the built graph named by NUTRIKG_* variables (defaults: ./data, ./corpus)."""
    settings = Settings()
    return create_app(load_in_background(settings), settings)


def load_in_background(settings: Settings) -> Future[KnowledgeGraph]:
    """Read the built graph in a thread, so a large graph does not hold up the SPARQL endpoint
    (which reads the store, not this copy). Fails early when there is no built graph at all."""
    if not settings.graph_file.exists():
        raise StoreError(f"no built graph at {settings.graph_file}: run `nutrikg build` first")
    loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
    future = loader.submit(KnowledgeGraph.load, settings.graph_file)
    loader.shutdown(wait=False)
    return future


def serve(settings: Settings) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    app = create_app(load_in_background(settings), settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
