"""How far to believe a statement (a subject-predicate-object triple with every claim of it), in
the spirit of INDRA's SimpleScorer: each piece of evidence may be wrong, independently of the
others, so a statement stated by several documents is believed more than one stated by one.

For one claim c, read from a document d of source kind k:

    r(c) = prior(k) x confidence(c) x (hedge_factor if c is hedged else 1)

A document counts once on each side (a source repeating itself is not more evidence): its
strongest claim r_d. Asserting claims support the statement, negated ones oppose it:

    support    S = 1 - prod over supporting documents (1 - r_d)
    opposition O = 1 - prod over opposing documents (1 - r_d)
    belief     = S x (1 - O)        the statement holds
    denial     = O x (1 - S)        the statement does not hold

Claims are taken as reviewed (graph.reviews): a rejected claim counts for nothing, a corrected
one counts for the statement it was corrected to, and an accepted or corrected one's reading
counts as certain (confidence 1). Pure functions of the claims, the documents' kinds and the
reviews; the graph's own table of beliefs is made once per loaded graph
(`per_graph.statement_beliefs`), and written into each build's RDF (graph.assemble.statements).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import prod
from types import MappingProxyType

from nutrikg.graph.model import Claim
from nutrikg.graph.reviews import NO_REVIEWS, Reviews, read_reviews, reviewed
from nutrikg.graph.settings import DEFAULT_HEDGE_FACTOR, DEFAULT_SOURCE_PRIORS, Settings

StatementKey = tuple[str, str, str]  # subject IRI, predicate local name, object IRI


@dataclass(frozen=True)
class BeliefPriors:
    """How far each source kind is trusted, and how much a hedge ("may", "research suggests")
    takes off; kinds missing from the table are trusted as `unknown` is."""

    source_kinds: Mapping[str, float] = field(default_factory=lambda: MappingProxyType(DEFAULT_SOURCE_PRIORS))
    hedge_factor: float = DEFAULT_HEDGE_FACTOR

    @classmethod
    def from_settings(cls, settings: Settings) -> BeliefPriors:
        return cls(MappingProxyType(dict(settings.source_priors)), settings.hedge_factor)

    def prior(self, kind: str) -> float:
        return self.source_kinds.get(kind, self.source_kinds.get("unknown", 0.0))


@dataclass(frozen=True)
class BeliefInputs:
    """What the beliefs are made from beside the claims: the priors and the reviews."""

    priors: BeliefPriors = field(default_factory=BeliefPriors)
    reviews: Reviews = NO_REVIEWS

    @classmethod
    def from_settings(cls, settings: Settings) -> BeliefInputs:
        """The settings' priors and the reviews on disk; raises StoreError for unreadable reviews."""
        return cls(BeliefPriors.from_settings(settings), read_reviews(settings.reviews_file))

    @property
    def digest(self) -> str:
        """Equal when the same claims give the same beliefs: a build records it, so that
        `build --if-needed` builds again when a prior or a review changed."""
        priors = json.dumps([sorted(self.priors.source_kinds.items()), self.priors.hedge_factor])
        return hashlib.sha256(f"{priors}|{self.reviews.digest}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class StatementBelief:
    """A statement's evidence on each side and what follows from it (see the module's formula)."""

    support: float  # S: how strongly the asserting documents together state it
    opposition: float  # O: how strongly the denying documents together deny it
    documents: int  # distinct documents with a claim of it, either side

    @property
    def belief(self) -> float:
        return self.support * (1.0 - self.opposition)

    @property
    def denial(self) -> float:
        return self.opposition * (1.0 - self.support)

    def of_claim(self, negated: bool) -> float:
        """The belief of what one claim says: the statement, or (negated) its denial."""
        return self.denial if negated else self.belief


def reliability(claim: Claim, kind: str, priors: BeliefPriors) -> float:
    """r(c): the chance that this one piece of evidence is right."""
    hedge = priors.hedge_factor if claim.hedged else 1.0
    return priors.prior(kind) * claim.evidence.confidence * hedge


def score_statements(
    claims: Iterable[Claim], kinds: Mapping[str, str], priors: BeliefPriors, reviews: Reviews = NO_REVIEWS
) -> dict[StatementKey, StatementBelief]:
    """Every statement's belief, from the claims as reviewed; `kinds` gives each document's
    source kind, by id. A statement whose every claim was rejected has none."""
    # statement -> side (negated?) -> document -> its strongest claim's r
    strongest: dict[StatementKey, dict[bool, dict[str, float]]] = {}
    for extracted in claims:
        claim = reviewed(extracted, reviews.of(extracted))
        if claim is None:
            continue
        doc = claim.evidence.doc_id
        r = reliability(claim, kinds.get(doc, "unknown"), priors)
        side = strongest.setdefault(statement_key(claim), {False: {}, True: {}})[claim.negated]
        side[doc] = max(r, side.get(doc, 0.0))
    return {key: _combine(sides) for key, sides in strongest.items()}


def statement_key(claim: Claim) -> StatementKey:
    return (claim.subject, claim.predicate, claim.object)


def combined(reliabilities: Iterable[float]) -> float:
    """1 - prod(1 - r): the chance that not every piece of evidence is wrong."""
    return 1.0 - prod(1.0 - r for r in reliabilities)


def _combine(sides: dict[bool, dict[str, float]]) -> StatementBelief:
    documents = len(sides[False].keys() | sides[True].keys())
    return StatementBelief(combined(sides[False].values()), combined(sides[True].values()), documents)
