"""Request-wide bounds and headers, applied before any route runs.

Every request body is held to `settings.max_request_bytes`, whatever the route: a body declared
larger is refused (413) before a byte of it is read, and one that grows past the bound while it
is read (no Content-Length, or a false one) is refused as soon as it does. Without this, a route
that parses JSON would read a whole body into memory before it could check a token.
Every response says `X-Content-Type-Options: nosniff`.

Requests that run a query (the SPARQL endpoint, the pattern query) are admitted by count before
they take a server thread: past `settings.max_queries_in_flight` at once, one is refused at once
with 503 and Retry-After, on the event loop. Without this, runaways queueing for query workers
took every thread of the server's pool, and the JSON API stalled behind them.

Requests must name a trusted host (`settings.trusted_hosts`) in their Host header: a page on
another site that makes its own name resolve to this machine (DNS rebinding) names that other
host, and is refused (400) before any route runs. Health checks are answered whatever the host.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nutrikg.api.errors import RETRY_AFTER_S, error_response


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


class QueryAdmission:
    """ASGI middleware: at most `capacity` requests to `paths` in flight at once (until their
    response is sent, a streamed one included); one more gets 503 `busy` with Retry-After.

    The count lives on the instance and changes only on the event loop, so it needs no lock.
    """

    def __init__(self, app: ASGIApp, capacity: int, paths: frozenset[str]) -> None:
        self.app = app
        self.capacity = capacity
        self.paths = paths
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") not in self.paths:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.capacity:
            message = f"{self.capacity} queries are already running or waiting; try again shortly"
            response = error_response(503, "busy", message, headers={"Retry-After": str(RETRY_AFTER_S)})
            await response(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


class TrustedHosts:
    """ASGI middleware: a request whose Host (its name, without the port) is not in `hosts`
    gets 400 `untrusted_host`, except on `open_paths`. `*` in `hosts` trusts every name."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...], open_paths: frozenset[str]) -> None:
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts or scope["path"] in self.open_paths:
            await self.app(scope, receive, send)
            return
        name = host_name(Headers(scope=scope).get("host", ""))
        if name not in self.hosts:
            response = error_response(400, "untrusted_host", f"the host {name!r} is not served here")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def host_name(header: str) -> str:
    """The name in a Host header, lower-cased, without its port: `[::1]:8000` gives `::1`."""
    header = header.strip().lower()
    if header.startswith("["):  # an IPv6 address, whose colons are not a port's
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _with_nosniff(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("X-Content-Type-Options", "nosniff")
        await send(message)

    return sending
