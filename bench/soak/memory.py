"""Resident memory over time: the service's front process and its query workers apart, with
what would show a leak beside it (the front process's open files, those in the data folder, and
retired store folders kept)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from nutrikg.graph.pins import retired_dir

MB = 2**20


@dataclass(frozen=True)
class MemorySample:
    at_s: float  # since the soak started
    service_mb: float  # the front process (uvicorn: the app, the JSON API's graph)
    workers_mb: float  # every process it started (the query workers), summed
    workers: int
    open_files: int  # the front process's file descriptors (sockets included)
    store_files: int  # of those, files under the data folder (the store's, the stored texts)
    retired_stores: int  # swapped-out store folders still on disk (a reader has them open)

    @property
    def total_mb(self) -> float:
        return round(self.service_mb + self.workers_mb, 1)


@dataclass
class MemorySeries:
    """Samples the service every `interval_s` until the stop event is set."""

    pid: int
    store_dir: Path
    started: float  # perf_counter at the soak's start
    interval_s: float = 5.0
    samples: list[MemorySample] = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        while True:
            sample = self.sample()
            if sample is not None:
                self.samples.append(sample)
            if stop.wait(self.interval_s):
                return

    @property
    def data_prefix(self) -> str:
        return str(self.store_dir.parent) + "/"

    def sample(self) -> MemorySample | None:
        """The service now; None when it is gone."""
        try:
            front = psutil.Process(self.pid)
            children = front.children(recursive=True)
            service = front.memory_info().rss
            open_files = front.num_fds()
            store_files = sum(1 for f in front.open_files() if f.path.startswith(self.data_prefix))
        except psutil.Error:
            return None
        workers = 0
        for child in children:
            try:
                workers += child.memory_info().rss
            except psutil.Error:
                continue  # a worker that just exited
        try:
            kept = sum(1 for _ in retired_dir(self.store_dir).iterdir())
        except FileNotFoundError:  # none kept: the folder goes with its last store
            kept = 0
        return MemorySample(round(time.perf_counter() - self.started, 1), round(service / MB, 1),
                            round(workers / MB, 1), len(children), open_files, store_files,
                            kept)  # fmt: skip
