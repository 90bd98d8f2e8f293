"""What a parsed query's algebra (rdflib's) says of the dataset it reads and the services it
calls: read by structure, not by letters."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from pyparsing import ParseResults
from rdflib import URIRef, Variable
from rdflib.plugins.sparql.parserutils import CompValue


def walk(node: object) -> Iterator[CompValue]:
    """Every CompValue under `node`: patterns, sub-queries, EXISTS filters alike."""
    if isinstance(node, CompValue):
        yield node
        children: Collection[object] = list(node.values())
    elif isinstance(node, list | tuple | ParseResults):
        children = node
    else:
        return
    for child in children:
        yield from walk(child)


def services(algebra: CompValue) -> Iterator[str | None]:
    """The endpoint of each SERVICE clause: its IRI, or None for a variable."""
    for node in walk(algebra):
        if node.name == "ServiceGraphPattern":
            term = node.get("term")
            yield None if isinstance(term, Variable) else str(term)


def dataset_clauses(algebra: CompValue) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The IRIs of the query's FROM and FROM NAMED clauses."""
    default: list[str] = []
    named: list[str] = []
    for clause in algebra.get("datasetClause") or []:
        if isinstance(clause.get("default"), URIRef):
            default.append(str(clause["default"]))
        if isinstance(clause.get("named"), URIRef):
            named.append(str(clause["named"]))
    return tuple(default), tuple(named)
