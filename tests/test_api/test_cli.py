"""The `nutrikg` command: clear errors, non-zero exits, nothing half-written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from nutrikg.api.cli import main
from nutrikg.graph.settings import PROJECT_ROOT, Settings


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Run `nutrikg ARGS` in-process; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["nutrikg", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out, err


def test_missing_corpus_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(
        monkeypatch,
        capsys,
        "build",
        "--corpus",
        str(tmp_path / "nope"),
        "--data-dir",
        str(tmp_path / "d"),
    )
    assert code == 3
    assert "corpus folder not found" in err and "nope" in err
    assert not (tmp_path / "d").exists()


def test_folder_with_only_bad_documents(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"\xff\xfe not utf-8 \xff")
    code, _, err = run_cli(
        monkeypatch, capsys, "build", "--corpus", str(corpus), "--data-dir", str(tmp_path / "d")
    )
    assert code == 3
    assert "no readable document" in err
    assert not (tmp_path / "d" / "nutrikg.nt").exists()


def test_bad_document_is_reported_and_skipped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("Vitamin K2 activates osteocalcin.\n", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    data = tmp_path / "d"
    code, _, err = run_cli(monkeypatch, capsys, "build", "--corpus", str(corpus), "--data-dir", str(data))
    assert code == 0, err
    assert "empty.txt" in err and "is empty" in err
    report = json.loads((data / "build-report.json").read_text())
    assert report["documents"] == 1 and report["asserted"] == 1
    assert "activates" in (data / "nutrikg.nt").read_text()


def test_export_path_and_validate(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    tmp_path: Path,
) -> None:
    data = str(settings.data_dir)
    out_file = tmp_path / "g.ttl"
    code, _, err = run_cli(
        monkeypatch, capsys, "export", "--format", "turtle", "-o", str(out_file), "--data-dir", data
    )
    assert code == 0, err
    assert out_file.read_text().startswith("@prefix")
    code, out, _ = run_cli(monkeypatch, capsys, "path", "vitamin K2", "arteries", "--data-dir", data)
    assert code == 0
    assert "routes lower; strongest: vitamin K2 -> inhibits deposition in -> artery" in out
    assert "[2] vitamin K2 -> activates -> matrix Gla protein -> inhibits deposition in -> artery" in out
    lowering = out[out.index("Lower artery") :]
    assert "matrix Gla protein" in lowering
    code, _, err = run_cli(monkeypatch, capsys, "validate", "--data-dir", data)
    assert code == 0, err


def test_unknown_entity_and_format(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    tmp_path: Path,
) -> None:
    data = str(settings.data_dir)
    code, _, err = run_cli(monkeypatch, capsys, "path", "unobtainium", "arteries", "--data-dir", data)
    assert code == 4 and "unobtainium" in err
    target = tmp_path / "g.out"
    code, _, err = run_cli(
        monkeypatch, capsys, "export", "--format", "rdfa", "-o", str(target), "--data-dir", data
    )
    assert code == 2 and "rdfa" in err
    assert not target.exists()


def test_build_if_needed_skips_an_unchanged_corpus(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Vitamin D boosts calcium absorption.\n", encoding="utf-8")
    data = str(tmp_path / "d")
    assert run_cli(monkeypatch, capsys, "build", "--corpus", str(corpus), "--data-dir", data)[0] == 0
    code, _, err = run_cli(
        monkeypatch, capsys, "build", "--if-needed", "--corpus", str(corpus), "--data-dir", data
    )
    assert code == 0 and "graph is current" in err
    (corpus / "b.txt").write_text("Vitamin K2 activates osteocalcin.\n", encoding="utf-8")
    code, _, err = run_cli(
        monkeypatch, capsys, "build", "--if-needed", "--corpus", str(corpus), "--data-dir", data
    )
    assert code == 0 and "graph is current" not in err


def test_shipped_corpus_is_the_default() -> None:
    assert Settings().corpus_dir == PROJECT_ROOT / "corpus"


def test_query_answers_and_refuses_like_the_endpoint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    data = str(settings.data_dir)
    select = "SELECT ?x WHERE { ?x nm:activates nm:osteocalcin }"
    code, out, _ = run_cli(monkeypatch, capsys, "query", select, "--format", "csv", "--data-dir", data)
    assert code == 0
    assert out.splitlines()[0] == "x" and "https://w3id.org/nutrikg/vitamin_k2" in out.splitlines()
    ask = "ASK { nm:magnesium nm:convertsToActiveForm nm:vitamin_d }"
    code, out, _ = run_cli(monkeypatch, capsys, "query", ask, "--format", "json", "--data-dir", data)
    assert code == 0 and json.loads(out)["rows"] == [{"answer": "true"}]
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    code, _, err = run_cli(monkeypatch, capsys, "query", service, "--data-dir", data)
    assert code == 2 and "SERVICE" in err
    code, _, err = run_cli(
        monkeypatch, capsys, "query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--data-dir", data
    )
    assert code == 2 and "not allowed" in err
