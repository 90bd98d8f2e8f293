"""Writes to the embedded store never touch a folder that a reader has open.

A pyoxigraph store opened read-only (the service's query workers and JSON API) is undefined
behaviour while another process writes its folder. So every write builds a new store beside the
old one, either a fresh bulk load or a hard-linked backup of the old one then changed, and swaps
it in with two renames. The old folder is kept while a reader has it open (graph.pins).
A stamp beside the store is replaced with every swap, so a running service can tell that the
store changed under it. Writers take turns through a lock file beside the store.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import pyoxigraph

from nutrikg.graph.builds import BUILD_FILES
from nutrikg.graph.errors import StoreError
from nutrikg.graph.pins import retire
from nutrikg.graph.stores.journal import commit, replay
from nutrikg.graph.stores.oxigraph import OxigraphStore

StoreVersion = tuple[int, int]  # the stamp's inode and modification time


def store_version(store_dir: Path) -> StoreVersion | None:
    """What identifies the store's last swap, or None before the first one. One stat call."""
    try:
        stamp = _beside(store_dir, ".stamp").stat()
    except FileNotFoundError:
        return None
    return stamp.st_ino, stamp.st_mtime_ns


def replace_default_graph(
    store_dir: Path,
    ntriples: Path,
    *,
    publish_as: Path | None = None,
    beside: Sequence[tuple[Path, Path]] = (),
    prepare: Callable[[Path], Sequence[tuple[Path, Path]]] | None = None,
) -> None:
    """Make `ntriples` the store's default graph, keeping its named graphs (loaded RDF); with
    `publish_as`, the file is then renamed to it, still under the writer lock. Each (staged,
    final) file of `beside` (stored documents) is renamed into place just before the swap, once
    the new store is ready: a reader that opens the new store then finds them new too.
    `prepare`, given the new store's folder once it is written and closed, writes files made
    from it (the exports) and returns more (staged, final) pairs renamed with `beside`. All of
    it is one transaction (graph.stores.journal): a writer killed at any moment leaves all of it
    old or, once the next writer or the service's start has replayed its journal, all new.

    Raises StoreError when a store cannot be written, the file cannot be loaded, or another
    process is writing the store.
    """
    with _exclusive(store_dir):
        staging = _fresh_staging(store_dir)
        try:
            fresh = pyoxigraph.Store(str(staging))
            fresh.bulk_load(path=str(ntriples), format=pyoxigraph.RdfFormat.N_TRIPLES)
            if store_dir.exists():
                _copy_named_graphs(store_dir, fresh)
            fresh.flush()
            del fresh  # the last reference: RocksDB closes and releases its lock before the rename
            beside = [*beside, *(prepare(staging) if prepare is not None else ())]
        except (OSError, SyntaxError, StoreError) as err:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"cannot rebuild the store at {store_dir}: {err}") from err
        files = [*beside, *([(ntriples, publish_as)] if publish_as is not None else [])]
        commit(_beside(store_dir, ".journal"), files, (staging, store_dir), _swap)


@contextmanager
def rewriting(store_dir: Path) -> Iterator[OxigraphStore]:
    """A writable copy of the store (empty when there is none yet), swapped in when the block
    ends without an error and thrown away when it raises: readers see all the writes or none.

    Raises StoreError when the copy cannot be made or another process is writing the store.
    """
    with _exclusive(store_dir):
        staging = _fresh_staging(store_dir)
        try:
            if store_dir.exists():
                _backup(store_dir, staging)
            copy = OxigraphStore(staging)
            try:
                yield copy
            finally:
                copy.close()
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap(staging, store_dir)


def _backup(store_dir: Path, staging: Path) -> None:
    """Hard links to the old store's immutable files (cheap on one file system). The old store is
    opened read-only: opening it writable would write into the folder its readers have open.
    The build's record (graph.builds) is copied too: a write beside the built graph (a load of
    other RDF) leaves the same build in place."""
    try:
        pyoxigraph.Store.read_only(str(store_dir)).backup(str(staging))
        for name in BUILD_FILES:
            if (store_dir / name).exists():
                shutil.copyfile(store_dir / name, staging / name)
    except OSError as err:
        raise StoreError(f"cannot copy the store at {store_dir}: {err}") from err


def _copy_named_graphs(store_dir: Path, fresh: pyoxigraph.Store) -> None:
    old = pyoxigraph.Store.read_only(str(store_dir))
    for name in old.named_graphs():
        fresh.bulk_extend(old.quads_for_pattern(None, None, None, name))


@contextmanager
def _exclusive(store_dir: Path) -> Iterator[None]:
    """One writer at a time; a second one is refused at once rather than left waiting."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    with _beside(store_dir, ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = f"another process is writing the store at {store_dir}; try again when it is done"
            raise StoreError(message) from None
        try:
            _recover(store_dir)
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _fresh_staging(store_dir: Path) -> Path:
    staging = _beside(store_dir, ".new")
    shutil.rmtree(staging, ignore_errors=True)  # left by a writer that was killed
    return staging


def recover(store_dir: Path) -> None:
    """Finish what a writer killed mid-write left (see `_recover`); nothing when another writer
    is at work (it does the same). For a service as it starts."""
    with suppress(StoreError), _exclusive(store_dir):
        pass


def _recover(store_dir: Path) -> None:
    """Replay a committed write's journal (graph.stores.journal), then see `_restore_old`."""
    replay(_beside(store_dir, ".journal"), _swap)
    _restore_old(store_dir)


def _restore_old(store_dir: Path) -> None:
    """A writer killed between the two renames of a swap left the old store retired and none in
    place: put it back before anything reads the folder as missing (and starts from empty). One
    killed after them left the old store beside the new one: retire it."""
    old = _beside(store_dir, ".old")
    if not old.exists():
        return
    if store_dir.exists():
        retire(old, store_dir)
    else:
        old.rename(store_dir)


def _swap(staging: Path, store_dir: Path) -> None:
    """Put `staging` in place of the store; the old folder is retired, not deleted, while a
    reader has it open (graph.pins)."""
    retired = _beside(store_dir, ".old")
    _restore_old(store_dir)
    try:
        if store_dir.exists():
            store_dir.rename(retired)
        staging.rename(store_dir)
    except OSError as err:
        _restore_old(store_dir)
        raise StoreError(f"cannot put the new store in place at {store_dir}: {err}") from err
    _restamp(store_dir)
    if retired.exists():  # not on the first write
        retire(retired, store_dir)


def _restamp(store_dir: Path) -> None:
    """A new file each time (a new inode), so two swaps within one clock tick still differ."""
    stamp = _beside(store_dir, ".stamp")
    scratch = _beside(store_dir, ".stamp.new")
    scratch.write_text(f"{os.getpid()} {os.urandom(8).hex()}\n", encoding="ascii")
    os.replace(scratch, stamp)


def _beside(store_dir: Path, suffix: str) -> Path:
    return store_dir.with_name(store_dir.name + suffix)
