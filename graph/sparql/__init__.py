"""The SPARQL 1.1 query layer: guard, content negotiation and a killable worker pool.

Public names are loaded on first use, so that a worker process (which imports
`graph.sparql.worker`) does not pay for rdflib's SPARQL grammar.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nutrikg.graph.prefixes import PREFIXES, expand_prefixes
    from nutrikg.graph.sparql.answer import Answer
    from nutrikg.graph.sparql.guard import (
        CheckedQuery,
        QueryForm,
        QuerySyntaxError,
        check_query,
        update_refusal,
    )
    from nutrikg.graph.sparql.negotiation import Format, negotiate
    from nutrikg.graph.sparql.pool import PoolStats, QueryPool

_HOMES = {
    "CheckedQuery": "guard",
    "QueryForm": "guard",
    "QuerySyntaxError": "guard",
    "check_query": "guard",
    "update_refusal": "guard",
    "Format": "negotiation",
    "negotiate": "negotiation",
    "PoolStats": "pool",
    "QueryPool": "pool",
    "PREFIXES": "prefixes",
    "expand_prefixes": "prefixes",
    "Answer": "answer",
}

__all__ = [
    "PREFIXES",
    "Answer",
    "CheckedQuery",
    "Format",
    "PoolStats",
    "QueryForm",
    "QueryPool",
    "QuerySyntaxError",
    "check_query",
    "expand_prefixes",
    "negotiate",
    "update_refusal",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
