"""A tiny app serving only the SPARQL router, for tests and the latency bench.

`uvicorn --factory tests.test_api.sparql.serve_fixture:create_app` reads its settings
from the usual `NUTRIKG_*` variables (NUTRIKG_DATA_DIR must hold a built store).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from nutrikg.api.errors import install_error_handlers
from nutrikg.api.routes.sparql import create_sparql_router
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool


def create_app(settings: Settings | None = None, pool: QueryPool | None = None) -> FastAPI:
    """An app with the SPARQL router; starts and closes its own pool unless one is given."""
    settings = settings or Settings()
    own_pool = pool is None
    query_pool = pool or QueryPool(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if own_pool:
            query_pool.start()
        try:
            yield
        finally:
            if own_pool:
                query_pool.close()

    app = FastAPI(title="nutrikg SPARQL (test fixture)", lifespan=lifespan)
    install_error_handlers(app)
    app.include_router(create_sparql_router(settings, query_pool))
    return app
