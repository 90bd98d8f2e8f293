"""Values made once per loaded graph and kept on it: the graph never changes once opened, and a
new build is a new KnowledgeGraph with a memo of its own, so nothing needs dropping by hand."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")


class Memo:
    """A cache of named values. A value already made is read without a lock; making one holds a
    lock of its own key only, so a slow build (an export) never holds up readers of others."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}
        self._building: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: str, build: Callable[[], T]) -> T:
        found = self._values.get(key)
        if found is None:
            with self._guard:
                lock = self._building.setdefault(key, threading.Lock())
            with lock:
                found = self._values.get(key)
                if found is None:
                    found = self._values[key] = build()
        return cast(T, found)
