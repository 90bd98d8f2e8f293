"""Request-wide bounds and headers, applied before any route runs.

Every request body is held to `settings.max_request_bytes`, whatever the route: a body declared
larger is refused (413) before a byte of it is read, and one that grows past the bound while it
is read (no Content-Length, or a false one) is refused as soon as it does. Without this, a route
that parses JSON would read a whole body into memory before it could check a token.
Every response says `X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nutrikg.api.errors import error_response


class RequestBounds:
    """ASGI middleware: bodies past `max_bytes` get a 413; responses get `nosniff`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_nosniff(send)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = error_response(413, "request_too_large", self._message())
            await response(scope, receive, send)
            return
        await self.app(scope, self._counted(receive), send)

    def _counted(self, receive: Receive) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # An HTTPException: the framework re-raises it from its body reading, and
                    # the error handlers give it the service's error shape.
                    raise HTTPException(413, self._message())
            return message

        return counted

    def _message(self) -> str:
        return f"the request body is larger than {self.max_bytes} bytes"


def _with_nosniff(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("X-Content-Type-Options", "nosniff")
        await send(message)

    return sending
