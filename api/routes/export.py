"""The whole graph as a download, byte for byte what `nutrikg export` writes.

Each format is serialised once per loaded graph and kept in memory (the graph never changes
while loaded); the ETag is the SHA-256 of those bytes, so a client holding the current copy gets
a 304 without a body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import StreamingResponse

from nutrikg.api.deps import KGDep
from nutrikg.graph.read.export import FORMATS, media_type, serialize_kg
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph

router = APIRouter(tags=["export"])
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class _Serialised:
    body: bytes
    etag: str


@router.get("/export", summary="Download the graph (Turtle, N-Triples, JSON-LD, GraphML, claims)")
@router.get("/api/v1/export", include_in_schema=False)
def export_graph(
    kg: KGDep,
    format: Annotated[str, Query(description=f"One of: {', '.join(FORMATS)}.")] = "turtle",
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The graph in `format` as an attachment `nutrikg.<ext>`, streamed in chunks.

    Raises InvalidQuery (400) for an unknown format.
    """
    content_type = media_type(format)
    cached = _serialised(kg, format)
    headers = {"ETag": cached.etag, "Cache-Control": "no-cache"}
    if if_none_match and _matches(if_none_match, cached.etag):
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="nutrikg.{FORMATS[format][1]}"'
    headers["Content-Length"] = str(len(cached.body))
    return StreamingResponse(_chunks(cached.body), media_type=content_type, headers=headers)


def _serialised(kg: KnowledgeGraph, fmt: str) -> _Serialised:
    """The bytes of `kg` in `fmt` and their ETag, made once per loaded graph."""

    def build(loaded: KnowledgeGraph) -> _Serialised:
        body = serialize_kg(loaded, fmt)
        return _Serialised(body, f'"{hashlib.sha256(body).hexdigest()}"')

    return per_graph(kg, f"export:{fmt}", build)


def _matches(header: str, etag: str) -> bool:
    """If-None-Match uses the weak comparison: `W/` prefixes are ignored, `*` matches all."""
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


def _chunks(body: bytes) -> Iterator[bytes]:
    view = memoryview(body)
    for start in range(0, len(body), CHUNK_BYTES):
        yield bytes(view[start : start + CHUNK_BYTES])
