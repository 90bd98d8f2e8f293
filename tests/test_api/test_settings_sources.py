"""A setting is the same whether it comes from `make`, the environment or an option:
`NUTRIKG_PORT=8811 make serve` serves on 8811, and `make serve PORT=9000` on 9000."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.test_api.test_cli import run_cli


def make_serve(*args: str, **env: str) -> str:
    """The command `make serve` would run, as `make -n` prints it (nothing is run)."""
    if shutil.which("make") is None:
        pytest.skip("no make on this machine")
    clean = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "MAKEFLAGS")}
    shown = subprocess.run(
        ["make", "-n", "-s", "serve", *args],
        cwd=PROJECT_ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return next(line for line in shown.stdout.splitlines() if "nutrikg serve" in line)


def test_make_serve_leaves_host_and_port_to_the_settings() -> None:
    line = make_serve(NUTRIKG_PORT="8811")
    assert "--port" not in line and "--host" not in line


def test_make_serve_passes_what_it_is_given() -> None:
    assert make_serve("PORT=9000", "HOST=0.0.0.0").split()[-4:] == ["--host", "0.0.0.0", "--port", "9000"]


@pytest.mark.parametrize(("options", "port"), [([], 8811), (["--port", "9000"], 9000)])
def test_serve_takes_the_port_from_the_environment_unless_given(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    options: list[str],
    port: int,
) -> None:
    started: list[Settings] = []
    monkeypatch.setattr("nutrikg.api.server.serve", started.append)
    monkeypatch.setenv("NUTRIKG_PORT", "8811")
    code, _, err = run_cli(monkeypatch, capsys, "serve", *options, "--data-dir", str(tmp_path))
    assert code == 0, err
    assert [(s.port, s.host, s.data_dir) for s in started] == [(port, "127.0.0.1", tmp_path)]
