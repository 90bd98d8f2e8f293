"""Competing influences: every signed route from one entity to another, grouped by what it does
to the target (raise or lower), each hop with its evidence and belief.

A route's effect is the product of its causal hops' signs; a non-causal hop (`synergizesWith`,
`binds`), walked only when asked, passes the effect on unchanged: "vitamin D3 synergizes with
vitamin K2, which inhibits deposition in arteries" lowers, through K2. A route's belief is the
product of its hops' beliefs (graph/read/belief.py): every hop must hold for the route to.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from nutrikg.graph.model import Sign, State
from nutrikg.graph.read.describe import predicate_words
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.network import PATH_CAP, EvidenceRef, Pathway, compose, find_paths
from nutrikg.graph.read.per_graph import hop_belief, term_ref
from nutrikg.graph.read.records import TermRef

RAISE, LOWER = "raise", "lower"


@dataclass(frozen=True)
class RouteHop:
    subject: TermRef
    predicate: str
    predicate_words: str
    object: TermRef
    sign: Sign
    belief: float  # that this relation holds, from every claim of it
    evidence: tuple[EvidenceRef, ...]


@dataclass(frozen=True)
class Route:
    """One chain of relations; `effect` is what it does to the target, `belief` the product of
    its hops' beliefs; `non_causal` says a non-causal hop passed the effect on."""

    hops: tuple[RouteHop, ...]
    effect: str  # raise or lower
    belief: float
    non_causal: bool
    summary: str


@dataclass(frozen=True)
class Influence:
    """Every route from `source` to `target` that raises it, and every one that lowers it, the
    most believed first; `summary`: '2 routes raise, 1 lowers; strongest: ...'."""

    source: TermRef
    target: TermRef
    raises: list[Route]
    lowers: list[Route]
    summary: str


def influence(
    kg: KnowledgeGraph,
    source: str,
    target: str,
    max_hops: int = 4,
    causal_only: bool = True,
    state: State | None = None,
) -> Influence:
    """The competing routes from entity IRI `source` to `target`, within `max_hops` hops.

    `state`: what a lack (LOW) or an excess (HIGH) of the source does: the routes from the
    state's own node where the graph has one ("copper deficiency causes anaemia"), else the
    source's routes, turned for a lack (less of what raises the target lowers it)."""
    start = _state_node(kg, source, state) if state is not None else None
    found = find_paths(kg.view, start or source, target, max_hops, causal_only, limit=PATH_CAP)
    routes = sorted((_route(kg, path) for path in found), key=lambda r: (-r.belief, len(r.hops), r.summary))
    raises = [route for route in routes if route.effect == RAISE]
    lowers = [route for route in routes if route.effect == LOWER]
    summary = _summary(raises, lowers)
    if state is State.LOW and start is None:
        raises, lowers = lowers, raises
        summary = f"a lack of it turns each route: {_summary(raises, lowers)}"
    return Influence(term_ref(kg, start or source), term_ref(kg, target), raises, lowers, summary)


def _state_node(kg: KnowledgeGraph, source: str, state: State) -> str | None:
    """The node of the source's lack or excess, when a claim names it."""
    link = "hasDeficiency" if state is State.LOW else "hasExcess"
    links = kg.view.links
    if source not in links:
        return None
    return next((v for _, v, key in links.out_edges(source, keys=True) if key == link), None)


def _route(kg: KnowledgeGraph, path: Pathway) -> Route:
    hops = tuple(
        RouteHop(
            subject=term_ref(kg, hop.subject),
            predicate=hop.predicate,
            predicate_words=predicate_words(hop.predicate),
            object=term_ref(kg, hop.object),
            sign=hop.sign,
            belief=hop_belief(kg, hop),
            evidence=hop.evidence,
        )
        for hop in path.hops
    )
    causal: list[Sign] = [hop.sign for hop in hops if hop.sign is not Sign.NOT_CAUSAL]
    effect = RAISE if compose(causal) is Sign.POSITIVE else LOWER
    words = [hops[0].subject.label, *(f"{hop.predicate_words} -> {hop.object.label}" for hop in hops)]
    belief = round(prod(hop.belief for hop in hops), 4)
    return Route(hops, effect, belief, len(causal) < len(hops), " -> ".join(words))


def _summary(raises: list[Route], lowers: list[Route]) -> str:
    """'2 routes raise, 1 lowers; strongest: vitamin K2 -> ... (lowers, belief 0.43)'."""
    counts = f"{_count(len(raises), 'raises', 'raise')}, {_count(len(lowers), 'lowers', 'lower')}"
    every = raises + lowers
    if not every:
        return f"{counts}: no route"
    best = max(every, key=lambda route: route.belief)
    verb = "raises" if best.effect == RAISE else "lowers"
    return f"{counts}; strongest: {best.summary} ({verb}, belief {best.belief:.2f})"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} route {one}" if number == 1 else f"{number} routes {many}"
