"""Where the tools virtualenv's interpreter is (tests/tools/README.md), and running it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from nutrikg.graph.settings import PROJECT_ROOT

TOOLS_DIR = Path(__file__).parent


def tools_python() -> Path:
    """The tools virtualenv's python; the test is skipped (with how to make it) when there is none."""
    named = os.environ.get("NUTRIKG_TOOLS_PYTHON")
    found = Path(named) if named else PROJECT_ROOT / ".tools-venv" / "bin" / "python"
    if not found.exists():
        pytest.skip(f"no tools virtualenv at {found}: see tests/tools/README.md")
    return found


def run_tool(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command in the tools virtualenv, with the network switched off for its requests."""
    env = os.environ | {
        "NO_PROXY": "",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
    }
    return subprocess.run(
        [str(tools_python()), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def json_report(stdout: str) -> dict[str, dict[str, dict[str, list[str]]]]:
    """The JSON object a tool printed among its log lines."""
    start, end = stdout.find("{"), stdout.rfind("}")
    return json.loads(stdout[start : end + 1]) if start >= 0 else {}
