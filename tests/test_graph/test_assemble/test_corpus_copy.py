"""The data folder keeps its own copy of its corpus: `nutrikg add` writes there, never into the
corpus folder (the repository's corpus/ stays as shipped), and `build --if-needed` keeps what was
added while the corpus folder is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nutrikg.graph.assemble.corpus_copy import added_since, copy_corpus, source_changed
from nutrikg.graph.settings import PROJECT_ROOT
from tests.test_api.test_cli import run_cli

K2 = "Vitamin K2 activates osteocalcin.\n"
D3 = "Vitamin D3 increases calcium absorption.\n"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def documents(data: Path) -> int:
    return int(json.loads((data / "build-report.json").read_text(encoding="utf-8"))["documents"])


@pytest.mark.slow
def test_adding_never_writes_into_the_shipped_corpus(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shipped = PROJECT_ROOT / "corpus"
    before = files(shipped)
    note = tmp_path / "note.txt"
    note.write_text(K2, encoding="utf-8")
    data = tmp_path / "data"
    code, _, err = run_cli(monkeypatch, capsys, "add", str(note), "--data-dir", str(data))
    assert code == 0, err
    assert files(shipped) == before
    assert documents(data) == len([n for n in before if n.endswith(".txt")]) + 1
    assert (data / "corpus" / "note.txt").read_text(encoding="utf-8") == K2
    assert f"copied into {data / 'corpus'}" in err


def test_a_rebuild_keeps_or_drops_added_documents_as_the_corpus_folder_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus, data, note = tmp_path / "corpus", tmp_path / "data", tmp_path / "note.txt"
    corpus.mkdir()
    (corpus / "k2.txt").write_text(K2, encoding="utf-8")
    note.write_text(D3, encoding="utf-8")
    options = ["--corpus", str(corpus), "--data-dir", str(data)]

    assert run_cli(monkeypatch, capsys, "build", *options)[0] == 0
    assert files(data / "corpus") == files(corpus)
    assert run_cli(monkeypatch, capsys, "add", str(note), *options)[0] == 0
    assert files(corpus) == {"k2.txt": K2.encode()} and documents(data) == 2

    code, _, err = run_cli(monkeypatch, capsys, "build", "--if-needed", *options)
    assert code == 0 and "graph is current" in err  # the added document is part of it

    report = data / "build-report.json"  # as if the extractor had changed since: out of date
    report.write_text(report.read_text(encoding="utf-8").replace('"fingerprint": "', '"fingerprint": "x'))
    code, _, err = run_cli(monkeypatch, capsys, "build", "--if-needed", *options)
    assert code == 0 and "graph is current" not in err and documents(data) == 2  # the copy, rebuilt

    code, _, err = run_cli(monkeypatch, capsys, "build", *options)  # from the corpus folder
    assert code == 0 and documents(data) == 1
    assert (
        "dropped: note (added since the last build; add them again, or put them into the corpus folder)"
        in err
    )
    assert files(data / "corpus") == files(corpus)


def test_the_copy_tells_a_changed_corpus_and_what_was_added(tmp_path: Path) -> None:
    corpus, copy = tmp_path / "corpus", tmp_path / "copy"
    corpus.mkdir()
    (corpus / "a.txt").write_text(K2, encoding="utf-8")
    (corpus / "a.meta.json").write_text("{}", encoding="utf-8")
    (corpus / "notes.docx").write_bytes(b"PK")  # no document: not copied
    assert source_changed(corpus, copy)
    assert copy_corpus(corpus, copy) == []
    assert sorted(p.name for p in copy.iterdir()) == [".source.json", "a.meta.json", "a.txt"]
    assert not source_changed(corpus, copy) and added_since(copy) == []
    (copy / "b.txt").write_text(D3, encoding="utf-8")  # what `add` does
    (copy / "a.txt").write_text(D3, encoding="utf-8")  # a replaced document counts as added too
    assert added_since(copy) == ["a", "b"] and not source_changed(corpus, copy)
    (corpus / "a.meta.json").write_text('{"title": "A"}', encoding="utf-8")
    assert source_changed(corpus, copy)
    assert copy_corpus(corpus, copy) == ["b"]  # a is in the corpus folder: copied again, not dropped
    assert (copy / "a.txt").read_text(encoding="utf-8") == K2 and not (copy / "b.txt").exists()
    assert copy_corpus(copy, copy) == []  # a copy is its own corpus: nothing to do
