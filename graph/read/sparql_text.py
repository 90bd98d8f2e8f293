"""SPARQL that a person can run to see for themselves what a view shows (the explorer prints it
beside each view; `/sparql` answers it)."""

from __future__ import annotations

from nutrikg.graph.identifiers import to_curie


def sparql_for(nodes: list[str] | None) -> str:
    """Every asserted claim (with its sentence) among `nodes`, or in the whole graph."""
    lines = [
        "PREFIX nm: <https://w3id.org/nutrikg/>",
        "PREFIX prov: <http://www.w3.org/ns/prov#>",
        "SELECT ?subject ?predicate ?object ?hedged ?document ?sentence WHERE {",
        "  ?claim a nm:Claim ; nm:negated false ;",
        "         nm:subject ?subject ; nm:predicate ?predicate ; nm:object ?object ;",
        "         nm:hedged ?hedged ; prov:wasDerivedFrom ?document ; nm:sentence ?sentence .",
    ]
    if nodes is not None:
        terms = " ".join(_sparql_term(iri) for iri in nodes)
        lines += [f"  VALUES ?subject {{ {terms} }}", f"  VALUES ?object {{ {terms} }}"]
    lines += ["}", "ORDER BY ?subject ?predicate ?object"]
    return "\n".join(lines)


def _sparql_term(iri: str) -> str:
    curie = to_curie(iri)
    local = curie[3:] if curie.startswith("nm:") else ""
    return curie if local and local.replace("_", "").isalnum() else f"<{iri}>"
