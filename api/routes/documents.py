"""Source documents: the list, and one document's text with its mentions and claims located."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from nutrikg.api.deps import KGDep
from nutrikg.api.models import DocumentDetail, DocumentSummary, Page, PageDep, page_fields
from nutrikg.graph.read.documents import document_view
from nutrikg.graph.read.queries import claim_index

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])


@router.get("", summary="Source documents and their claim counts")
def list_documents(kg: KGDep, window: PageDep) -> Page[DocumentSummary]:
    """Every document the graph was built from, by id."""
    documents = list(claim_index(kg).documents.values())
    return Page[DocumentSummary].model_validate(page_fields(documents, window))


@router.get("/{doc_id}", summary="One document with its mentions and claims located")
def get_document(kg: KGDep, doc_id: str) -> DocumentDetail:
    """The document's text as the graph was built from it, the entity mentions found in it and
    its claims, each with `[start, end)` character offsets into `text`, for highlighting. Read
    from the documents stored with the build: nothing is extracted again.

    Raises UnknownEntity (404) for an unknown id, StoreError (503) when the graph has no stored
    documents (built by an older version: build again).
    """
    view = document_view(kg, doc_id)
    return DocumentDetail.model_validate(
        {
            **DocumentSummary.model_validate(view.record).model_dump(),
            "text": view.text,
            "text_matches_build": view.text_matches_build,
            "mentions": [asdict(mention) for mention in view.mentions],
            "claims": view.claims,
        }
    )
