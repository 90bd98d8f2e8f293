"""Scale graphs: the corpus graph plus generated mechanism-shaped triples, as N-Triples.

`python -m bench.generate --scales 10k,100k,1m` writes bench/scratch/graph-<scale>.nt (and a
small .json beside it saying how it was made); a file whose recipe is unchanged is reused.
Generation is seeded, so the same recipe always gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.config import BENCH_DIR, SCRATCH
from bench.synth import Synthesizer
from bench.vocab import read_ontology

PROJECT_ROOT = BENCH_DIR.parent
GENERATOR_VERSION = 1
DEFAULT_SEED = 20240611
TRIPLES_PER_ENTITY = 55  # one generated entity per this many generated triples


@dataclass(frozen=True)
class Recipe:
    """Everything a scale graph depends on; equal recipes give equal files."""

    scale: str
    target: int
    seed: int
    base_sha: str  # fingerprint of the base graph (corpus + ontology + extraction rules)
    version: int = GENERATOR_VERSION


@dataclass(frozen=True)
class ScaleGraph:
    """A generated file and what is in it."""

    path: Path
    recipe: Recipe
    triples: int
    base_triples: int
    entities: int
    documents: int
    seconds: float


def parse_scale(text: str) -> int:
    """`10k` -> 10_000, `1m` -> 1_000_000, `2500` -> 2500; raises ValueError otherwise."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    value = int(float(number) * factor)
    if value <= 0:
        raise ValueError(f"scale must be positive: {text!r}")
    return value


def corpus_base(corpus_dir: Path = PROJECT_ROOT / "corpus", scratch: Path = SCRATCH) -> Path:
    """The corpus built into a graph (sorted N-Triples), cached under `scratch` by fingerprint.

    Raises graph.errors.CorpusError when the corpus cannot be built.
    """
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.assemble.persist import fingerprint
    from nutrikg.graph.files import write_atomic
    from nutrikg.graph.read.export import sorted_ntriples

    path = scratch / f"corpus-{fingerprint(corpus_dir)[:16]}.nt"
    if not path.exists():
        result = build_graph(corpus_dir)
        write_atomic(path, sorted_ntriples(result.rdf_graph))
        for stale in scratch.glob("corpus-*.nt"):  # builds of an older corpus or extractor
            if stale != path:
                stale.unlink()
    return path


def generate(scale: str, base: Path, scratch: Path = SCRATCH, seed: int = DEFAULT_SEED) -> ScaleGraph:
    """The scale graph `scale` over the base graph `base`, generated or reused.

    Raises ValueError for a malformed scale and OSError when files cannot be written.
    """
    base_bytes = base.read_bytes()
    recipe = Recipe(scale, parse_scale(scale), seed, _sha(base_bytes))
    path = scratch / f"graph-{scale}.nt"
    meta_path = path.with_suffix(".json")
    reused = _reuse(path, meta_path, recipe)
    if reused is not None:
        return reused
    started = time.perf_counter()
    counts = _write(path, base_bytes, recipe)
    made = ScaleGraph(path, recipe, *counts, round(time.perf_counter() - started, 2))
    meta = asdict(made) | {"path": path.name}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return made


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _reuse(path: Path, meta_path: Path, recipe: Recipe) -> ScaleGraph | None:
    if not (path.exists() and meta_path.exists()):
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    if meta.get("recipe") != asdict(recipe):
        return None
    fields = ("triples", "base_triples", "entities", "documents", "seconds")
    return ScaleGraph(path, recipe, *(meta[name] for name in fields))


def _write(path: Path, base_bytes: bytes, recipe: Recipe) -> tuple[int, int, int, int]:
    """Write base + generated lines to `path` atomically; return the counts."""
    base_lines = [line + "\n" for line in base_bytes.decode("utf-8").splitlines() if line.strip()]
    known = set(base_lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".nt.tmp")
    written = len(base_lines)
    with temporary.open("w", encoding="utf-8") as out:
        out.writelines(base_lines)
        lines, entities, documents = _generated(recipe, known, recipe.target - written)
        for line in lines:
            out.write(line)
            written += 1
    os.replace(temporary, path)
    return written, len(base_lines), entities, documents[0]


def _generated(recipe: Recipe, known: set[str], wanted: int) -> tuple[Iterator[str], int, list[int]]:
    """Lines until `wanted` have been produced (stopping at a document's end), and the counts."""
    synth = Synthesizer(read_ontology(), recipe.seed, known)
    entities = max(20, wanted // TRIPLES_PER_ENTITY) if wanted > 0 else 0
    documents = [0]

    def lines() -> Iterator[str]:
        produced = 0
        for line in synth.entity_lines(entities):
            produced += 1
            yield line
        while produced < wanted:
            documents[0] += 1
            for line in synth.document_lines(documents[0]):
                produced += 1
                yield line

    return lines(), entities, documents


def main(argv: list[str] | None = None) -> None:
    """Command line: generate (or reuse) the scale graphs and print what was made."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10k,100k,1m")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    base = corpus_base()
    for scale in args.scales.split(","):
        made = generate(scale, base, seed=args.seed)
        print(f"{made.path}: {made.triples} triples ({made.base_triples} from the corpus)")


if __name__ == "__main__":
    main()
