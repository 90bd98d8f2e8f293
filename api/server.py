"""Run the service: `uvicorn --factory api.server:app_from_env` or `nutrikg serve`."""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from graph.kg import KnowledgeGraph
from graph.settings import Settings


def app_from_env() -> FastAPI:
    """The app over the built graph named by NUTRIKG_* variables (defaults: ./data, ./corpus)."""
    settings = Settings()
    return create_app(KnowledgeGraph.load(settings.graph_file), settings)


def serve(settings: Settings) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    app = create_app(KnowledgeGraph.load(settings.graph_file), settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
