"""Reviews: kept one a line, the latest per claim in force, keyed by the claim's content; what a
review does to a claim; a damaged file is named with its line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from nutrikg.graph.errors import StoreError
from nutrikg.graph.model import Claim, Evidence, Sign, Span
from nutrikg.graph.reviews import (
    CHECKED_CONFIDENCE,
    Correction,
    Review,
    Verdict,
    add_review,
    read_reviews,
    reviewed,
    reviews_version,
)

NM = "https://w3id.org/nutrikg/"
CLAIM = Claim(
    subject=f"{NM}vitamin_k2",
    predicate="activates",
    object=f"{NM}mgp",
    sign=Sign.POSITIVE,
    hedged=False,
    negated=False,
    evidence=Evidence("doc", "Vitamin K2 activates MGP.", Span(10, 35), "rule", 0.7),
)


def review(verdict: Verdict, correction: Correction | None = None) -> Review:
    return Review(CLAIM.content_id, verdict, "why", "2026-12-08T00:00:00+00:00", correction)


def test_the_content_id_ignores_offsets_but_not_what_is_said() -> None:
    moved = replace(CLAIM, evidence=replace(CLAIM.evidence, span=Span(110, 135)))
    assert moved.content_id == CLAIM.content_id and moved.id != CLAIM.id
    assert replace(CLAIM, hedged=True).content_id != CLAIM.content_id
    assert replace(CLAIM, object=f"{NM}osteocalcin").content_id != CLAIM.content_id


def test_what_a_review_does_to_a_claim() -> None:
    assert reviewed(CLAIM, None) is CLAIM
    assert reviewed(CLAIM, review(Verdict.REJECT)) is None
    accepted = reviewed(CLAIM, review(Verdict.ACCEPT))
    assert accepted is not None and accepted.evidence.confidence == CHECKED_CONFIDENCE
    fix = Correction(f"{NM}vitamin_k2", "carboxylates", f"{NM}osteocalcin", Sign.POSITIVE)
    corrected = reviewed(CLAIM, review(Verdict.CORRECT, fix))
    assert corrected is not None
    assert (corrected.predicate, corrected.object) == ("carboxylates", f"{NM}osteocalcin")
    assert corrected.evidence.sentence == CLAIM.evidence.sentence  # what it was read from stays


def test_the_latest_review_of_a_claim_is_in_force_and_the_file_keeps_every_one(tmp_path: Path) -> None:
    path = tmp_path / "reviews.jsonl"
    assert read_reviews(path).latest == {} and reviews_version(path) is None
    add_review(path, review(Verdict.REJECT))
    fix = Correction(f"{NM}vitamin_k2", "carboxylates", f"{NM}mgp", Sign.POSITIVE)
    now = add_review(path, review(Verdict.CORRECT, fix))
    assert now.of(CLAIM) == review(Verdict.CORRECT, fix)
    assert now.version == reviews_version(path) and now.digest
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    moved = replace(CLAIM, evidence=replace(CLAIM.evidence, span=Span(0, 25)))
    assert read_reviews(path).of(moved) == review(Verdict.CORRECT, fix)  # read anew, same content


def test_a_damaged_review_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "reviews.jsonl"
    add_review(path, review(Verdict.ACCEPT))
    with path.open("a", encoding="utf-8") as out:
        out.write('{"content_id": "x", "verdict": "maybe"}\n')
    with pytest.raises(StoreError, match=r"reviews\.jsonl:2: not a review"):
        read_reviews(path)
