"""GET /api/v1/paths, /api/v1/neighbourhood/{term} and /api/v1/graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from nutrikg.graph.settings import Settings
from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _paths(client: TestClient, **params: object) -> dict[str, Any]:
    response = client.get("/api/v1/paths", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_vitamin_k2_lowers_calcium_in_arteries_through_mgp(client: TestClient) -> None:
    body = _paths(client, source="vitamin K2", target="artery")
    assert body["source"]["curie"] == "nm:vitamin_k2" and body["target"]["curie"] == "nm:artery"
    summaries = {path["summary"]: path for path in body["paths"]}
    via_mgp = (
        "vitamin K2 -> activates -> matrix Gla protein -> inhibits deposition in -> artery: "
        "net effect on artery: decrease"
    )
    assert via_mgp in summaries
    path = summaries[via_mgp]
    assert path["sign"] == "Negative"
    assert [hop["sign"] for hop in path["hops"]] == ["Positive", "Negative"]
    assert [hop["predicate_words"] for hop in path["hops"]] == [
        "activates",
        "inhibits deposition in",
    ]
    assert all(hop["evidence"] for hop in path["hops"])
    assert path["hops"][0]["object"]["curie"] == "nm:matrix_gla_protein"


def test_hop_evidence_points_into_the_document(client: TestClient, document_text: dict[str, str]) -> None:
    for path in _paths(client, source="vitamin K2", target="arteries")["paths"]:
        for hop in path["hops"]:
            for ev in hop["evidence"]:
                assert document_text[ev["document"]][ev["start"] : ev["end"]] == ev["sentence"]


def test_paths_are_shortest_first_and_capped(client: TestClient) -> None:
    body = _paths(client, source="vitamin K2", target="artery", max_hops=3, limit=2)
    lengths = [len(path["hops"]) for path in body["paths"]]
    assert lengths == sorted(lengths) and 1 <= len(lengths) <= 2 and max(lengths) <= 3
    assert body["total"] == len(body["paths"])


def test_no_path_is_an_empty_list(client: TestClient) -> None:
    body = _paths(client, source="artery", target="vitamin K2")
    assert body["paths"] == [] and body["total"] == 0


@pytest.mark.parametrize("max_hops", [0, 7])
def test_max_hops_out_of_range_is_400(client: TestClient, max_hops: int) -> None:
    params = {"source": "vitamin K2", "target": "artery", "max_hops": max_hops}
    error = error_body(client.get("/api/v1/paths", params=params), 400)
    assert "max_hops" in error["message"]


def test_unknown_path_end_is_404(client: TestClient) -> None:
    params = {"source": "vitamin K2", "target": "the moon"}
    assert "target" in error_body(client.get("/api/v1/paths", params=params), 404)["message"]


def _check_network(body: dict[str, Any]) -> None:
    ids = [node["id"] for node in body["nodes"]]
    assert len(ids) == len(set(ids))
    for edge in body["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["evidence_count"] >= 1 and edge["sources"]
        assert edge["sign"] in {"Positive", "Negative", "NotCausal"}


def test_neighbourhood_starts_at_the_centre(client: TestClient) -> None:
    body = client.get("/api/v1/neighbourhood/vitamin K2").json()
    _check_network(body)
    assert body["nodes"][0]["curie"] == "nm:vitamin_k2" and body["truncated"] is False
    curies = {node["curie"] for node in body["nodes"]}
    assert {"nm:osteocalcin", "nm:matrix_gla_protein"} <= curies
    edge = next(e for e in body["edges"] if e["id"] == "nm:vitamin_k2 activates nm:osteocalcin")
    assert edge["label"] == "activates" and edge["hedged"] is False


def test_neighbourhood_grows_with_depth_and_is_capped(client: TestClient) -> None:
    one = client.get("/api/v1/neighbourhood/osteocalcin", params={"depth": 1}).json()
    two = client.get("/api/v1/neighbourhood/osteocalcin", params={"depth": 2}).json()
    assert len(two["nodes"]) > len(one["nodes"])
    capped = client.get("/api/v1/neighbourhood/osteocalcin", params={"depth": 2, "limit": 3})
    body = capped.json()
    _check_network(body)
    assert len(body["nodes"]) == 3 and body["truncated"] is True
    assert body["total"] == len(two["nodes"])


def test_neighbourhood_bad_depth_is_400(client: TestClient) -> None:
    response = client.get("/api/v1/neighbourhood/osteocalcin", params={"depth": 4})
    assert "depth" in error_body(response, 400)["message"]


def test_whole_graph_respects_the_node_cap(client: TestClient, settings: Settings) -> None:
    body = client.get("/api/v1/graph").json()
    _check_network(body)
    assert 0 < len(body["nodes"]) <= settings.viz_node_cap
    assert body["truncated"] is (body["total"] > len(body["nodes"]))
    small = client.get("/api/v1/graph", params={"limit": 5}).json()
    assert len(small["nodes"]) == 5 and small["truncated"] is True


def test_every_hop_carries_its_belief(client: TestClient) -> None:
    body = client.get("/api/v1/paths", params={"source": "vitamin K2", "target": "artery"}).json()
    hops = [hop for path in body["paths"] for hop in path["hops"]]
    assert hops and all(0 < hop["belief"] <= 1 for hop in hops)
