"""GET /api/v1/relations: one item per claim, with filters and the evidence behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _claims(client: TestClient, **params: object) -> dict[str, Any]:
    response = client.get("/api/v1/relations", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["total"] == len(body["items"])  # every test query fits in one page
    return body


def test_vitamin_k2_activates_osteocalcin_with_exact_sentence(
    client: TestClient, document_text: dict[str, str]
) -> None:
    body = _claims(client, subject="vitamin K2", predicate="activates")
    objects = {item["object"]["curie"] for item in body["items"]}
    assert {"nm:osteocalcin", "nm:matrix_gla_protein"} <= objects
    for item in body["items"]:
        assert item["subject"]["curie"] == "nm:vitamin_k2"
        assert item["predicate"] == {
            "iri": "https://w3id.org/nutrikg/activates",
            "curie": "nm:activates",
            "label": "activates",
        }
        evidence = item["evidence"]
        text = document_text[evidence["document"]]
        assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_claim_carries_document_and_publisher(client: TestClient) -> None:
    item = _claims(client, subject="nm:vitamin_k2", object="osteocalcin")["items"][0]
    evidence = item["evidence"]
    assert evidence["title"] and evidence["publisher"] and evidence["source_kind"]
    assert isinstance(evidence["promotes_products"], bool)
    assert item["sign"] == "Positive" and 0 < item["confidence"] <= 1 and item["rule"]


def test_negated_claims_are_listed_unless_excluded(client: TestClient) -> None:
    everything = _claims(client)["total"]
    denied = _claims(client, negated="true")
    asserted = _claims(client, negated="false")["total"]
    assert denied["total"] >= 1 and all(item["negated"] for item in denied["items"])
    assert everything == denied["total"] + asserted


def test_filter_by_sign_hedged_and_source_kind(client: TestClient) -> None:
    negative = _claims(client, sign="negative")["items"]
    assert negative and {item["sign"] for item in negative} == {"Negative"}
    hedged = _claims(client, hedged="true")["items"]
    assert hedged and all(item["hedged"] for item in hedged)
    forum = _claims(client, source_kind="forum")["items"]
    assert forum and {item["evidence"]["source_kind"] for item in forum} == {"forum"}


def test_filter_by_source_document(client: TestClient) -> None:
    doc_id = client.get("/api/v1/documents").json()["items"][0]["id"]
    items = _claims(client, source=doc_id)["items"]
    assert items and {item["evidence"]["document"] for item in items} == {doc_id}


def test_cargo_qualifier_of_directs_to(client: TestClient) -> None:
    items = _claims(client, subject="vitamin K2", predicate="nm:directsTo", object="bone")["items"]
    cargo = {q["value"]["curie"] for item in items for q in item["qualifiers"] if q["name"] == "cargo"}
    assert cargo == {"nm:calcium"}


def test_supporting_statistics(client: TestClient) -> None:
    items = _claims(client)["items"]
    statistics = [s for item in items for s in item["statistics"]]
    assert any(s["value"] == 0.2 and (s["ci_low"], s["ci_high"]) == (0.07, 0.32) for s in statistics)
    assert any((s["sample_size"], s["trial_count"]) == (1346, 10) for s in statistics)


def test_pages_of_claims(client: TestClient) -> None:
    first = client.get("/api/v1/relations").json()
    assert first["limit"] == 50 and len(first["items"]) == 50 and first["total"] > 50
    second = client.get("/api/v1/relations", params={"offset": 50, "limit": 10}).json()
    assert second["total"] == first["total"] and len(second["items"]) == 10
    assert not {i["iri"] for i in first["items"]} & {i["iri"] for i in second["items"]}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"sign": "sideways"}, "sign"),
        ({"predicate": "teleports"}, "predicate"),
        ({"source_kind": "newspaper"}, "source_kind"),
        ({"source": "no-such-document"}, "source"),
    ],
)
def test_bad_parameter_is_400_naming_it(client: TestClient, params: dict[str, str], named: str) -> None:
    error = error_body(client.get("/api/v1/relations", params=params), 400)
    assert error["message"].startswith(f"{named}:")


def test_unknown_subject_is_404(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/relations", params={"subject": "kryptonite"}), 404)
    assert "subject" in error["message"]


def test_claims_carry_the_belief_of_what_they_say(client: TestClient) -> None:
    """A negated claim carries its statement's denial, an asserting one the statement's belief."""
    items = _claims(client, subject="vitamin D", object="soft tissue calcification")["items"]
    denied = [item for item in items if item["negated"]]
    asserted = [item for item in items if not item["negated"]]
    assert denied and asserted
    assert denied[0]["belief"] == pytest.approx(0.3825 * (1 - 0.1785), abs=1e-4)
    assert asserted[0]["belief"] == pytest.approx(0.1785 * (1 - 0.3825), abs=1e-4)
    for item in _claims(client, subject="vitamin K2")["items"]:
        assert 0 < item["belief"] <= 1
