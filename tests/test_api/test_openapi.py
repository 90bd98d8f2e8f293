"""The OpenAPI document describes every operation as it behaves: its parameters (each described,
each required one with an example), its request body, the media types it answers in with an
example answer, and its errors in the one error shape (400, not FastAPI's 422). The example
requests are what the /docs page's forms send; each is answered, and each stored example answer
fits the route's answer model."""

from __future__ import annotations

import json
import re
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from nutrikg.api.openapi import EXAMPLES_FILE
from tests.tools.openapi_examples import ExampleRequest, example_request, first_example

WITH_BODY = {"post", "put", "patch"}
# Requests that change the graph are not sent here; their answer examples are checked all the same.
WRITES = {"POST /api/v1/documents", "POST /api/v1/claims/{claim_id}/review"}
# Asked of a graph with a build before it; the test's graph is a first build (answered 404).
NEEDS_HISTORY = {"GET /api/v1/changes"}


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, item in spec["paths"].items() for method, op in item.items()]


def has_example(described: dict[str, Any]) -> bool:
    return first_example(described) is not None


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/openapi.json").json()
    return found


def test_every_operation_documents_its_parameters(spec: dict[str, Any]) -> None:
    for method, path, op in operations(spec):
        where = f"{method.upper()} {path}"
        assert op.get("summary"), f"{where} has no summary"
        declared = {(p["in"], p["name"]) for p in op.get("parameters", [])}
        for name in re.findall(r"{(\w+)}", path):
            assert ("path", name) in declared, f"{where}: path parameter {name} is not declared"
        for parameter in op.get("parameters", []):
            named = f"{where} parameter {parameter['name']}"
            assert parameter.get("description"), f"{named} has no description"
            assert "schema" in parameter, f"{named} has no schema"
            if parameter.get("required"):
                assert has_example(parameter), f"{named} is required and has no example"


def test_every_operation_documents_its_body(spec: dict[str, Any]) -> None:
    for method, path, op in operations(spec):
        where = f"{method.upper()} {path}"
        body = op.get("requestBody")
        if method not in WITH_BODY:
            assert body is None, f"{where} takes no body"
            continue
        assert body is not None and body.get("content"), f"{where} documents no request body"
        for media_type, media in body["content"].items():
            assert "schema" in media, f"{where} body {media_type} has no schema"
            assert has_example(media), f"{where} body {media_type} has no example"


def test_every_operation_documents_its_answers_with_an_example(spec: dict[str, Any]) -> None:
    for method, path, op in operations(spec):
        where = f"{method.upper()} {path}"
        responses = op["responses"]
        success = [code for code in responses if code.startswith("2")]
        assert success, f"{where} documents no success"
        content = responses[success[0]].get("content", {})
        assert content, f"{where} names no media type for its answer"
        assert any(has_example(media) for media in content.values()), f"{where} has no example answer"
        assert "422" not in responses or "HTTPValidationError" not in str(responses["422"]), where
        for code, response in responses.items():
            if code.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, f"{where} {code}"
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_sparql_is_described_by_its_protocol(spec: dict[str, Any]) -> None:
    get, post = spec["paths"]["/sparql"]["get"], spec["paths"]["/sparql"]["post"]
    assert {p["name"] for p in get["parameters"]} == {
        "query",
        "default-graph-uri",
        "named-graph-uri",
        "format",
    }
    assert set(post["requestBody"]["content"]) == {
        "application/sparql-query",
        "application/x-www-form-urlencoded",
    }
    answers = set(get["responses"]["200"]["content"])
    assert {"application/sparql-results+json", "text/csv", "text/turtle", "text/n3", "text/html"} <= answers
    example = get["responses"]["200"]["content"]["application/sparql-results+json"]["example"]
    assert example["results"]["bindings"][0]["label"]["value"] == "vitamin K2"


def test_a_bad_parameter_is_documented_as_it_is_answered(client: TestClient, spec: dict[str, Any]) -> None:
    answered = client.get("/api/v1/entities", params={"limit": "many"})
    documented = spec["paths"]["/api/v1/entities"]["get"]["responses"]
    assert answered.status_code == 400 and "400" in documented
    assert set(answered.json()) == set(spec["components"]["schemas"]["ErrorBody"]["properties"])


def send(client: TestClient, request: ExampleRequest) -> Any:
    """The request as the docs page sends it: a JSON body as JSON, any other as its text."""
    body: dict[str, Any] = {}
    if request.body_type == "application/json":
        body["json"] = request.body
    elif request.body_type is not None:
        text = request.body if isinstance(request.body, str) else json.dumps(request.body)
        body["content"] = text.encode("utf-8")
        body["headers"] = request.headers | {"content-type": request.body_type}
    headers = body.pop("headers", request.headers)
    return client.request(request.method, request.path, params=request.params, headers=headers, **body)


def test_every_example_request_is_answered(client: TestClient, spec: dict[str, Any]) -> None:
    """What each form of /docs sends unchanged gets a success, on the shipped corpus."""
    for method, path, op in operations(spec):
        key = f"{method.upper()} {path}"
        if key in WRITES | NEEDS_HISTORY:
            continue
        response = send(client, example_request(method, path, op))
        assert response.status_code < 300, f"{key}: {response.status_code} {response.text[:300]}"


def api_routes(app: FastAPI) -> list[Any]:
    """Every route of `app`, those of included routers too (FastAPI 0.120 and later keep them
    inside the router they were included with)."""
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    found = list(contexts(app.routes)) if contexts is not None else app.routes
    return [route for route in found if hasattr(route, "response_model")]


def test_stored_example_answers_fit_the_answer_models(app: FastAPI) -> None:
    examples = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    models = {
        f"{method} {route.path_format}": route.response_model
        for route in api_routes(app)
        for method in route.methods or ()
    }
    for key, by_media_type in examples.items():
        assert key in models, f"{EXAMPLES_FILE.name} has an example for {key}, which is no route"
        model = models[key]
        if model is None or "application/json" not in by_media_type:
            continue
        TypeAdapter(model).validate_python(by_media_type["application/json"])
