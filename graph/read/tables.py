"""Whole properties of a graph read at once, as plain strings, and the claims read from them.

The indexes made when a graph is opened (entities, network, claims) read hundreds of thousands of
triples. Through rdflib, a graph kept in an Oxigraph store (oxrdflib) turns every term into an rdflib
term, several microseconds a triple; read here, pyoxigraph decodes the terms in Rust and only their
strings cross into Python, one pass per property. Any other rdflib graph is read through rdflib.

Only the graph itself is read: a graph bound to the store's default graph (the built graph) never
sees the named graphs that `nutrikg load` put beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import PROV, RDF, SKOS, BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.paths import Path as PropertyPath
from rdflib.term import Node

from nutrikg.graph.errors import StoreError
from nutrikg.graph.model import Claim, Evidence, Sign, Span
from nutrikg.graph.namespaces import NM_BASE, claim_iri, new_graph
from nutrikg.ontology.terms import NM, NM_DOC

Pair = tuple[str, str]  # subject, object
Cells = tuple[str | None, ...]  # one SELECT row; None for an unbound variable
TRUE = frozenset({"true", "1"})  # the lexical forms of xsd:boolean true


def open_store_graph(store_dir: Path) -> Graph:
    """The default graph of the Oxigraph store at `store_dir` as an rdflib graph, read in place.

    The store is opened read-only: no lock is taken, so the service's query workers and a writer
    share it, and the handle sees the store as it was when opened (reopen it after a rebuild).
    Prefixes are those of a built graph (graph.rdf.new_graph), so serialisations look the same.

    Raises:
        StoreError: there is no store at `store_dir`, or it cannot be opened.
    """
    if not store_dir.exists():
        raise StoreError(f"no built graph at {store_dir}: run `nutrikg build` first")
    try:
        store = ox.Store.read_only(str(store_dir))
    except OSError as err:
        raise StoreError(f"cannot open the store at {store_dir}: {err}") from err
    rdf = StoreGraph(store)
    for prefix, namespace in new_graph().namespaces():
        rdf.bind(prefix, namespace, override=True)
    return rdf


class StoreGraph(Graph):
    """An rdflib graph over one graph of an Oxigraph store (oxrdflib) whose scans of the whole graph
    for distinct subjects, predicates or objects run in the store. Through rdflib they turn every
    triple into rdflib terms: 49 s for a million triples (the pattern query's first use).

    It keeps the pyoxigraph store it reads, so fast paths reach the store without oxrdflib's
    private attributes."""

    def __init__(self, store: ox.Store) -> None:
        super().__init__(
            OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none"
        )
        self.oxigraph = store

    def subjects(
        self,
        predicate: PropertyPath | Node | None = None,
        object: Node | list[Node] | None = None,
        unique: bool = False,
    ) -> Generator[Node, None, None]:
        if predicate is None and object is None and unique:
            return self._distinct("SELECT DISTINCT ?t WHERE { ?t ?p ?o }")
        return super().subjects(predicate, object, unique)

    def predicates(
        self,
        subject: Node | None = None,
        object: Node | None = None,
        unique: bool = False,
    ) -> Generator[Node, None, None]:
        if subject is None and object is None and unique:
            return self._distinct("SELECT DISTINCT ?t WHERE { ?s ?t ?o }")
        return super().predicates(subject, object, unique)

    def objects(
        self,
        subject: Node | list[Node] | None = None,
        predicate: PropertyPath | Node | None = None,
        unique: bool = False,
    ) -> Generator[Node, None, None]:
        if subject is None and predicate is None and unique:
            return self._distinct("SELECT DISTINCT ?t WHERE { ?s ?p ?t }")
        return super().objects(subject, predicate, unique)

    def _distinct(self, query: str) -> Generator[Node, None, None]:
        found = oxigraph_of(self)
        if found is None:
            raise StoreError("a StoreGraph without an Oxigraph store")
        store, name = found
        answer = store.query(query, default_graph=name)
        if isinstance(answer, ox.QuerySolutions):
            for solution in answer:
                term = solution[0]
                if term is not None:
                    yield _rdflib_term(term)


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term oxrdflib gives for a pyoxigraph one (a literal keeps its datatype)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"a quoted triple is no rdflib term: {term}")


def oxigraph_of(rdf: Graph) -> tuple[ox.Store, ox.DefaultGraph] | None:
    """The pyoxigraph store that keeps `rdf` (a StoreGraph: the default graph) and the name of `rdf`
    in it; None for any other graph, which callers then read through rdflib."""
    if not isinstance(rdf, StoreGraph):
        return None
    return rdf.oxigraph, ox.DefaultGraph()


def scan(rdf: Graph, predicate: URIRef, obj: URIRef | None = None) -> Iterator[tuple[str, str, bool]]:
    """(subject, object, whether the object is an IRI) of every triple with `predicate` (and `obj`)."""
    found = oxigraph_of(rdf)
    if found is None:
        for s, _, o in rdf.triples((None, predicate, obj)):
            yield str(s), str(o), isinstance(o, URIRef)
        return
    store, name = found
    pattern_object = None if obj is None else ox.NamedNode(str(obj))
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), pattern_object, name):
        yield _value(quad.subject), _value(quad.object), isinstance(quad.object, ox.NamedNode)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """What str() gives of the rdflib term: an IRI, a blank node's label, a literal's lexical form."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def pairs(rdf: Graph, predicate: URIRef) -> list[Pair]:
    """(subject, object) of every triple with `predicate`, as strings."""
    return [(s, o) for s, o, _ in scan(rdf, predicate)]


def subjects(rdf: Graph, predicate: URIRef, obj: URIRef) -> list[str]:
    """Subjects of every `(?, predicate, obj)` triple: `subjects(rdf, RDF.type, NM.Document)`."""
    return [s for s, _, _ in scan(rdf, predicate, obj)]


def select(rdf: Graph, query: str) -> list[Cells]:
    """The rows of a SELECT over `rdf` alone, each cell a term's string (None when unbound).

    For a store-backed graph pyoxigraph runs it; any other graph is queried through rdflib.
    """
    found = oxigraph_of(rdf)
    if found is None:
        rows = cast(Iterable[tuple[Node | None, ...]], rdf.query(query))  # a SELECT gives tuples
        return [tuple(None if cell is None else str(cell) for cell in row) for row in rows]
    store, name = found
    answer = store.query(query, default_graph=name)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("expected a SELECT query")
    triple = ox.Triple  # a quoted triple has no `.value`; any other term's is its string
    return [
        tuple(
            [None if cell is None else str(cell) if isinstance(cell, triple) else cell.value for cell in row]
        )
        for row in answer
    ]


def triple_count(rdf: Graph) -> int:
    """How many triples `rdf` holds. A store counts in Rust (`len()` through oxrdflib counts
    distinct triples of every graph, seconds at a million triples); rdflib knows its size."""
    if oxigraph_of(rdf) is None:
        return len(rdf)
    rows = select(rdf, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(rows[0][0] or 0)


def ntriples_order(iri: str) -> str:
    """The sort key that puts subjects in the order of the sorted N-Triples file (`<a_b>` after
    `<a_b2>`), the order a graph read from that file always had."""
    return f"<{iri}>"


JOINED_AT_ONCE = 4  # columns one query joins: a store's hash join keeps, for every row of every
# column, a slot per variable of the query, so its memory grows with the square of the columns
# (a claim's thirteen at once: +430 MB at a million triples; four at a time: +140 MB, 10% slower).


def columns(rdf: Graph, cls: URIRef, props: Sequence[URIRef]) -> dict[str, Cells]:
    """Every node of class `cls`, with the first value of each of `props` (None when it has none).

    A store joins the columns in Rust, a few at a time: one scan per property, hash-joined, so a
    node's IRI is decoded once per few properties rather than once per property. Any other graph
    is read a property at a time and joined here.
    """
    if oxigraph_of(rdf) is None:
        return _joined_scans(rdf, cls, props)
    found: dict[str, list[str | None]] = {}
    for first in range(0, len(props), JOINED_AT_ONCE):
        group = props[first : first + JOINED_AT_ONCE]
        variables = " ".join(f"?v{number}" for number in range(len(group)))
        optional = " ".join(
            f"OPTIONAL {{ SELECT ?node ?v{number} WHERE {{ ?node <{prop}> ?v{number} }} }}"
            for number, prop in enumerate(group)
        )  # a subquery per property makes the store join whole columns, not look up each node
        query = f"SELECT ?node {variables} WHERE {{ ?node a <{cls}> . {optional} }}"
        for node, *values in select(rdf, query):
            cells = found.setdefault(node or "", [None] * len(props))
            for number, value in enumerate(values, start=first):
                if cells[number] is None:
                    cells[number] = value
    return {node: tuple(cells) for node, cells in found.items()}


def _joined_scans(rdf: Graph, cls: URIRef, props: Sequence[URIRef]) -> dict[str, Cells]:
    nodes = list(dict.fromkeys(subjects(rdf, RDF.type, cls)))
    position = {node: number for number, node in enumerate(nodes)}
    table: list[list[str | None]] = [[None] * len(props) for _ in nodes]
    for column, prop in enumerate(props):
        for subject, value, _ in scan(rdf, prop):
            at = position.get(subject)
            if at is not None and table[at][column] is None:
                table[at][column] = value
    return {node: tuple(cells) for node, cells in zip(nodes, table, strict=True)}


_CLAIM_COLUMNS = (
    NM.subject, NM.predicate, NM.object, NM.sign, NM.hedged, NM.negated, NM.confidence,
    PROV.wasDerivedFrom, NM.sentence, NM.startOffset, NM.endOffset, NM.rule, NM.readers, NM.dissent,
)  # fmt: skip


def read_claims(rdf: Graph) -> tuple[Claim, ...]:
    """Every nm:Claim node read back into the record extraction made (graph.model.Claim), in
    N-Triples order of the claims; its IRI is `claim_iri(claim)` again, since both come from its
    content. A missing field reads as empty (False, 0, not causal); a field given twice keeps one
    value. Qualifiers are not read here (graph.read.claim_reader reads them when the JSON API first
    needs them)."""
    shared: dict[str, str] = {}  # one string object per distinct IRI or value: the indexes made
    # from these rows (network, claim index) then share them rather than hold a copy per claim

    def one(value: str | None) -> str:
        return "" if value is None else shared.setdefault(value, value)

    claims = []
    for cells in columns(rdf, NM.Claim, _CLAIM_COLUMNS).values():
        subject, predicate, obj, sign, hedged, negated, confidence, doc, sentence, start, end, rule, *more = (
            cells
        )
        readers, dissent = more
        evidence = Evidence(
            doc_id=one(_local(doc, NM_DOC)),
            sentence=sentence or "",
            span=Span(int(start or 0), int(end or 0)),
            rule=one(rule),
            confidence=float(confidence or 0),
        )
        claims.append(
            Claim(
                subject=one(subject),
                predicate=one(_local(predicate, NM_BASE)),
                object=one(obj),
                sign=_sign(sign),
                hedged=(hedged or "").lower() in TRUE,
                negated=(negated or "").lower() in TRUE,
                evidence=evidence,
                readers=tuple((readers or "rules").split()),
                dissent=dissent,
            )
        )
    return tuple(sorted(claims, key=lambda claim: ntriples_order(claim_iri(claim))))


def _local(iri: str | None, namespace: str) -> str:
    return (iri or "").removeprefix(str(namespace))


def _sign(iri: str | None) -> Sign:
    try:
        return Sign(_local(iri, NM_BASE))
    except ValueError:
        return Sign.NOT_CAUSAL


class GraphTables:
    """The columns several indexes of one graph read, each read once while they are made.

    Made for one build and then dropped: it holds whole columns of the graph.
    """

    def __init__(self, rdf: Graph) -> None:
        self.rdf = rdf

    def reuse(self, claims: tuple[Claim, ...], source_kinds: dict[str, str]) -> None:
        """Take the claims and source kinds as read already (by a graph over the same RDF), so
        they are not read again."""
        # Where cached_property keeps what it made: the properties below then read these.
        self.__dict__["claims"], self.__dict__["source_kinds"] = claims, source_kinds

    @cached_property
    def types(self) -> dict[str, list[str]]:
        """rdf:type values by subject, claims and statements left out (a store skips them without
        decoding)."""
        found: dict[str, list[str]] = defaultdict(list)
        skipped = f"<{NM.Claim}>, <{NM.Statement}>"
        query = f"SELECT ?s ?class WHERE {{ ?s a ?class FILTER(?class NOT IN ({skipped})) }}"
        for subject, cls in select(self.rdf, query):
            if subject is not None and cls is not None:
                found[subject].append(cls)
        return found

    @cached_property
    def pref_labels(self) -> list[Pair]:
        """(subject, skos:prefLabel) pairs, in N-Triples order of the subjects."""
        return sorted(pairs(self.rdf, SKOS.prefLabel), key=lambda pair: ntriples_order(pair[0]))

    @cached_property
    def labels(self) -> dict[str, str]:
        """One skos:prefLabel per subject."""
        found: dict[str, str] = {}
        for subject, label in self.pref_labels:
            found.setdefault(subject, label)
        return found

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        return read_claims(self.rdf)

    @cached_property
    def source_kinds(self) -> dict[str, str]:
        """Each document's nm:sourceKind, by document id."""
        found = columns(self.rdf, NM.Document, (NM.sourceKind,))
        return {_local(doc, NM_DOC): kind or "unknown" for doc, (kind,) in found.items()}

    def category(self, iri: str) -> str:
        """The local name of the node's nm: class ("Vitamer", "Protein", ...), else "Entity"."""
        for cls in sorted(self.types.get(iri, ())):
            if cls.startswith(NM_BASE):
                return cls[len(NM_BASE) :]
        return "Entity"
