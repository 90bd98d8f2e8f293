"""One claim record end to end: what extraction made is what a read of the graph gives back."""

from __future__ import annotations

from dataclasses import replace

from rdflib import RDF

from nutrikg.graph.assemble.build import BuildResult
from nutrikg.graph.model import Claim
from nutrikg.graph.namespaces import claim_iri
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.tables import read_claims
from nutrikg.ontology.terms import NM


def test_claims_read_back_from_memory_are_the_extracted_records(built: BuildResult) -> None:
    extracted = _extracted(built)
    read = read_claims(built.rdf_graph)
    assert len(read) == len(extracted) > 250
    assert set(read) == extracted  # every field: terms, sign, flags, sentence, offsets, rule


def test_claims_read_back_from_the_store_are_the_extracted_records(
    built: BuildResult, kg: KnowledgeGraph
) -> None:
    assert set(kg.claims) == _extracted(built)


def test_a_claim_read_back_is_named_by_the_node_it_was_read_from(built: BuildResult) -> None:
    nodes = {str(node) for node in built.rdf_graph.subjects(RDF.type, NM.Claim)}
    assert {claim_iri(claim) for claim in read_claims(built.rdf_graph)} == nodes


def test_each_claim_keeps_its_documents_source_kind(kg: KnowledgeGraph) -> None:
    assert kg.source_kinds["000_ad2a7113a268af8e"] == "retailer"
    assert {kg.source_kinds[claim.evidence.doc_id] for claim in kg.claims} == {
        "retailer",
        "forum",
        "blog",
        "vendor",
    }


def _extracted(built: BuildResult) -> set[Claim]:
    """The claims extraction made, without their qualifiers (read on demand, not with the rest)."""
    return {replace(claim, qualifiers=()) for e in built.extractions for claim in e.claims}
