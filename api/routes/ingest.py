"""Writes: add or replace a document over HTTP. Off unless a bearer token is configured.

The document is extracted on its own and merged into the saved graph (graph.incremental), the store
is swapped, and the service then answers from the new graph, opened again from the new store;
readers never see half a write.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, model_validator

from nutrikg.api.auth import write_refusal
from nutrikg.api.deps import SettingsDep, get_kg
from nutrikg.api.openapi import error_responses
from nutrikg.graph.errors import DocumentTooLarge, InvalidQuery
from nutrikg.graph.model import SourceKind
from nutrikg.graph.read.per_graph import triple_total

router = APIRouter(prefix="/api/v1", tags=["documents"])
EXAMPLE = {
    "name": "k2-note.txt",
    "text": "Vitamin K2 activates matrix Gla protein, which keeps calcium out of arteries.",
    "title": "A note on vitamin K2",
    "publisher_kind": "blog",
}
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,100}\.(?:txt|md|html?|pdf|xml)")
_WRITE_LOCK = threading.Lock()  # one write at a time; reads go on against the old graph


class NewDocument(BaseModel):
    """A document to add (or replace, when a document of that name exists)."""

    name: str = Field(
        description="File name ending .txt, .md, .html, .pdf or .xml (JATS or PubMed); its stem is "
        "the document id, its suffix says how the content is read."
    )
    text: str | None = Field(
        default=None, min_length=1, description="The document's text, HTML or XML (or: content_base64)."
    )
    content_base64: str | None = Field(
        default=None, min_length=1, description="The file's bytes in base64, as a PDF is sent (or: text)."
    )
    title: str | None = None
    publisher: str | None = None
    publisher_kind: SourceKind | None = Field(
        default=None, description="Who published it; default: what the file says (a PubMed record: abstract)."
    )
    promotes_products: bool = False
    product_names: list[str] = Field(default_factory=list)
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None

    @model_validator(mode="after")
    def _one_content(self) -> NewDocument:
        if (self.text is None) == (self.content_base64 is None):
            raise ValueError("give the document as `text` or as `content_base64`, one of the two")
        return self


class AddedDocument(BaseModel):
    id: str
    added: bool
    replaced: bool
    claims: int
    triples: int


@router.post(
    "/documents",
    summary="Add or replace a document (needs the write token)",
    response_model=AddedDocument,
    responses=error_responses(401, 403, 413, 504),
)
def add_document(
    document: Annotated[
        NewDocument, Body(openapi_examples={"note": {"summary": "a short note", "value": EXAMPLE}})
    ],
    request: Request,
    settings: SettingsDep,
    authorization: Annotated[
        str | None, Header(description="`Bearer <token>`: the service's write token (NUTRIKG_WRITE_TOKEN).")
    ] = None,
) -> AddedDocument | JSONResponse:
    """Raises InvalidQuery (400) for an unsafe name or content that is not base64;
    DocumentTooLarge (413) past `max_document_bytes`; CorpusError (422) for content that is no
    readable document of its format; ExtractionTimeout (504) when reading it takes longer than
    `extraction_timeout_s`."""
    refusal = write_refusal(settings, authorization)
    if refusal is not None:
        return refusal
    if not _SAFE_NAME.fullmatch(document.name):  # fullmatch: '$' would let a final newline in
        suffixes = ".txt, .md, .html, .pdf or .xml"
        raise InvalidQuery(f"name {document.name!r} must be a plain file name ending {suffixes}")
    raw = _content(document, settings.max_document_bytes)
    with _WRITE_LOCK:
        from nutrikg.graph.assemble.incremental import add_sent_document  # the extraction stack: on use

        # Read within a time limit, in a process killed past it: 504 and nothing written.
        within = settings.extraction_timeout_s
        result = add_sent_document(document.name, raw, _meta(document), settings, within_s=within)
        # The store was rebuilt beside the old one and swapped in; a read-only handle sees the
        # store as it was when opened, so the graph and the query workers are opened again now,
        # before the answer (which counts the new claims).
        request.app.state.follower.reopen()
    doc_id = Path(document.name).stem
    kg = get_kg(request)
    claims = kg.derived_from(doc_id)
    return AddedDocument(
        id=doc_id,
        added=doc_id in result.added,
        replaced=doc_id in result.replaced,
        claims=claims,
        triples=triple_total(kg),
    )


def _content(document: NewDocument, limit: int) -> bytes:
    """The document's bytes; raises DocumentTooLarge past `limit` (a base64 text that long is
    not decoded), InvalidQuery for content that is not base64."""
    if document.text is not None:
        raw = document.text.encode("utf-8")
    else:
        encoded = "".join((document.content_base64 or "").split())
        if len(encoded) // 4 * 3 > limit + 2:
            raise DocumentTooLarge(
                f"the document is about {len(encoded) // 4 * 3} bytes; at most {limit} are read"
            )
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as err:
            raise InvalidQuery(f"content_base64 is not base64 ({err})") from err
    if len(raw) > limit:
        raise DocumentTooLarge(f"the document is {len(raw)} bytes; at most {limit} are read")
    return raw


def _meta(document: NewDocument) -> dict[str, object]:
    """The sidecar metadata the request gives (graph.extract.corpus reads it as a .meta.json)."""
    meta = {
        "title": document.title,
        "publisher": document.publisher,
        "publisher_kind": document.publisher_kind.value if document.publisher_kind else None,
        "promotes_products": document.promotes_products,
        "product_names": document.product_names,
        "journal": document.journal,
        "year": document.year,
        "pmid": document.pmid,
        "doi": document.doi,
    }
    return {k: v for k, v in meta.items() if v is not None}
