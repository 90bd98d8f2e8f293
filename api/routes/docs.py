"""`/docs`: the API described on one page, written from the OpenAPI document, with a form per
operation that sends it (each field filled with the parameter's example) and shows the answer.

Nothing is loaded from elsewhere (the framework's own pages fetch their scripts and fonts from
CDNs): the page's script and style are the service's own files under `/docs/static/`, and its
Content-Security-Policy lets it run only them and talk only to the service. Every text is escaped;
the script puts answers into the page as text. The machine-readable description stays at
`/openapi.json`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from nutrikg.graph.errors import UnknownEntity

router = APIRouter(include_in_schema=False)

API_DIR = Path(__file__).resolve().parent.parent
STATIC_FILES = {"docs.js": "text/javascript; charset=utf-8", "docs.css": "text/css; charset=utf-8"}
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
_METHODS = ("get", "post", "put", "patch", "delete")
EXAMPLE_CHARS = 4000  # an example answer shown past this is cut (openapi.json has it whole)
_PAGE = Environment(
    loader=FileSystemLoader(str(API_DIR / "templates")),
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
        operations=operations(spec),
    )
    return HTMLResponse(page, headers=HEADERS)


@router.get("/docs/static/{name}")
def docs_asset(name: str) -> FileResponse:
    """The page's script or style. Raises UnknownEntity (404) for any other name."""
    if name not in STATIC_FILES:
        raise UnknownEntity(f"no static file is called {name!r}")
    return FileResponse(API_DIR / "static" / name, media_type=STATIC_FILES[name], headers=HEADERS)


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """What the page shows and its forms send for each operation, in path order."""
    found = []
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            success = _success(operation)
            found.append(
                {
                    "id": f"{method}{path}".replace("/", "-").replace("{", "").replace("}", ""),
                    "method": method,
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": blocks(operation.get("description", "")),
                    "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                    "bodies": _bodies(operation),
                    "answers": list(success.get("content", {})),
                    "example": _example_answer(success),
                }
            )
    return found


def blocks(text: str) -> list[dict[str, Any]]:
    """A description's paragraphs (blank-line separated) as the page shows them: a fenced code
    block as it is written, a paragraph of `- ` lines as a list, any other one re-flowed."""
    found: list[dict[str, Any]] = []
    for paragraph in (part.strip() for part in text.split("\n\n")):
        lines = paragraph.splitlines()
        if not lines:
            continue
        if lines[0].startswith("```"):
            found.append(
                {"kind": "code", "text": "\n".join(line for line in lines if not line.startswith("```"))}
            )
        elif lines[0].startswith("- ") and all(line.startswith(("- ", "  ")) for line in lines):
            found.append({"kind": "list", "entries": _list_items(lines)})
        else:
            found.append({"kind": "text", "text": " ".join(paragraph.split())})
    return found


def _list_items(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:].strip())
        else:  # an item's continuation
            items[-1] += " " + line.strip()
    return items


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    example = _first_example(parameter)
    if isinstance(example, list):  # an array parameter: its first value fills the field
        example = example[0] if example else None
    return {
        "name": parameter.get("name", ""),
        "where": parameter.get("in", ""),
        "required": bool(parameter.get("required")),
        "description": parameter.get("description", ""),
        "value": "" if example is None else _as_text(example),
        "choices": [_as_text(choice) for choice in schema.get("enum", [])],
        "type": schema.get("type", ""),
    }


def _bodies(operation: dict[str, Any]) -> list[dict[str, str]]:
    """Each media type the request body may come in, with its example as the text to send."""
    content = operation.get("requestBody", {}).get("content", {})
    bodies = []
    for media_type, media in content.items():
        example = _first_example(media)
        if media_type == "application/x-www-form-urlencoded" and isinstance(example, dict):
            text = urlencode(example, doseq=True)
        else:
            text = "" if example is None else _as_text(example, indent=2)
        bodies.append({"media_type": media_type, "text": text})
    return bodies


def _first_example(described: dict[str, Any]) -> Any:
    if "example" in described:
        return described["example"]
    examples = described.get("examples")
    if isinstance(examples, dict) and examples:
        return next(iter(examples.values())).get("value")
    listed = described.get("schema", {}).get("examples")
    return listed[0] if isinstance(listed, list) and listed else None


def _success(operation: dict[str, Any]) -> dict[str, Any]:
    responses = operation.get("responses", {})
    code = next((code for code in sorted(responses) if code.startswith("2")), None)
    return responses[code] if code is not None else {}


def _example_answer(success: dict[str, Any]) -> dict[str, str] | None:
    for media_type, media in success.get("content", {}).items():
        example = _first_example(media)
        if example is not None:
            text = _as_text(example, indent=2)
            cut = text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS] + "\n…"
            return {"media_type": media_type, "text": cut}
    return None


def _as_text(value: Any, indent: int | None = None) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    return json.dumps(value, indent=indent, ensure_ascii=False)
