"""Where the sources disagree, as data: pairs of statements that cannot both hold.

Three kinds, each read from the claims the graph holds:

- `denied`: one source asserts a statement, another denies it (a negated claim of the same
  subject, predicate and object);
- `contrast`: a source denies a statement while asserting, in the same sentence, the same relation
  of another object ("in bones rather than arteries", "D2 rather than D3"): the rules record
  the rejected alternative as a negated claim;
- `opposite_signs`: the same subject said both to raise and to lower the same object
  (`increases` against `decreases`).

Each side has its claims (sentences, documents, source kinds), its `support` (how strongly its
own sources state it) and its `belief` (what is left once the other side is weighed against it);
a side is kept only when its support reaches the threshold, so one unsure reading does not make a
conflict. Claims are taken as reviewed: a rejected claim is on no side, a corrected one on the
side of its correction, and a checked reading counts as certain (graph.reviews).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from nutrikg.graph.model import Sign
from nutrikg.graph.read.belief import combined
from nutrikg.graph.read.describe import predicate_words
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.records import ClaimRecord, TermRef
from nutrikg.graph.reviews import CHECKED_CONFIDENCE

CONFLICT_KINDS = ("denied", "contrast", "opposite_signs")
Side = tuple[str, str, str, bool]  # subject, predicate, object IRIs; negated


@dataclass(frozen=True)
class ConflictSide:
    """What one side says, who says it, and how far it is believed."""

    subject: TermRef
    predicate: TermRef
    object: TermRef
    sign: Sign
    negated: bool
    support: float  # its own sources together (graph/read/belief.py: S of its claims)
    belief: float  # support x (1 - the other side's support)
    sources: list[str]  # document ids
    source_kinds: list[str]
    claims: list[ClaimRecord]


@dataclass(frozen=True)
class Conflict:
    kind: str  # one of CONFLICT_KINDS
    summary: str
    sides: tuple[ConflictSide, ConflictSide]


def find_conflicts(kg: KnowledgeGraph, min_support: float = 0.1, kind: str | None = None) -> list[Conflict]:
    """Every conflict whose two sides are each stated with at least `min_support`, the most
    evenly matched and best supported first."""
    groups = _grouped(claim_index(kg).claims)
    support = {key: _support(kg, claims) for key, claims in groups.items()}
    pairs = [*_denials(groups), *_contrasts(groups), *_opposite_signs(groups)]
    found = [
        _conflict(name, groups, support, a, b)
        for name, a, b in pairs
        if (kind is None or name == kind) and min(support[a], support[b]) >= min_support
    ]
    found.sort(key=lambda c: (-min(s.support for s in c.sides), c.summary))
    return found


def _grouped(claims: list[ClaimRecord]) -> dict[Side, list[ClaimRecord]]:
    groups: dict[Side, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        if not claim.rejected:
            groups[claim.subject.iri, claim.predicate.iri, claim.object.iri, claim.negated].append(claim)
    return groups


def _support(kg: KnowledgeGraph, claims: list[ClaimRecord]) -> float:
    """The belief formula's S (or O) over one side's claims: each document at its strongest."""
    strongest: dict[str, float] = {}
    for claim in claims:
        hedge = kg.priors.hedge_factor if claim.hedged else 1.0
        confidence = claim.confidence if claim.review is None else CHECKED_CONFIDENCE
        r = kg.priors.prior(claim.evidence.source_kind) * confidence * hedge
        strongest[claim.evidence.document] = max(r, strongest.get(claim.evidence.document, 0.0))
    return combined(strongest.values())


def _denials(groups: dict[Side, list[ClaimRecord]]) -> list[tuple[str, Side, Side]]:
    """A statement asserted by one claim and denied by another, from different sentences (a
    denial read beside an assertion of another object in its own sentence is a contrast)."""
    found = []
    for denied in (key for key in groups if key[3]):
        asserted = (*denied[:3], False)
        if asserted in groups:
            found.append(("denied", asserted, denied))
    return found


def _contrasts(groups: dict[Side, list[ClaimRecord]]) -> list[tuple[str, Side, Side]]:
    """A negated claim whose sentence asserts the same relation of the same subject elsewhere."""
    sentences: dict[tuple[str, int, str, str], set[Side]] = defaultdict(set)
    for key, claims in groups.items():
        for claim in claims:
            sentences[claim.evidence.document, claim.evidence.start, key[0], key[1]].add(key)
    found: set[tuple[str, Side, Side]] = set()
    for keys in sentences.values():
        for denied in (key for key in keys if key[3]):
            found.update(
                ("contrast", other, denied) for other in keys if not other[3] and other[2] != denied[2]
            )
    return sorted(found)


def _opposite_signs(groups: dict[Side, list[ClaimRecord]]) -> list[tuple[str, Side, Side]]:
    """Asserted statements of one subject and object, one raising it and one lowering it."""
    by_ends: dict[tuple[str, str], dict[Sign, list[Side]]] = defaultdict(lambda: defaultdict(list))
    for key, claims in groups.items():
        if not key[3]:
            by_ends[key[0], key[2]][claims[0].sign].append(key)
    return [
        ("opposite_signs", up, down)
        for signs in by_ends.values()
        for up in signs.get(Sign.POSITIVE, [])
        for down in signs.get(Sign.NEGATIVE, [])
    ]


def _conflict(
    kind: str, groups: dict[Side, list[ClaimRecord]], support: dict[Side, float], a: Side, b: Side
) -> Conflict:
    first, second = _side(groups[a], support[a], support[b]), _side(groups[b], support[b], support[a])
    return Conflict(kind, f"{_words(first)} / {_words(second)}", (first, second))


def _side(claims: list[ClaimRecord], own: float, other: float) -> ConflictSide:
    head = claims[0]
    return ConflictSide(
        subject=head.subject,
        predicate=head.predicate,
        object=head.object,
        sign=head.sign,
        negated=head.negated,
        support=round(own, 4),
        belief=round(own * (1.0 - other), 4),
        sources=sorted({c.evidence.document for c in claims}),
        source_kinds=sorted({c.evidence.source_kind for c in claims}),
        claims=claims,
    )


def _words(side: ConflictSide) -> str:
    """'vendor: vitamin D increases risk of soft tissue calcification', 'forum denies: ...'."""
    words = side.predicate.label or predicate_words(side.predicate.iri.rsplit("/", 1)[-1])
    who = f"{', '.join(side.source_kinds)}{' denies' if side.negated else ''}"
    return f"{who}: {side.subject.label} {words} {side.object.label}"
