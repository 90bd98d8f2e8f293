"""Typed data passed between the pipeline's stages.

Document -> Sentence -> Mention -> Claim (with Evidence), plus DoseRecommendation and StudyStatistic.
Every identifier is a deterministic hash of content, so the same corpus always gives the same IRIs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


def content_hash(*parts: object) -> str:
    """A stable 16-hex-digit id for a tuple of values (same content, same id, on every run)."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class SourceKind(StrEnum):
    """Who published a document; it tells a reader how far to trust the source."""

    ABSTRACT = "abstract"  # a paper's abstract or a study report
    REVIEW = "review"  # a review article, a guideline, a textbook
    NEWS = "news"
    BLOG = "blog"
    FORUM = "forum"
    RETAILER = "retailer"
    VENDOR = "vendor"  # sells its own products
    UNKNOWN = "unknown"


class State(StrEnum):
    """What a text says of a thing's amount when it names its lack or its excess ("copper
    deficiency", "too much zinc"): a state of the thing, with effects of its own."""

    LOW = "low"
    HIGH = "high"


class Sign(StrEnum):
    """What a relation does to its object's amount or activity."""

    POSITIVE = "Positive"
    NEGATIVE = "Negative"
    NOT_CAUSAL = "NotCausal"


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One source document with what is known of its publisher."""

    id: str
    title: str
    text: str
    path: str
    sha256: str
    publisher: str = "unknown"
    source_kind: SourceKind = SourceKind.UNKNOWN
    promotes_products: bool = False
    product_names: tuple[str, ...] = ()
    url: str | None = None
    # What the file or its sidecar says of a published article: its identifiers and where it appeared
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    raw: bytes | None = field(default=None, repr=False, compare=False)  # the file's bytes, as read


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document; `role` is content, heading or chrome (chrome is never evidence)."""

    doc_id: str
    index: int
    span: Span
    text: str
    role: str = "content"


@dataclass(frozen=True)
class Mention:
    """A stretch of a sentence that names an ontology entity (or refers back to one)."""

    entity: str  # entity IRI
    span: Span  # document offsets
    text: str
    token_start: int
    token_end: int
    resolved_from: str | None = None  # the anaphor ("it", "these proteins") this mention replaced


@dataclass(frozen=True)
class Evidence:
    """Where a claim is stated: the exact sentence, its offsets, and the rule that read it."""

    doc_id: str
    sentence: str
    span: Span
    rule: str
    confidence: float


@dataclass(frozen=True)
class Claim:
    """One relation a source states, with how firmly (hedged) and whether it denies it (negated)."""

    subject: str
    predicate: str
    object: str
    sign: Sign
    hedged: bool
    negated: bool
    evidence: Evidence
    qualifiers: tuple[tuple[str, str], ...] = ()
    readers: tuple[str, ...] = ("rules",)  # which readers made it: rules, learned, or both
    dissent: str | None = None  # a reader that read the pair otherwise (the rules' claim stands)

    @cached_property  # hashed once: the graph, the statistics and de-duplication all ask
    def id(self) -> str:
        ev = self.evidence
        return content_hash(
            ev.doc_id,
            ev.span.start,
            ev.span.end,
            self.subject,
            self.predicate,
            self.object,
            self.negated,
        )

    @cached_property
    def content_id(self) -> str:
        """The claim's identity by content: its document and sentence (not their offsets, which an
        edit elsewhere in the document moves), what it relates, and how (sign, negated, hedged).
        Build manifests and reviews are keyed by it, so a review applies again after a rebuild."""
        ev = self.evidence
        return content_hash(
            "claim",
            ev.doc_id,
            ev.sentence,
            self.subject,
            self.predicate,
            self.object,
            self.sign.value,
            self.negated,
            self.hedged,
        )


@dataclass(frozen=True)
class StudyStatistic:
    """A figure a document quotes in support of a claim (SMD 0.20, 95% CI 0.07-0.32, 1346 patients)."""

    doc_id: str
    span: Span
    sentence: str
    kind: str  # "standardized mean difference", ...
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    sample_size: int | None = None
    trial_count: int | None = None
    supports: str | None = None  # claim id

    @cached_property  # hashed once: the graph, the statistics and de-duplication all ask
    def id(self) -> str:
        return content_hash(self.doc_id, self.span.start, self.span.end, self.kind, self.value)


@dataclass(frozen=True)
class DoseRecommendation:
    """A dose or level a source states for a nutrient, as written and normalised."""

    doc_id: str
    nutrient: str  # entity IRI
    span: Span
    sentence: str
    text: str  # the quantity as written: "1,000-5,000 IU daily"
    low: float
    high: float
    unit: str  # as written: "IU", "mcg", "micrograms", "ng per mL"
    normalized_low: float
    normalized_high: float
    normalized_unit: str  # "microgram", "milligram", "nanogram / milliliter", "IU"
    kind: str  # one of extract.dosing.DOSE_KINDS: recommendation, reported_intake, upper_limit, ...
    frequency: str | None = None  # "daily" when the text says so
    population: str | None = None  # "adults"
    hedged: bool = False

    @cached_property  # hashed once: the graph, the statistics and de-duplication all ask
    def id(self) -> str:
        return content_hash(self.doc_id, self.span.start, self.span.end, self.nutrient)


@dataclass
class Extraction:
    """Everything one document yields; the unit a worker process returns."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    doses: list[DoseRecommendation] = field(default_factory=list)
    statistics: list[StudyStatistic] = field(default_factory=list)
