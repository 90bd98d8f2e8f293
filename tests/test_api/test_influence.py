"""GET /api/v1/influence: routes from one entity to another, grouped by net effect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _influence(client: TestClient, **params: object) -> dict[str, Any]:
    response = client.get("/api/v1/influence", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _curies(route: dict[str, Any]) -> list[str]:
    return [route["hops"][0]["subject"]["curie"], *(hop["object"]["curie"] for hop in route["hops"])]


def test_k2_lowers_arteries_through_mgp(client: TestClient) -> None:
    body = _influence(client, source="vitamin K2", target="artery", max_hops=3)
    routes = [_curies(route) for route in body["lowers"]]
    assert ["nm:vitamin_k2", "nm:matrix_gla_protein", "nm:artery"] in routes
    via_mgp = body["lowers"][routes.index(["nm:vitamin_k2", "nm:matrix_gla_protein", "nm:artery"])]
    assert via_mgp["effect"] == "lower"
    assert via_mgp["belief"] == pytest.approx(
        via_mgp["hops"][0]["belief"] * via_mgp["hops"][1]["belief"], abs=1e-4
    )
    assert all(hop["evidence"] and hop["evidence"][0]["sentence"] for hop in via_mgp["hops"])
    assert "strongest:" in body["summary"]


def test_d3_raises_through_calcium_and_lowers_through_k2(client: TestClient) -> None:
    body = _influence(client, source="vitamin D3", target="artery", causal_only="false")
    raises = [_curies(route) for route in body["raises"]]
    lowers = [_curies(route) for route in body["lowers"]]
    assert ["nm:vitamin_d3", "nm:calcium", "nm:artery"] in raises
    assert ["nm:vitamin_d3", "nm:vitamin_k2", "nm:artery"] in lowers
    assert body["summary"].startswith(f"{len(raises)} routes raise, {len(lowers)} routes lower")
    causal = _influence(client, source="vitamin D3", target="artery")
    assert causal["lowers"] == []


def test_limit_caps_each_group(client: TestClient) -> None:
    body = _influence(client, source="vitamin D3", target="artery", causal_only="false", limit=1)
    assert len(body["raises"]) == 1 and len(body["lowers"]) == 1
    assert body["summary"].startswith("8 routes raise")  # the summary counts every route


def test_unknown_source_is_404_and_bad_hops_400(client: TestClient) -> None:
    assert error_body(client.get("/api/v1/influence", params={"source": "nope", "target": "artery"}), 404)
    response = client.get(
        "/api/v1/influence", params={"source": "vitamin D3", "target": "artery", "max_hops": 9}
    )
    assert error_body(response, 400)["code"]
