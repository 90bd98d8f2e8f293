"""What the explorer shows about entities, relations and documents, read from the knowledge graph.

Everything here is plain JSON-ready data (dicts of str/int/bool/lists): the drawing, the side
panels and the standalone export all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.network import EvidenceRef
from nutrikg.graph.read.queries import claim_index

Json = dict[str, Any]


@dataclass(frozen=True)
class DocumentInfo:
    """A source document as filters and panels name it."""

    id: str
    title: str
    source_kind: str
    publisher: str

    def as_json(self) -> Json:
        return {
            "id": self.id,
            "title": self.title,
            "source_kind": self.source_kind,
            "publisher": self.publisher,
        }


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """A stable, readable id for one relation edge: `nm:vitamin_k2 activates nm:osteocalcin`."""
    return f"{to_curie(subject)} {predicate} {to_curie(obj)}"


def documents(kg: KnowledgeGraph) -> dict[str, DocumentInfo]:
    """Every document of the graph by id (file stem), sorted by id; read from the claim index,
    which holds them already (one store lookup per document costs seconds at a million triples)."""
    return {
        doc_id: DocumentInfo(id=doc_id, title=doc.title, source_kind=doc.source_kind, publisher=doc.publisher)
        for doc_id, doc in claim_index(kg).documents.items()
    }


def edge_facets(evidence: list[EvidenceRef]) -> Json:
    """What the filters need of an edge: per claim its document, source kind and hedging."""
    return {
        "hedged": all(ev.hedged for ev in evidence),
        "evidence_count": len(evidence),
        "sources": sorted({ev.document for ev in evidence}),
        "claims": [{"doc": ev.document, "kind": ev.source_kind, "hedged": ev.hedged} for ev in evidence],
    }
