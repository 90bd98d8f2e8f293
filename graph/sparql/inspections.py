"""Inspections the SPARQL endpoint keeps, so that a repeated query is parsed once."""

from __future__ import annotations

import threading
from collections import OrderedDict

from nutrikg.graph.sparql.guard import Inspection, Inspector


class InspectionCache:
    """Inspections of short texts, kept: parsing costs a few milliseconds, most of a short
    query's time, and clients repeat their queries (errors are not kept, only results).
    Held by whoever checks queries (the SPARQL endpoint), never by the module."""

    def __init__(self, max_texts: int = 512, max_chars: int = 4096) -> None:
        self._max_texts, self._max_chars = max_texts, max_chars
        self._kept: OrderedDict[str, Inspection] = OrderedDict()
        self._lock = threading.Lock()

    def through(self, inspect: Inspector) -> Inspector:
        """`inspect`, answering from the cache when it can."""
        return lambda text: self._inspect(text, inspect)

    def _inspect(self, text: str, inspect: Inspector) -> Inspection:
        if len(text) > self._max_chars:
            return inspect(text)
        with self._lock:
            if (known := self._kept.get(text)) is not None:
                self._kept.move_to_end(text)
                return known
        found = inspect(text)
        with self._lock:
            self._kept[text] = found
            if len(self._kept) > self._max_texts:
                self._kept.popitem(last=False)
        return found
