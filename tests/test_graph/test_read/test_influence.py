"""Competing influences (graph/read/influence.py): routes grouped by what they do to the target."""

from __future__ import annotations

from math import prod
from typing import TYPE_CHECKING

import pytest

from nutrikg.graph.model import State
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


@pytest.fixture(scope="module")
def states_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.read.kg import KnowledgeGraph

    corpus = tmp_path_factory.mktemp("states")
    (corpus / "a.txt").write_text("Copper deficiency can cause anemia in adults.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("High doses of zinc induce copper deficiency.\n", encoding="utf-8")
    (corpus / "c.txt").write_text("Vitamin C enhances the absorption of iron.\n", encoding="utf-8")
    return KnowledgeGraph.from_rdf(build_graph(corpus).rdf_graph)


def test_a_deficiency_is_a_state_on_the_route_zinc_raises_anemia(states_kg: KnowledgeGraph) -> None:
    found = influence(states_kg, str(NM.zinc), str(NM.anemia))
    assert [route.effect for route in found.raises] == ["raise"] and found.lowers == []
    assert [hop.object.label for hop in found.raises[0].hops] == ["copper deficiency", "anemia"]


def test_a_thing_reaches_what_its_lack_causes_through_the_states_link(states_kg: KnowledgeGraph) -> None:
    found = influence(states_kg, str(NM.copper), str(NM.anemia))
    assert found.raises == [] and len(found.lowers) == 1  # more copper, less deficiency, less anemia
    link = found.lowers[0].hops[0]
    assert (link.predicate, link.belief, link.evidence) == ("hasDeficiency", 1.0, ())


def test_state_low_starts_from_the_deficiency_or_turns_the_routes(states_kg: KnowledgeGraph) -> None:
    lacking = influence(states_kg, str(NM.copper), str(NM.anemia), state=State.LOW)
    assert lacking.source.label == "copper deficiency" and len(lacking.raises) == 1
    iron = influence(states_kg, str(NM.vitamin_c), str(NM.iron), state=State.LOW)  # no such node
    assert iron.raises == [] and len(iron.lowers) == 1 and iron.summary.startswith("a lack of it turns")
