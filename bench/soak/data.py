"""What the soak writes with: a corpus folder (the shipped corpus plus a few generated documents),
a pool of document versions `nutrikg add` takes from, and versions of small RDF files `nutrikg
load` takes; and the `nutrikg` commands themselves, run as the user would run them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.extraction import make_corpus
from bench.synth import Synthesizer
from bench.vocab import read_ontology
from nutrikg.graph.extract.corpus import document_paths, load_document

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOAK_IRI = "https://w3id.org/nutrikg/soak/"
RDFS_COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"


@dataclass(frozen=True)
class Workspace:
    """The soak's folders, all under one root."""

    root: Path

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def pool(self) -> Path:
        return self.root / "pool"

    @property
    def rdf(self) -> Path:
        return self.root / "rdf"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def document(self, number: int, version: int) -> Path:
        """Version `version` of pool document `number` (its id: soak_NN)."""
        return self.pool / f"v{version}" / f"soak_{number:02d}.txt"

    def rdf_file(self, number: int, version: int) -> Path:
        """Version `version` of RDF file `number` (loaded into the graph named by its file name)."""
        return self.rdf / f"v{version}" / f"extra_{number}.nt"


@dataclass(frozen=True)
class Shape:
    """How much the soak writes with: pool documents, their versions, the ones built at the
    start, and RDF files with their versions."""

    documents: int = 12
    versions: int = 3
    initial: int = 4
    rdf_files: int = 3
    triples_per_file: int = 120


def prepare(workspace: Workspace, shape: Shape) -> None:
    """Write the corpus (from scratch), the pool and the RDF files; the first build is `build`'s."""
    shutil.rmtree(workspace.corpus, ignore_errors=True)
    shutil.copytree(PROJECT_ROOT / "corpus", workspace.corpus)
    _write_pool(workspace, shape)
    for number in range(shape.initial):
        copy_document(workspace.document(number, 0), workspace.corpus)
    _write_rdf(workspace, shape)


def _write_pool(workspace: Workspace, shape: Shape) -> None:
    """Every version of every pool document: variants of the shipped ones (bench.extraction),
    each with a title of its own, so a reader can tell which version it was served."""
    generated = make_corpus(workspace.root / "generated", shape.documents * shape.versions)
    for made in sorted(generated.glob("gen_*.txt")):
        serial = int(made.stem.split("_")[1])
        target = workspace.document(serial % shape.documents, serial // shape.documents)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(made, target)
        shutil.copy(made.with_name(made.stem + ".meta.json"), target.with_name(target.stem + ".meta.json"))


def copy_document(path: Path, folder: Path) -> None:
    """A document with its .meta.json into `folder`."""
    shutil.copy(path, folder / path.name)
    shutil.copy(path.with_name(path.stem + ".meta.json"), folder / f"{path.stem}.meta.json")


def _write_rdf(workspace: Workspace, shape: Shape) -> None:
    """Generated entities (bench.synth) as N-Triples, with one line naming file and version."""
    vocab = read_ontology()
    for number in range(shape.rdf_files):
        for version in range(shape.versions):
            path = workspace.rdf_file(number, version)
            path.parent.mkdir(parents=True, exist_ok=True)
            lines = Synthesizer(vocab, seed=1000 * number + version, known=set()).entity_lines(
                shape.triples_per_file // 4
            )
            path.write_text("".join([marker_line(number, version), *lines]), encoding="utf-8")


def marker_line(number: int, version: int) -> str:
    """The line by which a reader tells which version of RDF file `number` it is served."""
    return f'<{SOAK_IRI}extra_{number}> {RDFS_COMMENT} "version {version}" .\n'


def titles(corpus_dir: Path) -> dict[str, str]:
    """Each corpus document's id and title, as a build reads them."""
    return {path.stem: load_document(path).title for path in document_paths(corpus_dir)}


def nutrikg(*args: str | Path) -> list[str]:
    """The command line of `nutrikg ARGS`, for this checkout's code."""
    return [sys.executable, "-m", "nutrikg", *map(str, args)]


def build(corpus: Path, data: Path, log: Path) -> None:
    """`nutrikg build` of `corpus` into `data`; raises CalledProcessError (see `log`) on failure."""
    run(nutrikg("build", "--corpus", corpus, "--data-dir", data), log)


def run(command: list[str], log: Path) -> None:
    """Run a command from the project root, its output appended to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        subprocess.run(command, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT, check=True)
