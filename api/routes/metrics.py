"""Prometheus metrics (api.observe): request counts and latencies by route, query workers by state."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    summary="Prometheus metrics: requests by route, latencies, query workers",
    response_class=Response,
    responses={
        200: {"description": "Prometheus text exposition format 0.0.4.", "content": {"text/plain": {}}}
    },
)
def metrics(request: Request) -> Response:
    """The text exposition format; read from the app's own registry (no process-wide state)."""
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
