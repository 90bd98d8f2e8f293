"""KGX TSV: the Biolink form of the graph (read/biolink.py) as `nutrikg_nodes.tsv` and
`nutrikg_edges.tsv` in one gzipped tar archive, the layout `kgx transform -i tsv -c tar.gz` reads.

The archive's bytes depend on the graph alone (fixed member times, no gzip timestamp), so the
export's ETag is stable across rebuilds of the same corpus.
"""

from __future__ import annotations

import gzip
import io
import tarfile

from nutrikg.graph.read.biolink import INFORES, BiolinkEdge, BiolinkGraph, BiolinkNode, biolink_graph
from nutrikg.graph.read.kg import KnowledgeGraph

NODE_COLUMNS = ("id", "category", "name", "xref", "iri", "provided_by", "publication_type")
QUALIFIER_COLUMNS = (
    "qualified_predicate",
    "object_aspect_qualifier",
    "object_direction_qualifier",
    "anatomical_context_qualifier",
)
EDGE_COLUMNS = (
    "id", "subject", "predicate", "object", *QUALIFIER_COLUMNS, "original_predicate", "negated",
    "knowledge_level", "agent_type", "primary_knowledge_source", "publications", "supporting_text",
    "has_confidence_score", "hedged", "source_kind", "belief", "review",
)  # fmt: skip
LIST_SEPARATOR = "|"  # KGX TSV's separator of a multivalued field's values


def kgx_archive(kg: KnowledgeGraph) -> bytes:
    """The graph's KGX TSV archive (tar.gz)."""
    net = biolink_graph(kg)
    members = {"nutrikg_nodes.tsv": _table(NODE_COLUMNS, _node_rows(net)),
               "nutrikg_edges.tsv": _table(EDGE_COLUMNS, [_edge_row(e) for e in net.edges])}  # fmt: skip
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(body), 0o644, 0
            tar.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def _node_rows(net: BiolinkGraph) -> list[dict[str, str]]:
    """Every entity an edge names, then every document an edge cites (as a biolink:Publication)."""
    rows = [_node_row(node) for node in net.nodes.values()]
    for curie, doc in sorted(net.publications.items()):
        rows.append(
            {"id": curie, "category": "biolink:Publication", "name": _text(doc.title), "iri": doc.url or "",
             "provided_by": INFORES, "publication_type": f"{doc.source_kind} web document"}
        )  # fmt: skip
    return rows


def _node_row(node: BiolinkNode) -> dict[str, str]:
    return {
        "id": node.id,
        "category": f"biolink:{node.category}",
        "name": _text(node.name),
        "xref": LIST_SEPARATOR.join(node.xref),
        "iri": node.iri,
        "provided_by": INFORES,
    }


def _edge_row(edge: BiolinkEdge) -> dict[str, str]:
    return {
        "id": edge.id,
        "subject": edge.subject,
        "predicate": f"biolink:{edge.predicate}",
        "object": edge.object,
        **edge.qualifiers,
        "original_predicate": edge.original_predicate,
        "negated": _bool(edge.negated),
        "knowledge_level": edge.knowledge_level,
        "agent_type": "text_mining_agent",
        "primary_knowledge_source": INFORES,
        "publications": edge.publication,
        "supporting_text": _text(edge.supporting_text),
        "has_confidence_score": repr(edge.confidence),
        "hedged": _bool(edge.hedged),
        "source_kind": edge.source_kind,
        "belief": repr(edge.belief),
        "review": edge.review,
    }


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    """Tab-separated rows; a tab or a line break inside a value becomes a space (KGX TSV has no
    quoting), so a sentence stays on one line."""
    lines = ["\t".join(columns)]
    for row in rows:
        lines.append("\t".join(_cell(row.get(column, "")) for column in columns))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _cell(value: str) -> str:
    return " ".join(value.split())


def _text(value: str) -> str:
    """Free text as one value of a field KGX may split at the list separator."""
    return value.replace(LIST_SEPARATOR, " ")
