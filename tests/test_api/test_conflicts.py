"""GET /api/v1/conflicts: statements the sources disagree on, each side with its evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_vitamin_d_soft_tissue_calcification_dispute(client: TestClient) -> None:
    response = client.get("/api/v1/conflicts")
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    found = [
        item
        for item in items
        if item["sides"][0]["subject"]["curie"] == "nm:vitamin_d"
        and item["sides"][0]["object"]["curie"] == "nm:soft_tissue_calcification"
    ]
    assert len(found) == 1, [item["summary"] for item in items]
    vendor, forum = found[0]["sides"]
    assert found[0]["kind"] == "denied"
    assert (vendor["source_kinds"], forum["source_kinds"]) == (["vendor"], ["forum"])
    assert vendor["sources"] == ["003_6c23ff93150f8915"] and forum["sources"] == ["001_6c2a464aa23a7f13"]
    assert "inappropriate calcium deposition" in vendor["claims"][0]["evidence"]["sentence"]
    assert "little evidence that vitamin D alone" in forum["claims"][0]["evidence"]["sentence"]
    assert 0 < vendor["belief"] < forum["belief"] < 1
    assert "forum denies: vitamin D" in found[0]["summary"]


def test_threshold_leaves_out_weak_sides(client: TestClient) -> None:
    body = client.get("/api/v1/conflicts", params={"min_belief": 0.5}).json()
    assert all(min(side["support"] for side in item["sides"]) >= 0.5 for item in body["items"])
    summaries = [item["summary"] for item in body["items"]]
    assert not any("soft tissue calcification" in summary for summary in summaries)  # vendor: 0.18


def test_unknown_kind_is_400(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/conflicts", params={"kind": "quarrel"}), 400)
    assert error["detail"]["parameter"] == "kind"
