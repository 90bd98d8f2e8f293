"""Extraction throughput: a corpus of generated documents built with graph.build.build_graph,
on one core (workers=1) and on every core.

The documents are variations of the seed documents in corpus/: paragraphs and the sentences
inside them shuffled, and a few nutrients or minerals swapped for others of the same class
(labels from the ontology), so the extractor sees realistic, non-identical text.
`python -m bench.extraction DIR WORKERS` builds DIR once and prints a JSON report.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import own_peak_rss_mb
from bench.vocab import read_ontology

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SWAP_CLASSES = ("Mineral", "Vitamin")


def make_corpus(target: Path, count: int, seeds_dir: Path = PROJECT_ROOT / "corpus", seed: int = 7) -> Path:
    """Write `count` documents (and their .meta.json) to `target`, unless already there."""
    marker = target / ".complete"
    if marker.exists() and marker.read_text() == str(count):
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        raise FileNotFoundError(f"no seed documents in {seeds_dir}")
    rng = random.Random(seed)
    groups = _swap_groups()
    for number in range(count):
        source = seeds[number % len(seeds)]
        text = _vary(rng, source.read_text(encoding="utf-8"), groups)
        stem = f"gen_{number:05d}"
        (target / f"{stem}.txt").write_text(text, encoding="utf-8")
        (target / f"{stem}.meta.json").write_text(_meta(source, number), encoding="utf-8")
    marker.write_text(str(count))
    return target


def _swap_groups() -> list[list[str]]:
    entities = read_ontology().entities
    return [[e.label for e in entities if e.cls == cls] for cls in SWAP_CLASSES]


def _meta(source: Path, number: int) -> str:
    meta_path = source.with_name(source.stem + ".meta.json")
    meta: dict[str, Any] = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    meta["title"] = f"{meta.get('title', source.stem)} (variant {number})"
    return json.dumps(meta, indent=2)


def shuffled(rng: random.Random, text: str) -> str:
    """`text` with its paragraphs, and the sentences within each, in a random order: sentences
    then meet other topics, and anaphors other antecedents."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    rng.shuffle(paragraphs)
    mixed = []
    for paragraph in paragraphs:
        sentences = SENTENCE_END.split(paragraph.strip())
        rng.shuffle(sentences)
        mixed.append(" ".join(sentences))
    return "\n\n".join(mixed) + "\n"


def _vary(rng: random.Random, text: str, groups: list[list[str]]) -> str:
    body = shuffled(rng, text)
    for group in groups:
        present = [label for label in group if _word(label).search(body)]
        for label in rng.sample(present, k=min(2, len(present))):
            replacement = rng.choice(group)
            body = _word(label).sub(replacement, body)
    return body


def _word(label: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(label)}(?![\w-])", re.IGNORECASE)


def measure_build(corpus_dir: Path, workers: int, timeout_s: float = 1800) -> dict[str, Any]:
    """Build `corpus_dir` in a fresh process with `workers` workers; documents/s and MB/s.

    Raises subprocess.CalledProcessError when the build fails.
    """
    args = [sys.executable, "-m", "bench.extraction", str(corpus_dir), str(workers)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=timeout_s,
                          cwd=PROJECT_ROOT)  # fmt: skip
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _build(corpus_dir: Path, workers: int) -> dict[str, Any]:
    from nutrikg.graph.assemble.build import build_graph

    text_bytes = sum(p.stat().st_size for p in corpus_dir.glob("*.txt"))
    started = time.perf_counter()
    result = build_graph(corpus_dir, workers=workers)
    seconds = time.perf_counter() - started
    report = result.report
    return {
        "workers": workers,
        "documents": report.documents,
        "text_mb": round(text_bytes / 1e6, 3),
        "seconds": round(seconds, 3),
        "docs_per_s": round(report.documents / seconds, 1),
        "mb_per_s": round(text_bytes / 1e6 / seconds, 3),
        "claims": report.claims,
        "triples": report.triples,
        "problems": len(report.problems),
        "peak_rss_mb": own_peak_rss_mb(),
    }


def cores() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    print(json.dumps(_build(Path(sys.argv[1]), int(sys.argv[2]))))
