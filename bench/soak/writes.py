"""The soak's writer: every few seconds a `nutrikg add` of a pool document (new or a replacement)
or a `nutrikg load` of an RDF file version into the data folder the service follows; now and
then one is killed (SIGKILL, its whole process group) at a random moment of its run.

After each write that finished, the very next request must see it (the service follows its
store: api/follow.py); after each kill, the documents served must still be those of the corpus
folder (a write is one transaction: all old or all new)."""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.soak.data import PROJECT_ROOT, SOAK_IRI, Shape, Workspace, nutrikg, titles
from nutrikg.graph.assemble.loading import loaded_graph_iri
from nutrikg.graph.extract.corpus import load_document

TYPICAL_S = {"add": 8.0, "load": 3.0}  # a write's duration before any has been measured
CHECK_ATTEMPTS = 5  # a check refused while every worker is busy is sent again, this many times in all
LONGEST_S = 900.0  # a writer that runs longer is stuck: killed and counted as failed


@dataclass
class Write:
    """One write and what followed it."""

    kind: str  # add or load
    target: str  # document id or RDF file name
    version: int
    at_s: float  # since the soak started
    seconds: float = 0.0
    outcome: str = "done"  # done, killed or failed
    kill_after_s: float | None = None  # planned: killed unless it finished sooner
    rebuilt: bool = False  # add found the saved build not made from the corpus: it built all again
    seen_ms: float | None = None  # the first request after it (which waits for the new store)
    stale: str | None = None  # what that request answered, when it did not see the write
    check_refused: int = 0  # times that request was refused (503, all workers busy) and sent again
    diverged: str | None = None  # after a kill: how the documents served differ from the corpus
    journal_left: bool = False  # after a kill: a committed write's journal was left to replay
    error: str | None = None  # a failed write's last output line


@dataclass
class Writer:
    """Writes one at a time, `pause_s` apart, until the stop event is set."""

    workspace: Workspace
    shape: Shape
    url: str
    started: float  # perf_counter at the soak's start
    pause_s: tuple[float, float] = (2.0, 5.0)
    kill_share: float = 0.25
    seed: int = 17
    writes: list[Write] = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        rng = random.Random(self.seed)
        with httpx.Client(timeout=60.0) as client:
            while not stop.wait(rng.uniform(*self.pause_s)):
                write = self._plan(rng)
                self.writes.append(write)
                self._execute(write, client)

    def _plan(self, rng: random.Random) -> Write:
        kind = "add" if rng.random() < 0.65 else "load"
        count = self.shape.documents if kind == "add" else self.shape.rdf_files
        number, version = rng.randrange(count), rng.randrange(self.shape.versions)
        path = self._path(kind, number, version)
        write = Write(kind, path.stem, version, round(time.perf_counter() - self.started, 1))
        if rng.random() < self.kill_share:
            write.kill_after_s = round(rng.uniform(0.05, 1.0) * self._typical_s(kind), 2)
        return write

    def _path(self, kind: str, number: int, version: int) -> Path:
        if kind == "add":
            return self.workspace.document(number, version)
        return self.workspace.rdf_file(number, version)

    def _typical_s(self, kind: str) -> float:
        done = [w.seconds for w in self.writes if w.kind == kind and w.outcome == "done"]
        return statistics.median(done) if done else TYPICAL_S[kind]

    def source(self, write: Write) -> Path:
        """The file a write read."""
        number = int(write.target.rsplit("_", 1)[1])
        return self._path(write.kind, number, write.version)

    def _execute(self, write: Write, client: httpx.Client) -> None:
        log = self.workspace.logs / "writes" / f"{len(self.writes):04d}-{write.kind}-{write.target}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        returncode = _run_until(self._command(write), log, write.kill_after_s)
        write.seconds = round(time.perf_counter() - began, 2)
        output = log.read_text(encoding="utf-8", errors="replace")
        write.rebuilt = "built again" in output
        if returncode == -signal.SIGKILL and write.kill_after_s is not None:
            write.outcome = "killed"
            self._after_kill(write, client)
        elif returncode != 0:
            write.outcome = "failed"
            write.error = (output.strip().splitlines() or [f"exit {returncode}, no output"])[-1][:300]
        else:
            self._check_seen(write, client)

    def _command(self, write: Write) -> list[str]:
        data = self.workspace.data
        if write.kind == "add":
            return nutrikg("add", "--corpus", self.workspace.corpus, "--data-dir", data, self.source(write))
        return nutrikg("load", "--data-dir", data, self.source(write))

    def _check_seen(self, write: Write, client: httpx.Client) -> None:
        """The very next request that is answered must answer from the store the write made; one
        refused while every worker is busy (503 with Retry-After) read nothing, and is sent again."""
        began = time.perf_counter()
        for _ in range(CHECK_ATTEMPTS):
            try:
                answer = self._ask_version(write, client)
            except httpx.HTTPError as err:
                write.stale = f"{type(err).__name__}: {err}"
                return
            if answer.status_code != 503 or "Retry-After" not in answer.headers:
                break
            write.check_refused += 1
            time.sleep(float(answer.headers["Retry-After"]))
        write.seen_ms = round((time.perf_counter() - began) * 1000.0, 1)
        served = self._served_version(write, answer)
        if served != self._expected_version(write):
            write.stale = served

    def _ask_version(self, write: Write, client: httpx.Client) -> httpx.Response:
        if write.kind == "add":
            return client.get(f"{self.url}/api/v1/documents/{write.target}", params={"text_limit": 1})
        graph = loaded_graph_iri(self.source(write))
        query = f"SELECT ?v {{ GRAPH <{graph}> {{ <{SOAK_IRI}{write.target}> ?p ?v }} }}"
        return client.get(f"{self.url}/sparql", params={"query": query},
                          headers={"Accept": "application/sparql-results+json"})  # fmt: skip

    @staticmethod
    def _served_version(write: Write, answer: httpx.Response) -> str:
        if answer.status_code != 200:
            return f"HTTP {answer.status_code}: {answer.text[:200]}"
        try:
            if write.kind == "add":
                return str(answer.json()["title"])
            rows = answer.json()["results"]["bindings"]
        except (KeyError, ValueError) as err:
            return f"unreadable answer: {err}"
        return ", ".join(row["v"]["value"] for row in rows) or "(not loaded)"

    def _expected_version(self, write: Write) -> str:
        if write.kind == "add":
            return load_document(self.source(write)).title
        return f"version {write.version}"

    def _after_kill(self, write: Write, client: httpx.Client) -> None:
        """The documents served against those in the corpus folder, once the writer is dead."""
        write.journal_left = (self.workspace.data / "store.journal").exists()
        try:
            answer = client.get(f"{self.url}/api/v1/documents", params={"limit": 500})
            served = {item["id"]: item["title"] for item in answer.json()["items"]}
        except (httpx.HTTPError, KeyError, ValueError) as err:
            write.diverged = f"the document list did not answer: {err}"
            return
        corpus = titles(self.workspace.corpus)
        if served != corpus:
            write.diverged = _difference(served, corpus)


def _difference(served: dict[str, str], corpus: dict[str, str]) -> str:
    missing = sorted(corpus.keys() - served.keys())
    extra = sorted(served.keys() - corpus.keys())
    other = sorted(k for k in served.keys() & corpus.keys() if served[k] != corpus[k])
    parts = [f"{label}: {', '.join(ids)}" for label, ids in
             (("in the corpus, not served", missing), ("served, not in the corpus", extra),
              ("served in another version", other)) if ids]  # fmt: skip
    return "; ".join(parts)


def _run_until(command: list[str], log: Path, kill_after_s: float | None) -> int:
    """Run a writer in a process group of its own, killed with its children (SIGKILL) after
    `kill_after_s`; its return code (-9 when killed)."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        try:
            return process.wait(timeout=kill_after_s or LONGEST_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            return process.wait()
