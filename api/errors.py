"""The one JSON error shape of the HTTP service, and the handlers that produce it.

Every error response reads

    {"error": {"code": "<machine code>", "message": "<for people>", "detail": <object or null>}}

with the HTTP status of the error class, and `Cache-Control: no-store` so that no
cache keeps an error in place of a later answer. Unexpected exceptions become a 500
whose body never carries a traceback; the traceback goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from nutrikg.graph.errors import KGError

logger = logging.getLogger(__name__)

NO_STORE = {"Cache-Control": "no-store"}
RETRY_AFTER_S = 1  # what a refusal for being busy asks the client to wait

# Codes for errors raised by the framework itself (routing, body limits, media types).
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}

JSONDetail = Mapping[str, object] | Sequence[object] | None


def error_response(
    status: int,
    code: str,
    message: str,
    detail: JSONDetail = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A response in the service's error shape, never cached."""
    body = {"error": {"code": code, "message": message, "detail": detail}}
    return JSONResponse(body, status_code=status, headers={**(headers or {}), **NO_STORE})


def kg_error_response(exc: KGError) -> JSONResponse:
    """The response for one of our own errors: its class gives the status and the code."""
    detail = getattr(exc, "detail", None)
    if not isinstance(detail, Mapping | list):
        detail = None
    message = str(exc) or exc.code.replace("_", " ")
    # An error that passes with time (the query workers are busy) says when to try again.
    retry_after = getattr(exc, "retry_after_s", None)
    headers = {"Retry-After": str(retry_after)} if isinstance(retry_after, int) else None
    return error_response(exc.http_status, exc.code, message, detail, headers)


def _parameter_name(loc: Sequence[object]) -> str:
    # loc is ("query" | "path" | "header" | "body", name, ...); the name is what people know.
    return ".".join(str(part) for part in loc[1:]) or str(loc[0] if loc else "request")


def validation_error_response(exc: RequestValidationError) -> JSONResponse:
    """400 `invalid_parameter`, naming the first bad parameter in the message."""
    errors = [
        {
            "parameter": _parameter_name(tuple(err.get("loc", ()))),
            "location": str(err.get("loc", ("request",))[0]),
            "message": str(err.get("msg", "invalid value")),
        }
        for err in exc.errors()
    ]
    first = errors[0] if errors else {"parameter": "request", "location": "", "message": ""}
    message = f"invalid {first['location']} parameter '{first['parameter']}': {first['message']}"
    return error_response(400, "invalid_parameter", message, {"errors": errors})


def http_error_response(exc: HTTPException) -> JSONResponse:
    """The shape for the framework's HTTP errors (404, 405 with its Allow header, 413 ...)."""
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = "Error"
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else phrase
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, message, None, exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of `app` answer in the one shape (ours, validation, HTTP, unexpected)."""

    async def on_kg_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, KGError)
        return kg_error_response(exc)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return validation_error_response(exc)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return http_error_response(exc)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "internal server error")

    app.add_exception_handler(KGError, on_kg_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
