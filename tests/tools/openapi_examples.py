"""The example answers of the OpenAPI document (api/openapi_examples.json), and the example
requests they answer.

Each operation's example request is what the `/docs` page's form sends when nothing is changed:
every parameter with an example set to it, and the request body's example. The answers are the
service's own on the shipped corpus, with every list cut to two items and long texts cut short.
Refresh them after changing a route's answer:

    python -m tests.tools.openapi_examples

(it builds a copy of the shipped corpus in a temporary folder; writes are switched on there, so
that the example document is really added, to the copy).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nutrikg.api.openapi import EXAMPLES_FILE

LIST_ITEMS = 2
TEXT_CHARS = 400
TEXT_LINES = 12
WRITE_TOKEN = "example-token"
# Answers not captured: the SPARQL endpoint's examples are written by its own writers.
SKIPPED = {"GET /sparql", "POST /sparql", "GET /sparql/prefixes"}


@dataclass(frozen=True)
class ExampleRequest:
    """One operation's example request, as the docs page's form sends it."""

    method: str
    path: str  # path parameters filled in
    params: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    body_type: str | None = None


def first_example(parameter: dict[str, Any]) -> Any:
    """A parameter's or body's example (`example`, the first of `examples`, or its schema's), else None."""
    if "example" in parameter:
        return parameter["example"]
    examples = parameter.get("examples")
    if isinstance(examples, dict) and examples:
        return next(iter(examples.values())).get("value")
    schema = parameter.get("schema", {})
    listed = schema.get("examples") or [schema.get("example")]
    return listed[0] if isinstance(listed, list) else None


def example_request(method: str, path: str, operation: dict[str, Any]) -> ExampleRequest:
    """The request the docs page's form sends for `operation` unchanged."""
    request = ExampleRequest(method.upper(), path)
    for parameter in operation.get("parameters", []):
        value = first_example(parameter)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        where, name = parameter["in"], parameter["name"]
        if where == "path":
            request = _with_path(request, name, str(values[0]))
        elif where == "query":
            request.params.extend((name, _text(v)) for v in values)
        elif where == "header":
            request.headers[name] = _text(values[0])
    content = operation.get("requestBody", {}).get("content", {})
    for body_type, media in content.items():
        body = first_example(media)
        if body is not None:
            return ExampleRequest(**{**request.__dict__, "body": body, "body_type": body_type})
    return request


def _with_path(request: ExampleRequest, name: str, value: str) -> ExampleRequest:
    path = request.path.replace("{" + name + "}", quote(value, safe=""))
    return ExampleRequest(**{**request.__dict__, "path": path})


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def trimmed(value: Any) -> Any:
    """`value` with every list cut to LIST_ITEMS items and every long text cut short."""
    if isinstance(value, list):
        return [trimmed(item) for item in value[:LIST_ITEMS]]
    if isinstance(value, dict):
        return {key: trimmed(item) for key, item in value.items()}
    if isinstance(value, str) and len(value) > TEXT_CHARS:
        return value[:TEXT_CHARS] + "…"
    return value


def capture(spec: dict[str, Any], send: Any) -> dict[str, dict[str, Any]]:
    """Answer examples by operation ("GET /path") and media type, from `send(ExampleRequest)`."""
    found: dict[str, dict[str, Any]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            key = f"{method.upper()} {path}"
            if key in SKIPPED:
                continue
            response = send(example_request(method, path, operation))
            if response.status_code >= 300:
                raise RuntimeError(f"{key}: the example request got {response.status_code}: {response.text}")
            media_type = response.headers["content-type"].split(";")[0]
            found[key] = {media_type: _example_body(media_type, response)}
    return found


def _example_body(media_type: str, response: Any) -> Any:
    if media_type == "application/json":
        return trimmed(response.json())
    if media_type in ("application/gzip", "application/octet-stream"):
        return None
    return _first_lines(response.text)


def _first_lines(text: str) -> str:
    """The first TEXT_LINES lines that are not prefix declarations, after those they use."""
    lines = text.splitlines()
    body = [line for line in lines if not line.startswith("@prefix")][:TEXT_LINES]
    used = [line for line in lines if line.startswith("@prefix") and _declares_one_of(line, body)]
    return "\n".join([*used, *body]) + "\n"


def _declares_one_of(prefix_line: str, lines: list[str]) -> bool:
    name = prefix_line.split()[1]  # "nm:"
    return any(name in line for line in lines)


def main() -> None:
    """Build the shipped corpus into a temporary folder, answer every example, write the file."""
    from nutrikg.api.app import create_app
    from nutrikg.graph.settings import PROJECT_ROOT
    from tests.test_viz.harness import build_into

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as scratch:
        # A copy of the corpus: the example document is added into the corpus folder.
        corpus = shutil.copytree(PROJECT_ROOT / "corpus", Path(scratch) / "corpus")
        built = build_into(corpus, Path(scratch) / "data")
        settings = built.model_copy(update={"write_token": WRITE_TOKEN})
        from nutrikg.graph.read.kg import KnowledgeGraph

        app = create_app(KnowledgeGraph.open(settings), settings)
        with TestClient(app) as client:
            spec = app.openapi()

            def send(request: ExampleRequest) -> Any:
                headers = {"authorization": f"Bearer {WRITE_TOKEN}", **request.headers}
                return client.request(
                    request.method, request.path, params=request.params, headers=headers, json=request.body
                )

            found = capture(spec, send)
    EXAMPLES_FILE.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(found)} examples to {EXAMPLES_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
