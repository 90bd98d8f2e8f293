"""JSON pattern queries, compiled to SPARQL without ever pasting user text into the query.

A pattern query is a list of triple patterns plus a few options:

    {"where": [["?n", "activates", "?p"], ["?p", "type", "Protein"]],
     "filters": {"?n": {"category": "Vitamer"}},
     "select": ["?n", "?p"], "order_by": "?n", "limit": 100, "offset": 0}

Terms of a pattern:
- `?name`: a variable (`^\\?[A-Za-z_][A-Za-z0-9_]{0,40}$`);
- predicate position: `type` (is an instance of; with a constant class, subclasses count too),
  `label` (the preferred label; a constant object matches it case-insensitively), a relation's
  local name (`activates`), or the CURIE or IRI of any predicate used in the graph;
- subject / object position: an entity's label, synonym, CURIE or IRI, else the CURIE or IRI of
  any other node of the graph, else a standard identifier matched to an entity (`CHEBI:28940`);
  after `type`, a class name (`Protein`), CURIE or IRI; a JSON number or boolean in object
  position is a typed literal.
- the result's `total` counts every row; `order_by` is `?var` or `-?var` (descending), every
  selected variable by default so that pages are stable.

Filters, per variable: `category` (the node is an instance of that class or a subclass) and
`label_contains` (its preferred label contains the text, case-insensitively).

Safety: every constant is resolved against the graph first (an unknown one is an InvalidParameter
naming its position, e.g. `where[0][2]`), then written only through pyoxigraph's term
serialisation (`<iri>` or an escaped literal), so no input can change the query's structure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import OWL, RDF, URIRef

from nutrikg.graph.errors import InvalidQuery, UnknownEntity
from nutrikg.graph.identifiers import to_curie, to_iri
from nutrikg.graph.namespaces import NM_BASE
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph
from nutrikg.graph.read.queries import InvalidParameter, predicate_candidates, resolve_entity

VARIABLE = re.compile(r"^\?[A-Za-z_][A-Za-z0-9_]{0,40}$")
MAX_PATTERNS = 20
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000
FILTER_KEYS = ("category", "label_contains")
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_PREF_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
_POSITIONS = ("subject", "predicate", "object")

Scalar = str | int | float | bool
Runner = Callable[[str], bytes]


@dataclass(frozen=True)
class PatternQuery:
    """A pattern query as the client sent it (see the module docstring)."""

    where: Sequence[Sequence[Scalar]]
    filters: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    select: Sequence[str] | None = None
    order_by: str | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class CompiledQuery:
    """The SPARQL of a pattern query, the query counting all its rows, and its variables."""

    sparql: str
    count_sparql: str
    variables: list[str]  # without the leading "?"


@dataclass(frozen=True)
class BoundTerm:
    """One value of a result row: an IRI with CURIE and label, or a literal."""

    iri: str | None = None
    curie: str | None = None
    label: str | None = None
    value: str | None = None
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class GraphTerms:
    """What constants may name besides entities: the predicates, IRIs and classes in use."""

    predicates: frozenset[str]
    nodes: frozenset[str]
    classes: frozenset[str]


def graph_terms(kg: KnowledgeGraph) -> GraphTerms:
    return per_graph(kg, "pattern-terms", _read_terms)


def _read_terms(kg: KnowledgeGraph) -> GraphTerms:
    rdf = kg.rdf
    classes = {str(o) for o in rdf.objects(None, RDF.type)}
    classes |= {str(s) for s in rdf.subjects(RDF.type, OWL.Class)}
    nodes = {str(s) for s in rdf.subjects(unique=True)}
    nodes |= {str(o) for o in rdf.objects(unique=True) if isinstance(o, URIRef)}
    predicates = frozenset(str(p) for p in rdf.predicates(unique=True))
    return GraphTerms(predicates, frozenset(nodes), frozenset(classes))


@dataclass(frozen=True)
class PatternResult:
    variables: list[str]
    bindings: list[dict[str, BoundTerm]]
    total: int
    sparql: str


class _Compiler:
    """Builds the WHERE block clause by clause; helper variables start with a digit, which
    user variables cannot, so they never clash."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.clauses: list[str] = []
        self.seen: list[str] = []  # user variables in order of first appearance
        self._helpers = 0

    def helper(self) -> str:
        self._helpers += 1
        return f"?{self._helpers}h"

    def variable(self, term: str, where: str) -> str:
        if not VARIABLE.fullmatch(term):
            raise InvalidParameter(where, f"{term!r} is not a valid variable name (?name)")
        if term not in self.seen:
            self.seen.append(term)
        return term

    def pattern(self, index: int, triple: Sequence[Scalar]) -> None:
        where = f"where[{index}]"
        if len(triple) != 3:
            raise InvalidParameter(where, f"a pattern has three terms, not {len(triple)}")
        s, p, o = (_check_scalar(t, f"{where}[{i}]") for i, t in enumerate(triple))
        if not isinstance(s, str):
            raise InvalidParameter(f"{where}[0]", "a subject is a variable or a name")
        subject = self.node(s, f"{where}[0]")
        if p == "label":
            self.label(subject, o, f"{where}[2]")
            return
        if p == "type":
            target = self.class_term(o, f"{where}[2]")
            path = _RDF_TYPE if _is_var(o) else f"{_RDF_TYPE}/{_SUBCLASS_OF}*"
            self.clauses.append(f"{subject} {path} {target} .")
            return
        predicate = self.predicate(p, f"{where}[1]")
        self.clauses.append(f"{subject} {predicate} {self.node(o, f'{where}[2]')} .")

    def node(self, term: Scalar, where: str) -> str:
        if _is_var(term):
            return self.variable(str(term), where)
        if not isinstance(term, str):
            return str(_literal(term))
        return _iri(_resolve_node(self.kg, term, where))

    def predicate(self, term: Scalar, where: str) -> str:
        if _is_var(term):
            return self.variable(str(term), where)
        used = graph_terms(self.kg).predicates
        for iri in predicate_candidates(str(term)):
            if iri in used:
                return _iri(iri)
        raise InvalidParameter(where, f"unknown predicate {term!r}")

    def class_term(self, term: Scalar, where: str) -> str:
        if _is_var(term):
            return self.variable(str(term), where)
        return _iri(_resolve_class(self.kg, str(term), where))

    def label(self, subject: str, term: Scalar, where: str) -> None:
        if _is_var(term):
            self.clauses.append(f"{subject} {_PREF_LABEL} {self.variable(str(term), where)} .")
            return
        helper = self.helper()
        self.clauses.append(f"{subject} {_PREF_LABEL} {helper} .")
        text = _literal(str(term))
        self.clauses.append(f"FILTER(LCASE(STR({helper})) = LCASE({text}))")

    def filters(self, filters: Mapping[str, Mapping[str, str]]) -> None:
        for var, conditions in filters.items():
            where = f"filters[{var!r}]"
            if not _is_var(var) or var not in self.seen:
                raise InvalidParameter(where, "filters apply to variables used in `where`")
            for key, value in conditions.items():
                self.condition(var, key, value, f"{where}[{key!r}]")

    def condition(self, var: str, key: str, value: str, where: str) -> None:
        if not isinstance(value, str):
            raise InvalidParameter(where, "the value must be a string")
        if key == "category":
            target = _iri(_resolve_class(self.kg, value, where))
            self.clauses.append(f"{var} {_RDF_TYPE}/{_SUBCLASS_OF}* {target} .")
        elif key == "label_contains":
            helper = self.helper()
            self.clauses.append(f"{var} {_PREF_LABEL} {helper} .")
            self.clauses.append(f"FILTER(CONTAINS(LCASE(STR({helper})), LCASE({_literal(value)})))")
        else:
            raise InvalidParameter(where, f"unknown filter; use one of {', '.join(FILTER_KEYS)}")


def compile_pattern(kg: KnowledgeGraph, query: PatternQuery) -> CompiledQuery:
    """The SPARQL SELECT for `query`.

    Raises:
        InvalidQuery: a term is unknown or malformed, a selected or ordering variable does not
            occur in `where`, a filter is unknown, or limit / offset are out of range; the
            message and `detail` name the position (`where[0][2]`, `select[1]`, ...).
    """
    _check_shape(query)
    compiler = _Compiler(kg)
    for index, triple in enumerate(query.where):
        compiler.pattern(index, triple)
    compiler.filters(query.filters)
    selected = _selection(compiler.seen, query.select)
    order = _order(compiler.seen, query.order_by, selected)
    body = "\n".join(f"  {clause}" for clause in compiler.clauses)
    head = f"SELECT DISTINCT {' '.join(selected)}\nWHERE {{\n{body}\n}}"
    sparql = f"{head}\nORDER BY {order}\nLIMIT {query.limit}\nOFFSET {query.offset}\n"
    count = f"SELECT (COUNT(*) AS ?0total)\nWHERE {{\n{head}\n}}\n"
    return CompiledQuery(sparql, count, [v[1:] for v in selected])


def run_pattern(kg: KnowledgeGraph, query: PatternQuery, run: Runner) -> PatternResult:
    """Compile `query` and run it with `run` (SPARQL -> JSON results bytes); its count too,
    unless the first page already holds every row.

    Raises:
        InvalidQuery: as compile_pattern; anything `run` raises (time limit, row cap) passes.
    """
    compiled = compile_pattern(kg, query)
    rows = json.loads(run(compiled.sparql))["results"]["bindings"]
    total = len(rows)
    if query.offset or total == query.limit:  # the page may not be all there is
        counted = json.loads(run(compiled.count_sparql))["results"]["bindings"]
        total = int(counted[0]["0total"]["value"]) if counted else 0
    wanted = set(compiled.variables)
    bindings = [{name: _bound(kg, cell) for name, cell in row.items() if name in wanted} for row in rows]
    return PatternResult(compiled.variables, bindings, total, compiled.sparql)


def _check_shape(query: PatternQuery) -> None:
    if not query.where:
        raise InvalidParameter("where", "give at least one pattern")
    if len(query.where) > MAX_PATTERNS:
        raise InvalidParameter("where", f"at most {MAX_PATTERNS} patterns")
    if not 1 <= query.limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"must be between 1 and {MAX_LIMIT}")
    if not 0 <= query.offset <= MAX_OFFSET:
        raise InvalidParameter("offset", f"must be between 0 and {MAX_OFFSET}")


def _selection(seen: list[str], select: Sequence[str] | None) -> list[str]:
    if not seen:
        raise InvalidParameter("where", "the patterns use no variable, so there is nothing to select")
    if select is None or not select:
        return list(seen)
    for i, var in enumerate(select):
        if var not in seen:
            raise InvalidParameter(f"select[{i}]", f"{var!r} is not a variable used in `where`")
    return list(dict.fromkeys(select))


def _order(seen: list[str], order_by: str | None, selected: list[str]) -> str:
    """`?n` ascending, `-?n` descending; by default every selected variable, for stable pages."""
    if order_by is None:
        return " ".join(selected)
    descending = order_by.startswith("-")
    var = order_by[1:] if descending else order_by
    if var not in seen:
        raise InvalidParameter("order_by", f"{order_by!r} is not a variable used in `where`")
    return f"DESC({var})" if descending else var


def _check_scalar(term: object, where: str) -> Scalar:
    if isinstance(term, str | int | float | bool):
        return term
    raise InvalidParameter(where, "a term is a string, number or boolean")


def _is_var(term: object) -> bool:
    return isinstance(term, str) and term.startswith("?")


def _iri(iri: str) -> str:
    """`<iri>` as pyoxigraph writes it; it refuses anything that is not a valid IRI."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as err:
        raise InvalidQuery(f"{iri!r} is not a valid IRI") from err


def _literal(value: Scalar) -> ox.Literal:
    """An escaped literal; Python booleans and numbers become xsd-typed literals."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(xsd + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(xsd + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(xsd + "double"))
    return ox.Literal(value)


def _expand(term: str) -> str | None:
    """The IRI a CURIE or IRI names, or None for anything else."""
    if term.startswith(("http://", "https://")):
        return term
    return to_iri(term) if ":" in term else None


def _resolve_node(kg: KnowledgeGraph, term: str, where: str) -> str:
    """An entity (by label, synonym, CURIE or IRI), any other IRI the graph holds, or the entity
    a standard identifier is matched to, in that order: `CHEBI:28940` is the CHEBI IRI when the
    graph holds it (as the object of skos:exactMatch), else vitamin D3."""
    try:
        return kg.resolve(term)
    except UnknownEntity:
        pass
    iri = _expand(term.strip())
    if iri is not None and iri in graph_terms(kg).nodes:
        return iri
    try:
        return resolve_entity(kg, term)
    except UnknownEntity:
        raise InvalidParameter(where, f"unknown term {term!r}") from None


def _resolve_class(kg: KnowledgeGraph, term: str, where: str) -> str:
    """A class by local name (`Protein`), CURIE or IRI."""
    classes = graph_terms(kg).classes
    for iri in (NM_BASE + term.strip(), _expand(term.strip())):
        if iri is not None and iri in classes:
            return iri
    raise InvalidParameter(where, f"unknown class {term!r}")


def _bound(kg: KnowledgeGraph, cell: Mapping[str, str]) -> BoundTerm:
    """One SPARQL JSON results cell, with a CURIE and label for IRIs."""
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return BoundTerm(iri=value, curie=to_curie(value), label=kg.label(value))
    if kind == "bnode":
        return BoundTerm(value=f"_:{value}")
    return BoundTerm(value=value, datatype=cell.get("datatype"), lang=cell.get("xml:lang"))
