"""How hard a benchmark run pushes: repetitions, per-query budget, load duration, corpus size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SCRATCH = BENCH_DIR / "scratch"
RESULTS = BENCH_DIR / "results"
BENCHMARKS_MD = BENCH_DIR.parent / "BENCHMARKS.md"


@dataclass(frozen=True)
class RunConfig:
    """Knobs of one run (the defaults are `make bench`; `quick` shrinks everything)."""

    scales: tuple[str, ...] = ("10k", "100k", "1m")
    reps: int = 20  # timed runs per query (after a warm-up), within the budget
    budget_s: float = 10.0  # wall-clock budget per query and engine
    load_s: float = 10.0  # duration of each throughput run
    connections: int = 8  # concurrent connections of a throughput run
    ready_limit_s: float = 900.0  # longest wait for a server to answer its first query
    extraction_docs: int = 1000  # documents of the extraction corpus
    quick: bool = False
    scratch: Path = SCRATCH
    results: Path = RESULTS

    @classmethod
    def quick_run(cls, scales: tuple[str, ...]) -> RunConfig:
        return cls(scales=scales, reps=5, budget_s=3.0, load_s=3.0, extraction_docs=200,
                   quick=True)  # fmt: skip

    def wall_limit_s(self, queries: int) -> float:
        """Longest an in-process engine may take for load plus `queries` queries."""
        return self.ready_limit_s + queries * self.budget_s * 2 + 60
