"""The SPARQL 1.1 Protocol endpoint: `/sparql`, its query page and `/sparql/prefixes`.

Queries come by GET `?query=`, by POST of a form (`query=...`) or by POST of an
`application/sparql-query` body; `default-graph-uri` / `named-graph-uri` set the
dataset and `format` overrides Accept. A GET without a query answers with the
Service Description; a browser's GET (HTML asked for above every answer format) gets
the query page, with the query filled in and run when one is given. HEAD answers as
GET would, without the body; OPTIONS names the methods. Updates are refused before
anything runs. Handlers are plain `def`s, so FastAPI runs them on its thread pool and
the blocking wait for a query worker never holds up the event loop; only the body is
read on the loop, as it arrives, so that an oversized body is refused without being stored.
"""

# No `from __future__ import annotations` here: FastAPI must evaluate the handler's
# `Annotated[..., Depends(read_body)]`, and `read_body` is local to the factory.
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, StreamingResponse

from nutrikg.api.errors import error_response
from nutrikg.api.routes.sparql_openapi import (
    GET_DESCRIPTION,
    GET_SUMMARY,
    POST_DESCRIPTION,
    POST_SUMMARY,
    get_operation,
    post_operation,
    prefixes_responses,
)
from nutrikg.graph.errors import InvalidQuery, UnknownEntity
from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.read.sparql_examples import example_queries
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.description import service_description
from nutrikg.graph.sparql.guard import check_query, explain_failure, update_refusal
from nutrikg.graph.sparql.inspections import InspectionCache
from nutrikg.graph.sparql.negotiation import format_by_key, negotiate, prefers_page
from nutrikg.graph.sparql.runner import QueryRunner
from nutrikg.viz.assets import media_type, query_page_file
from nutrikg.viz.page import SECURITY_HEADERS
from nutrikg.viz.query_page import QueryPageRequest, render_query_page

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
VARY_ACCEPT = {"Vary": "Accept"}
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"

Params = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class ProtocolRequest:
    """One SPARQL protocol operation, whichever way it came."""

    query: str | None = None
    update: str | None = None
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()


def _values(params: Params, name: str) -> tuple[str, ...]:
    return tuple(value for key, value in params if key == name)


def _single(params: Params, name: str) -> str | None:
    """The one value of parameter `name`. Raises InvalidQuery if it is given twice."""
    values = _values(params, name)
    if len(values) > 1:
        raise InvalidQuery(f"the '{name}' parameter may be given only once")
    return values[0] if values else None


def from_params(params: Params, *, query: str | None = None) -> ProtocolRequest:
    """Read an operation from URL or form parameters (`query` if it came as the body).

    Raises:
        InvalidQuery: `query` or `update` given twice, or a query both in body and URL.
    """
    in_params = _single(params, "query")
    if query is not None and in_params is not None:
        raise InvalidQuery("the query came both as the body and as a 'query' parameter")
    return ProtocolRequest(
        query=query if query is not None else in_params,
        update=_single(params, "update"),
        default_graph_uris=_values(params, "default-graph-uri"),
        named_graph_uris=_values(params, "named-graph-uri"),
        formats=_values(params, "format"),
    )


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidQuery(f"the request body is not UTF-8 (byte {exc.start})") from None


def from_post(content_type: str | None, body: bytes, url_params: Params) -> ProtocolRequest:
    """Read an operation from a POST, by its media type.

    Raises:
        InvalidQuery: malformed parameters or a body that is not UTF-8.
        HTTPException: 415 for a media type the protocol does not define.
    """
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type == FORM:
        form = parse_qsl(_utf8(body), keep_blank_values=True)
        return from_params([*url_params, *form])
    if media_type == SPARQL_QUERY:
        return from_params(url_params, query=_utf8(body))
    if media_type == SPARQL_UPDATE:
        return ProtocolRequest(update=_utf8(body))
    raise HTTPException(415, f"POST a query as {FORM} or {SPARQL_QUERY}, not {media_type or 'no media type'}")


def body_reader(limit: int) -> Callable[[Request], Awaitable[bytes]]:
    """A dependency reading the request body, refusing it (413) once past `limit` bytes.

    The whole service bounds bodies too (api.limits); this router keeps its own bound because it
    is also mounted alone (the SPARQL test fixture, the latency bench)."""

    def too_large() -> HTTPException:
        return HTTPException(413, f"the request body is larger than {limit} bytes")

    async def read_body(request: Request) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large()
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:  # a missing or false Content-Length does not get past this
                raise too_large()
            chunks.append(chunk)
        return b"".join(chunks)

    return read_body


class SparqlEndpoint:
    """Turns protocol operations into guarded, negotiated, pooled query runs."""

    def __init__(self, settings: Settings, pool: QueryRunner) -> None:
        self._allowlist = settings.service_allowlist
        self._pool = pool
        self._inspections = InspectionCache()

    def answer(self, operation: ProtocolRequest, accept: str | None, *, body: bool = True) -> Response:
        """Run a query operation and return its serialised answer (only its headers when not
        `body`: a HEAD request, whose streamed answer is let go unread).

        Raises:
            InvalidQuery: no query, an update, or a malformed query.
            QueryRefused: SERVICE, LOAD, or a graph the store does not hold.
            NotAcceptable: no format matches Accept / `format`.
            QueryTimeout, ResultTooLarge, StoreError: from the pool.
        """
        if operation.update is not None:
            if operation.query is not None:
                raise InvalidQuery("give either a query or an update, not both")
            raise update_refusal(operation.update)
        if not operation.query or not operation.query.strip():
            raise InvalidQuery("the 'query' parameter is missing or empty")
        checked = check_query(
            operation.query,
            known_graphs=self._pool.named_graphs(),
            service_allowlist=self._allowlist,
            default_graph_uris=operation.default_graph_uris,
            named_graph_uris=operation.named_graph_uris,
            # rdflib's parse, when needed, under the time limit; a repeated text is parsed once
            inspect=self._inspections.through(self._pool.inspect),
            network_sandboxed=self._pool.network_sandboxed(),
        )
        fmt = negotiate(checked.kind, accept, operation.formats)
        try:
            result = self._pool.execute(
                checked.text,
                fmt.key,
                default_graphs=operation.default_graph_uris,
                named_graphs=operation.named_graph_uris,
                union_default_graph=not (checked.from_graphs or checked.from_named_graphs),
            )
        except InvalidQuery as rejected:  # say where, if the guard took its fast path
            raise explain_failure(checked.text, rejected, self._pool.inspect) from None
        written = format_by_key(result.format_key)
        if not body:
            result.close()
            length = len(result.head) if result.complete else None
            return headers_only(Response(media_type=written.content_type, headers=VARY_ACCEPT), length)
        if result.complete:
            return Response(result.head, media_type=written.content_type, headers=VARY_ACCEPT)
        # Sent as the worker writes it; an error on the way breaks off the response.
        return StreamingResponse(result.chunks(), media_type=written.content_type, headers=VARY_ACCEPT)

    def describe(self, endpoint_url: str, operation: ProtocolRequest, accept: str | None) -> Response:
        """The Service Description, in the negotiated RDF format.

        Raises:
            NotAcceptable: no RDF format matches Accept / `format`.
        """
        fmt = negotiate("graph", accept, operation.formats)
        body = service_description(
            endpoint_url,
            self._pool.named_graphs(),
            fmt.key,
            federated=bool(self._allowlist),
        )
        return Response(body, media_type=fmt.content_type, headers=VARY_ACCEPT)

    def get(self, request: Request, *, body: bool = True) -> Response:
        """A GET (or, without `body`, a HEAD): the query page for a browser, the service
        description without a query, else the query's answer. Raises as `answer` does."""
        accept = request.headers.get("accept")
        operation = from_params(_url_params(request))
        if not operation.formats and operation.update is None and prefers_page(accept):
            return _maybe_bare(query_page(request.url.path, operation), body)
        if operation.query is None and operation.update is None:
            url = str(request.url.replace(query="", fragment=""))
            return _maybe_bare(self.describe(url, operation, accept), body)
        return self.answer(operation, accept, body=body)


def query_page(endpoint: str, operation: ProtocolRequest) -> HTMLResponse:
    """The query page, with the operation's query filled in (and run by the page) when it has one.

    Raises OSError when the example queries cannot be read (a broken install)."""
    page = QueryPageRequest(
        endpoint=endpoint,
        query=operation.query,
        default_graph_uris=operation.default_graph_uris,
        named_graph_uris=operation.named_graph_uris,
        examples=example_queries(),
        prefixes=PREFIXES,
    )
    headers = {**SECURITY_HEADERS, **VARY_ACCEPT, "Cache-Control": "no-cache"}
    return HTMLResponse(render_query_page(page), headers=headers)


def headers_only(response: Response, length: int | None) -> Response:
    """`response`'s status and headers without its body, as a HEAD request gets them:
    Content-Length is that of the body GET sends, and absent when GET streams it."""
    bare = Response(status_code=response.status_code, headers=dict(response.headers))
    del bare.headers["content-length"]  # Starlette counts the empty body
    if length is not None:
        bare.headers["content-length"] = str(length)
    return bare


def _maybe_bare(response: Response, body: bool) -> Response:
    return response if body else headers_only(response, len(response.body))


def _url_params(request: Request) -> list[tuple[str, str]]:
    return list(request.query_params.multi_items())


def create_sparql_router(settings: Settings, pool: QueryRunner) -> APIRouter:
    """The `/sparql` router: SPARQL 1.1 Protocol queries, service description, query page
    (with its script and style), prefixes."""
    router = APIRouter(prefix="/sparql", tags=["sparql"])
    endpoint = SparqlEndpoint(settings, pool)
    read_body = body_reader(settings.max_request_bytes)

    @router.get(
        "",
        summary=GET_SUMMARY,
        description=GET_DESCRIPTION,
        response_class=Response,  # the media types are listed in `get_operation`
        openapi_extra=get_operation(),
    )
    def sparql_get(request: Request) -> Response:
        return endpoint.get(request)

    @router.head("", include_in_schema=False)
    def sparql_head(request: Request) -> Response:
        return endpoint.get(request, body=False)

    @router.options("", include_in_schema=False)
    def sparql_options() -> Response:
        return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})

    @router.post(
        "",
        summary=POST_SUMMARY,
        description=POST_DESCRIPTION,
        response_class=Response,
        openapi_extra=post_operation(),
    )
    def sparql_post(request: Request, body: Annotated[bytes, Depends(read_body)]) -> Response:
        content_type = request.headers.get("content-type")
        operation = from_post(content_type, body, _url_params(request))
        return endpoint.answer(operation, request.headers.get("accept"))

    # Other methods get a 405 that names the allowed ones (the routes alone would name one).
    @router.api_route("", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
    def sparql_other() -> Response:
        message = "use GET or POST on /sparql (HEAD and OPTIONS answer too)"
        return error_response(405, "method_not_allowed", message, headers={"Allow": ALLOWED_METHODS})

    @router.get(
        "/prefixes",
        summary="Prefixes every query may use without declaring them",
        responses=prefixes_responses(),
    )
    def prefixes() -> list[dict[str, str]]:
        return [{"prefix": p, "namespace": iri} for p, iri in PREFIXES.items()]

    @router.get("/static/{name}", include_in_schema=False)
    def page_asset(name: str) -> FileResponse:
        """The query page's script or style. Raises UnknownEntity (404) for any other name."""
        path = query_page_file(name)
        if path is None:
            raise UnknownEntity(f"no static file is called {name!r}")
        headers = {**SECURITY_HEADERS, "Cache-Control": "no-cache"}
        return FileResponse(path, media_type=media_type(path), headers=headers)

    return router
