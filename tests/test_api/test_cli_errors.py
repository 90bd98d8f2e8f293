"""Every error of the `nutrikg` command is one line on stderr with a non-zero exit code, never a
traceback; the data sets `evaluate` reads are found from any working folder, or named."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.settings import Settings
from tests.test_api.test_cli import run_cli

TINY = "Vitamin K2 activates osteocalcin.\n"


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["query", "--bogus", "ASK {}"], "No such option: --bogus"),
        (["build", "--workers", "many"], "Invalid value for '--workers'"),
        (["no-such-command"], "No such command 'no-such-command'"),
    ],
)
def test_a_wrong_command_line_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    code, out, err = run_cli(monkeypatch, capsys, *args)
    assert code == 2 and out == ""
    assert words in one_line(err) and "--help" in err


def test_a_format_the_command_cannot_print_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    query = "SELECT ?x WHERE { ?x nm:activates nm:osteocalcin }"
    code, out, err = run_cli(
        monkeypatch, capsys, "query", query, "--format", "xml", "--data-dir", str(settings.data_dir)
    )
    assert code == 2 and out == ""
    assert "'--format'" in one_line(err) and "'xml' is not one of 'table', 'json', 'csv'" in err


def test_a_query_that_does_not_parse_names_line_and_column(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    bad = "SELECT ?x WHERE {\n  ?x nm:activates }"
    code, _, err = run_cli(monkeypatch, capsys, "query", bad, "--data-dir", str(settings.data_dir))
    assert code == 2 and "invalid query: error at 2:19" in one_line(err)


@pytest.mark.parametrize(
    "args",
    [
        ["query", "ASK {}"],
        ["path", "vitamin K2", "artery"],
        ["stats"],
        ["validate"],
        ["export", "--format", "turtle"],
        ["viz", "-o", "x.html"],
    ],
)
def test_a_missing_data_folder_says_to_build(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(monkeypatch, capsys, *args, "--data-dir", str(tmp_path / "none"))
    assert code == 6 and "run `nutrikg build` first" in one_line(err)
    assert not (tmp_path / "x.html").exists()


def test_paths_that_cannot_be_read_or_written_are_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path
) -> None:
    code, _, err = run_cli(
        monkeypatch, capsys, "add", str(tmp_path / "gone.txt"), "--data-dir", str(tmp_path)
    )
    assert code == 3 and "gone.txt: document not found" in one_line(err)
    code, _, err = run_cli(
        monkeypatch, capsys, "add", str(tmp_path / "paper.docx"), "--data-dir", str(tmp_path)
    )
    assert code == 3 and "paper.docx: not read: '.docx' files are no document format" in one_line(err)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "out.ttl"  # a file where a folder would have to be
    code, _, err = run_cli(
        monkeypatch, capsys, "export", "-o", str(target), "--data-dir", str(settings.data_dir)
    )
    assert code == 1 and "a-file" in one_line(err)


def test_evaluate_finds_its_gold_set_from_any_working_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TINY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the repository's root
    code, out, err = run_cli(monkeypatch, capsys, "evaluate", "--corpus", str(corpus))
    assert code == 0, err
    assert '"overall"' in out


def test_evaluate_without_its_gold_set_says_what_to_give(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("nutrikg.api.commands.common.PROJECT_ROOT", tmp_path)  # as installed: no tests/
    code, _, err = run_cli(monkeypatch, capsys, "evaluate")
    assert code == 3
    assert "an installed package has none); give --gold PATH" in one_line(err)
    code, _, err = run_cli(monkeypatch, capsys, "evaluate", "--gold", str(tmp_path / "mine.jsonl"))
    assert code == 3 and "mine.jsonl: not found; give --gold PATH" in one_line(err)
    code, _, err = run_cli(monkeypatch, capsys, "train", "-o", str(tmp_path / "m.json"))
    assert code == 3 and "give --reader-set PATH" in one_line(err)
