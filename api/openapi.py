"""The service's OpenAPI document: FastAPI's, told what FastAPI cannot know.

- The service answers a bad parameter with 400 in its one error shape (api.errors), not with
  FastAPI's 422 validation body: every operation's 422 becomes that 400.
- Each operation's answer has an example: routes give their own (`responses=`, `openapi_extra`),
  and the JSON API's answers, too long to write beside the routes, come from
  `openapi_examples.json`, answers of the service on the shipped corpus with lists cut to two
  items (refreshed by `python -m tests.tools.openapi_examples`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

EXAMPLES_FILE = Path(__file__).resolve().parent / "openapi_examples.json"
ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


class ErrorFields(BaseModel):
    code: str = Field(description="What went wrong, for programs: invalid_query, unknown_entity, ...")
    message: str = Field(description="What went wrong, for people; names the parameter, line or file.")
    detail: dict[str, Any] | list[Any] | None = Field(
        description="More, when there is more: a syntax error's line and column, the bad parameters."
    )


class ErrorBody(BaseModel):
    """Every error the service answers, whatever the route."""

    error: ErrorFields


_ERRORS: dict[int, tuple[str, str, str, dict[str, Any] | None]] = {
    400: (
        "Bad parameter, body or query; the message names it (a query's error its line and column).",
        "invalid_query",
        "syntax error at line 1, column 24: Expected {SelectQuery | ConstructQuery | ...}",
        {"line": 1, "column": 24},
    ),
    401: (
        "A write without the right bearer token.",
        "unauthorised",
        "a valid bearer token is required",
        None,
    ),
    403: (
        "Refused: SERVICE, LOAD or a graph the store does not hold; writes when they are off.",
        "query_refused",
        "SERVICE is not allowed on this endpoint",
        None,
    ),
    404: ("No such entity, document or file.", "unknown_entity", "no entity matches 'vitamin Q'", None),
    406: (
        "No format the answer can be written in matches Accept or `format`.",
        "not_acceptable",
        "no acceptable media type in 'image/png'",
        None,
    ),
    413: (
        "The request body, document or answer is larger than the service allows.",
        "result_too_large",
        "the answer is larger than 50000000 bytes; add a LIMIT or narrow the query",
        None,
    ),
    415: (
        "A body in a media type the route does not read.",
        "unsupported_media_type",
        "POST a query as ...",
        None,
    ),
    503: (
        "The graph is still loading or the store cannot be read.",
        "store_error",
        "the graph is loading",
        None,
    ),
    504: ("Past the time limit.", "query_timeout", "the query ran past 10.0 s", None),
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for these error statuses, each in the error shape with an example."""
    found: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        description, code, message, detail = _ERRORS[status]
        example = {"error": {"code": code, "message": message, "detail": detail}}
        content = {"application/json": {"schema": ERROR_REF, "example": example}}
        found[str(status)] = {"description": description, "content": content}
    return found


def install_openapi(app: FastAPI, examples_file: Path = EXAMPLES_FILE) -> None:
    """Make `app.openapi()` give the amended document (built once, then kept by FastAPI)."""
    framework_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = amended(framework_openapi(), _read_examples(examples_file))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to amend it


def amended(spec: dict[str, Any], examples: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """`spec` with the error shape in place of FastAPI's 422 and the stored answer examples."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["ErrorBody"] = error_schema
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            if _framework_validation_error(responses.get("422")):
                del responses["422"]
                responses.setdefault("400", error_responses(400)["400"])
            _add_examples(responses, examples.get(f"{method.upper()} {path}", {}))
    for unused in ("HTTPValidationError", "ValidationError"):
        if unused not in json.dumps(spec.get("paths", {})):
            schemas.pop(unused, None)
    return spec


def _framework_validation_error(response: dict[str, Any] | None) -> bool:
    """Whether a 422 response is FastAPI's own (a validation body this service never sends);
    a 422 of ours (corpus_error, query_too_costly) stays."""
    schema = (response or {}).get("content", {}).get("application/json", {}).get("schema", {})
    return bool(schema.get("$ref", "").endswith("/HTTPValidationError"))


def _add_examples(responses: dict[str, Any], by_media_type: dict[str, Any]) -> None:
    """Set the success answer's example for each media type that has none."""
    success = next((responses[code] for code in sorted(responses) if code.startswith("2")), None)
    if success is None:
        return
    content = success.setdefault("content", {})
    for media_type, example in by_media_type.items():
        content.setdefault(media_type, {"schema": {"type": "string"}}).setdefault("example", example)


def _read_examples(path: Path) -> dict[str, dict[str, Any]]:
    """The stored examples; raises OSError or ValueError (a broken install) naming the file."""
    try:
        found: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise ValueError(f"{path}: not JSON: {err}") from err
    return found
