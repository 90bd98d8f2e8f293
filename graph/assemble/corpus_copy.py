"""The data folder's own copy of its corpus: the documents its graph was built from.

A build copies the corpus folder's documents and sidecars into `<data_dir>/corpus/`, and
`nutrikg add` and the ingest route write the documents they add there only: the corpus folder
(the repository's `corpus/`, the package's, or a user's folder) is never written to. The copy
remembers the corpus folder as it was copied (`.source.json`: each file's hash), which tells
`build --if-needed` whether the corpus changed since and which documents were added after.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from nutrikg.graph.extract.corpus import META_SUFFIX, document_paths
from nutrikg.graph.files import write_atomic

SOURCE_FILE = ".source.json"


def corpus_files(folder: Path) -> list[Path]:
    """The documents of `folder` and their sidecars, sorted by name (none when it is missing)."""
    if not folder.is_dir():
        return []
    return sorted([*document_paths(folder), *folder.glob(f"*{META_SUFFIX}")])


def copy_corpus(source: Path, copy: Path) -> list[str]:
    """Make `copy` hold exactly the documents and sidecars of `source`, and remember them.

    Returns the ids of the documents that were added to the copy since it was last made (by
    `nutrikg add`) and are now gone from it. Raises OSError when a file cannot be written.
    """
    if copy.exists() and source.resolve() == copy.resolve():
        return []
    dropped = added_since(copy)
    wanted = {path.name: path.read_bytes() for path in corpus_files(source)}
    for existing in corpus_files(copy):
        if existing.name not in wanted:
            existing.unlink()
    for name, data in wanted.items():
        target = copy / name
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)
    hashes = {name: _sha256(data) for name, data in wanted.items()}
    write_atomic(copy / SOURCE_FILE, json.dumps(hashes, indent=1, sort_keys=True).encode("utf-8"))
    return [doc_id for doc_id in dropped if doc_id not in {Path(name).stem for name in wanted}]


def added_since(copy: Path) -> list[str]:
    """Ids of the documents in `copy` that its corpus folder did not hold when copied (added or
    replaced by `nutrikg add`)."""
    copied = _copied(copy) or {}
    return [
        path.stem
        for path in (document_paths(copy) if copy.is_dir() else [])
        if copied.get(path.name) != _sha256(path.read_bytes())
    ]


def source_changed(source: Path, copy: Path) -> bool:
    """Whether the documents of `source` differ from those the copy was made from (True when
    there is no copy yet)."""
    copied = _copied(copy)
    return copied is None or copied != {p.name: _sha256(p.read_bytes()) for p in corpus_files(source)}


def ensure_copy(source: Path, copy: Path) -> None:
    """A copy to add documents to: made from `source` when the data folder has none yet."""
    if _copied(copy) is not None:
        return
    if source.is_dir():
        copy_corpus(source, copy)
    else:
        copy.mkdir(parents=True, exist_ok=True)


def _copied(copy: Path) -> dict[str, str] | None:
    """What the copy was made from (file name -> hash); None when it was never made."""
    try:
        recorded = json.loads((copy / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded if isinstance(recorded, dict) else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
