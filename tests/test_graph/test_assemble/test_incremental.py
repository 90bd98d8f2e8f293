"""Incremental builds: adding documents one by one gives, byte for byte, the graph (and the report
counts) of a build from scratch; re-adding a document replaces it; parallel extraction gives the
same graph as a single process."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import pytest

from nutrikg.api.cli import main
from nutrikg.graph.assemble.build import PARALLEL_THRESHOLD, BuildReport, BuildResult, build_graph
from nutrikg.graph.assemble.incremental import add_documents, load_graph, load_report
from nutrikg.graph.assemble.persist import is_current, save_build
from nutrikg.graph.errors import StoreError
from nutrikg.graph.extract.corpus import load_documents, parse_document
from nutrikg.graph.read.export import sorted_ntriples
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from nutrikg.graph.stores import OxigraphStore
from nutrikg.graph.stores.texts import DocumentTexts

SHIPPED = PROJECT_ROOT / "corpus"
DOCUMENTS = sorted(SHIPPED.glob("*.txt"))
VARYING = ("seconds", "corpus")  # report fields that differ between two equal builds


@pytest.fixture(scope="module")
def half_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved build (corpus, graph, report, store) of the first two shipped documents."""
    folder = tmp_path_factory.mktemp("half")
    settings = Settings(corpus_dir=folder / "corpus", data_dir=folder / "data")
    settings.corpus_dir.mkdir()
    for document in DOCUMENTS[:2]:
        copy_document(document, settings.corpus_dir)
    save_build(build_graph(settings.corpus_dir), settings)
    return folder


@pytest.fixture
def half_built(half_build: Path, tmp_path: Path) -> Settings:
    """A copy of the half build for one test; it is still current (the fingerprint hashes the
    documents' names and contents, not their folder)."""
    shutil.copytree(half_build, tmp_path / "half")
    return Settings(corpus_dir=tmp_path / "half" / "corpus", data_dir=tmp_path / "half" / "data")


def copy_document(document: Path, folder: Path, stem: str | None = None) -> Path:
    """Copy a document and its metadata, optionally under another id."""
    stem = stem or document.stem
    shutil.copyfile(document, folder / f"{stem}{document.suffix}")
    shutil.copyfile(document.with_name(document.stem + ".meta.json"), folder / f"{stem}.meta.json")
    return folder / f"{stem}{document.suffix}"


def names(folder: Path) -> list[str]:
    """The files of a corpus folder (or copy), by name; hidden ones left out."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def counts(report: BuildReport) -> dict[str, object]:
    return {k: v for k, v in dataclasses.asdict(report).items() if k not in VARYING}


def saved_graph(settings: Settings) -> bytes:
    return settings.graph_file.read_bytes()


def test_adding_the_rest_one_by_one_equals_a_full_build(
    half_built: Settings,
    built: BuildResult,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = half_built
    argv = ["nutrikg", "add", str(DOCUMENTS[2]), "--corpus", str(settings.corpus_dir)]
    monkeypatch.setattr(sys, "argv", [*argv, "--data-dir", str(settings.data_dir)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0, capsys.readouterr().err
    assert f"added: {DOCUMENTS[2].stem}" in capsys.readouterr().err
    result = add_documents(load_documents([DOCUMENTS[3]]), settings, validate=False)
    assert (result.added, result.replaced, result.rebuilt) == ([DOCUMENTS[3].stem], [], False)
    assert saved_graph(settings) == sorted_ntriples(built.rdf_graph)
    assert counts(load_report(settings.report_file)) == counts(built.report)
    assert names(settings.corpus_copy) == names(SHIPPED)  # the data folder's copy took both
    assert names(settings.corpus_dir) == names(SHIPPED)[:4]  # the corpus folder never changes
    assert is_current(settings)  # the corpus now holds what the graph was built from
    assert OxigraphStore(settings.store_dir, read_only=True).count() == len(built.rdf_graph)

    before, report_before = saved_graph(settings), counts(load_report(settings.report_file))
    again = add_documents(load_documents([DOCUMENTS[3]]), settings, validate=False)
    assert (again.added, again.replaced) == ([], [DOCUMENTS[3].stem])
    assert saved_graph(settings) == before
    assert counts(load_report(settings.report_file)) == report_before


def test_re_adding_a_changed_document_replaces_its_claims(half_built: Settings, tmp_path: Path) -> None:
    settings = half_built
    original = saved_graph(settings)
    edited = copy_document(DOCUMENTS[1], tmp_path)
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text[: len(text) // 2], encoding="utf-8")  # half its claims go
    result = add_documents(load_documents([edited]), settings, validate=False)
    assert result.replaced == [DOCUMENTS[1].stem]

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    copy_document(DOCUMENTS[0], scratch)
    copy_document(edited, scratch)
    expected = build_graph(scratch)
    assert saved_graph(settings) == sorted_ntriples(expected.rdf_graph)
    assert counts(load_report(settings.report_file)) == counts(expected.report)

    add_documents(load_documents([DOCUMENTS[1]]), settings, validate=False)  # and back again
    assert saved_graph(settings) == original


def test_adding_keeps_loaded_named_graphs(half_built: Settings) -> None:
    store = OxigraphStore(half_built.store_dir)
    store.add_ntriples(
        b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", "urn:x:g"
    )
    store.close()
    add_documents(load_documents([DOCUMENTS[2]]), half_built, validate=False)
    reader = OxigraphStore(half_built.store_dir, read_only=True)
    assert reader.named_graphs() == {"urn:x:g"}
    assert reader.count() == len(load_graph(half_built.graph_file))


def test_an_add_stopped_before_its_commit_leaves_the_corpus_copy_as_it_was(
    half_built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files of the data folder's copy of the corpus are part of a write's transaction: one
    that stops before its commit changes none of them (here a document replaced by a version
    under another suffix)."""
    corpus = half_built.corpus_copy
    before = {path.name: path.read_bytes() for path in corpus.iterdir()}
    as_markdown = tmp_path / f"{DOCUMENTS[1].stem}.md"
    as_markdown.write_text(DOCUMENTS[1].read_text(encoding="utf-8")[:2000], encoding="utf-8")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise StoreError("no space left on device")

    with monkeypatch.context() as patched:
        patched.setattr("nutrikg.graph.stores.rewrite.commit", full_disk)
        with pytest.raises(StoreError):
            add_documents(load_documents([as_markdown]), half_built, validate=False)
    assert {path.name: path.read_bytes() for path in corpus.iterdir()} == before
    assert is_current(half_built)

    result = add_documents(load_documents([as_markdown]), half_built, validate=False)
    assert result.replaced == [DOCUMENTS[1].stem] and not result.rebuilt
    assert sorted(path.name for path in corpus.iterdir()) == sorted(
        {*before, as_markdown.name} - {DOCUMENTS[1].name}
    )  # the .txt version is gone, and nothing staged is left beside the documents
    assert is_current(half_built)


def test_without_a_saved_build_adding_builds(tmp_path: Path) -> None:
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    result = add_documents(load_documents([DOCUMENTS[0]]), settings, validate=False)
    assert result.rebuilt and result.added == [DOCUMENTS[0].stem] and result.report.documents == 1
    assert (settings.corpus_copy / f"{DOCUMENTS[0].stem}.meta.json").exists()
    assert not settings.corpus_dir.exists()
    assert is_current(settings)


def test_adding_to_a_data_folder_without_a_build_starts_from_the_corpus_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy_document(DOCUMENTS[0], corpus)
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    result = add_documents(load_documents([DOCUMENTS[1]]), settings, validate=False)
    assert result.rebuilt and result.report.documents == 2
    assert names(settings.corpus_copy) == sorted(
        [*names(corpus), DOCUMENTS[1].name, f"{DOCUMENTS[1].stem}.meta.json"]
    )
    assert names(corpus) == sorted([DOCUMENTS[0].name, f"{DOCUMENTS[0].stem}.meta.json"])


def test_a_document_held_in_memory_is_added_and_stored(half_built: Settings) -> None:
    """What a client sends is added as it is: no file is read, and the stored documents gain
    its text and mentions while keeping the others'."""
    raw = b"Vitamin K2 activates matrix Gla protein, which keeps calcium out of the arteries.\n"
    sent = parse_document(Path("sent.txt"), raw, {"publisher_kind": "blog", "title": "Sent"})
    result = add_documents([sent], half_built, validate=False)
    assert result.added == ["sent"] and not result.rebuilt
    assert (half_built.corpus_copy / "sent.txt").read_bytes() == raw
    assert not (half_built.corpus_dir / "sent.txt").exists()
    texts = DocumentTexts(half_built.texts_file)
    stored = texts.get("sent")
    assert stored is not None and stored.text == raw.decode() and stored.mentions
    assert {m.text for m in stored.mentions} >= {"Vitamin K2", "matrix Gla protein"}
    assert texts.get(DOCUMENTS[0].stem) is not None  # the earlier documents are still stored


@pytest.mark.slow
def test_parallel_extraction_gives_the_same_graph(tmp_path: Path) -> None:
    """Enough copies of the seed documents (under other names) to reach the pool's threshold."""
    copies = -(-PARALLEL_THRESHOLD // len(DOCUMENTS))
    for copy in range(copies):
        for document in DOCUMENTS:
            copy_document(document, tmp_path, f"{copy:02d}_{document.stem}")
    single, pooled = build_graph(tmp_path, workers=1), build_graph(tmp_path, workers=2)
    assert single.report.documents == pooled.report.documents == copies * len(DOCUMENTS)
    assert set(single.rdf_graph) == set(pooled.rdf_graph)
    assert counts(single.report) == counts(pooled.report)
    assert [e.document.id for e in single.extractions] == [e.document.id for e in pooled.extractions]
