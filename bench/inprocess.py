"""In-process engines (plain rdflib, pyoxigraph), each run in a process of its own.

`python -m bench.inprocess` reads a JSON job on stdin (engine, N-Triples file, queries, reps,
budget), loads the file once, runs the mix and prints a JSON report on stdout, so that every
engine's memory is measured alone and freed when it is done.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from bench.measure import (
    BudgetExceeded,
    EngineResult,
    QueryFailed,
    QueryResult,
    measure,
    own_peak_rss_mb,
)

Runner = Callable[[str, float], int]  # (query text, seconds left) -> rows


def run_engine(
    engine: str,
    ntriples: Path,
    queries: dict[str, str],
    reps: int,
    budget_s: float,
    wall_limit_s: float,
) -> EngineResult:
    """Run `engine` in a child process and read its report.

    A child that overruns `wall_limit_s` or crashes gives a result with `error` set.
    """
    job = {"engine": engine, "ntriples": str(ntriples), "queries": queries, "reps": reps,
           "budget_s": budget_s}  # fmt: skip
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.inprocess"],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=wall_limit_s,
            cwd=Path(__file__).resolve().parent.parent,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return EngineResult(engine, error=f"no report within {wall_limit_s:g} s")
    finally:
        shutil.rmtree(_store_dir(ntriples), ignore_errors=True)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return EngineResult(engine, error=" | ".join(tail) or "crashed")
    data = json.loads(done.stdout)
    return EngineResult(
        engine,
        load_s=data["load_s"],
        peak_rss_mb=data["peak_rss_mb"],
        queries={name: QueryResult(**raw) for name, raw in data["queries"].items()},
        extra={"triples": data["triples"]},
    )


def _store_dir(ntriples: Path) -> Path:
    return ntriples.with_name(ntriples.stem + "-inprocess-store")


# ---- the child side ------------------------------------------------------------------------


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded in this (pure Python) code after `seconds`."""

    def ring(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _load_rdflib(path: Path) -> tuple[Runner, int]:
    from rdflib import Graph

    rdf_graph = Graph()
    rdf_graph.parse(path, format="nt")

    def run(text: str, left: float) -> int:
        with _alarm(left):
            try:
                return len(list(rdf_graph.query(text)))
            except BudgetExceeded:
                raise
            except Exception as exc:  # rdflib raises many parser- and evaluator-specific types
                raise QueryFailed(f"{type(exc).__name__}: {exc}") from exc

    return run, len(rdf_graph)


def _load_oxigraph(path: Path) -> tuple[Runner, int]:
    """A fresh on-disk store beside the file, bulk-loaded (as the service's store is)."""
    import pyoxigraph as ox

    store_dir = _store_dir(path)
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    store.flush()

    def run(text: str, left: float) -> int:  # a Rust query cannot be interrupted: see measure
        try:
            result = store.query(text)
        except (SyntaxError, OSError) as exc:
            raise QueryFailed(str(exc)) from exc
        if isinstance(result, ox.QuerySolutions):
            return len([tuple(solution) for solution in result])
        return 1 if isinstance(result, ox.QueryBoolean) else len(list(result))

    return run, len(store)


LOADERS: dict[str, Callable[[Path], tuple[Runner, int]]] = {
    "rdflib": _load_rdflib,
    "oxigraph": _load_oxigraph,
}


def child_main(job: dict[str, Any]) -> dict[str, Any]:
    """Load, run the mix, report (the body of the child process)."""
    started = time.perf_counter()
    run, triples = LOADERS[job["engine"]](Path(job["ntriples"]))
    load_s = time.perf_counter() - started
    results: dict[str, Any] = {}
    for name, text in job["queries"].items():

        def once(left: float, text: str = text) -> int:
            return run(text, left)

        outcome = measure(name, once, job["budget_s"], job["reps"])
        results[name] = outcome.__dict__
    return {"engine": job["engine"], "load_s": round(load_s, 3), "triples": triples,
            "peak_rss_mb": own_peak_rss_mb(), "queries": results}  # fmt: skip


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)  # rdflib's evaluator recurses deeply on long joins
    print(json.dumps(child_main(json.loads(sys.stdin.read()))))
