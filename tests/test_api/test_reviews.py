"""POST /api/v1/claims/{id}/review: token-guarded like every write; a rejected claim is listed
with its review and believed 0, a corrected one served as corrected with the original kept; the
exports carry the review; a review written beside the service is served at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.reviews import Review, Verdict, add_review, now_iso
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.test_api.conftest import error_body

TOKEN = "review-token"
Served = tuple[TestClient, Settings]
Claim = dict[str, Any]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("reviews")
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=root / "data", write_token=TOKEN)
    save_build(build_graph(settings.corpus_dir), settings)
    with TestClient(create_app(KnowledgeGraph.open(settings), settings)) as client:
        yield client, settings


def claims(client: TestClient, **filters: str) -> list[Claim]:
    response = client.get("/api/v1/relations", params={"limit": 500, **filters})
    assert response.status_code == 200, response.text
    items: list[Claim] = response.json()["items"]
    return items


def claim_of(client: TestClient, subject: str, predicate: str, obj: str) -> Claim:
    """An asserted, not yet reviewed claim of the statement."""
    found = claims(client, subject=subject, predicate=predicate, object=obj, negated="false")
    return next(c for c in found if c["review"] is None)


def claim_id(claim: Claim) -> str:
    return str(claim["iri"]).rsplit("/", 1)[-1]


def post_review(
    client: TestClient, claim: Claim, body: dict[str, str], authorization: str | None = f"Bearer {TOKEN}"
) -> httpx.Response:
    headers = {} if authorization is None else {"Authorization": authorization}
    return client.post(f"/api/v1/claims/{claim_id(claim)}/review", json=body, headers=headers)


def listed(client: TestClient, claim: Claim) -> Claim:
    """The claim as GET /api/v1/relations lists it now."""
    [found] = [c for c in claims(client, source=claim["evidence"]["document"]) if c["iri"] == claim["iri"]]
    return found


def test_writes_need_the_token(served: Served) -> None:
    client, _ = served
    claim = claim_of(client, "nm:vitamin_k2", "activates", "nm:matrix_gla_protein")
    body = {"verdict": "reject", "comment": "no"}
    assert error_body(post_review(client, claim, body, None), 401)["code"] == "unauthorised"
    assert post_review(client, claim, body, "Bearer x").status_code == 401


def test_a_rejected_claim_is_listed_with_its_review_and_not_believed(served: Served) -> None:
    client, _ = served
    claim = claim_of(client, "nm:vitamin_k2", "activates", "nm:matrix_gla_protein")
    response = post_review(client, claim, {"verdict": "reject", "comment": "misread"})
    assert response.status_code == 200, response.text
    rejected = response.json()
    assert rejected["review"]["verdict"] == "reject" and rejected["belief"] == 0.0
    assert rejected["content_id"] == claim["content_id"]
    assert listed(client, claim) == rejected  # still listed, with its review

    exported = client.get("/export", params={"format": "claims-jsonl"}).text
    [row] = [r for r in map(json.loads, exported.splitlines()) if r["claim"] == claim["iri"]]
    assert (row["review"], row["review_comment"], row["belief"]) == ("reject", "misread", 0.0)


def test_a_corrected_claim_serves_the_correction_and_keeps_the_original(served: Served) -> None:
    client, _ = served
    claim = claim_of(client, "nm:vitamin_d", "increasesAbsorptionOf", "nm:calcium")
    body = {"verdict": "correct", "comment": "it is the active form", "subject": "calcitriol"}
    response = post_review(client, claim, body)
    assert response.status_code == 200, response.text
    corrected = response.json()
    assert corrected["subject"]["curie"] == "nm:calcitriol" and corrected["object"]["curie"] == "nm:calcium"
    assert corrected["review"]["original"]["subject"]["curie"] == "nm:vitamin_d"
    assert corrected["belief"] > 0
    found = claims(client, subject="nm:calcitriol", predicate="increasesAbsorptionOf", object="nm:calcium")
    assert claim["iri"] in {c["iri"] for c in found}


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"verdict": "reject", "comment": "x", "object": "nm:calcium"}, 400, "invalid_query"),
        ({"verdict": "correct", "comment": "x"}, 400, "invalid_query"),
        ({"verdict": "correct", "comment": "x", "object": "no such thing"}, 404, "unknown_entity"),
        ({"verdict": "correct", "comment": "x", "predicate": "cures"}, 400, "invalid_query"),
        ({"verdict": "maybe", "comment": "x"}, 400, "invalid_parameter"),
        ({"verdict": "accept", "comment": ""}, 400, "invalid_parameter"),
    ],
)
def test_bad_reviews_are_refused_and_change_nothing(
    served: Served, body: dict[str, str], status: int, code: str
) -> None:
    client, settings = served
    before = settings.reviews_file.read_bytes() if settings.reviews_file.exists() else b""
    claim = claim_of(client, "nm:vitamin_k2", "activates", "nm:osteocalcin")
    assert error_body(post_review(client, claim, body), status)["code"] == code
    assert (settings.reviews_file.read_bytes() if settings.reviews_file.exists() else b"") == before


def test_an_unknown_claim_is_404(served: Served) -> None:
    client, _ = served
    unknown = {"iri": "https://w3id.org/nutrikg/claim/0123456789abcdef"}
    response = post_review(client, unknown, {"verdict": "accept", "comment": "ok"})
    assert error_body(response, 404)["code"] == "unknown_claim"


def test_a_review_written_beside_the_service_is_served_at_once(served: Served) -> None:
    client, settings = served
    claim = claim_of(client, "nm:vitamin_k2", "activates", "nm:osteocalcin")
    document = claim["evidence"]["document"]
    review = Review(
        claim["content_id"], Verdict.ACCEPT, "checked", now_iso(), None, claim_id(claim), document
    )
    add_review(settings.reviews_file, review)  # as `nutrikg review` does
    assert listed(client, claim)["review"]["verdict"] == "accept"
