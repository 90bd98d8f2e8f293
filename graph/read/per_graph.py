"""Values made once per loaded graph (which never changes) and dropped with it: the claim index,
the triple count, term references."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TypeVar, cast

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.records import TermRef
from nutrikg.graph.read.tables import triple_count

T = TypeVar("T")


_CACHE: dict[tuple[int, str], object] = {}
_BUILDING: dict[tuple[int, str], threading.Lock] = {}
_BUILDING_GUARD = threading.Lock()


def per_graph(kg: KnowledgeGraph, key: str, build: Callable[[KnowledgeGraph], T]) -> T:
    """`build(kg)`, made once per loaded graph (which never changes) and dropped with it.

    A value already made is read without a lock; making one holds a lock of its own key only,
    so a slow build (an export) never holds up readers of other values.
    """
    slot = (id(kg), key)
    found = _CACHE.get(slot)
    if found is None:
        with _BUILDING_GUARD:
            lock = _BUILDING.setdefault(slot, threading.Lock())
        with lock:
            found = _CACHE.get(slot)
            if found is None:
                found = _CACHE[slot] = build(kg)
                weakref.finalize(kg, _forget, slot)
    return cast(T, found)


def _forget(slot: tuple[int, str]) -> None:
    _CACHE.pop(slot, None)
    with _BUILDING_GUARD:
        _BUILDING.pop(slot, None)


def triple_total(kg: KnowledgeGraph) -> int:
    """How many triples `kg` holds, counted once per loaded graph (a store counts them all)."""
    return per_graph(kg, "triples", lambda loaded: triple_count(loaded.rdf))


def term_ref(kg: KnowledgeGraph, iri: str) -> TermRef:
    """The term's IRI, CURIE and label, made once per term and loaded graph: a CURIE takes
    microseconds to make, and one answer may name thousands of terms (a hub entity's relations)."""
    made = per_graph(kg, "term-refs", _no_refs)
    found = made.get(iri)
    if found is None:
        found = made.setdefault(iri, TermRef(iri, to_curie(iri), kg.label(iri)))
    return found


def _no_refs(kg: KnowledgeGraph) -> dict[str, TermRef]:
    return {}
