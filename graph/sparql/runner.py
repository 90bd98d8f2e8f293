"""What the HTTP layer needs from whatever runs SPARQL: the local worker pool or a remote store."""

from __future__ import annotations

from typing import Protocol

from nutrikg.graph.sparql.answer import Answer
from nutrikg.graph.sparql.guard import Inspection


class QueryRunner(Protocol):
    """Runs queries the guard has already checked, within the time and size limits."""

    def start(self) -> QueryRunner: ...

    def close(self) -> None: ...

    def reload(self) -> None: ...

    def named_graphs(self) -> frozenset[str]: ...

    def network_sandboxed(self) -> bool: ...

    def ready(self) -> bool: ...

    def inspect(self, query: str) -> Inspection: ...

    def execute(
        self,
        query: str,
        format_key: str,
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        union_default_graph: bool = True,
    ) -> Answer: ...
