"""Everything the endpoint refuses, each in the one error shape, and nothing leaking."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool
from tests.test_api.sparql.conftest import TEST_MAX_BODY, TEST_MAX_BYTES, serving
from tests.test_api.sparql.helpers import ONE_ROW, assert_error_shape
from tests.test_api.sparql.serve_fixture import create_app

UPDATE = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP listener on a free local port, to prove that nothing connects to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.5)
        yield server


def assert_no_connection(server: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        connection, _ = server.accept()
        connection.close()


def test_update_parameter_is_refused(client: httpx.Client) -> None:
    message = assert_error_shape(client.get("/sparql", params={"update": UPDATE}), 400, "invalid_query")
    assert message == "updates are not allowed on this endpoint"
    assert_error_shape(client.post("/sparql", data={"update": UPDATE}), 400, "invalid_query")
    headers = {"content-type": "application/sparql-update"}
    response = client.post("/sparql", content=UPDATE, headers=headers)
    assert_error_shape(response, 400, "invalid_query")
    both = client.post("/sparql", data={"query": ONE_ROW, "update": UPDATE})
    assert_error_shape(both, 400, "invalid_query")


def test_update_sent_as_a_query_is_refused(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert "updates are not allowed" in assert_error_shape(response, 400, "invalid_query")
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_load_is_refused_and_fetches_nothing(client: httpx.Client, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    load = f"LOAD <http://127.0.0.1:{port}/data.ttl>"
    for response in (
        client.get("/sparql", params={"query": load}),
        client.post("/sparql", data={"update": load}),
    ):
        assert "LOAD" in assert_error_shape(response, 403, "query_refused")
    assert_no_connection(listener)


def test_service_is_refused_and_never_called(client: httpx.Client, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    query = f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    for response in (
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", data={"query": query}),
        client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"}),
    ):
        assert "SERVICE" in assert_error_shape(response, 403, "query_refused")
    assert_no_connection(listener)


@pytest.mark.parametrize(
    "pattern",
    [
        "VALUES ?v {{ nm:x\\# }} SERVICE <{url}> {{ ?a ?b ?c }}",  # an escaped '#' in a name
        "VALUES ?v {{ nm:x\\' }} SERVICE <{url}> {{ ?a ?b ?c }} FILTER(?v != 'z')",  # an escaped quote
        "?c nm:hedged falseSERVICE <{url}> {{ ?a ?b ?c }}",  # glued to a keyword
        "?c nm:confidence 0.85SERVICE <{url}> {{ ?a ?b ?c }}",  # glued to a number
        "?s ?p ?o #\r SERVICE <{url}> {{ ?a ?b ?c }}\n",  # a comment the store ends at a CR
        "BIND('<'AS?x)SERVICE#>\n <{url}> {{ ?a ?b ?c }}\n",  # what looks like an IRI is not one
        # an escape spelling an escape: rdflib expands twice, the store not at all
        '\n # \\u005Cu000A ?s ?p """\n BIND(\'<\'AS?x)SERVICE#>\n <{url}> {{ ?a ?b ?c }}\n # """\n',
    ],
)
def test_service_hidden_from_a_reading_of_the_text_is_never_called(
    client: httpx.Client, listener: socket.socket, pattern: str
) -> None:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    query = "SELECT * WHERE { " + pattern.format(url=url) + " } LIMIT 1"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code in (400, 403), response.text
    assert_no_connection(listener)


def test_service_inside_a_string_is_text_not_a_call(
    client: httpx.Client, listener: socket.socket, api_pool: QueryPool
) -> None:
    # Escapes the store expands only in strings and IRIs are expanded first, for both parsers:
    # '"\u0022"' becomes '"""', which opens a long string that holds the word SERVICE. Both read a
    # string, so where the workers have no network it is answered; elsewhere the word is refused.
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    pattern = 'FILTER(1 != "\\u0022") BIND(<http://a/\\u0041#> AS ?z) SERVICE <{url}> {{ ?a ?b ?c }} '
    query = "SELECT * WHERE { " + (pattern + 'FILTER(1 != "\\u0022")').format(url=url) + " } LIMIT 1"
    response = client.get("/sparql", params={"query": query})
    if api_pool.network_sandboxed():
        assert response.json()["results"]["bindings"] == [{}]  # one row, no remote binding
    else:
        assert_error_shape(response, 403, "query_refused")
    assert_no_connection(listener)


def test_deep_nesting_is_a_400_not_a_crash(client: httpx.Client) -> None:
    for query in ("SELECT * WHERE " + "(" * 5000, "SELECT * FROM <urn:x> WHERE " + "{" * 40 + "}" * 40):
        response = client.get("/sparql", params={"query": query})
        assert "nested" in assert_error_shape(response, 400, "invalid_query")


def test_from_a_file_is_refused_and_never_read(client: httpx.Client, tmp_path: Path) -> None:
    marker = "nutrikg-secret-marker-4f9c2a"
    secret = tmp_path / "secret.ttl"
    secret.write_text(f'<urn:x:s> <urn:x:p> "{marker}" .\n', encoding="utf-8")
    responses = [
        client.get("/sparql", params={"query": "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"}),
        client.get("/sparql", params={"query": f"SELECT * FROM <{secret.as_uri()}> {{ ?s ?p ?o }}"}),
        client.get(
            "/sparql",
            params={"query": f"SELECT * FROM NAMED <{secret.as_uri()}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
        ),
        client.get(
            "/sparql", params={"query": "SELECT * { ?s ?p ?o }", "default-graph-uri": secret.as_uri()}
        ),
        client.post("/sparql", data={"query": "SELECT * { ?s ?p ?o }", "named-graph-uri": secret.as_uri()}),
    ]
    for response in responses:
        assert_error_shape(response, 403, "query_refused")
        assert marker not in response.text
        assert "root:" not in response.text


def test_malformed_query_says_where(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s\nWHERE {\n  ?s ?p \n}"})
    message = assert_error_shape(response, 400, "invalid_query")
    assert "line 3, column 3" in message
    assert response.json()["error"]["detail"] == {"line": 3, "column": 3}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"query": "  "}, "missing or empty"),
        ({"query": "SELECT * { ?s foo:bar ?o }"}, "foo"),
    ],
)
def test_bad_query_parameters(client: httpx.Client, params: dict[str, str], fragment: str) -> None:
    message = assert_error_shape(client.get("/sparql", params=params), 400, "invalid_query")
    assert fragment in message


def test_duplicate_or_missing_query_is_400(client: httpx.Client) -> None:
    twice = client.get("/sparql", params=[("query", ONE_ROW), ("query", ONE_ROW)])
    assert "only once" in assert_error_shape(twice, 400, "invalid_query")
    empty_post = client.post("/sparql", data={"format": "json"})
    assert_error_shape(empty_post, 400, "invalid_query")


def test_size_cap_is_413_not_a_truncated_answer(client: httpx.Client) -> None:
    for query in ("SELECT * { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"):
        response = client.get("/sparql", params={"query": query})
        message = assert_error_shape(response, 413, "result_too_large")
        assert f"larger than {TEST_MAX_BYTES} bytes" in message


def test_oversized_body_is_413(client: httpx.Client) -> None:
    big = "SELECT * { ?s ?p ?o } #" + "x" * TEST_MAX_BODY
    headers = {"content-type": "application/sparql-query"}
    response = client.post("/sparql", content=big, headers=headers)
    assert_error_shape(response, 413, "request_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must still hold
        for _ in range(TEST_MAX_BODY // 1024 + 2):
            yield b"x" * 1024

    response = client.post("/sparql", content=chunks(), headers=headers)
    assert_error_shape(response, 413, "request_too_large")
    assert_error_shape(client.post("/sparql", data={"query": big}), 413, "request_too_large")


def test_framework_errors_share_the_shape(client: httpx.Client) -> None:
    assert_error_shape(client.get("/sparql/nothing-here"), 404, "not_found")
    not_allowed = client.delete("/sparql")
    assert_error_shape(not_allowed, 405, "method_not_allowed")
    assert set(not_allowed.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST", "OPTIONS"}
    wrong_type = client.post("/sparql", content=ONE_ROW, headers={"content-type": "text/plain"})
    assert_error_shape(wrong_type, 415, "unsupported_media_type")
    body = client.post(
        "/sparql", content=b"query=\xff\xfe", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert "UTF-8" in assert_error_shape(body, 400, "invalid_query")


def test_validation_error_names_the_parameter(client: httpx.Client) -> None:
    response = client.get("/probe/typed", params={"count": "many"})
    message = assert_error_shape(response, 400, "invalid_parameter")
    assert "'count'" in message
    assert response.json()["error"]["detail"]["errors"][0]["parameter"] == "count"


def test_unexpected_error_is_500_without_internals(client: httpx.Client) -> None:
    response = client.get("/probe/boom")
    assert_error_shape(response, 500, "internal_error")
    assert "secret internal detail" not in response.text
    assert "RuntimeError" not in response.text


def test_unavailable_store_is_503(api_settings: Settings) -> None:
    never_started = QueryPool(api_settings)
    with serving(create_app(api_settings, never_started)) as url, httpx.Client(base_url=url) as http:
        response = http.get("/sparql", params={"query": ONE_ROW})
    assert_error_shape(response, 503, "store_error")
