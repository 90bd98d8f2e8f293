"""The fixed query mix, written as users send it (every query declares its own prefixes, so
each engine reads the same text)."""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """PREFIX nm: <https://w3id.org/nutrikg/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix: a short name, what it stands for, and its SPARQL text."""

    name: str
    kind: str  # lookup, neighbourhood, one-hop, two-hop, aggregate, path
    sparql: str

    @property
    def text(self) -> str:
        return PREFIXES + self.sparql


QUERY_MIX: tuple[BenchQuery, ...] = (
    BenchQuery(
        "lookup",
        "entity lookup by label",
        """SELECT ?entity ?label WHERE {
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
  FILTER(LCASE(STR(?label)) = "menaquinone-7")
}""",
    ),
    BenchQuery(
        "neighbourhood",
        "claims about an entity, with their sentences",
        """SELECT ?claim ?predicate ?other ?sentence ?doc WHERE {
  { ?claim nm:subject nm:matrix_gla_protein ; nm:object ?other }
  UNION { ?claim nm:object nm:matrix_gla_protein ; nm:subject ?other }
  ?claim nm:predicate ?predicate ; nm:sentence ?sentence ; prov:wasDerivedFrom ?doc .
}""",
    ),
    BenchQuery(
        "one_hop",
        "one-hop, untyped",
        """SELECT ?predicate ?object WHERE { nm:vitamin_k2 ?predicate ?object }""",
    ),
    BenchQuery(
        "one_hop_typed",
        "one-hop, typed",
        """SELECT ?mineral WHERE {
  ?mineral nm:increases nm:bone_mineral_density .
  ?mineral rdf:type nm:Mineral .
}""",
    ),
    BenchQuery(
        "two_hop",
        "two-hop, untyped",
        """SELECT ?middle ?p2 ?end WHERE {
  nm:zinc ?p1 ?middle .
  ?middle ?p2 ?end .
  FILTER(isIRI(?end))
}""",
    ),
    BenchQuery(
        "two_hop_typed",
        "two-hop, typed (nutrient -> protein -> outcome)",
        """SELECT ?vitamer ?protein ?outcome WHERE {
  ?vitamer rdf:type nm:Vitamer ; nm:activates ?protein .
  ?protein rdf:type nm:Protein ; nm:increases ?outcome .
}""",
    ),
    BenchQuery(
        "aggregate",
        "COUNT GROUP BY predicate",
        """SELECT ?predicate (COUNT(*) AS ?n) WHERE { ?s ?predicate ?o }
GROUP BY ?predicate ORDER BY DESC(?n)""",
    ),
    BenchQuery(
        "path",
        "property path nm:formOf*",
        """SELECT ?form WHERE { ?form nm:formOf* nm:vitamin_k }""",
    ),
)

# A SELECT that returns every triple: the streaming / result-size test.
FULL_DUMP = PREFIXES + "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
# What readiness probes and load tests send: small, cheap, always answerable.
PROBE = PREFIXES + "ASK { ?s ?p ?o }"
LOAD_QUERIES = ("one_hop", "lookup")  # cheap first: abandoned requests may queue up


def by_name(name: str) -> BenchQuery:
    """The query of the mix called `name`; raises KeyError when there is none."""
    for query in QUERY_MIX:
        if query.name == name:
            return query
    raise KeyError(name)
