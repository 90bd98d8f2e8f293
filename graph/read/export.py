"""Serialise the graph: Turtle, N-Triples (sorted, byte-stable), JSON-LD, GraphML, and flat claim
tables (JSON Lines, CSV) with one row per claim. Files are written atomically.

A graph kept in an Oxigraph store is written by pyoxigraph (N-Triples and Turtle), in Rust, straight
from the store; a graph in memory is written by rdflib.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from nutrikg.graph.errors import InvalidQuery
from nutrikg.graph.model import Claim
from nutrikg.graph.namespaces import claim_iri
from nutrikg.graph.read.belief import BeliefInputs, score_statements, statement_key
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.kgx import kgx_archive
from nutrikg.graph.read.network import NetworkView
from nutrikg.graph.read.tables import GraphTables, oxigraph_of
from nutrikg.graph.reviews import Review, Verdict, reviewed

FORMATS = {
    "turtle": ("text/turtle", "ttl"),
    "ntriples": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "claims-jsonl": ("application/x-ndjson", "jsonl"),
    "claims-csv": ("text/csv", "csv"),
    # KGX TSV (Biolink nodes and edges) in one archive: read/kgx.py
    "kgx": ("application/gzip", "kgx.tar.gz"),
}
CLAIM_COLUMNS = (
    "claim",
    "document",
    "source_kind",
    "subject",
    "subject_label",
    "predicate",
    "object",
    "object_label",
    "sign",
    "hedged",
    "negated",
    "confidence",
    "belief",
    "rule",
    "sentence",
    "start",
    "end",
    "review",
    "review_comment",
    "original",
)


def media_type(fmt: str) -> str:
    """The media type of an export format; raises InvalidQuery for an unknown format."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt][0]


def sorted_ntriples(rdf_graph: Graph) -> bytes:
    """N-Triples with lines sorted, so the same graph always gives the same bytes, read from a store
    or from memory (see `_as_rdflib_writes`)."""
    found = oxigraph_of(rdf_graph)
    if found is None:
        lines = sorted(set(rdf_graph.serialize(format="nt", encoding="utf-8").split(b"\n")))
    else:  # a store holds each triple once; sorted in place, the lines are never held twice
        lines = _dump(*found, ox.RdfFormat.N_TRIPLES).split(b"\n")
        for at, line in enumerate(lines):
            if line.endswith(_DECIMAL_END) or b"\\" in line:
                lines[at] = _as_rdflib_writes(line)
        lines.sort()
    return b"\n".join(line for line in lines if line) + b"\n"


# Where Oxigraph's N-Triples differ from rdflib's, which wrote the saved graph (graph.persist):
# Oxigraph keeps a decimal as a number and writes 200.0 back as "200", and it escapes a tab, a
# form feed, a backspace and other control characters, which rdflib writes as they are. Other
# differences (language tag case, non-canonical numbers) do not arise in a built graph.
_DECIMAL_END = b'"^^<http://www.w3.org/2001/XMLSchema#decimal> .'
_ESCAPE = re.compile(rb"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbf])|(.))")
_RAW = {b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_KEPT_ESCAPED = frozenset('\n\r"\\')  # rdflib escapes these too


def _as_rdflib_writes(line: bytes) -> bytes:
    """One line of Oxigraph's N-Triples (ending with a decimal, or holding an escape) as rdflib
    writes the same triple."""
    if line.endswith(_DECIMAL_END):
        end = len(line) - len(_DECIMAL_END)
        lexical = line[line.rfind(b' "', 0, end) + 2 : end]  # a decimal holds no space or quote
        if lexical.removeprefix(b"-").isdigit():
            return line[:end] + b".0" + line[end:]
    return _ESCAPE.sub(_unescape, line) if b"\\" in line else line


def _unescape(match: re.Match[bytes]) -> bytes:
    short, long, letter, _ = match.groups()
    if letter is not None:
        return _RAW[letter]
    if short is not None or long is not None:
        char = chr(int(short or long, 16))
        return match.group(0) if char in _KEPT_ESCAPED else char.encode("utf-8")
    return match.group(0)  # an escape rdflib writes as well (\\, \", \n, \r)


def serialize_kg(kg: KnowledgeGraph, fmt: str) -> bytes:
    """A loaded graph in `fmt` (see `serialize`); raises InvalidQuery for an unknown format."""
    if fmt == "kgx":  # made from the claim index, which only a loaded graph has
        return kgx_archive(kg)
    return serialize(kg.rdf, kg.view, fmt, kg.claims, kg.source_kinds, kg.beliefs)


def serialize(
    rdf_graph: Graph,
    view: NetworkView,
    fmt: str,
    claims: Sequence[Claim] | None = None,
    kinds: dict[str, str] | None = None,
    beliefs: BeliefInputs | None = None,
) -> bytes:
    """The whole graph in `fmt`; raises InvalidQuery for an unknown format.

    `claims` and `kinds` (each document's source kind) are the graph's when already read
    (KnowledgeGraph.claims, .source_kinds); the claim tables are made from them instead of
    reading the graph again, with `beliefs` (priors and reviews; the defaults and none when not
    given).
    """
    media_type(fmt)
    if fmt == "kgx":  # from the claim index, which the graph is opened for
        return kgx_archive(KnowledgeGraph.from_rdf(rdf_graph))
    if fmt == "ntriples":
        return sorted_ntriples(rdf_graph)
    if fmt == "turtle":
        return _turtle(rdf_graph)
    if fmt == "jsonld":
        return _stable_jsonld(rdf_graph)
    if fmt == "graphml":
        return _graphml(view)
    rows = list(claim_rows(rdf_graph, view, claims, kinds, beliefs))
    if fmt == "claims-jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode()
    return _csv(rows)


def _turtle(rdf_graph: Graph) -> bytes:
    """Turtle with the graph's prefixes. A store writes it in its own (stable) order, in Rust:
    rdflib's writer takes minutes over a million triples read through oxrdflib."""
    found = oxigraph_of(rdf_graph)
    if found is None:
        return rdf_graph.serialize(format="turtle", encoding="utf-8")
    prefixes = {prefix: str(namespace) for prefix, namespace in rdf_graph.namespaces()}
    return _dump(*found, ox.RdfFormat.TURTLE, prefixes)


def _dump(
    store: ox.Store,
    name: ox.DefaultGraph | ox.NamedNode | ox.BlankNode,
    fmt: ox.RdfFormat,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """One graph of a store, serialised by pyoxigraph. Written to a BytesIO, whose buffer becomes
    the bytes: dump's own bytes are a copy of a buffer grown by doubling (+250 MB at 1M triples)."""
    buffer = io.BytesIO()
    store.dump(buffer, format=fmt, from_graph=name, prefixes=prefixes)
    return buffer.getvalue()


def _stable_jsonld(rdf_graph: Graph) -> bytes:
    """JSON-LD with nodes and values in a fixed order: rdflib's output order varies by process."""
    document = json.loads(rdf_graph.serialize(format="json-ld", auto_compact=True))
    nodes = document.get("@graph", [document]) if isinstance(document, dict) else document
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    if isinstance(document, dict) and "@graph" in document:
        document["@graph"] = nodes
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1)
    return text.encode("utf-8")


def claim_rows(
    rdf_graph: Graph,
    view: NetworkView,
    claims: Sequence[Claim] | None = None,
    kinds: dict[str, str] | None = None,
    beliefs: BeliefInputs | None = None,
) -> Iterator[dict[str, object]]:
    """One flat row per claim, sorted by document and offset, as its review leaves it
    (graph.reviews: a corrected claim's subject, predicate, object and sign are the correction's,
    `original` what extraction read; a rejected one's belief is 0); `belief` is of what the
    claim says (graph/read/belief.py, with `beliefs`: the default priors and no reviews when not
    given)."""
    if claims is None or kinds is None:
        tables = GraphTables(rdf_graph)
        claims, kinds = tables.claims if claims is None else claims, tables.source_kinds
    inputs = beliefs or BeliefInputs()
    scores = score_statements(claims, kinds, inputs.priors, inputs.reviews)
    rows: list[dict[str, object]] = []
    for claim in sorted(claims, key=lambda c: (c.evidence.doc_id, c.evidence.span.start, claim_iri(c))):
        review = inputs.reviews.of(claim)
        served = reviewed(claim, review)
        said = served or claim
        found = None if served is None else scores.get(statement_key(served))
        ev = claim.evidence
        rows.append(
            {
                "claim": claim_iri(claim),
                "document": ev.doc_id,
                "source_kind": kinds.get(ev.doc_id, "unknown"),
                "subject": said.subject,
                "subject_label": view.label(said.subject),
                "predicate": said.predicate,
                "object": said.object,
                "object_label": view.label(said.object),
                "sign": said.sign.value,
                "hedged": claim.hedged,
                "negated": claim.negated,
                "confidence": ev.confidence,
                "belief": 0.0 if found is None else round(found.of_claim(claim.negated), 4),
                "rule": ev.rule,
                "sentence": ev.sentence,
                "start": ev.span.start,
                "end": ev.span.end,
                **_review_columns(claim, review),
            }
        )
    yield from rows


def _review_columns(claim: Claim, review: Review | None) -> dict[str, object]:
    """The review in force (verdict and comment), and with a correction what extraction read."""
    if review is None:
        return {"review": "", "review_comment": "", "original": ""}
    original = ""
    if review.verdict is Verdict.CORRECT:
        original = f"{claim.subject} {claim.predicate} {claim.object} {claim.sign.value}"
    return {"review": review.verdict.value, "review_comment": review.comment, "original": original}


def _csv(rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _graphml(view: NetworkView) -> bytes:
    """GraphML of the entity network; evidence is summarised as counts and the first sentence."""
    flat = nx.MultiDiGraph()
    for node, data in sorted(view.net.nodes(data=True)):
        flat.add_node(node, label=data.get("label", ""), category=data.get("category", ""))
    for u, v, key, data in sorted(view.net.edges(keys=True, data=True), key=lambda e: e[:3]):
        evidence = data["evidence"]
        flat.add_edge(
            u,
            v,
            key=key,
            predicate=key,
            sign=data["sign"].value,
            evidence_count=len(evidence),
            sentence=evidence[0].sentence if evidence else "",  # a state's link is defined, not said
        )
    return "\n".join(nx.generate_graphml(flat)).encode("utf-8") + b"\n"


MANIFEST = "manifest.json"  # in the exports folder: each format's file and the SHA-256 of its bytes


@dataclass(frozen=True)
class Precomputed:
    """An export written with the build: its file and the SHA-256 of its bytes."""

    path: Path
    sha256: str


def precomputed(exports_dir: Path, fmt: str, beliefs: str | None = None) -> Precomputed | None:
    """The export of `fmt` written with the last build, or None when that build wrote none (a
    remote store, or a data folder from before exports were written with the build) or, given
    `beliefs` (BeliefInputs.digest), when it was written with other priors or reviews. The
    manifest is replaced whole (one rename) and names files by their content, which are never
    rewritten: it and the files it names always agree."""
    try:
        manifest = json.loads((exports_dir / MANIFEST).read_text(encoding="utf-8"))
        entry = manifest[fmt]
        if beliefs is not None and entry.get("beliefs") != beliefs:
            return None
        return Precomputed(exports_dir / entry["file"], entry["sha256"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
