"""The README's library example runs as written, over a build in a temporary folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nutrikg.graph.settings import PROJECT_ROOT


def readme_examples() -> list[str]:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


@pytest.mark.slow
def test_library_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (example,) = readme_examples()
    monkeypatch.setenv("NUTRIKG_DATA_DIR", str(tmp_path / "data"))
    exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "osteocalcin" in printed
    assert "|" in printed


def test_version_and_module_entry_point() -> None:
    import nutrikg
    from nutrikg.__main__ import main

    assert nutrikg.__version__ == "0.1.0"
    assert callable(main)
