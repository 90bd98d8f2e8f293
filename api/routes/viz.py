"""The explorer: the page at `/`, its scripts and styles under `/static/`, and `/viz/view`, the
drawing of one view (pyvis-built vis-network data) that the page asks for.

Every response carries the explorer's security headers: a Content-Security-Policy that lets the
page run only the service's own script files, nosniff, and no referrer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.graph.errors import UnknownEntity
from nutrikg.viz.assets import media_type, static_file, vendor_file
from nutrikg.viz.page import SECURITY_HEADERS, page_config, render_page
from nutrikg.viz.view import MAX_DEPTH, MAX_HOPS, ViewRequest, build_view, default_focus

router = APIRouter(tags=["explorer"])

STATIC_CACHE = "no-cache"  # revalidate, so a new release's scripts are picked up at once


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def explorer_page(kg: KGDep, settings: SettingsDep) -> HTMLResponse:
    """The explorer page (its data comes from the JSON API and /viz/view)."""
    config = page_config(
        default_focus=list(default_focus(kg)),
        node_cap=settings.viz_node_cap,
        api="/api/v1",
    )
    return HTMLResponse(render_page(config), headers=dict(SECURITY_HEADERS))


@router.get("/static/vendor/{name}", include_in_schema=False)
def vendor_asset(name: str) -> FileResponse:
    """vis-network's script and style, straight from the installed pyvis package.

    Raises UnknownEntity (404) for any other name.
    """
    path = vendor_file(name)
    if path is None:
        raise UnknownEntity(f"no static file is called {name!r}")
    return _file(path)


@router.get("/static/{name}", include_in_schema=False)
def explorer_asset(name: str) -> FileResponse:
    """One of the explorer's scripts or styles.

    Raises UnknownEntity (404) for any other name.
    """
    path = static_file(name)
    if path is None:
        raise UnknownEntity(f"no static file is called {name!r}")
    return _file(path)


def _file(path: Path) -> FileResponse:
    headers = {**SECURITY_HEADERS, "Cache-Control": STATIC_CACHE}
    return FileResponse(path, media_type=media_type(path), headers=headers)


@router.get("/viz/view", summary="The explorer's drawing of one view (vis-network data)")
def explorer_view(
    kg: KGDep,
    settings: SettingsDep,
    focus: Annotated[
        list[str], Query(max_length=20, description="CURIEs, IRIs or labels.", examples=[["vitamin K2"]])
    ] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Relations away from the focus.")] = 1,
    whole: Annotated[bool, Query(description="The whole graph, capped at the node cap.")] = False,
    source: Annotated[str | None, Query(max_length=500, description="A path's start (with target).")] = None,
    target: Annotated[str | None, Query(max_length=500, description="A path's end (with source).")] = None,
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="Longest path, in hops.")] = 4,
    causal_only: Annotated[bool, Query(description="False: also non-causal relations.")] = True,
) -> JSONResponse:
    """Nodes, edges and vis options of a view: the neighbourhood of `focus` (depth 1..3), the
    entities on the paths from `source` to `target`, or the whole graph, capped at the
    explorer's node cap (`truncated` says when nodes were left out).

    Raises UnknownEntity (404) when a focus, source or target names no entity.
    """
    request = ViewRequest(
        focus=tuple(term for term in focus if term.strip()),
        depth=depth,
        whole=whole,
        source=source or None,
        target=target or None,
        max_hops=max_hops,
        causal_only=causal_only,
    )
    return JSONResponse(build_view(kg, settings, request), headers=dict(SECURITY_HEADERS))
