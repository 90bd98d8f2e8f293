"""A write to the data folder is one transaction: the store, the N-Triples file, the report, the
stored documents, the exports and the documents an add puts in the corpus folder are all old or
all new, whatever moment the writer dies.

Everything new is first written beside what it replaces (`*.new`, the staged store); then one
file, the journal, is written whole (`graph.files.write_atomic`): that is the commit. The
renames it lists are then made, and the journal deleted. A writer killed before the journal
leaves only staged files, which the next write overwrites (all old); one killed after leaves the
journal, and the next writer, or the service as it starts, makes the renames it lists (all
new). Each rename can be made again without harm: a staged file that is gone was renamed
already, and the staged store carries the journal's id, so a store already swapped in is not
swapped again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from nutrikg.graph.files import write_atomic

COMMIT_ID = ".commit-id"  # in a staged store: the journal that swaps it in


def commit(
    journal: Path,
    files: Sequence[tuple[Path, Path]],
    store: tuple[Path, Path],
    swap: Callable[[Path, Path], None],
) -> None:
    """Commit the staged `files` (staged, final) and the staged `store` (staging, store_dir):
    the journal is written, then replayed (`swap` puts a staged store in place), then deleted."""
    commit_id = os.urandom(8).hex()
    (store[0] / COMMIT_ID).write_text(commit_id, encoding="ascii")
    entry = {"id": commit_id, "files": [[str(a), str(b)] for a, b in files], "store": [str(p) for p in store]}
    write_atomic(journal, json.dumps(entry).encode("utf-8"))  # the commit point
    replay(journal, swap)


def replay(journal: Path, swap: Callable[[Path, Path], None]) -> bool:
    """Make the renames a committed journal lists that are not made yet, then delete it.
    Whether there was one (a writer died after its commit)."""
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    for staged, final in entry["files"]:
        if os.path.lexists(staged):  # gone: renamed already
            os.replace(staged, final)
    staging, store_dir = (Path(p) for p in entry["store"])
    if _commit_id(staging) == entry["id"] and _commit_id(store_dir) != entry["id"]:
        swap(staging, store_dir)
    journal.unlink()
    return True


def _commit_id(store_dir: Path) -> str | None:
    try:
        return (store_dir / COMMIT_ID).read_text(encoding="ascii")
    except OSError:
        return None
