"""Serialise the graph: Turtle, N-Triples (sorted, byte-stable), JSON-LD, GraphML, and flat claim
tables (JSON Lines, CSV) with one row per claim. Files are written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from rdflib import PROV, RDF, Graph, URIRef
from rdflib.term import Node

from graph.errors import InvalidQuery
from graph.network import NetworkView
from ontology.terms import NM

FORMATS = {
    "turtle": ("text/turtle", "ttl"),
    "ntriples": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "claims-jsonl": ("application/x-ndjson", "jsonl"),
    "claims-csv": ("text/csv", "csv"),
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
    "rule",
    "sentence",
    "start",
    "end",
)


def media_type(fmt: str) -> str:
    """The media type of an export format; raises InvalidQuery for an unknown format."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt][0]


def sorted_ntriples(rdf_graph: Graph) -> bytes:
    """N-Triples with lines sorted, so the same graph always gives the same bytes."""
    text = rdf_graph.serialize(format="nt", encoding="utf-8")
    lines = sorted({line for line in text.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize(rdf_graph: Graph, view: NetworkView, fmt: str) -> bytes:
    """The whole graph in `fmt`; raises InvalidQuery for an unknown format."""
    media_type(fmt)
    if fmt == "ntriples":
        return sorted_ntriples(rdf_graph)
    if fmt == "turtle":
        return rdf_graph.serialize(format="turtle", encoding="utf-8")
    if fmt == "jsonld":
        return _stable_jsonld(rdf_graph)
    if fmt == "graphml":
        return _graphml(view)
    rows = list(claim_rows(rdf_graph, view))
    if fmt == "claims-jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode()
    return _csv(rows)


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


def claim_rows(rdf_graph: Graph, view: NetworkView) -> Iterator[dict[str, object]]:
    """One flat row per claim, sorted by document and offset."""
    rows = []
    for claim in rdf_graph.subjects(RDF.type, NM.Claim):
        value = rdf_graph.value
        subject, obj = str(value(claim, NM.subject)), str(value(claim, NM.object))
        rows.append(
            {
                "claim": str(claim),
                "document": str(value(claim, PROV.wasDerivedFrom)).rsplit("/", 1)[-1],
                "source_kind": str(value(claim, NM.sourceKind)),
                "subject": subject,
                "subject_label": view.label(subject),
                "predicate": str(value(claim, NM.predicate)).rsplit("/", 1)[-1],
                "object": obj,
                "object_label": view.label(obj),
                "sign": str(value(claim, NM.sign)).rsplit("/", 1)[-1],
                "hedged": _bool(rdf_graph, claim, NM.hedged),
                "negated": _bool(rdf_graph, claim, NM.negated),
                "confidence": float(str(value(claim, NM.confidence))),
                "rule": str(value(claim, NM.rule)),
                "sentence": str(value(claim, NM.sentence)),
                "start": int(str(value(claim, NM.startOffset))),
                "end": int(str(value(claim, NM.endOffset))),
            }
        )
    rows.sort(key=lambda r: (r["document"], r["start"], r["claim"]))
    yield from rows


def _bool(rdf_graph: Graph, node: Node, prop: URIRef) -> bool:
    return str(rdf_graph.value(node, prop)).lower() == "true"


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
            sentence=evidence[0].sentence,
        )
    return "\n".join(nx.generate_graphml(flat)).encode("utf-8") + b"\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a new file honours the umask
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
