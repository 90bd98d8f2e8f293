"""Ratios between engines (with geometric means) and the targets, met or missed by how much.

A query that timed out counts at its budget: the ratio is then a bound, shown `>=` when the peer
timed out (we are at least that much faster) and `<=` when ours did.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bench.measure import EngineResult, geomean
from bench.queries import QUERY_MIX

OURS, RDFLIB, ENDPOINT, OXIGRAPH = "nutrikg", "rdflib", "rdflib-endpoint", "oxigraph"
FAST_QUERIES = ("lookup", "neighbourhood", "one_hop")
SMALL_ROWS = 1000


@dataclass(frozen=True)
class Ratio:
    """`slow / fast` p50 latency of one query; `bound` is '', '>=' or '<='."""

    query: str
    value: float
    bound: str


def ratios(slow: EngineResult, fast: EngineResult, queries: tuple[str, ...]) -> list[Ratio]:
    """Per query, how many times faster `fast` is than `slow` (p50 against p50)."""
    found = []
    for name in queries:
        a, b = slow.queries.get(name), fast.queries.get(name)
        slow_ms, fast_ms = a.bound_ms() if a else None, b.bound_ms() if b else None
        if slow_ms is None or fast_ms is None or (slow_ms[1] and fast_ms[1]):
            continue  # an error, or both timed out: no ratio
        bound = ">=" if slow_ms[1] else "<=" if fast_ms[1] else ""
        found.append(Ratio(name, slow_ms[0] / max(fast_ms[0], 1e-6), bound))
    return found


def summarise(found: list[Ratio]) -> dict[str, Any]:
    """Per-query ratios, their geometric mean and the smallest one."""
    values = [r.value for r in found]
    smallest = min(found, key=lambda r: r.value, default=None)
    return {
        "per_query": {r.query: {"ratio": round(r.value, 2), "bound": r.bound} for r in found},
        "geomean": _r(geomean(values)),
        "geomean_bound": ">=" if any(r.bound == ">=" for r in found) else "",
        "min": asdict(smallest) | {"value": round(smallest.value, 2)} if smallest else None,
    }


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def scale_ratios(engines: dict[str, EngineResult]) -> dict[str, Any]:
    """The three comparisons of the brief, for one scale."""
    mix = tuple(q.name for q in QUERY_MIX)
    out: dict[str, Any] = {}
    ours = engines.get(OURS)
    if ours is None or ours.error:
        return out
    for key, peer in (("vs_rdflib", RDFLIB), ("vs_rdflib_endpoint", ENDPOINT)):
        if peer in engines and not engines[peer].error:
            out[key] = summarise(ratios(engines[peer], ours, mix))
    if OXIGRAPH in engines and RDFLIB in engines:  # the engine alone, without HTTP: a ceiling
        out["oxigraph_vs_rdflib"] = summarise(ratios(engines[RDFLIB], engines[OXIGRAPH], mix))
    if OXIGRAPH in engines and not engines[OXIGRAPH].error:
        overhead = ratios(ours, engines[OXIGRAPH], mix)  # ours / in-process: HTTP's cost
        small = [r for r in overhead if (ours.queries[r.query].rows or 0) < SMALL_ROWS]
        out["http_overhead_vs_oxigraph"] = summarise(overhead) | {
            "small_queries": [r.query for r in small],
            "small_max": _r(max((r.value for r in small), default=None)),
        }
    return out


@dataclass(frozen=True)
class Target:
    """One target of the brief at one scale."""

    name: str
    goal: str
    value: str
    met: bool | None  # None: not measured
    margin: str


def evaluate(
    engines: dict[str, EngineResult], found: dict[str, Any], extraction: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Every target, met or missed, with the margin."""
    ours = engines.get(OURS)
    targets = [
        _ratio_target("geomean speed-up vs rdflib", found.get("vs_rdflib"), 50.0, 3.0),
        _ratio_target("geomean speed-up vs rdflib-endpoint", found.get("vs_rdflib_endpoint"), 20.0),
        _overhead_target(found.get("http_overhead_vs_oxigraph")),
        *(_p50_target(ours, name) for name in FAST_QUERIES),
        _limit_target("cold start", ours.ready_s if ours else None, 3.0, "s"),
        _limit_target("peak memory", ours.peak_rss_mb if ours else None, 1024.0, "MB"),
    ]
    if extraction:
        per_core = extraction.get("one_core", {}).get("docs_per_s")
        targets.append(_floor_target("extraction per core", per_core, 200.0, "docs/s"))
    return [asdict(t) for t in targets]


def _ratio_target(name: str, data: dict[str, Any] | None, goal: float,
                  floor: float | None = None) -> Target:  # fmt: skip
    text = f">= {goal:g}x" + (f", every query >= {floor:g}x" if floor else "")
    if not data or data["geomean"] is None:
        return Target(name, text, "not measured", None, "")
    value, smallest = data["geomean"], data["min"]
    met = value >= goal and (floor is None or smallest["value"] >= floor)
    slowest = f"slowest {smallest['query']} {smallest['value']:g}x"
    shown = f"{data['geomean_bound']}{value:g}x ({slowest})"
    margin = f"{value / goal:.2f}x the goal" if value >= goal else f"short by {goal / value:.1f}x"
    if floor is not None and smallest["value"] < floor:
        margin += f"; {smallest['query']} only {smallest['value']:g}x"
    return Target(name, text, shown, met, margin)


def _overhead_target(data: dict[str, Any] | None) -> Target:
    name, goal = "HTTP overhead over in-process pyoxigraph (< 1,000 rows)", "<= 2x"
    if not data or data.get("small_max") is None:
        return Target(name, goal, "not measured", None, "")
    worst = data["small_max"]
    per = data["per_query"]
    which = max(data["small_queries"], key=lambda q: per[q]["ratio"])
    margin = f"{2 / worst:.2f}x headroom" if worst <= 2 else f"over by {worst / 2:.1f}x"
    return Target(name, goal, f"worst {worst:g}x ({which})", worst <= 2, margin)


def _p50_target(ours: EngineResult | None, query: str) -> Target:
    result = ours.queries.get(query) if ours else None
    p50 = result.p50_ms if result else None
    return _limit_target(f"p50 {query}", p50, 20.0, "ms")


def _limit_target(name: str, value: float | None, limit: float, unit: str) -> Target:
    if value is None:
        return Target(name, f"< {limit:g} {unit}", "not measured", None, "")
    met = value < limit
    margin = f"{limit / value:.1f}x headroom" if met else f"over by {value / limit:.1f}x"
    return Target(name, f"< {limit:g} {unit}", f"{value:.4g} {unit}", met, margin)


def _floor_target(name: str, value: float | None, floor: float, unit: str) -> Target:
    if value is None:
        return Target(name, f">= {floor:g} {unit}", "not measured", None, "")
    met = value >= floor
    margin = f"{value / floor:.1f}x the goal" if met else f"short by {floor / value:.1f}x"
    return Target(name, f">= {floor:g} {unit}", f"{value:g} {unit}", met, margin)
