"""What the JSON API answers with: claims, their evidence and documents, as plain dataclasses,
and the `ClaimIndex` that holds them for one loaded graph."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from rdflib import SKOS

from nutrikg.graph.model import Sign

SIGNS = ("Positive", "Negative", "NotCausal")
MATCH_TYPES = (
    (SKOS.exactMatch, "exact"), (SKOS.closeMatch, "close"), (SKOS.broadMatch, "broad"),
    (SKOS.narrowMatch, "narrow"), (SKOS.relatedMatch, "related"),
)  # fmt: skip


@dataclass(frozen=True)
class TermRef:
    iri: str
    curie: str
    label: str


@dataclass
class DocumentSummary:
    """A source document as the API lists it."""

    id: str
    iri: str
    title: str
    publisher: str
    source_kind: str
    promotes_products: bool
    url: str | None
    claim_count: int = 0
    journal: str | None = None  # a published article's journal, year and identifiers, when known
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None


@dataclass(kw_only=True)
class DocumentRecord(DocumentSummary):
    """A document as the graph holds it: what the API lists, and where its text came from."""

    path: str  # file name in the corpus folder
    sha256: str

    def summary(self) -> DocumentSummary:
        return DocumentSummary(**{f.name: getattr(self, f.name) for f in fields(DocumentSummary)})


@dataclass(frozen=True)
class Evidence:
    """Where a claim was read: the document, its publisher, the sentence and its offsets."""

    document: str
    title: str
    source_kind: str
    publisher: str
    promotes_products: bool
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Statistic:
    iri: str
    kind: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    sample_size: int | None
    trial_count: int | None
    sentence: str


@dataclass(frozen=True)
class Qualifier:
    name: str  # e.g. cargo
    value: TermRef


@dataclass(frozen=True)
class Reading:
    """What a claim said as extraction read it, kept as provenance when a review corrected it."""

    subject: TermRef
    predicate: TermRef
    object: TermRef
    sign: Sign


@dataclass(frozen=True)
class ReviewRecord:
    """A person's review of a claim (graph.reviews): accept, reject or correct, and why."""

    verdict: str  # accept, reject or correct
    comment: str
    at: str  # when, ISO 8601
    original: Reading | None = None  # with a correction: what extraction read


@dataclass(frozen=True)
class ClaimRecord:
    iri: str
    subject: TermRef
    predicate: TermRef
    object: TermRef
    sign: Sign
    hedged: bool
    negated: bool
    confidence: float
    rule: str
    qualifiers: tuple[Qualifier, ...]
    evidence: Evidence
    statistics: tuple[Statistic, ...]
    readers: tuple[str, ...] = ("rules",)  # rules, learned, or both (the rules' claim, agreed with)
    dissent: str | None = None  # a reader that read the pair otherwise
    # The belief of what the claim says (graph/read/belief.py): of its statement, or when negated
    # of the statement's denial; every claim of one statement shares it. 0 once rejected.
    belief: float = 0.0
    # Its identity by content (graph.model.Claim.content_id), which reviews and build manifests use.
    content_id: str = ""
    # The review in force, if any. A corrected claim's subject, predicate, object and sign are the
    # correction's, the original reading is the review's; a rejected one is listed, not asserted.
    review: ReviewRecord | None = None

    @property
    def rejected(self) -> bool:
        return self.review is not None and self.review.verdict == "reject"


@dataclass(frozen=True)
class PredicateRecord:
    iri: str
    label: str
    sign: str


@dataclass
class ClaimIndex:
    claims: list[ClaimRecord]  # by document, then offset
    documents: dict[str, DocumentRecord]  # by id
    predicates: dict[str, PredicateRecord]  # relation properties, by IRI
    xrefs: dict[str, str]  # standard identifier IRI -> entity IRI
    # (field, value) -> positions in `claims`, in order; fields: subject, predicate, object, document
    positions: dict[tuple[str, str], list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for at, claim in enumerate(self.claims):
            for key in (("subject", claim.subject.iri), ("predicate", claim.predicate.iri),
                        ("object", claim.object.iri), ("document", claim.evidence.document)):  # fmt: skip
                self.positions.setdefault(key, []).append(at)

    def where(self, **wanted: str) -> list[ClaimRecord]:
        """The claims with any of the given values (`subject=iri, object=iri`), in order.

        Filtering by entity, relation or document visits only those claims: a scan of every
        claim takes a tenth of a second at a million triples.
        """
        found = sorted({at for key in wanted.items() for at in self.positions.get(key, ())})
        return [self.claims[at] for at in found]
