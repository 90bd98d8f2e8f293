"""Every failure of the JSON API answers in the one shape {"error": {code, message, detail}}."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_unknown_entity_404(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/entities/nm:no_such_thing"), 404)
    assert error["code"] == "unknown_entity"


def test_unknown_document_404(client: TestClient) -> None:
    assert error_body(client.get("/api/v1/documents/nope"), 404)["code"] == "unknown_entity"


def test_bad_parameter_400(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/relations", params={"sign": "up"}), 400)
    assert error["code"] == "invalid_query" and "sign" in error["message"]


def test_out_of_range_page_size(client: TestClient) -> None:
    response = client.get("/api/v1/entities", params={"limit": 501})
    error = error_body(response, response.status_code)
    assert response.status_code in (400, 422) and "limit" in str(error)


def test_wrong_method_405(client: TestClient) -> None:
    response = client.delete("/api/v1/entities")
    error_body(response, 405)
    assert "GET" in response.headers.get("allow", "")


def test_unknown_export_format_400(client: TestClient) -> None:
    error = error_body(client.get("/export", params={"format": "rdfxml"}), 400)
    assert error["code"] == "invalid_query" and "rdfxml" in error["message"]


def test_malformed_json_body(client: TestClient) -> None:
    response = client.post(
        "/api/v1/query",
        content=b'{"where": [["?n", "activates", "?p"]',
        headers={"content-type": "application/json"},
    )
    error = error_body(response, 400)
    assert error["code"]


def test_body_of_the_wrong_shape(client: TestClient) -> None:
    response = client.post("/api/v1/query", json={"where": "?n activates ?p"})
    error_body(response, response.status_code)
    assert response.status_code in (400, 422)


def test_unknown_route_404(client: TestClient) -> None:
    error_body(client.get("/api/v1/nothing-here"), 404)
