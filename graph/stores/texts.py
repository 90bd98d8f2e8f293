"""Documents as the graph was built from them: each one's text and the entity mentions found in
it, kept beside the store in one SQLite file, so that a document's detail is read, never
extracted again, and its offsets always fit the text they point into.

The file is written whole beside its final name and renamed into place (graph.stores.rewrite
does it under the writer lock); a reader opens it read-only and immutable, so a handle keeps
reading the version it opened after a newer one replaces it.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from nutrikg.graph.errors import StoreError
from nutrikg.graph.model import Extraction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, text TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
    doc TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    entity TEXT NOT NULL, text TEXT NOT NULL, resolved_from TEXT,
    position INTEGER NOT NULL  -- the order extraction found it in: ties keep it
);
CREATE INDEX IF NOT EXISTS mentions_of_document ON mentions (doc, start, "end");
"""


@dataclass(frozen=True)
class StoredMention:
    """A stretch `[start, end)` of the text that names `entity` (an anaphor replaced, if any)."""

    entity: str
    start: int
    end: int
    text: str
    resolved_from: str | None


@dataclass(frozen=True)
class StoredDocument:
    id: str
    text: str
    sha256: str
    mentions: tuple[StoredMention, ...]


def write_texts(target: Path, extractions: Iterable[Extraction], *, base: Path | None = None) -> None:
    """Write the texts and mentions of `extractions` to `target` (a new file), after the documents
    of `base` that no extraction replaces. Raises StoreError when either file cannot be used."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if base is not None and base.exists():
            shutil.copyfile(base, target)
        with closing(sqlite3.connect(target)) as db, db:
            db.executescript(_SCHEMA)
            for extraction in extractions:
                _put(db, extraction)
    except (OSError, sqlite3.Error) as err:
        raise StoreError(f"cannot write the stored documents {target}: {err}") from err


def _put(db: sqlite3.Connection, extraction: Extraction) -> None:
    document = extraction.document
    db.execute("DELETE FROM documents WHERE id = ?", (document.id,))
    db.execute("DELETE FROM mentions WHERE doc = ?", (document.id,))
    db.execute("INSERT INTO documents VALUES (?, ?, ?)", (document.id, document.text, document.sha256))
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (document.id, m.span.start, m.span.end, m.entity, m.text, m.resolved_from, position)
            for position, m in enumerate(extraction.mentions)
        ],
    )


class DocumentTexts:
    """The stored documents of one build, opened read-only; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        """Raises StoreError when there is no such file or it is no store of documents."""
        if not path.is_file():
            raise StoreError(f"no stored documents at {path}: run `nutrikg build`")
        try:
            uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._db.execute("SELECT count(*) FROM documents JOIN mentions ON 0").fetchone()
        except sqlite3.Error as err:
            raise StoreError(f"{path}: not a store of documents ({err})") from err
        self._lock = threading.Lock()  # one connection: its statements run one at a time

    def get(self, doc_id: str) -> StoredDocument | None:
        """The document with its mentions in text order, or None when the build has no such id."""
        with self._lock:
            row = self._db.execute("SELECT text, sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return None
            mentions = self._db.execute(
                'SELECT entity, start, "end", text, resolved_from FROM mentions WHERE doc = ? '
                'ORDER BY start, "end", position',
                (doc_id,),
            ).fetchall()
        return StoredDocument(doc_id, row[0], row[1], tuple(StoredMention(*m) for m in mentions))

    def close(self) -> None:
        with self._lock:
            self._db.close()
