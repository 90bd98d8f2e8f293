"""A build or an add is one transaction: a writer killed (SIGKILL) before any of its renames,
between any two of them, or after the last, leaves the store, the N-Triples file, the report, the
stored documents, the exports and (an add) the corpus folder all old or, once the journal is
replayed, all new."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import is_current, save_build
from nutrikg.graph.builds import read_history, read_stamp
from nutrikg.graph.extract.corpus import document_paths
from nutrikg.graph.read.export import precomputed
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from nutrikg.graph.stores import OxigraphStore
from nutrikg.graph.stores.rewrite import recover
from nutrikg.graph.stores.texts import DocumentTexts

# A writer killed by itself just before its Nth rename: a build of `corpus` into `data` (or, with a
# document after them, an add of that document).
WRITER = """
import os, signal, sys
from pathlib import Path

kill_at, calls = int(sys.argv[3]), 0

def counted(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call

os.replace, os.rename = counted(os.replace), counted(os.rename)
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.incremental import add_documents
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.extract.corpus import load_documents
from nutrikg.graph.settings import Settings

settings = Settings(corpus_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
if len(sys.argv) > 4:
    add_documents(load_documents([Path(sys.argv[4])]), settings, validate=False)
else:
    save_build(build_graph(settings.corpus_dir), settings)
print(calls)
"""
DOCUMENTS = "SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/nutrikg/Document> }"


def write(corpus: Path, data: Path, kill_at: int, *added: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", WRITER, str(corpus), str(data), str(kill_at), *map(str, added)]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def smaller(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    kept = sorted((PROJECT_ROOT / "corpus").glob("*.txt"))[0]
    for path in (kept, kept.with_name(kept.stem + ".meta.json")):
        shutil.copy(path, corpus / path.name)
    return corpus


@pytest.fixture(scope="module")
def renames(settings: Settings, smaller: Path, tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many renames a whole build makes (a run that is never killed)."""
    data = tmp_path_factory.mktemp("whole") / "data"
    shutil.copytree(settings.data_dir, data)
    done = write(smaller, data, 10**9)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def state(settings: Settings) -> frozenset[str]:
    """The documents every part of the data folder holds, after checking that they agree."""
    store = OxigraphStore(settings.store_dir, read_only=True)
    ids = frozenset(row["d"].rsplit("/", 1)[-1] for row in store.select(DOCUMENTS))
    graph_file = settings.graph_file.read_bytes()
    assert all(f"/{doc_id}>".encode() in graph_file for doc_id in ids)
    report = json.loads(settings.report_file.read_text(encoding="utf-8"))
    assert report["documents"] == len(ids)
    texts = DocumentTexts(settings.texts_file)
    assert all(texts.get(doc_id) is not None for doc_id in ids)
    exported = precomputed(settings.exports_dir, "ntriples")
    assert exported is not None and exported.sha256 == hashlib.sha256(graph_file).hexdigest()
    stamp, history = read_stamp(settings.store_dir), read_history(settings.builds_dir)
    assert stamp is not None and history[-1] == stamp  # the store's build is the history's last
    assert stamp.documents == len(ids)
    return ids


# Before the commit (staged files, the build's record, the exports), the journal itself, and each
# rename it lists.
@pytest.mark.parametrize("point", [1, 6, 15, 16, 17, 18, 19, 20, 21, 22])
def test_a_writer_killed_anywhere_leaves_all_old_or_all_new(
    settings: Settings, smaller: Path, renames: int, point: int, tmp_path: Path
) -> None:
    if point > renames:
        pytest.skip(f"a build makes {renames} renames")
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data)
    copy = Settings(corpus_dir=smaller, data_dir=data)
    old = state(copy)
    killed = write(smaller, data, point)
    assert killed.returncode == -9, killed.stderr
    recover(copy.store_dir)  # as the next writer or the service's start does
    after = state(copy)
    assert after in (old, frozenset(p.stem for p in smaller.glob("*.txt"))), (point, after)


@pytest.fixture(scope="module")
def one_built(smaller: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a corpus of one document and its saved build."""
    folder = tmp_path_factory.mktemp("one")
    shutil.copytree(smaller, folder / "corpus")
    settings = Settings(corpus_dir=folder / "corpus", data_dir=folder / "data")
    save_build(build_graph(settings.corpus_dir), settings)
    return folder


@pytest.fixture(scope="module")
def another() -> Path:
    """A shipped document that is not in the one-document corpus."""
    return sorted((PROJECT_ROOT / "corpus").glob("*.txt"))[1]


# Renames an add makes: 1-2 its corpus files staged, 3-12 the graph, report and exports staged,
# 13 the journal (the commit), 14-15 the corpus files, 16-19 the other files, 20-21 the store.
# Before the corpus files were part of the transaction, 2 and 13 left them ahead of the graph.
@pytest.mark.parametrize("point", [2, 13, 15, 21])
def test_an_add_killed_anywhere_leaves_the_corpus_copy_as_the_graph_was_built_from(
    one_built: Path, another: Path, point: int, tmp_path: Path
) -> None:
    shutil.copytree(one_built, tmp_path / "one")
    copy = Settings(corpus_dir=tmp_path / "one" / "corpus", data_dir=tmp_path / "one" / "data")
    killed = write(copy.corpus_dir, copy.data_dir, point, another)
    assert killed.returncode == -9, f"the add made fewer than {point} renames: {killed.stdout}"
    recover(copy.store_dir)  # as the next writer or the service's start does
    assert is_current(copy), point  # the corpus is the one the saved graph was built from
    assert state(copy) == frozenset(p.stem for p in document_paths(copy.corpus_copy)), point
