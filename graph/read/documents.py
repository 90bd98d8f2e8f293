"""One source document as the API and the explorer show it: its text as the graph was built
from it, the entity mentions found in it and its claims, all located by offsets into the text.
Read from the documents stored beside the store (graph.stores.texts), never extracted again."""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.errors import StoreError, UnknownEntity
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import term_ref
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.records import ClaimRecord, DocumentRecord, TermRef
from nutrikg.graph.stores.texts import StoredDocument


@dataclass(frozen=True)
class MentionRecord:
    """A stretch of the text naming an entity; `resolved_from` is the anaphor it replaced."""

    entity: TermRef
    start: int
    end: int
    text: str
    resolved_from: str | None


@dataclass(frozen=True)
class DocumentView:
    """What is known of one document: its record, its text, mentions and claims."""

    record: DocumentRecord
    text: str
    text_matches_build: bool  # the stored text is the one the graph's claims were read from
    mentions: list[MentionRecord]
    claims: list[ClaimRecord]


def document_view(kg: KnowledgeGraph, doc_id: str) -> DocumentView:
    """Raises UnknownEntity for an id the graph does not hold, StoreError when the graph was
    opened without its stored documents (built before they were kept, or read from a file)."""
    record = claim_index(kg).documents.get(doc_id)
    if record is None:
        raise UnknownEntity(f"no document has the id {doc_id!r}")
    stored = _stored(kg, doc_id)
    mentions = [
        MentionRecord(term_ref(kg, m.entity), m.start, m.end, m.text, m.resolved_from)
        for m in stored.mentions
    ]
    claims = claim_index(kg).where(document=doc_id)
    return DocumentView(record, stored.text, stored.sha256 == record.sha256, mentions, claims)


def document_text(kg: KnowledgeGraph, doc_id: str) -> str | None:
    """The document's stored text, or None when it is not stored."""
    stored = kg.texts.get(doc_id) if kg.texts is not None else None
    return None if stored is None else stored.text


def _stored(kg: KnowledgeGraph, doc_id: str) -> StoredDocument:
    if kg.texts is None:
        raise StoreError("this graph has no stored documents: build it again with `nutrikg build`")
    stored = kg.texts.get(doc_id)
    if stored is None:
        raise StoreError(f"document {doc_id!r} is not among the stored documents: build again")
    return stored
