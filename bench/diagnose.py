"""Where our service's time goes: the cost of checking a query before it runs (the endpoint
parses a query it has not seen with rdflib's grammar, to refuse updates and SERVICE; results
for texts it has seen are cached), measured in-process on texts it has not seen."""

from __future__ import annotations

import time

from bench.measure import percentile
from bench.queries import QUERY_MIX


def query_check_ms(reps: int = 10) -> dict[str, float | None] | str:
    """p50 ms of graph.sparql.guard.check_query per query of the mix, each run on a text not
    seen before (a numbered comment defeats the cache), or why it could not be measured."""
    try:
        from nutrikg.graph.sparql.guard import check_query
    except ImportError as exc:
        return f"not measured: {exc}"
    found: dict[str, float | None] = {}
    for query in QUERY_MIX:
        samples = []
        try:
            for number in range(reps + 1):
                text = f"{query.text}\n# {time.time_ns()}-{number}"
                began = time.perf_counter()
                check_query(text, known_graphs=frozenset())
                samples.append((time.perf_counter() - began) * 1000.0)
        except Exception as exc:  # its signature or errors may change: report, do not fail
            return f"not measured: {type(exc).__name__}: {exc}"
        p50 = percentile(samples[1:], 50)
        found[query.name] = None if p50 is None else round(p50, 2)
    return found
