"""A store folder a reader has pinned outlives the swap that retires it, and is read through the
pin whatever is renamed; one no reader holds is deleted by the next swap."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from nutrikg.graph.pins import pin, retired_dir
from nutrikg.graph.stores import OxigraphStore, rewriting

EX = "https://example.org/"
ONE = f"<{EX}k2> <{EX}activates> <{EX}osteocalcin> .\n".encode()
TWO = f"<{EX}d3> <{EX}increasesAbsorptionOf> <{EX}calcium> .\n".encode()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with rewriting(path) as store:
        store.add_ntriples(ONE)
    return path


def write(store_dir: Path, data: bytes = TWO) -> None:
    with rewriting(store_dir) as store:
        store.add_ntriples(data)


def retired(store_dir: Path) -> list[Path]:
    folder = retired_dir(store_dir)
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_pinned_folder_outlives_its_swap_and_goes_with_the_pin(store_dir: Path) -> None:
    held = pin(store_dir)
    reader = OxigraphStore(held.path, read_only=True)
    write(store_dir)
    [kept] = retired(store_dir)
    assert (kept / "CURRENT").exists() and reader.count() == 1
    held.release()
    write(store_dir)  # the next swap deletes what no one reads
    assert retired(store_dir) == []
    assert OxigraphStore(store_dir, read_only=True).count() == 3 - 1  # ONE and TWO


def test_a_folder_no_reader_pinned_is_deleted_at_the_swap(store_dir: Path) -> None:
    OxigraphStore(store_dir, read_only=True)  # unpinned (as before pins): nothing keeps it
    write(store_dir)
    assert retired(store_dir) == []
    assert sorted(p.name for p in store_dir.parent.iterdir()) == ["store", "store.lock", "store.stamp"]


def test_a_pin_held_by_another_process_keeps_the_folder_until_it_dies(store_dir: Path) -> None:
    script = (
        "import fcntl, sys; import os; f = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(f, fcntl.LOCK_SH); "
        "print('held', flush=True); sys.stdin.read()"
    )
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True}
    with subprocess.Popen([sys.executable, "-c", script, str(store_dir)], **pipes) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        write(store_dir)
        assert len(retired(store_dir)) == 1
        holder.kill()  # a killed reader lets go without any clean-up
        holder.wait()
    write(store_dir, ONE)
    assert retired(store_dir) == []


def test_a_pin_reads_the_folder_it_pinned_even_when_a_swap_came_first(store_dir: Path) -> None:
    held = pin(store_dir)
    write(store_dir)  # between the pin and the open: the pinned folder is the old one
    assert OxigraphStore(held.path, read_only=True).count() == 1
    held.release()
    assert OxigraphStore(pin(store_dir).path, read_only=True).count() == 2


def test_a_pin_taken_between_the_two_renames_of_a_swap_waits_for_the_new_store(store_dir: Path) -> None:
    """A swap moves the old store aside, then renames the new one in; a reader (a query worker
    starting after a write) that opens the store in between reads the new one, not an error."""
    write(store_dir.with_name("store.new"))  # the new store, staged
    store_dir.rename(store_dir.with_name("store.old"))  # the swap's first rename
    second = threading.Timer(0.2, store_dir.with_name("store.new").rename, args=(store_dir,))
    second.start()
    try:
        held = pin(store_dir)
    finally:
        second.join()
    assert OxigraphStore(held.path, read_only=True).count() == 1  # the new store: TWO only
    held.release()
