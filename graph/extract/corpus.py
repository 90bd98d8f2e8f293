"""Load a folder of documents (.txt, .md, .html) with what is known of each publisher.

A document's metadata sits beside it in `<stem>.meta.json` (title, publisher, publisher_kind,
promotes_products, product_names, url). A bad document is reported by name and skipped; it never
aborts the load.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from bs4 import BeautifulSoup

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.files import write_atomic
from nutrikg.graph.model import Document, SourceKind

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_DOCUMENT_BYTES = 20_000_000
# What an IRI reference may hold (RFC 3987 / the N-Triples IRIREF production), over http(s)
_IRI = re.compile(r"https?://[^\x00-\x20<>\"{}|\\^`]+")
_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "section",
    "article",
)


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


def load_corpus(folder: Path) -> CorpusLoad:
    """Every readable document of `folder`; unreadable ones become named problems.

    Raises CorpusError when the folder itself is missing.
    """
    result = CorpusLoad()
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
            raise CorpusError(f"{path}: not a document; expected one of {', '.join(DOCUMENT_SUFFIXES)}")
        if not path.is_file():
            raise CorpusError(f"{path}: document not found")
        documents.append(load_document(path))
    return documents


def load_document(path: Path) -> Document:
    """Read one document and its sidecar metadata.

    Raises CorpusError naming the file when it is unreadable, empty, binary or not UTF-8.
    """
    return parse_document(path, _read_bytes(path), _read_meta(path))


def parse_document(path: Path, raw: bytes, meta: dict[str, object]) -> Document:
    """A document from its bytes and metadata as they would sit in a corpus folder at `path`
    (its name gives the id and the format; it need not exist). Raises CorpusError naming `path`
    when the bytes are empty, binary or not UTF-8, or the metadata is invalid."""
    text = _decode(path, raw)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    if not text.strip():
        raise CorpusError(f"{path}: document is empty")
    return Document(
        id=path.stem,
        title=str(meta.get("title") or _first_line(text)),
        text=text,
        path=path.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        publisher=str(meta.get("publisher") or "unknown"),
        source_kind=_source_kind(path, meta.get("publisher_kind")),
        promotes_products=bool(meta.get("promotes_products", False)),
        product_names=_names(path, meta.get("product_names", [])),
        url=_url(path, meta.get("url")),
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
    }
    body = json.dumps({k: v for k, v in meta.items() if v is not None}, ensure_ascii=False, indent=1)
    raw = document.raw or document.text.encode("utf-8")
    return [(document.path, raw), (f"{document.id}.meta.json", body.encode("utf-8"))]


def superseded_files(document: Document, folder: Path) -> list[Path]:
    """The files of `folder` holding the same id under another suffix, which `document` replaces
    (one id under two suffixes would be read twice)."""
    if not folder.is_dir():
        return []
    return [p for p in document_paths(folder) if p.stem == document.id and p.name != document.path]


def html_to_text(markup: str) -> str:
    """Reduce HTML to its visible text, one block element per line; scripts and styles dropped."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "nav", "footer"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise CorpusError(f"{path}: document is larger than {MAX_DOCUMENT_BYTES} bytes")
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read document ({err.strerror})") from err


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{path}: document looks binary (NUL bytes), expected text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: document is not UTF-8 (invalid byte at offset {err.start})") from err


def _read_meta(path: Path) -> dict[str, object]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CorpusError(f"{meta_path}: unreadable metadata ({err})") from err
    if not isinstance(meta, dict):
        raise CorpusError(f"{meta_path}: metadata must be a JSON object")
    return meta


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


def _source_kind(path: Path, value: object) -> SourceKind:
    if value is None:
        return SourceKind.UNKNOWN
    try:
        return SourceKind(str(value))
    except ValueError as err:
        kinds = ", ".join(k.value for k in SourceKind)
        raise CorpusError(f"{path}: publisher_kind {value!r} is not one of {kinds}") from err


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "untitled")[:200]
