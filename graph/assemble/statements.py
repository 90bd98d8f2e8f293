"""The statements' beliefs in the graph, and the claim manifest of a build (graph.builds).

A statement is a subject-predicate-object triple together with every claim of it. Each one a
claim states, as read or as corrected on review, gets a node, `statement:<hash of subject,
predicate, object>`, typed nm:Statement and reified as rdf:Statement is (rdf:subject,
rdf:predicate, rdf:object), with its nm:belief and nm:denial (graph/read/belief.py; 0 for one
whose claims were all rejected), so SPARQL reads how far a triple is believed:

    SELECT ?belief WHERE { ?s a nm:Statement ; rdf:subject nm:vitamin_k2 ;
                              rdf:predicate nm:activates ; rdf:object nm:osteocalcin ;
                              nm:belief ?belief }

They are made from the graph's claims as reviewed then, with the settings' priors; a review made
later is served at once by the JSON API and written here by the next build. The claim nodes and
direct triples stay as extraction made them: the RDF is the extraction's master copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef

from nutrikg.graph.assemble.rdf import decimal_literal
from nutrikg.graph.builds import ManifestLine
from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.model import Claim, content_hash
from nutrikg.graph.read.belief import (
    BeliefInputs,
    StatementBelief,
    StatementKey,
    score_statements,
    statement_key,
)
from nutrikg.ontology.terms import NM, NM_STATEMENT

BELIEF_PLACES = 4  # beliefs are written rounded, so that float noise does not read as a change
NOT_BELIEVED = StatementBelief(support=0.0, opposition=0.0, documents=0)


@dataclass(frozen=True)
class ClaimScores:
    """A graph's claims, its documents' kinds, and the beliefs made from them with `inputs`."""

    claims: Sequence[Claim]
    kinds: Mapping[str, str]
    beliefs: dict[StatementKey, StatementBelief]
    inputs: BeliefInputs


def statement_iri(key: StatementKey) -> URIRef:
    """The node of a statement: named by its triple, so every build names it alike."""
    return NM_STATEMENT[content_hash(*key)]


def write_statements(
    rdf_graph: Graph, claims: Sequence[Claim], kinds: Mapping[str, str], inputs: BeliefInputs
) -> ClaimScores:
    """Score the statements of `claims` and write their nodes into `rdf_graph`, in place of any
    it held."""
    remove_statements(rdf_graph)
    beliefs = score_statements(claims, kinds, inputs.priors, inputs.reviews)
    # A statement only rejected claims made is written too, believed 0: its direct triple is
    # still in the graph, which SPARQL reads.
    read = {statement_key(claim): NOT_BELIEVED for claim in claims}
    for (subject, predicate, obj), belief in sorted((read | beliefs).items()):
        node = statement_iri((subject, predicate, obj))
        for p, o in (
            (RDF.type, NM.Statement),
            (RDF.subject, URIRef(subject)),
            (RDF.predicate, NM[predicate]),
            (RDF.object, URIRef(obj)),
            (NM.belief, decimal_literal(round(belief.belief, BELIEF_PLACES))),
            (NM.denial, decimal_literal(round(belief.denial, BELIEF_PLACES))),
        ):
            rdf_graph.add((node, p, o))
    return ClaimScores(claims, kinds, beliefs, inputs)


def remove_statements(rdf_graph: Graph) -> None:
    """Take every statement node out (an add scores the merged graph's claims again). Each
    triple is removed as itself: rdflib removes a pattern three times slower."""
    nodes = list(rdf_graph.subjects(RDF.type, NM.Statement))
    for triple in [triple for node in nodes for triple in rdf_graph.triples((node, None, None))]:
        rdf_graph.remove(triple)


def manifest_lines(scores: ClaimScores) -> list[ManifestLine]:
    """One line per claim (claims of the same content once), with its statement's belief."""
    lines: dict[str, ManifestLine] = {}
    for claim in scores.claims:
        found = scores.beliefs.get(statement_key(claim))
        lines[claim.content_id] = ManifestLine(
            content_id=claim.content_id,
            document=claim.evidence.doc_id,
            subject=to_curie(claim.subject),
            predicate=claim.predicate,
            object=to_curie(claim.object),
            sign=claim.sign.value,
            negated=claim.negated,
            hedged=claim.hedged,
            belief=0.0 if found is None else round(found.belief, BELIEF_PLACES),
        )
    return list(lines.values())
