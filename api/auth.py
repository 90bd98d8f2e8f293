"""Who may write: every write route (add a document, review a claim) asks for the one bearer
token of the settings, and answers 403 while none is configured."""

from __future__ import annotations

import hmac

from fastapi.responses import JSONResponse

from nutrikg.api.errors import error_response
from nutrikg.graph.settings import Settings


def write_refusal(settings: Settings, authorization: str | None) -> JSONResponse | None:
    """None when the request may write; otherwise the error response to send."""
    if not settings.write_token:
        return error_response(
            403, "writes_disabled", "writes are off: start the service with NUTRIKG_WRITE_TOKEN set"
        )
    scheme, _, token = (authorization or "").partition(" ")
    # Compared as bytes: the header's own (it was decoded as Latin-1) against the token's UTF-8.
    offered, expected = token.strip().encode("latin-1"), settings.write_token.encode("utf-8")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered, expected):
        return error_response(
            401,
            "unauthorised",
            "a valid bearer token is required to write",
            headers={"WWW-Authenticate": 'Bearer realm="nutrikg"'},
        )
    return None
