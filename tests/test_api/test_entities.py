"""GET /api/v1/entities (search) and /api/v1/entities/{term} (detail)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

NM = "https://w3id.org/nutrikg/"


def _search(client: TestClient, **params: object) -> dict[str, Any]:
    response = client.get("/api/v1/entities", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _curies(body: dict[str, Any]) -> list[str]:
    return [item["curie"] for item in body["items"]]


def test_search_prefix_finds_both_menaquinones(client: TestClient) -> None:
    body = _search(client, q="mk")
    assert {"nm:mk7", "nm:mk4"} <= set(_curies(body))
    assert body["total"] == len(body["items"])


def test_search_ignores_case_and_accents(client: TestClient) -> None:
    assert _curies(_search(client, q="VITAMIN K2"))[0] == "nm:vitamin_k2"
    assert "nm:vitamin_k2" in _curies(_search(client, q="vítamin k2"))


def test_search_by_synonym(client: TestClient) -> None:
    assert "nm:vitamin_d3" in _curies(_search(client, q="cholecalciferol"))


def test_search_by_category(client: TestClient) -> None:
    body = _search(client, q="vitamin", category="Vitamer", limit=500)
    assert body["items"] and {item["category"] for item in body["items"]} == {"Vitamer"}
    assert "nm:vitamin_d" not in _curies(body)  # a Vitamin, not a Vitamer


def test_search_pages_add_up(client: TestClient) -> None:
    everything = _search(client, q="vitamin", limit=500)
    first = _search(client, q="vitamin", limit=3)
    second = _search(client, q="vitamin", limit=3, offset=3)
    assert first["total"] == second["total"] == everything["total"] > 6
    assert _curies(first) + _curies(second) == _curies(everything)[:6]
    assert (first["limit"], second["offset"]) == (3, 3)


def test_search_default_page_size_is_50(client: TestClient) -> None:
    body = _search(client)
    assert body["limit"] == 50 and len(body["items"]) == 50 and body["total"] > 50


def test_search_unknown_category_is_400(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/entities", params={"category": "Planet"}), 400)
    assert "category" in error["message"]


def test_detail_by_label_lists_activation_of_osteocalcin(client: TestClient) -> None:
    response = client.get("/api/v1/entities/vitamin K2")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["iri"], body["curie"], body["category"]) == (
        NM + "vitamin_k2",
        "nm:vitamin_k2",
        "Vitamer",
    )
    activates = {
        r["entity"]["curie"]: r for r in body["outgoing"] if r["predicate"]["curie"] == "nm:activates"
    }
    assert {"nm:osteocalcin", "nm:matrix_gla_protein"} <= set(activates)
    osteocalcin = activates["nm:osteocalcin"]
    assert osteocalcin["sign"] == "Positive"
    assert osteocalcin["evidence_count"] >= 1 and osteocalcin["sources"]
    assert osteocalcin["hedged_count"] <= osteocalcin["evidence_count"]


def test_detail_lists_incoming_relations(client: TestClient) -> None:
    body = client.get("/api/v1/entities/osteocalcin").json()
    incoming = {(r["predicate"]["curie"], r["entity"]["curie"]) for r in body["incoming"]}
    assert ("nm:activates", "nm:vitamin_k2") in incoming


def test_detail_marks_relations_the_ontology_states(client: TestClient) -> None:
    body = client.get("/api/v1/entities/nm:mk7").json()
    form_of = [r for r in body["outgoing"] if r["predicate"]["curie"] == "nm:formOf"]
    assert form_of and all(r["ontology"] for r in form_of)


def test_detail_names_synonyms_definition_and_identifiers(client: TestClient) -> None:
    body = client.get("/api/v1/entities/nm:vitamin_d3").json()
    assert body["label"] == "vitamin D3" and "cholecalciferol" in body["synonyms"]
    assert body["definition"]
    chebi = {"curie": "CHEBI:28940", "iri": "http://purl.obolibrary.org/obo/CHEBI_28940"}
    assert chebi | {"match": "exact"} in body["identifiers"]


def test_detail_by_standard_identifier_and_iri(client: TestClient) -> None:
    assert client.get("/api/v1/entities/CHEBI:28940").json()["curie"] == "nm:vitamin_d3"
    encoded = quote(NM + "osteocalcin", safe="")
    assert client.get(f"/api/v1/entities/{encoded}").json()["label"] == "osteocalcin"
    assert client.get("/api/v1/entities/arteries").json()["curie"] == "nm:artery"


def test_detail_unknown_is_404(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/entities/unobtainium"), 404)
    assert error["code"] == "unknown_entity" and "unobtainium" in error["message"]


def test_relation_tallies_carry_a_belief(client: TestClient) -> None:
    body = client.get("/api/v1/entities/vitamin D").json()
    tallies = {(t["predicate"]["curie"], t["entity"]["curie"]): t for t in body["outgoing"]}
    risk = tallies["nm:increasesRiskOf", "nm:soft_tissue_calcification"]
    assert risk["negated_count"] == 1 and risk["evidence_count"] >= 1
    assert 0.10 < risk["belief"] < 0.12  # the vendor's hedge, weighed against the forum's denial
    assert all(0 <= t["belief"] <= 1 for t in body["outgoing"])


def test_a_vocabulary_term_no_document_mentions_is_still_named(client: TestClient) -> None:
    """The shipped corpus never mentions phytate; the service names it all the same, with its
    standard identifier, and says it has no relations here."""
    for term in ("phytate", "phytic acid", "CHEBI:17401", "hepcidin", "neutropenia"):
        response = client.get(f"/api/v1/entities/{term}")
        assert response.status_code == 200, (term, response.text)
        body = response.json()
        assert not body["curie"].startswith("nm:") and body["identifiers"][0]["curie"] == body["curie"]
        assert body["outgoing"] == [] and body["incoming"] == []
    assert client.get("/api/v1/entities/phytate").json()["curie"] == "CHEBI:17401"
    error_body(client.get("/api/v1/entities/no-such-thing-at-all"), 404)
