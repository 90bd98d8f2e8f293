"""Curation: a person accepts, rejects or corrects a claim, with a comment (needs the write
token, as every write does). The review is kept in the data folder, keyed by the claim's content,
so it applies again after a rebuild (graph.reviews); the service serves it from the next
request on (the claim records, beliefs, network, exports)."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from nutrikg.api.auth import write_refusal
from nutrikg.api.deps import SettingsDep, get_kg
from nutrikg.api.openapi import error_responses
from nutrikg.graph.read.curation import MAX_COMMENT_CHARS, CorrectionRequest, find_claim, make_review
from nutrikg.graph.read.records import ClaimRecord
from nutrikg.graph.reviews import Verdict, add_review

router = APIRouter(prefix="/api/v1/claims", tags=["curation"])
_REVIEW_LOCK = threading.Lock()  # one review at a time in this process (the file has its own lock)


class ReviewBody(BaseModel):
    """A verdict on a claim and why; `correct` with the parts the claim should say instead."""

    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    comment: str = Field(min_length=1, max_length=MAX_COMMENT_CHARS, description="Why.")
    subject: str | None = Field(
        default=None, max_length=500, description="With `correct`: CURIE, IRI or label."
    )
    predicate: str | None = Field(default=None, max_length=200, description="With `correct`: e.g. inhibits.")
    object: str | None = Field(
        default=None, max_length=500, description="With `correct`: CURIE, IRI or label."
    )
    sign: str | None = Field(
        default=None, max_length=20, description="With `correct`: Positive, Negative or NotCausal."
    )


@router.post(
    "/{claim_id}/review",
    summary="Accept, reject or correct a claim (needs the write token)",
    response_model=ClaimRecord,
    responses=error_responses(400, 401, 403, 404),
)
def review_claim(
    body: Annotated[
        ReviewBody,
        Body(
            openapi_examples={
                "accept": {
                    "summary": "the claim says what its sentence says",
                    "value": {"verdict": "accept", "comment": "Read as the sentence states it."},
                }
            }
        ),
    ],
    request: Request,
    settings: SettingsDep,
    claim_id: Annotated[
        str,
        Path(
            max_length=300,
            description="The claim's id, CURIE or IRI, or its content id.",
            openapi_examples={"k2 activates MGP": {"value": "c8010ea3177ee757"}},
        ),
    ],
    authorization: Annotated[
        str | None, Header(description="`Bearer <token>`: the service's write token (NUTRIKG_WRITE_TOKEN).")
    ] = None,
) -> ClaimRecord | JSONResponse:
    """Keep the review and answer the claim as now served: with its review, the correction in
    place of what was read (kept as `review.original`), its belief (0 once rejected).

    Raises UnknownClaim (404), UnknownEntity (404) for a correction's subject or object,
    InvalidParameter (400) for an unknown predicate or sign, or a correction without `correct`.
    """
    refusal = write_refusal(settings, authorization)
    if refusal is not None:
        return refusal
    with _REVIEW_LOCK:
        kg = get_kg(request)
        claim = find_claim(kg, claim_id)
        asked = CorrectionRequest(body.subject, body.predicate, body.object, body.sign)
        add_review(settings.reviews_file, make_review(kg, claim, body.verdict, body.comment, asked))
        request.app.state.follower.reopen()  # the reviews changed: the graph is served with them
    return find_claim(get_kg(request), claim.iri)
