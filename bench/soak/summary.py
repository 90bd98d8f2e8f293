"""The soak's figures, from what its clients, writer and sampler recorded: errors by kind, small
query latency, memory over time, writes, and the final check."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.measure import percentile
from bench.soak.clients import Sample
from bench.soak.memory import MemorySample
from bench.soak.mix import Segment
from bench.soak.writes import Write

SERIES_POINTS = 21  # at most this many memory samples in the compact series
SERIES_COLUMNS = (
    "at_s",
    "service_mb",
    "workers_mb",
    "workers",
    "open_files",
    "store_files",
    "retired_stores",
)


def errors(outcomes: Counter[str]) -> dict[str, Any]:
    """A client's unexpected outcomes by kind: 5xx and 4xx by status, timeouts, connection errors."""
    by_status = {k: v for k, v in outcomes.items() if k.startswith("http_")}
    return {
        "5xx": {k[5:]: v for k, v in sorted(by_status.items()) if k[5] == "5"},
        "4xx": {k[5:]: v for k, v in sorted(by_status.items()) if k[5] == "4"},
        "other_status": {k[5:]: v for k, v in sorted(by_status.items()) if k[5] not in "45"},
        "timeouts": outcomes["timeout"],
        "connection_errors": outcomes["connection"],
    }


def mix_errors(segments: Sequence[Segment]) -> dict[str, Any]:
    """The load generator's answers other than 200, and its socket errors, over every segment."""
    statuses: Counter[str] = Counter()
    sockets: Counter[str] = Counter()
    for segment in segments:
        statuses.update(segment.statuses)
        sockets.update(segment.socket_errors)
    return {
        "5xx": {k: v for k, v in sorted(statuses.items()) if k.startswith("5")},
        "4xx": {k: v for k, v in sorted(statuses.items()) if k.startswith("4")},
        "timeouts": sockets["timeout"],
        "connection_errors": sum(n for kind, n in sockets.items() if kind != "timeout"),
    }


def mix_figures(segments: Sequence[Segment]) -> dict[str, Any]:
    requests = sum(s.requests for s in segments)
    seconds = sum(s.seconds for s in segments)
    return {
        "requests": requests,
        "rps": round(requests / seconds, 1) if seconds else None,
        "ok": sum(s.statuses.get("200", 0) for s in segments),
        "worst_segment_p99_ms": max((s.p99_ms for s in segments if s.p99_ms is not None), default=None),
        "segments": [[s.at_s, s.requests, s.rps, s.p50_ms, s.p99_ms] for s in segments],
    }


def latency(samples: Sequence[Sample]) -> dict[str, Any]:
    """p50/p99 of every small query (failed ones at the time they took), overall, per query and
    per minute."""
    by_name: dict[str, list[float]] = {}
    by_minute: dict[int, list[float]] = {}
    failed: dict[str, Counter[str]] = {}
    for sample in samples:
        by_name.setdefault(sample.name, []).append(sample.ms)
        by_minute.setdefault(int(sample.at_s // 60), []).append(sample.ms)
        if sample.outcome != "expected":
            failed.setdefault(sample.name, Counter())[sample.outcome] += 1
    every = [s.ms for s in samples]
    return {
        "count": len(every),
        "ok": sum(s.outcome == "expected" for s in samples),
        **_percentiles(every),
        "max_ms": max(every, default=None),
        "by_query": {
            name: {"count": len(ms), **_percentiles(ms), "failed": dict(failed.get(name, {}))}
            for name, ms in sorted(by_name.items())
        },
        "by_minute": [
            [minute, len(ms), *_percentiles(ms).values()] for minute, ms in sorted(by_minute.items())
        ],
    }


def _percentiles(ms: list[float]) -> dict[str, float | None]:
    return {"p50_ms": percentile(ms, 50), "p99_ms": percentile(ms, 99)}


def memory(samples: Sequence[MemorySample], peak_mb: float) -> dict[str, Any]:
    """Service + workers RSS: min, max, first, last, the 50 ms sampler's peak, and a compact series."""
    totals = [s.total_mb for s in samples]
    step = max(1, -(-len(samples) // SERIES_POINTS))
    kept = [*samples[:-1:step], *samples[-1:]]
    return {
        "min_mb": min(totals, default=None),
        "max_mb": max(totals, default=None),
        "first_mb": totals[0] if totals else None,
        "last_mb": totals[-1] if totals else None,
        "peak_mb": round(peak_mb, 1),
        "service_first_last_mb": [samples[0].service_mb, samples[-1].service_mb] if samples else None,
        "workers_first_last_mb": [samples[0].workers_mb, samples[-1].workers_mb] if samples else None,
        "open_files_first_last_max": _first_last_max([s.open_files for s in samples]),
        "store_files_first_last_max": _first_last_max([s.store_files for s in samples]),
        "retired_stores_last_max": [samples[-1].retired_stores, max(s.retired_stores for s in samples)]
        if samples
        else None,
        "series_columns": [*SERIES_COLUMNS],
        "series": [[getattr(s, column) for column in SERIES_COLUMNS] for s in kept],
    }


def _first_last_max(values: list[int]) -> list[int] | None:
    return [values[0], values[-1], max(values)] if values else None


def writes(done: Sequence[Write]) -> dict[str, Any]:
    """Writes by kind and outcome, how long they took, and every stale read, divergence after a
    kill and failure."""
    outcomes = Counter(f"{w.kind}_{w.outcome}" for w in done)
    seen = [w.seen_ms for w in done if w.seen_ms is not None]
    return {
        "total": len(done),
        "by_outcome": dict(sorted(outcomes.items())),
        "seconds_p50": {
            kind: _median(w.seconds for w in done if w.kind == kind and w.outcome == "done")
            for kind in ("add", "load")
        },
        "rebuilt": sum(w.rebuilt for w in done),
        "first_read_after_write_ms": {"p50": percentile(seen, 50), "max": max(seen, default=None)},
        "checks_refused_then_sent_again": sum(w.check_refused for w in done),
        "stale_reads": [_brief(w, f"served {w.stale!r}") for w in done if w.stale is not None],
        "diverged_after_kill": [_brief(w, w.diverged) for w in done if w.diverged],
        "journal_left_by_kill": sum(w.journal_left for w in done),
        "failed": [_brief(w, w.error) for w in done if w.outcome == "failed"],
    }


def _median(values: Iterable[float]) -> float | None:
    listed = list(values)
    return round(statistics.median(listed), 2) if listed else None


def _brief(write: Write, what: str | None) -> str:
    return f"{write.at_s:.0f} s, {write.kind} {write.target} v{write.version}: {what}"


def log_problems(log: Path, examples: int = 5) -> dict[str, Any]:
    """Tracebacks in the service's log, by the exception each ends with, and the first few
    other ERROR lines."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {"tracebacks": None, "by_exception": {}, "error_lines": []}
    ends: Counter[str] = Counter()
    inside = False
    for line in lines:
        if line.startswith("Traceback"):
            inside = True
        elif inside and not line.startswith((" ", "\t")) and line.strip():
            ends[line.split(":", 1)[0]] += 1
            inside = False
    errors = [line[:300] for line in lines if re.search(r"\bERROR\b|^unhandled error", line)]
    return {
        "tracebacks": sum(ends.values()),
        "by_exception": dict(ends.most_common()),
        "error_lines": list(dict.fromkeys(errors))[:examples],
    }
