"""Paths over the network view: direction, composed signs, evidence on every hop."""

from __future__ import annotations

import pytest

from nutrikg.graph.assemble.build import BuildResult
from nutrikg.graph.model import Sign
from nutrikg.graph.read.describe import path_summary
from nutrikg.graph.read.network import build_network, compose, find_paths, neighbourhood
from nutrikg.ontology.terms import NM


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        ([Sign.POSITIVE, Sign.NEGATIVE], Sign.NEGATIVE),
        ([Sign.NEGATIVE, Sign.NEGATIVE], Sign.POSITIVE),
        ([Sign.POSITIVE, Sign.POSITIVE, Sign.POSITIVE], Sign.POSITIVE),
        ([Sign.POSITIVE, Sign.NOT_CAUSAL], Sign.NOT_CAUSAL),
    ],
)
def test_sign_composition(signs: list[Sign], expected: Sign) -> None:
    assert compose(signs) is expected


def test_k2_lowers_arterial_deposition_through_mgp(built: BuildResult) -> None:
    view = build_network(built.rdf_graph)
    paths = find_paths(view, str(NM.vitamin_k2), str(NM.artery), max_hops=2)
    via_mgp = [
        p for p in paths if p.nodes == [str(NM.vitamin_k2), str(NM.matrix_gla_protein), str(NM.artery)]
    ]
    assert via_mgp, [p.nodes for p in paths]
    path = via_mgp[0]
    assert [h.predicate for h in path.hops] == ["activates", "inhibitsDepositionIn"]
    assert path.sign is Sign.NEGATIVE
    assert all(h.evidence for h in path.hops)
    summary = path_summary(view, path)
    assert summary.endswith("net effect on artery: decrease"), summary


def test_d3_reaches_arteries_through_calcium(built: BuildResult) -> None:
    view = build_network(built.rdf_graph)
    paths = find_paths(view, str(NM.vitamin_d3), str(NM.artery), max_hops=3)
    assert paths
    first = paths[0]
    assert first.hops[0].predicate == "increasesAbsorptionOf"
    for hop in first.hops:
        for evidence in hop.evidence:
            assert evidence.sentence and evidence.end > evidence.start


def test_causal_only_paths_skip_non_causal_relations(built: BuildResult) -> None:
    view = build_network(built.rdf_graph)
    for path in find_paths(view, str(NM.natto), str(NM.osteocalcin), max_hops=3, causal_only=True):
        assert all(h.sign is not Sign.NOT_CAUSAL for h in path.hops)
    assert find_paths(view, str(NM.natto), str(NM.osteocalcin), max_hops=3, causal_only=False)


def test_neighbourhood_depth(built: BuildResult) -> None:
    view = build_network(built.rdf_graph)
    one = neighbourhood(view, str(NM.osteocalcin), depth=1)
    two = neighbourhood(view, str(NM.osteocalcin), depth=2)
    assert str(NM.vitamin_k2) in one
    assert set(one) <= set(two) and len(two) > len(one)


def test_a_deficiency_in_the_middle_composes_to_an_increase(tmp_path: pytest.TempPathFactory) -> None:
    """'Copper deficiency can cause anemia' and 'Zinc induces copper deficiency': zinc raises
    anemia's risk (read as zinc lowering copper and copper preventing anemia, or through a
    deficiency entity: either way the composed effect is an increase, never a decrease)."""
    from pathlib import Path

    from nutrikg.graph.assemble.build import build_graph

    corpus = Path(str(tmp_path))
    text = "Copper deficiency can cause anemia.\nZinc induces copper deficiency.\n"
    (corpus / "note.txt").write_text(text, encoding="utf-8")
    view = build_network(build_graph(corpus).rdf_graph)
    paths = find_paths(view, str(NM.zinc), str(NM.anemia), max_hops=3)
    assert paths, "no path from zinc to anemia"
    assert {p.sign for p in paths} == {Sign.POSITIVE}, [(p.nodes, p.sign) for p in paths]
    assert path_summary(view, paths[0]).endswith("net effect on anemia: increase")
