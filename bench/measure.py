"""Repeat one query within a time budget and summarise its latencies.

A query gets `reps` timed runs after one warm-up, but never more wall-clock time than its
budget: a run that cannot finish inside the budget is stopped (or abandoned) and the query is
marked "timeout > budget"; ratios then use the budget as a lower bound of its latency.
"""

from __future__ import annotations

import math
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class BudgetExceeded(Exception):
    """A run did not finish inside the time it was given."""


class QueryFailed(Exception):
    """The engine answered with an error (the message says which)."""


@dataclass
class QueryResult:
    """What one engine did with one query."""

    name: str
    samples_ms: list[float] = field(default_factory=list)
    rows: int | None = None
    timeout_s: float | None = None  # set when the query could not finish inside its budget
    error: str | None = None
    note: str | None = None
    first_ms: float | None = None  # the first (cold) run, whether or not it counts as a sample

    @property
    def p50_ms(self) -> float | None:
        return percentile(self.samples_ms, 50)

    @property
    def p95_ms(self) -> float | None:
        return percentile(self.samples_ms, 95)

    def bound_ms(self) -> tuple[float, bool] | None:
        """The p50 in ms and whether it is only a lower bound (timed out); None on error."""
        if self.timeout_s is not None:
            return self.timeout_s * 1000.0, True
        p50 = self.p50_ms
        return None if p50 is None else (p50, False)

    def summary(self) -> str:
        """One line for progress logs."""
        if self.timeout_s is not None:
            return f"timeout > {self.timeout_s:g} s"
        if self.error:
            return f"error: {self.error}"
        return f"p50 {self.p50_ms or 0:.1f} ms ({self.rows} rows, {len(self.samples_ms)} runs)"

    def as_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "runs": len(self.samples_ms),
            "p50_ms": _round(self.p50_ms),
            "p95_ms": _round(self.p95_ms),
            "first_ms": _round(self.first_ms),
            "timeout_s": self.timeout_s,
            "error": self.error,
            "note": self.note,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def percentile(samples: list[float], pct: float) -> float | None:
    """Nearest-rank percentile (None for no samples)."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


def geomean(values: list[float]) -> float | None:
    """Geometric mean of positive values (None when there are none)."""
    positive = [v for v in values if v > 0]
    return statistics.geometric_mean(positive) if positive else None


def own_peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the parent's
    memory from before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


RunOnce = Callable[[float], int]  # given the seconds left, run once and return the row count


def measure(name: str, run_once: RunOnce, budget_s: float, reps: int) -> QueryResult:
    """Time `run_once` up to `reps` times (after a warm-up) within `budget_s` seconds in all.

    The warm-up counts as a sample when it alone used a tenth of the budget (slow engines
    then spend their budget on measured runs, not on warming up).
    """
    result = QueryResult(name)
    started = time.perf_counter()
    try:
        result.rows, first = _timed(run_once, budget_s)
    except BudgetExceeded:
        result.timeout_s = budget_s
        return result
    except QueryFailed as exc:
        result.error = str(exc)[:300]
        return result
    result.first_ms = first * 1000.0
    if first >= budget_s / 10 or reps <= 1:
        result.samples_ms.append(first * 1000.0)
    last = first
    while len(result.samples_ms) < reps:
        left = budget_s - (time.perf_counter() - started)
        if left < last * 1.2:
            break
        try:
            _, last = _timed(run_once, left)
        except (BudgetExceeded, QueryFailed):
            break
        result.samples_ms.append(last * 1000.0)
    if not result.samples_ms:  # the warm-up was fast but no time was left: keep it
        result.samples_ms.append(first * 1000.0)
    return result


def _timed(run_once: RunOnce, limit_s: float) -> tuple[int, float]:
    began = time.perf_counter()
    rows = run_once(limit_s)
    elapsed = time.perf_counter() - began
    if elapsed > limit_s:  # an engine that cannot be interrupted ran past its budget
        raise BudgetExceeded
    return rows, elapsed


@dataclass
class EngineResult:
    """One engine at one scale: loading, memory, the query mix, throughput and notes."""

    engine: str
    load_s: float | None = None  # reading the data (store bulk load for our service)
    ready_s: float | None = None  # servers: launch to first answer (cold start)
    peak_rss_mb: float | None = None
    queries: dict[str, QueryResult] = field(default_factory=dict)
    throughput: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "load_s": self.load_s,
            "ready_s": self.ready_s,
            "peak_rss_mb": self.peak_rss_mb,
            "queries": {name: result.as_json() for name, result in self.queries.items()},
            "throughput": self.throughput,
            "notes": self.notes,
            "extra": self.extra,
            "error": self.error,
        }
