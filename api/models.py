"""Request and response models of the JSON API (`/api/v1`).

Response models read the graph layer's dataclasses by attribute (`from_attributes`), so each
shape is declared once here and filled from `graph.queries` / `graph.pattern` results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, ConfigDict, Field

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
SignName = Literal["Positive", "Negative", "NotCausal"]
ItemT = TypeVar("ItemT")


class ApiModel(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


@dataclass(frozen=True)
class Pagination:
    limit: int
    offset: int


def pagination(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
) -> Pagination:
    return Pagination(limit, offset)


PageDep = Annotated[Pagination, Depends(pagination)]


class Page(ApiModel, Generic[ItemT]):
    """One page of a list: `total` counts every item, not just this page's."""

    total: int
    limit: int
    offset: int
    items: list[ItemT]


def page_fields(items: Sequence[object], window: Pagination) -> dict[str, object]:
    """What `Page[...].model_validate` needs: the window's items and the total of all."""
    chosen = list(items[window.offset : window.offset + window.limit])
    return {"total": len(items), "limit": window.limit, "offset": window.offset, "items": chosen}


# ---- shared ---------------------------------------------------------------------------------


class TermRef(ApiModel):
    """An IRI with its CURIE and a human label."""

    iri: str
    curie: str
    label: str


# ---- entities -------------------------------------------------------------------------------


class EntitySummary(ApiModel):
    iri: str
    curie: str
    label: str
    synonyms: list[str]
    category: str


class Identifier(ApiModel):
    """A standard identifier; `match` is exact, close, broad, narrow or related (SKOS)."""

    curie: str
    iri: str
    match: str


class RelationSummary(ApiModel):
    """Claims of one relation counted: asserting (`evidence_count`, `hedged_count` of those)
    and denying (`negated_count`); `sources` are document ids. A relation only the ontology
    states has no claims."""

    predicate: TermRef
    entity: TermRef
    sign: SignName
    evidence_count: int
    hedged_count: int
    negated_count: int
    sources: list[str]
    ontology: bool = Field(description="The ontology itself states this relation.")


class EntityDetail(ApiModel):
    iri: str
    curie: str
    label: str
    labels: list[str]
    synonyms: list[str]
    category: str
    definition: str | None
    identifiers: list[Identifier]
    outgoing: list[RelationSummary]
    incoming: list[RelationSummary]


# ---- relations (claims) ---------------------------------------------------------------------


class Evidence(ApiModel):
    """Where a claim was read; `document[start:end]` of its text is `sentence`."""

    document: str
    title: str
    source_kind: str
    publisher: str
    promotes_products: bool
    sentence: str
    start: int
    end: int


class Statistic(ApiModel):
    iri: str
    kind: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    sample_size: int | None
    trial_count: int | None
    sentence: str


class Qualifier(ApiModel):
    name: str
    value: TermRef


class Claim(ApiModel):
    iri: str
    subject: TermRef
    predicate: TermRef
    object: TermRef
    sign: SignName
    hedged: bool
    negated: bool
    confidence: float
    rule: str
    qualifiers: list[Qualifier]
    evidence: Evidence
    statistics: list[Statistic]


# ---- paths and network views ----------------------------------------------------------------


class HopEvidence(ApiModel):
    claim: str
    document: str
    sentence: str
    start: int
    end: int
    hedged: bool
    confidence: float
    source_kind: str
    rule: str


class Hop(ApiModel):
    subject: TermRef
    predicate: str
    predicate_words: str
    object: TermRef
    sign: SignName
    evidence: list[HopEvidence]


class MechanismPath(ApiModel):
    """A chain of relations; `sign` is the composed (net) effect on the last entity."""

    hops: list[Hop]
    sign: SignName
    summary: str


class PathList(ApiModel):
    source: TermRef
    target: TermRef
    total: int
    paths: list[MechanismPath]


class NetNode(ApiModel):
    id: str
    curie: str
    label: str
    category: str


class NetEdge(ApiModel):
    """An asserted relation; `hedged` is true when every sentence behind it hedges."""

    id: str
    source: str
    target: str
    predicate: str
    label: str
    sign: SignName
    hedged: bool
    evidence_count: int
    sources: list[str]


class Network(ApiModel):
    """Nodes and edges for the explorer; `truncated` says nodes were left out past the cap."""

    nodes: list[NetNode]
    edges: list[NetEdge]
    truncated: bool
    total: int = Field(description="Nodes before the cap was applied.")


# ---- pattern query --------------------------------------------------------------------------

PatternScalar = str | int | float | bool


class PatternQueryBody(BaseModel):
    """A pattern query; see `POST /api/v1/query` for the terms it accepts."""

    model_config = ConfigDict(extra="forbid")

    where: list[list[PatternScalar]] = Field(min_length=1, max_length=20)
    filters: dict[str, dict[str, str]] = Field(default_factory=dict)
    select: list[str] | None = None
    order_by: str | None = None
    limit: int = Field(default=100, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class BoundTerm(ApiModel):
    """An IRI (`iri`, `curie`, `label`) or a literal (`value`, `datatype`, `lang`)."""

    iri: str | None = None
    curie: str | None = None
    label: str | None = None
    value: str | None = None
    datatype: str | None = None
    lang: str | None = None


class PatternAnswer(ApiModel):
    variables: list[str]
    bindings: list[dict[str, BoundTerm]]
    total: int
    limit: int
    offset: int
    sparql: str


# ---- documents ------------------------------------------------------------------------------


class DocumentSummary(ApiModel):
    id: str
    iri: str
    title: str
    publisher: str
    source_kind: str
    promotes_products: bool
    url: str | None
    claim_count: int


class Mention(ApiModel):
    """A stretch of the text naming an entity; `resolved_from` is the anaphor it replaced."""

    entity: TermRef
    start: int
    end: int
    text: str
    resolved_from: str | None


class DocumentDetail(DocumentSummary):
    """A document with its text, and the mentions and claims to highlight in it."""

    text: str
    text_matches_build: bool = Field(
        description="False when the file changed since the graph was built (offsets may drift)."
    )
    mentions: list[Mention]
    claims: list[Claim]


# ---- stats ----------------------------------------------------------------------------------


class PredicateCounts(ApiModel):
    asserted: int
    negated: int
    hedged: int


class BuildInfo(ApiModel):
    corpus: str | None
    built_at: str | None
    seconds: float | None
    fingerprint: str | None


class Stats(ApiModel):
    triples: int
    entities: int
    documents: int
    claims: int
    classes: dict[str, int]
    predicates: dict[str, PredicateCounts]
    build: BuildInfo | None
