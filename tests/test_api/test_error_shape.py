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
    assert error["code"] == "invalid_query" and error["message"].startswith("sign:")
    assert error["detail"] == {"parameter": "sign"}


def test_out_of_range_page_size_400(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/entities", params={"limit": 501}), 400)
    assert error["code"] == "invalid_parameter" and "limit" in error["message"]


def test_wrong_method_405(client: TestClient) -> None:
    response = client.delete("/api/v1/entities")
    assert error_body(response, 405)["code"] == "method_not_allowed"
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
    assert error["code"] == "invalid_parameter"


def test_body_of_the_wrong_shape(client: TestClient) -> None:
    response = client.post("/api/v1/query", json={"where": "?n activates ?p"})
    error = error_body(response, 400)
    assert error["code"] == "invalid_parameter" and "where" in error["message"]


def test_unknown_route_404(client: TestClient) -> None:
    assert error_body(client.get("/api/v1/nothing-here"), 404)["code"] == "not_found"


def test_unknown_parameter_entity_names_the_parameter(client: TestClient) -> None:
    response = client.get("/api/v1/paths", params={"source": "osteocalcin", "target": "Mars"})
    error = error_body(response, 404)
    assert error["code"] == "unknown_entity" and error["detail"] == {"parameter": "target"}


def test_pattern_error_names_the_position(client: TestClient) -> None:
    body = {"where": [["?x", "activates", "?y"], ["?y", "type", "Planet"]]}
    error = error_body(client.post("/api/v1/query", json=body), 400)
    assert error["detail"] == {"parameter": "where[1][2]"}
