"""A person's review of a claim, made ready to keep (graph.reviews): the claim found by its id,
a correction checked against the graph (the entities it names, a relation property it knows).

The review is keyed by the claim's content id, so it applies again to the same claim read by a
later build; writing it is graph.reviews.add_review's.
"""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.errors import UnknownClaim
from nutrikg.graph.identifiers import to_iri
from nutrikg.graph.model import Sign
from nutrikg.graph.namespaces import NM_BASE
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph
from nutrikg.graph.read.queries import (
    InvalidParameter,
    claim_index,
    resolve_entity_param,
    resolve_predicate,
)
from nutrikg.graph.read.records import ClaimRecord
from nutrikg.graph.reviews import Correction, Review, Verdict, now_iso

MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class CorrectionRequest:
    """What a reviewer says the claim should say: any of its parts (a label, CURIE or IRI for an
    entity, a local name, CURIE or IRI for the predicate, a sign's name); the parts not given
    keep what the claim says now."""

    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    sign: str | None = None

    def given(self) -> bool:
        return any(
            part is not None and part.strip()
            for part in (self.subject, self.predicate, self.object, self.sign)
        )


def find_claim(kg: KnowledgeGraph, claim_id: str) -> ClaimRecord:
    """The claim `claim_id` names: its id (the last segment of its IRI), CURIE (`claim:…`) or IRI,
    or its content id. Raises UnknownClaim when none does."""
    wanted = claim_id.strip()
    if ":" in wanted and not wanted.startswith(("http://", "https://")):
        wanted = to_iri(wanted) or wanted
    found = per_graph(kg, "claims-by-id", _by_id).get(wanted.rsplit("/", 1)[-1])
    if found is None:
        raise UnknownClaim(f"no claim has the id {claim_id!r}")
    return found


def _by_id(kg: KnowledgeGraph) -> dict[str, ClaimRecord]:
    found: dict[str, ClaimRecord] = {}
    for claim in claim_index(kg).claims:
        found[claim.iri.rsplit("/", 1)[-1]] = claim
        found.setdefault(claim.content_id, claim)
    return found


def make_review(
    kg: KnowledgeGraph, claim: ClaimRecord, verdict: Verdict, comment: str, correction: CorrectionRequest
) -> Review:
    """A review of `claim` ready to keep. Raises InvalidParameter for a comment that is empty or
    too long, a correction given with another verdict (or none with `correct`), an unknown
    predicate or sign; UnknownEntityParameter for a subject or object that names no entity."""
    text = comment.strip()
    if not text or len(text) > MAX_COMMENT_CHARS:
        raise InvalidParameter("comment", f"say why, in 1 to {MAX_COMMENT_CHARS} characters")
    if correction.given() != (verdict is Verdict.CORRECT):
        parts = "a subject, predicate, object or sign"
        problem = f"{parts} is a correction: review with `correct`, not `{verdict}`"
        raise InvalidParameter(
            "verdict", f"a correction needs {parts}" if verdict is Verdict.CORRECT else problem
        )
    fix = _correction(kg, claim, correction) if verdict is Verdict.CORRECT else None
    return Review(
        content_id=claim.content_id,
        verdict=verdict,
        comment=text,
        at=now_iso(),
        correction=fix,
        claim_id=claim.iri.rsplit("/", 1)[-1],
        document=claim.evidence.document,
    )


def _correction(kg: KnowledgeGraph, claim: ClaimRecord, asked: CorrectionRequest) -> Correction:
    """The correction in full: each part asked for, checked, the others as the claim says now.
    A new predicate brings its own sign unless a sign is asked for too."""
    subject = resolve_entity_param(kg, "subject", asked.subject) or claim.subject.iri
    obj = resolve_entity_param(kg, "object", asked.object) or claim.object.iri
    predicate = (
        resolve_predicate(kg, asked.predicate) if asked.predicate and asked.predicate.strip() else None
    )
    sign = _sign(asked.sign)
    if sign is None:
        declared = claim_index(kg).predicates[predicate].sign if predicate else None
        sign = Sign(declared) if declared else claim.sign
    local = (predicate or claim.predicate.iri).removeprefix(NM_BASE)
    return Correction(subject=subject, predicate=local, object=obj, sign=sign)


def _sign(value: str | None) -> Sign | None:
    """`positive`, `Negative`, `not_causal`... as a Sign; raises InvalidParameter otherwise."""
    if value is None or not value.strip():
        return None
    wanted = value.replace("_", "").replace(" ", "").replace("-", "").lower()
    for sign in Sign:
        if sign.value.lower() == wanted:
            return sign
    raise InvalidParameter("sign", f"{value!r} is not one of {', '.join(s.value for s in Sign)}")
