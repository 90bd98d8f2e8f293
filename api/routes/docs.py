"""`/docs`: the API described on one page, written from the OpenAPI document, with nothing loaded
from elsewhere (the framework's own pages fetch their scripts and fonts from CDNs). Every text is
escaped; the page runs no script. The machine-readable description stays at `/openapi.json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

router = APIRouter(include_in_schema=False)

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
_METHODS = ("get", "post", "put", "patch", "delete")
_PAGE = Environment(
    loader=FileSystemLoader(str(Path(__file__).resolve().parent.parent / "templates")),
    autoescape=select_autoescape(default=True),
).get_template("docs.html")


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec: dict[str, Any] = request.app.openapi()
    info = spec.get("info", {})
    page = _PAGE.render(
        title=info.get("title", ""),
        version=info.get("version", ""),
        summary=info.get("summary", ""),
        openapi=spec.get("openapi", ""),
        operations=list(_operations(spec)),
    )
    return HTMLResponse(page, headers=HEADERS)


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [
                {
                    "name": p.get("name", ""),
                    "where": p.get("in", ""),
                    "required": bool(p.get("required")),
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            found.append(
                {
                    "method": method,
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                }
            )
    return found
