"""A store folder a reader has open is never deleted under it.

A read-only RocksDB handle opens its files by name, some of them only when a read needs them,
so when a write swapped a new store in and deleted the old folder, a reader still on the old
handles (or one opening the store during the swap) met "… .sst: No such file" (a 503). Now a
swap retires the old folder into `store.retired/` instead, and a reader pins the folder it
reads: it holds the folder open (a directory descriptor) with a shared lock (flock) on it, and
opens the store through that descriptor (`/proc/self/fd/N`), so it reads the folder it pinned
whatever is renamed meanwhile. A retired folder is deleted only once no process holds the lock;
the lock goes with the descriptor, so a reader that dies (a killed query worker) lets go of it
without any clean-up. Linux only, as the rest of the embedded store's handling (flock, /proc).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import suppress
from pathlib import Path

from nutrikg.graph.errors import StoreError

_ATTEMPTS = 5  # a folder deleted between opening and locking it: the next one is the new store
# Longest wait for a swap's second rename: the writer may be descheduled between its two renames.
SWAP_WAIT_S = 5.0
_SWAP_POLL_S = 0.01


class Pin:
    """A shared lock on one store folder: while it is held, the folder is not deleted."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @property
    def path(self) -> Path:
        """The pinned folder, whatever it is called now (valid in this process only)."""
        if self._fd is None:
            raise StoreError("the store pin was released")
        return Path(f"/proc/self/fd/{self._fd}")

    def release(self) -> None:
        """Let go of the folder (closing the descriptor drops the lock). Safe to call twice."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def pin(store_dir: Path) -> Pin:
    """A pin on the store folder now at `store_dir`. Raises StoreError when there is none."""
    deadline = time.monotonic() + SWAP_WAIT_S
    for _ in range(_ATTEMPTS):
        fd = _open_folder(store_dir, deadline)
        # Waits only while a pruner deletes this folder: it was retired since we opened it.
        fcntl.flock(fd, fcntl.LOCK_SH)
        if os.fstat(fd).st_nlink > 0:  # not deleted meanwhile
            return Pin(fd)
        os.close(fd)
    raise StoreError(f"the store at {store_dir} kept changing while it was opened")


def _open_folder(store_dir: Path, deadline: float) -> int:
    """A descriptor on the folder at `store_dir`. A swap moves the old store aside (`store.old`)
    before it renames the new one in: a folder missing meanwhile is waited for, until `deadline`.
    Raises StoreError when there is none."""
    while True:
        try:
            return os.open(store_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError as err:
            swapping = store_dir.with_name(store_dir.name + ".old").exists()
            if not swapping or time.monotonic() >= deadline:
                raise StoreError(f"no store at {store_dir}: {err}") from err
        except OSError as err:
            raise StoreError(f"no store at {store_dir}: {err}") from err
        time.sleep(_SWAP_POLL_S)


def retire(old_dir: Path, store_dir: Path) -> None:
    """Move a swapped-out store folder among the retired ones, then delete those no one reads."""
    retired = retired_dir(store_dir)
    retired.mkdir(exist_ok=True)
    old_dir.rename(retired / os.urandom(8).hex())
    prune(store_dir)


def prune(store_dir: Path) -> None:
    """Delete every retired folder of `store_dir` that no reader has pinned; keep the others."""
    retired = retired_dir(store_dir)
    if not retired.is_dir():
        return
    for folder in sorted(retired.iterdir()):
        _delete_unless_read(folder)
    with suppress(OSError):  # not empty: a folder is still read
        retired.rmdir()


def retired_dir(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + ".retired")


def _delete_unless_read(folder: Path) -> None:
    """Delete `folder` holding its lock exclusively, so no reader pins it meanwhile."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:  # not a folder: no reader can have pinned it
        folder.unlink(missing_ok=True)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # a reader still has it open
        os.close(fd)
        return
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(fd)
