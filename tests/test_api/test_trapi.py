"""TRAPI 1.5: one-hop queries by CURIE, category and predicate (with descendants and inverses),
the meta knowledge graph, and both checked against reasoner-pydantic's models when the tools
virtualenv is there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.test_api.conftest import error_body
from tests.tools.venv import TOOLS_DIR, run_tool

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

QUERY = "/trapi/v1.5/query"


def one_hop(subject: dict[str, Any], obj: dict[str, Any], **edge: Any) -> dict[str, Any]:
    query_graph = {"nodes": {"s": subject, "o": obj}, "edges": {"e": {"subject": "s", "object": "o", **edge}}}
    return {"message": {"query_graph": query_graph}}


def ask(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(QUERY, json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_curie_and_category_one_hop_with_qualified_affects(client: TestClient) -> None:
    body = one_hop(
        {"ids": ["CHEBI:28940"]}, {"categories": ["biolink:ChemicalEntity"]}, predicates=["biolink:affects"]
    )
    message = ask(client, body)["message"]
    assert message["results"]
    kg_edges = message["knowledge_graph"]["edges"]
    absorption = [e for e in kg_edges.values() if {"qualifier_type_id": "biolink:object_aspect_qualifier",
                  "qualifier_value": "absorption"} in e["qualifiers"]]  # fmt: skip
    assert absorption and all(e["subject"] == "CHEBI:28940" for e in absorption)
    for result in message["results"]:
        assert result["node_bindings"]["s"][0]["id"] == "CHEBI:28940"
        (support,) = result["analyses"][0]["support_graphs"]
        for edge_id in message["auxiliary_graphs"][support]["edges"]:
            attributes = {a["attribute_type_id"]: a["value"] for a in kg_edges[edge_id]["attributes"]}
            assert attributes["biolink:supporting_text"][0]
            assert attributes["biolink:publications"][0].startswith("doc:")


def test_ancestor_predicate_finds_descendants(client: TestClient) -> None:
    narrow = ask(client, one_hop({"ids": ["CHEBI:28940"]}, {}, predicates=["biolink:affects"]))["message"]
    broad = ask(client, one_hop({"ids": ["CHEBI:28940"]}, {}, predicates=["biolink:related_to"]))["message"]
    assert set(narrow["knowledge_graph"]["edges"]) < set(broad["knowledge_graph"]["edges"])


def test_inverse_predicate_answers_the_other_way(client: TestClient) -> None:
    forward = ask(client, one_hop({"ids": ["CHEBI:28940"]}, {}, predicates=["biolink:affects"]))["message"]
    inverse = ask(client, one_hop({}, {"ids": ["CHEBI:28940"]}, predicates=["biolink:affected_by"]))[
        "message"
    ]
    assert set(inverse["knowledge_graph"]["edges"]) == set(forward["knowledge_graph"]["edges"])
    assert all(r["node_bindings"]["o"][0]["id"] == "CHEBI:28940" for r in inverse["results"])


def test_our_own_curie_names_a_node(client: TestClient) -> None:
    by_standard = ask(client, one_hop({"ids": ["CHEBI:16374"]}, {}))["message"]
    by_ours = ask(client, one_hop({"ids": ["nm:vitamin_k2"]}, {}))["message"]
    assert by_ours["results"] == by_standard["results"] != []


def test_more_than_one_hop_is_400(client: TestClient) -> None:
    body = {"message": {"query_graph": {"nodes": {"a": {}, "b": {}, "c": {}}, "edges": {}}}}
    error_body(client.post(QUERY, json=body), 400)


def test_meta_knowledge_graph_lists_what_is_answered(client: TestClient) -> None:
    meta = client.get("/trapi/v1.5/meta_knowledge_graph").json()
    assert "CHEBI" in meta["nodes"]["biolink:SmallMolecule"]["id_prefixes"]
    assert any(e["predicate"] == "biolink:affects" for e in meta["edges"])


@pytest.mark.slow
def test_answers_validate_with_reasoner_pydantic(client: TestClient, tmp_path: Path) -> None:
    body = one_hop(
        {"ids": ["CHEBI:28940"]}, {"categories": ["biolink:NamedThing"]}, predicates=["biolink:related_to"]
    )
    files = {
        "response.json": ask(client, body),
        "meta.json": client.get("/trapi/v1.5/meta_knowledge_graph").json(),
    }
    for name, content in files.items():
        (tmp_path / name).write_text(json.dumps(content))
    run = run_tool([str(TOOLS_DIR / "trapi_check.py"), *files], tmp_path)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
