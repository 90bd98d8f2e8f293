"""The HTTP service, built from constructor arguments (no globals): `create_app(kg, settings)`."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future
from contextlib import asynccontextmanager, suppress

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from nutrikg.api.deps import follow_store
from nutrikg.api.errors import error_response, install_error_handlers
from nutrikg.api.follow import StoreFollower
from nutrikg.api.limits import QueryAdmission, RequestBounds, TrustedHosts
from nutrikg.api.observe import Metrics, Observed
from nutrikg.api.openapi import install_openapi
from nutrikg.api.routes import (
    changes,
    conflicts,
    docs,
    documents,
    entities,
    export,
    influence,
    ingest,
    metrics,
    paths,
    pattern,
    relations,
    reviews,
    stats,
    trapi,
    viz,
)
from nutrikg.api.routes.sparql import create_sparql_router
from nutrikg.graph.errors import KGError
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.local import query_runner
from nutrikg.graph.sparql.runner import QueryRunner

GraphSource = KnowledgeGraph | Future[KnowledgeGraph] | Callable[[], KnowledgeGraph]
# The routes that run a query in the worker pool: admitted by count (api.limits.QueryAdmission).
QUERY_PATHS = frozenset({"/sparql", "/api/v1/query"})
# Health checks: answered whatever the Host, the store follower and the admission count.
HEALTH_PATHS = frozenset({"/healthz", "/readyz"})


def create_app(kg: GraphSource, settings: Settings, pool: QueryRunner | None = None) -> FastAPI:
    """The whole service over one knowledge graph; the SPARQL pool starts with the app.

    `kg` may be a loader: it then runs in a thread once the SPARQL pool is up, so SPARQL answers
    at once and the JSON API (503 until then) as soon as the graph is read.
    """
    query_pool = pool or query_runner(settings)
    loader = kg if callable(kg) and not isinstance(kg, KnowledgeGraph) else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        query_pool.start()
        if loader is not None:
            _load_in_background(loader, app.state.kg)
        try:
            yield
        finally:
            query_pool.close()

    app = FastAPI(
        title="nutrikg",
        version="0.1.0",
        summary="How nutrients act on bone and arteries, who says so, how firmly, and where.",
        lifespan=lifespan,
        docs_url=None,  # the framework's pages load scripts from CDNs: ours is in api/routes/docs.py
        redoc_url=None,
    )
    app.add_middleware(RequestBounds, max_bytes=settings.max_request_bytes)
    # Added last, so they run first: a refused request costs no body read and no thread.
    app.add_middleware(QueryAdmission, capacity=settings.max_queries_in_flight, paths=QUERY_PATHS)
    app.add_middleware(TrustedHosts, hosts=settings.trusted_hosts, open_paths=HEALTH_PATHS)
    if settings.cors_origins:  # off unless configured: no other site's page reads our answers
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"]
        )
    # Outermost: every request is counted, timed and logged, refused ones too.
    app.state.metrics = Metrics(getattr(query_pool, "stats", None))
    app.add_middleware(Observed, metrics=app.state.metrics)
    app.state.kg = Future() if loader is not None else kg
    app.state.settings = settings
    app.state.pool = query_pool
    app.state.follower = StoreFollower(app, settings)
    install_error_handlers(app)
    _add_health_checks(app, query_pool)
    app.include_router(metrics.router)
    # Every other request first checks that the store it reads is the one on disk (api.follow).
    app.include_router(create_sparql_router(settings, query_pool), dependencies=[Depends(follow_store)])
    for router in (
        docs.router,
        entities.router,
        relations.router,
        paths.router,
        conflicts.router,
        influence.router,
        pattern.router,
        documents.router,
        ingest.router,
        reviews.router,
        changes.router,
        stats.router,
        export.router,
        trapi.router,
        viz.router,
    ):
        app.include_router(router, dependencies=[Depends(follow_store)])
    install_openapi(app)
    return app


def _add_health_checks(app: FastAPI, pool: QueryRunner) -> None:
    """`/healthz`: the process answers. `/readyz`: it can serve, with the graph read and a query
    worker up (503 while the graph loads or when no worker runs). Neither touches the store."""

    @app.get("/healthz", tags=["health"], summary="Liveness: the service answers")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="Readiness: graph loaded and query workers up")
    def readyz(request: Request) -> JSONResponse:
        kg = request.app.state.kg
        loaded = isinstance(kg, KnowledgeGraph) or (kg.done() and kg.exception() is None)
        checks = {"graph": loaded, "query_workers": pool.ready()}
        if all(checks.values()):
            return JSONResponse({"status": "ready", "checks": checks})
        missing = ", ".join(name for name, ok in checks.items() if not ok)
        return error_response(503, "not_ready", f"not ready: {missing}", {"checks": checks})


def _load_in_background(loader: Callable[[], KnowledgeGraph], result: Future[KnowledgeGraph]) -> None:
    """Load, hand the graph over (the JSON API answers from then on), then make its claim index,
    so the first request that lists claims does not wait for it (one that comes sooner waits for
    this build rather than starting its own)."""

    def run() -> None:
        try:
            loaded = loader()
        except BaseException as err:  # handed to the request that asks for the graph
            result.set_exception(err)
            return
        result.set_result(loaded)
        with suppress(KGError):  # a request that needs the index meets the error itself
            claim_index(loaded)

    threading.Thread(target=run, name="kg-load", daemon=True).start()
