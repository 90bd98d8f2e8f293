"""Shared assertions for the SPARQL HTTP tests."""

from __future__ import annotations

import httpx

RESULTS_JSON = "application/sparql-results+json"
ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"


def assert_error_shape(response: httpx.Response, status: int, code: str) -> str:
    """Check the one error shape and its headers; return the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers.get("cache-control") == "no-store"
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "detail"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert error["detail"] is None or isinstance(error["detail"], dict)
    assert "Traceback" not in response.text
    message: str = error["message"]
    return message


def labels(response: httpx.Response) -> list[str]:
    """The `label` values of a JSON SELECT answer."""
    assert response.status_code == 200, response.text
    return [row["label"]["value"] for row in response.json()["results"]["bindings"]]
