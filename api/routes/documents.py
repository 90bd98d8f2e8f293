"""Source documents: the list, and one document's text with its mentions and claims located."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Query

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.models import DocumentDetail, Page, PageDep, page_fields
from nutrikg.graph.read.documents import document_view
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.records import DocumentSummary

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])
EXAMPLE_ID = "003_6c23ff93150f8915"  # a document of the shipped corpus


@router.get("", summary="Source documents and their claim counts")
def list_documents(kg: KGDep, window: PageDep) -> Page[DocumentSummary]:
    """Every document the graph was built from, by id."""
    documents = [record.summary() for record in claim_index(kg).documents.values()]
    return Page[DocumentSummary].model_validate(page_fields(documents, window))


@router.get("/{doc_id}", summary="One document with its mentions and claims located")
def get_document(
    kg: KGDep,
    settings: SettingsDep,
    doc_id: Annotated[
        str, Path(description="A document id, as listed by GET /api/v1/documents.", examples=[EXAMPLE_ID])
    ],
    text_offset: Annotated[int, Query(ge=0, description="Where in the text to start.")] = 0,
    text_limit: Annotated[int | None, Query(ge=1, description="Most characters to answer.")] = None,
) -> DocumentDetail:
    """The document's text as the graph was built from it, the entity mentions found in it and
    its claims, each with `[start, end)` character offsets into the document, for highlighting.
    Read from the documents stored with the build: nothing is extracted again. A long text is
    answered `max_document_text_chars` at a time (from `text_offset`), with the mentions and
    claims within that stretch, so one answer's size is bounded whatever the document.

    Raises UnknownEntity (404) for an unknown id, StoreError (503) when the graph has no stored
    documents (built by an older version: build again).
    """
    view = document_view(kg, doc_id)
    start = min(text_offset, len(view.text))
    end = min(
        len(view.text),
        start + min(text_limit or settings.max_document_text_chars, settings.max_document_text_chars),
    )
    return DocumentDetail(
        **asdict(view.record.summary()),
        text=view.text[start:end],
        text_offset=start,
        text_length=len(view.text),
        text_matches_build=view.text_matches_build,
        mentions=[m for m in view.mentions if start <= m.start and m.end <= end],
        claims=[c for c in view.claims if start <= c.evidence.start and c.evidence.end <= end],
    )
