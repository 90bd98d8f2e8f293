"""Source documents: the list, and one document's text with its mentions and claims located."""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import APIRouter

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.models import DocumentDetail, DocumentSummary, Mention, Page, PageDep, TermRef, page_fields
from nutrikg.graph.errors import CorpusError, UnknownEntity
from nutrikg.graph.extract.corpus import load_document
from nutrikg.graph.extract.vocabulary import load_vocabulary
from nutrikg.graph.model import Extraction
from nutrikg.graph.model import Mention as MentionRecord
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import term_ref
from nutrikg.graph.read.queries import claim_index

if TYPE_CHECKING:
    from nutrikg.graph.extract.pipeline import DocumentReader

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])
# One reader per process, and one extraction at a time: the reader's matcher is not known to
# be thread-safe, and handlers run on a thread pool.
_READ_LOCK = threading.Lock()


@router.get("", summary="Source documents and their claim counts")
def list_documents(kg: KGDep, window: PageDep) -> Page[DocumentSummary]:
    """Every document the graph was built from, by id."""
    documents = list(claim_index(kg).documents.values())
    return Page[DocumentSummary].model_validate(page_fields(documents, window))


@router.get("/{doc_id}", summary="One document with its mentions and claims located")
def get_document(kg: KGDep, settings: SettingsDep, doc_id: str) -> DocumentDetail:
    """The document's text, the entity mentions found in it and its claims, each with
    `[start, end)` character offsets into `text`, for highlighting.

    Raises UnknownEntity (404) for an unknown id, CorpusError (422) when its file can no
    longer be read from the corpus folder.
    """
    record = claim_index(kg).documents.get(doc_id)
    if record is None:
        raise UnknownEntity(f"no document has the id {doc_id!r}")
    # The name comes from the graph, but keep only its last part so it stays in the corpus.
    extraction = _extraction(settings.corpus_dir / Path(record.path).name)
    text = extraction.document.text
    spans = sorted(extraction.mentions, key=lambda m: (m.span.start, m.span.end))
    mentions = [_mention(kg, mention) for mention in spans]
    claims = claim_index(kg).where(document=doc_id)
    return DocumentDetail.model_validate(
        {
            **DocumentSummary.model_validate(record).model_dump(),
            "text": text,
            "text_matches_build": extraction.document.sha256 == record.sha256,
            "mentions": mentions,
            "claims": claims,
        }
    )


def _mention(kg: KnowledgeGraph, mention: MentionRecord) -> Mention:
    return Mention(
        entity=TermRef.model_validate(term_ref(kg, mention.entity)),
        start=mention.span.start,
        end=mention.span.end,
        text=mention.text,
        resolved_from=mention.resolved_from,
    )


def _extraction(path: Path) -> Extraction:
    """The extraction of the file at `path`, re-read when the file changes.

    Raises CorpusError when the file is missing or unreadable.
    """
    try:
        stat = path.stat()
    except OSError as err:
        raise CorpusError(f"{path.name}: the document is no longer in the corpus") from err
    return _cached_extraction(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _cached_extraction(path: Path, mtime_ns: int, size: int) -> Extraction:
    # mtime and size are part of the key only so that a changed file is read again.
    with _READ_LOCK:
        return _reader().read(load_document(path))


@cache
def _reader() -> DocumentReader:
    # Imported on first use: the tokenizer stack takes most of a second to import, and the
    # service should start answering before anyone asks for a document.
    from nutrikg.graph.extract.pipeline import DocumentReader

    return DocumentReader(load_vocabulary())
