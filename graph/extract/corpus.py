"""Load a folder of documents with what is known of each publisher and article.

Each format has its reader (graph.extract.formats: .txt, .md, .html, .pdf, and JATS or PubMed
.xml), which gives the text and the metadata the file itself states. A `<stem>.meta.json` sidecar
beside the document overrides it: title, publisher, publisher_kind, promotes_products,
product_names, url, journal, year, pmid, doi (other keys are notes, kept out of the graph). A bad
document is reported by name and skipped, and so is a file no reader knows: neither aborts the load
and neither goes unsaid.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import DOCUMENT_SUFFIXES, ReadText, read_file, unknown_format
from nutrikg.graph.extract.formats.html import html_to_text
from nutrikg.graph.files import write_atomic
from nutrikg.graph.model import Document, SourceKind

__all__ = ["DOCUMENT_SUFFIXES", "CorpusLoad", "html_to_text", "load_corpus", "load_document"]

MAX_DOCUMENT_BYTES = 20_000_000
META_SUFFIX = ".meta.json"
# What an IRI reference may hold (RFC 3987 / the N-Triples IRIREF production), over http(s)
_IRI = re.compile(r"https?://[^\x00-\x20<>\"{}|\\^`]+")
_PMID = re.compile(r"[1-9][0-9]{0,9}")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ID_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|pmid:\s*)", re.IGNORECASE)


@dataclass
class CorpusLoad:
    """The documents that loaded and one message per document that did not."""

    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def document_paths(folder: Path) -> list[Path]:
    """The documents of a corpus folder, sorted by name.

    Raises CorpusError when the folder is missing or is not a folder.
    """
    if not folder.exists():
        raise CorpusError(f"corpus folder not found: {folder}")
    if not folder.is_dir():
        raise CorpusError(f"corpus path is not a folder: {folder}")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)


def unread_files(folder: Path) -> list[str]:
    """One line for each entry of `folder` that a build does not read, saying why: a file of no
    document format, a sidecar without its document, a sub-folder. Hidden entries are passed over."""
    found = []
    documents = {p.stem for p in document_paths(folder)}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            found.append(f"{entry}: not read: a folder (documents are read from the corpus folder itself)")
        elif entry.name.endswith(META_SUFFIX):
            if entry.name.removesuffix(META_SUFFIX) not in documents:
                found.append(f"{entry}: not read: metadata of no document (none of that name beside it)")
        elif entry.suffix.lower() not in DOCUMENT_SUFFIXES:
            found.append(f"{entry}: {unknown_format(entry)}")
    return found


def load_corpus(folder: Path) -> CorpusLoad:
    """Every readable document of `folder`; unreadable ones and files that are no document
    become named problems.

    Raises CorpusError when the folder itself is missing.
    """
    result = CorpusLoad(problems=unread_files(folder))
    for path in document_paths(folder):
        try:
            result.documents.append(load_document(path))
        except CorpusError as err:
            result.problems.append(str(err))
    return result


def load_documents(paths: Sequence[Path]) -> list[Document]:
    """The documents at `paths` (for `nutrikg add`); raises CorpusError naming the first path that
    is no document, is missing or cannot be read."""
    documents = []
    for path in paths:
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise CorpusError(f"{path}: {unknown_format(path)}")
        if not path.is_file():
            raise CorpusError(f"{path}: document not found")
        documents.append(load_document(path))
    return documents


def load_document(path: Path) -> Document:
    """Read one document and its sidecar metadata.

    Raises CorpusError naming the file when it is unreadable, empty, binary, not UTF-8 text or
    not a readable file of its format, or when its sidecar is malformed (naming the sidecar).
    """
    return parse_document(path, _read_bytes(path), read_meta(path))


def parse_document(path: Path, raw: bytes, meta: dict[str, object]) -> Document:
    """A document from its bytes and metadata as they would sit in a corpus folder at `path`
    (its name gives the id and the format; it need not exist). Raises CorpusError naming `path`
    when the bytes are no readable document of that format, or the metadata is invalid."""
    found = read_file(path, raw)
    return Document(
        id=path.stem,
        title=_text(path, meta, "title") or found.title or _first_line(found.text),
        text=found.text,
        path=path.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        publisher=_text(path, meta, "publisher") or found.publisher or "unknown",
        source_kind=_source_kind(path, meta.get("publisher_kind"), found),
        promotes_products=bool(meta.get("promotes_products", False)),
        product_names=_names(path, meta.get("product_names", [])),
        url=_url(path, meta.get("url")),
        journal=_text(path, meta, "journal") or found.journal,
        year=_year(path, meta.get("year")) or found.year,
        pmid=_identifier(path, "pmid", _text(path, meta, "pmid"), _PMID) or _stated(found.pmid, _PMID),
        doi=_identifier(path, "doi", _text(path, meta, "doi"), _DOI) or _stated(found.doi, _DOI),
        raw=raw,
    )


def write_document(document: Document, folder: Path) -> None:
    """Put `document` into a corpus folder as a build reads it: its bytes as given, and its
    metadata in `<id>.meta.json`; another file of the same id (other suffix) is removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for other in superseded_files(document, folder):
        other.unlink()
    for name, data in document_files(document):
        write_atomic(folder / name, data)


def document_files(document: Document) -> list[tuple[str, bytes]]:
    """The files that hold `document` in a corpus folder, by name: its bytes as given, and its
    metadata as `<id>.meta.json`."""
    meta = {
        "title": document.title,
        "publisher": document.publisher,
        "publisher_kind": document.source_kind.value,
        "promotes_products": document.promotes_products,
        "product_names": list(document.product_names),
        "url": document.url,
        "journal": document.journal,
        "year": document.year,
        "pmid": document.pmid,
        "doi": document.doi,
    }
    body = json.dumps({k: v for k, v in meta.items() if v is not None}, ensure_ascii=False, indent=1)
    raw = document.raw or document.text.encode("utf-8")
    return [(document.path, raw), (f"{document.id}{META_SUFFIX}", body.encode("utf-8"))]


def superseded_files(document: Document, folder: Path) -> list[Path]:
    """The files of `folder` holding the same id under another suffix, which `document` replaces
    (one id under two suffixes would be read twice)."""
    if not folder.is_dir():
        return []
    return [p for p in document_paths(folder) if p.stem == document.id and p.name != document.path]


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise CorpusError(f"{path}: document is larger than {MAX_DOCUMENT_BYTES} bytes")
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read document ({err.strerror})") from err


def read_meta(path: Path) -> dict[str, object]:
    """The sidecar metadata of the document at `path` ({} when it has none); raises CorpusError
    naming the sidecar, and the line and column of a JSON error, when it cannot be read."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        raise CorpusError(f"{meta_path}: {where}: malformed metadata, not JSON ({err.msg})") from err
    except (OSError, UnicodeDecodeError) as err:
        raise CorpusError(f"{meta_path}: unreadable metadata ({err})") from err
    if not isinstance(meta, dict):
        raise CorpusError(f"{meta_path}: metadata must be a JSON object")
    return meta


def _text(path: Path, meta: dict[str, object], key: str) -> str | None:
    """A metadata value that must be text (a number is taken as written: a PMID); None if absent."""
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise CorpusError(f"{path}: {key} in its metadata must be text, not {type(value).__name__}")
    return " ".join(str(value).split())


def _year(path: Path, value: object) -> int | None:
    if value is None or value == "":
        return None
    year = str(value).strip()
    if isinstance(value, bool) or not (year.isdigit() and len(year) == 4):
        raise CorpusError(f"{path}: year {value!r} in its metadata is not a four-digit year")
    return int(year)


def _identifier(path: Path, key: str, value: str | None, form: re.Pattern[str]) -> str | None:
    """A PMID or DOI the sidecar gives, as the graph keeps it (a DOI without its https://doi.org/
    prefix); raises CorpusError naming `path` when it has not the identifier's form."""
    if value is None:
        return None
    bare = _ID_PREFIX.sub("", value)
    if not form.fullmatch(bare):
        raise CorpusError(f"{path}: {key} {value[:80]!r} in its metadata is not a valid {key.upper()}")
    return bare


def _stated(value: str | None, form: re.Pattern[str]) -> str | None:
    """A PMID or DOI the file itself states, when it has the identifier's form (else none: a
    garbled identifier in a PDF's text does not make the document unreadable)."""
    bare = _ID_PREFIX.sub("", value or "")
    return bare if form.fullmatch(bare) else None


def _url(path: Path, value: object) -> str | None:
    """The document's address: an absolute http(s) IRI (it becomes an RDF node), or None."""
    if not value:
        return None
    if not isinstance(value, str) or not _IRI.fullmatch(value) or not _is_iri(value):
        shown = str(value)[:80]
        raise CorpusError(f"{path}: url {shown!r} in its metadata is not an absolute http(s) address")
    return value


def _is_iri(value: str) -> bool:
    """Whether the store takes `value` as an IRI (percent-encoding, host, port and all)."""
    try:
        pyoxigraph.NamedNode(value)
    except (ValueError, UnicodeError):
        return False
    return True


def _names(path: Path, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CorpusError(f"{path}: product_names must be a list of names")
    return tuple(str(name) for name in value)


def _source_kind(path: Path, value: object, found: ReadText) -> SourceKind:
    if value is None:
        return found.source_kind or SourceKind.UNKNOWN
    try:
        return SourceKind(str(value))
    except ValueError as err:
        kinds = ", ".join(k.value for k in SourceKind)
        raise CorpusError(f"{path}: publisher_kind {value!r} is not one of {kinds}") from err


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "untitled")[:200]
