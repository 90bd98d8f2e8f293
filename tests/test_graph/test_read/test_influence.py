"""Competing influences (graph/read/influence.py): routes grouped by what they do to the target."""

from __future__ import annotations

from math import prod
from typing import TYPE_CHECKING

from nutrikg.graph.read.describe import describe_influence
from nutrikg.graph.read.influence import Route, influence
from nutrikg.ontology.terms import NM

if TYPE_CHECKING:
    from nutrikg.graph.read.kg import KnowledgeGraph

K2, D3, ARTERY = str(NM.vitamin_k2), str(NM.vitamin_d3), str(NM.artery)


def _through(routes: list[Route], entity: str) -> list[Route]:
    return [route for route in routes if entity in [hop.object.iri for hop in route.hops[:-1]]]


def test_k2_lowers_arteries_through_matrix_gla_protein(kg: KnowledgeGraph) -> None:
    found = influence(kg, K2, ARTERY, max_hops=3)
    via_mgp = _through(found.lowers, str(NM.matrix_gla_protein))
    assert via_mgp
    route = via_mgp[0]
    assert [hop.predicate for hop in route.hops] == ["activates", "inhibitsDepositionIn"]
    assert route.belief == round(prod(hop.belief for hop in route.hops), 4) > 0
    assert all(hop.evidence for hop in route.hops)
    assert not route.non_causal
    assert found.summary.startswith(f"{len(found.raises)} routes raise, {len(found.lowers)} routes lower")


def test_d3_raises_through_calcium_and_lowers_through_k2(kg: KnowledgeGraph) -> None:
    found = influence(kg, D3, ARTERY, max_hops=4, causal_only=False)
    raising = [r for r in found.raises if [h.object.iri for h in r.hops] == [str(NM.calcium), ARTERY]]
    assert raising and not raising[0].non_causal
    lowering = _through(found.lowers, K2)
    assert lowering and lowering[0].non_causal  # synergizes with K2 passes K2's effect on
    assert lowering[0].hops[0].predicate == "synergizesWith"
    beliefs = [route.belief for route in found.lowers]
    assert beliefs == sorted(beliefs, reverse=True)


def test_causal_only_leaves_out_the_synergy(kg: KnowledgeGraph) -> None:
    found = influence(kg, D3, ARTERY, max_hops=4)
    assert found.raises and not found.lowers
    assert all(not route.non_causal for route in found.raises)


def test_description_groups_the_routes(kg: KnowledgeGraph) -> None:
    text = describe_influence(influence(kg, D3, ARTERY, causal_only=False), limit=1)
    assert text.splitlines()[0].startswith("8 routes raise, 2 routes lower; strongest:")
    assert "Raise artery (" in text and "Lower artery (2):" in text
    assert "[2]" not in text  # one route of each
