"""GET /api/v1/documents and /api/v1/documents/{id}: text with mentions and claims located."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from nutrikg.graph.settings import Settings

RETAILER_DOC = "000_ad2a7113a268af8e"


def _document(client: TestClient, doc_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/documents/{doc_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_list_documents_with_publishers_and_claim_counts(
    client: TestClient, document_text: dict[str, str]
) -> None:
    body = client.get("/api/v1/documents").json()
    assert body["total"] == len(document_text) == len(body["items"])
    assert [item["id"] for item in body["items"]] == sorted(document_text)
    first = body["items"][0]
    assert first["id"] == RETAILER_DOC and first["publisher"] == "Nutri Advanced"
    assert first["source_kind"] == "retailer" and first["promotes_products"] is True
    claims = client.get("/api/v1/relations", params={"limit": 1}).json()["total"]
    assert sum(item["claim_count"] for item in body["items"]) == claims


def test_documents_page(client: TestClient) -> None:
    body = client.get("/api/v1/documents", params={"limit": 1, "offset": 2}).json()
    assert body["total"] == 4 and len(body["items"]) == 1 and body["offset"] == 2


def test_document_text_mentions_and_claims_line_up(client: TestClient, document_text: dict[str, str]) -> None:
    for doc_id, text in document_text.items():
        body = _document(client, doc_id)
        assert body["text"] == text and body["text_matches_build"] is True
        assert body["mentions"] and len(body["claims"]) == body["claim_count"]
        for mention in body["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
        for claim in body["claims"]:
            evidence = claim["evidence"]
            assert evidence["document"] == doc_id
            assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_document_mentions_name_entities(client: TestClient) -> None:
    body = _document(client, RETAILER_DOC)
    named = {m["entity"]["curie"] for m in body["mentions"]}
    assert {"nm:vitamin_k2", "nm:osteocalcin", "nm:calcium"} <= named
    starts = [m["start"] for m in body["mentions"]]
    assert starts == sorted(starts)


def test_second_read_comes_from_the_cache(client: TestClient) -> None:
    assert _document(client, RETAILER_DOC) == _document(client, RETAILER_DOC)


def test_unknown_document_is_404(client: TestClient) -> None:
    error = error_body(client.get("/api/v1/documents/999_nothing"), 404)
    assert "999_nothing" in error["message"]


def test_a_documents_detail_is_read_not_extracted_again(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mentions are stored with the build: answering never runs the extractor (a 1 MB document
    once cost seconds and a gigabyte per request)."""
    from nutrikg.graph.extract.pipeline import DocumentReader

    def refuse(*_: object) -> None:
        raise AssertionError("the extractor ran for a read")

    monkeypatch.setattr(DocumentReader, "read", refuse)
    monkeypatch.setattr(DocumentReader, "__init__", refuse)
    body = _document(client, RETAILER_DOC)
    assert body["mentions"] and body["claims"] and body["text_matches_build"] is True


def test_a_long_text_is_answered_a_bounded_stretch_at_a_time(
    app: FastAPI, settings: Settings, document_text: dict[str, str]
) -> None:
    from fastapi.testclient import TestClient

    from nutrikg.api.app import create_app

    text = document_text[RETAILER_DOC]
    bounded = settings.model_copy(update={"max_document_text_chars": 1000})
    client = TestClient(
        create_app(app.state.kg, bounded, pool=app.state.pool)
    )  # no lifespan: no pool of its own
    whole = _document(client, RETAILER_DOC) | {}
    assert whole["text"] == text[:1000] and whole["text_offset"] == 0 and whole["text_length"] == len(text)
    assert all(m["end"] <= 1000 for m in whole["mentions"]) and whole["mentions"]
    later = client.get(f"/api/v1/documents/{RETAILER_DOC}", params={"text_offset": 1000, "text_limit": 5000})
    body = later.json()
    assert body["text"] == text[1000:2000] and body["text_offset"] == 1000  # the cap holds
    assert all(c["evidence"]["start"] >= 1000 and c["evidence"]["end"] <= 2000 for c in body["claims"])
