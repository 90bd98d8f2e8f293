"""The whole graph as a download, byte for byte what `nutrikg export` writes.

Each format was written with the build (graph.assemble.exports), so a request streams a file in
bounded time and memory rather than serialise the graph. A graph without them (a remote store,
or a data folder from an older version), or served with other reviews than the build's (a review
made since), is serialised once per loaded graph and kept in memory.
The ETag is the SHA-256 of the bytes, so a client holding the current copy gets a 304 without a
body.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, BinaryIO

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import StreamingResponse

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.openapi import error_responses
from nutrikg.graph.read.export import FORMATS, media_type, precomputed, serialize_kg
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph

router = APIRouter(tags=["export"])
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class _Serialised:
    body: bytes
    etag: str


@router.get(
    "/export",
    summary="Download the graph (Turtle, N-Triples, JSON-LD, GraphML, claims)",
    response_class=Response,
    responses={
        200: {
            "description": "The graph in the format asked for, as an attachment.",
            "content": {media: {"schema": {"type": "string"}} for media, _ in FORMATS.values()},
        },
        304: {"description": "If-None-Match names the current ETag: no body."},
        **error_responses(400),
    },
)
@router.get("/api/v1/export", include_in_schema=False)
def export_graph(
    kg: KGDep,
    settings: SettingsDep,
    format: Annotated[
        str,
        Query(
            description=f"One of: {', '.join(FORMATS)}.",
            examples=["turtle"],
            json_schema_extra={"enum": list(FORMATS)},
        ),
    ] = "turtle",
    if_none_match: Annotated[
        str | None, Header(description="An ETag from an earlier download: 304, no body, when it is current.")
    ] = None,
) -> Response:
    """The graph in `format` as an attachment `nutrikg.<ext>`, streamed in chunks.

    Raises InvalidQuery (400) for an unknown format.
    """
    content_type = media_type(format)
    # Written with the build, unless the priors or reviews served are not the ones it used.
    written = precomputed(settings.exports_dir, format, kg.beliefs.digest)
    body: BinaryIO | bytes
    if written is not None:
        try:  # opened now: a build that replaces it meanwhile does not change what is sent
            body, etag = written.path.open("rb"), f'"{written.sha256}"'
        except FileNotFoundError:  # replaced between reading the manifest and opening the file
            written = None
    if written is None:
        cached = _serialised(kg, format)
        body, etag = cached.body, cached.etag
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if if_none_match and _matches(if_none_match, etag):
        _close(body)
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="nutrikg.{FORMATS[format][1]}"'
    headers["Content-Length"] = str(_length(body))
    return StreamingResponse(_chunks(body), media_type=content_type, headers=headers)


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


def _chunks(body: BinaryIO | bytes) -> Iterator[bytes]:
    if isinstance(body, bytes):
        view = memoryview(body)
        for start in range(0, len(body), CHUNK_BYTES):
            yield bytes(view[start : start + CHUNK_BYTES])
        return
    with body:  # closed when sent, or when the client goes away mid-way
        while chunk := body.read(CHUNK_BYTES):
            yield chunk


def _length(body: BinaryIO | bytes) -> int:
    return len(body) if isinstance(body, bytes) else os.fstat(body.fileno()).st_size


def _close(body: BinaryIO | bytes) -> None:
    if not isinstance(body, bytes):
        body.close()
