"""Each statement's belief is in the built RDF (nm:belief on an nm:Statement node), where SPARQL
reads it, equal to the belief the service serves; it is made from the claims as reviewed."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef

from nutrikg.graph.assemble.build import BuildResult
from nutrikg.graph.assemble.statements import statement_iri, write_statements
from nutrikg.graph.namespaces import NM_BASE
from nutrikg.graph.read.belief import BeliefInputs, statement_key
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import statement_beliefs
from nutrikg.graph.read.tables import GraphTables
from nutrikg.graph.reviews import Review, Reviews, Verdict
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.local import run_query
from nutrikg.ontology.terms import NM

BELIEFS = """
SELECT ?s ?p ?o ?belief ?denial WHERE {
  ?statement a nm:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             nm:belief ?belief ; nm:denial ?denial .
}"""


def test_sparql_reads_every_statements_belief_as_the_service_serves_it(
    settings: Settings, kg: KnowledgeGraph
) -> None:
    answer = run_query(settings, BELIEFS)
    found = {(s, p, o): (float(b or 0), float(d or 0)) for s, p, o, b, d in answer.rows if s and p and o}
    served = {
        (s, f"{NM_BASE}{p}", o): (round(belief.belief, 4), round(belief.denial, 4))
        for (s, p, o), belief in statement_beliefs(kg).items()
    }
    assert found == served
    assert len(found) == len({statement_key(claim) for claim in kg.claims}) > 100
    assert any(belief > 0.7 for belief, _ in found.values()) and any(d > 0 for _, d in found.values())


def test_the_beliefs_written_are_of_the_claims_as_reviewed(built: BuildResult) -> None:
    copy = Graph()
    for triple in built.rdf_graph:
        copy.add(triple)
    tables = GraphTables(copy)
    claims = tables.claims
    counts: dict[tuple[str, str, str], int] = {}
    for claim in claims:
        counts[statement_key(claim)] = counts.get(statement_key(claim), 0) + 1
    alone = next(c for c in claims if counts[statement_key(c)] == 1 and not c.negated)
    rejected = Review(alone.content_id, Verdict.REJECT, "misread", "2026-12-08T00:00:00+00:00")
    reviews = Reviews({alone.content_id: rejected}, None, "x")
    node = statement_iri(statement_key(alone))
    before = copy.value(node, NM.belief)
    write_statements(copy, claims, tables.source_kinds, BeliefInputs(reviews=reviews))
    assert before is not None and before.toPython() > 0
    assert copy.value(node, NM.belief) == Literal("0.0", datatype=before.datatype)  # still written: 0
    assert (node, RDF.subject, URIRef(alone.subject)) in copy
    assert len(list(copy.subjects(RDF.type, NM.Statement))) == len(counts)  # replaced, not added
