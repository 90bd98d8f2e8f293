"""Request and response models of the JSON API (`/api/v1`) that are the API's own: pages, path
and network views, pattern queries, documents and stats.

A claim, its evidence, statistics and qualifiers, and a term reference are answered as the read
layer's records themselves (graph/read/records.py, built from the one claim record of
graph/model.py); they are not declared again here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

from nutrikg.graph.read.documents import MentionRecord
from nutrikg.graph.read.network import EvidenceRef
from nutrikg.graph.read.records import ClaimRecord, DocumentSummary, TermRef
from nutrikg.graph.read.stats import PredicateCounts

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


# ---- paths and network views ----------------------------------------------------------------


class Hop(ApiModel):
    subject: TermRef
    predicate: str
    predicate_words: str
    object: TermRef
    sign: SignName
    evidence: list[EvidenceRef]
    belief: float = Field(description="That the relation holds, from every claim of it.")


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


@pydantic_dataclass(kw_only=True)
class DocumentDetail(DocumentSummary):
    """A document (as listed) with its text, and the mentions and claims to highlight in it."""

    text: Annotated[
        str, Field(description="The text from `text_offset`, at most `max_document_text_chars` of it.")
    ]
    text_offset: Annotated[
        int, Field(description="Where `text` starts in the document (offsets stay the document's).")
    ]
    text_length: Annotated[
        int, Field(description="The whole text's length; more than `text_offset + len(text)` when cut.")
    ]
    text_matches_build: Annotated[
        bool,
        Field(
            description="False when the stored text is not the one the graph's claims were read from "
            "(a write was under way when the graph was opened); offsets may then drift."
        ),
    ]
    mentions: Annotated[list[MentionRecord], Field(description="Those within the text answered.")]
    claims: Annotated[
        list[ClaimRecord], Field(description="Those whose sentence lies within the text answered.")
    ]


# ---- stats ----------------------------------------------------------------------------------


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
