"""Conflicts between statements (graph/read/conflicts.py): each kind on a graph of a few claims
made by hand, and the vitamin D dispute of the shipped corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from nutrikg.graph.assemble.rdf import add_extraction, add_ontology
from nutrikg.graph.extract.vocabulary import ontology_graph
from nutrikg.graph.model import Claim, Document, Evidence, Extraction, Sign, SourceKind, Span
from nutrikg.graph.namespaces import new_graph
from nutrikg.graph.read.conflicts import find_conflicts
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.ontology.terms import NM

if TYPE_CHECKING:
    from nutrikg.graph.read.conflicts import Conflict

D, K2, CALCIUM = str(NM.vitamin_d), str(NM.vitamin_k2), str(NM.calcium)
BONE, ARTERY = str(NM.bone), str(NM.artery)


def _claim(
    doc: str, at: int, subject: str, predicate: str, obj: str, sign: Sign, negated: bool = False
) -> Claim:
    evidence = Evidence(doc, f"sentence at {at}", Span(at, at + 20), "rule", 1.0)
    return Claim(subject, predicate, obj, sign, False, negated, evidence)


def _document(doc_id: str, kind: SourceKind, claims: list[Claim]) -> Extraction:
    document = Document(doc_id, doc_id, "text", f"{doc_id}.txt", "0" * 64, source_kind=kind)
    return Extraction(document, claims=claims)


@pytest.fixture(scope="module")
def small_kg() -> KnowledgeGraph:
    """A review that K2 directs calcium to bone rather than arteries (the rules' contrast), a
    blog that says K2 directs calcium to arteries, and a forum on whether D raises and lowers
    calcium."""
    rdf_graph = new_graph()
    add_ontology(rdf_graph, ontology_graph())
    review = [
        _claim("review", 0, K2, "directsTo", BONE, Sign.POSITIVE),
        _claim("review", 0, K2, "directsTo", ARTERY, Sign.POSITIVE, negated=True),
    ]
    blog = [_claim("blog", 40, K2, "directsTo", ARTERY, Sign.POSITIVE)]
    forum = [
        _claim("forum", 80, D, "increases", CALCIUM, Sign.POSITIVE),
        _claim("forum", 120, D, "decreases", CALCIUM, Sign.NEGATIVE),
    ]
    for doc_id, kind, claims in (("review", SourceKind.REVIEW, review), ("blog", SourceKind.BLOG, blog),
                                 ("forum", SourceKind.FORUM, forum)):  # fmt: skip
        add_extraction(rdf_graph, _document(doc_id, kind, claims))
    return KnowledgeGraph.from_rdf(rdf_graph)


def _kinds(conflicts: list[Conflict]) -> dict[str, Conflict]:
    return {conflict.kind: conflict for conflict in conflicts}


def test_each_kind_is_found(small_kg: KnowledgeGraph) -> None:
    found = _kinds(find_conflicts(small_kg, min_support=0.0))
    assert set(found) == {"denied", "contrast", "opposite_signs"}
    denied = found["denied"]
    assert [side.sources for side in denied.sides] == [["blog"], ["review"]]
    assert [side.negated for side in denied.sides] == [False, True]
    # blog 0.55 against review 0.9: each side's belief is its support times the other's doubt
    assert [side.support for side in denied.sides] == [0.55, 0.9]
    assert denied.sides[0].belief == pytest.approx(0.55 * 0.1)
    contrast = found["contrast"]
    assert [side.object.iri for side in contrast.sides] == [BONE, ARTERY]
    signs = [side.sign for side in found["opposite_signs"].sides]
    assert signs == [Sign.POSITIVE, Sign.NEGATIVE]


def test_a_weak_side_keeps_a_conflict_out(small_kg: KnowledgeGraph) -> None:
    # the forum's two claims have 0.45 each, the blog's 0.55: only the contrast passes 0.6
    assert [c.kind for c in find_conflicts(small_kg, min_support=0.6)] == ["contrast"]
    assert [c.kind for c in find_conflicts(small_kg, min_support=0.0, kind="denied")] == ["denied"]


def test_vitamin_d_and_soft_tissue_calcification(kg: KnowledgeGraph) -> None:
    """The forum denies that vitamin D alone causes harmful calcification; the vendor says that
    without K2, raising vitamin D and calcium could lead to inappropriate calcium deposition."""
    found = [
        c
        for c in find_conflicts(kg)
        if c.sides[0].subject.iri == D and c.sides[0].object.iri == str(NM.soft_tissue_calcification)
    ]
    assert len(found) == 1
    asserted, denied = found[0].sides
    assert (asserted.negated, denied.negated) == (False, True)
    assert (asserted.source_kinds, denied.source_kinds) == (["vendor"], ["forum"])
    assert "Without adequate K2" in asserted.claims[0].evidence.sentence
    assert "vitamin D alone causes harmful calcification" in denied.claims[0].evidence.sentence
    assert denied.belief > asserted.belief
