"""Project-wide rules: imports run one way, every setting is documented, the OpenAPI schema builds."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import pytest
from fastapi import FastAPI

from graph.settings import PROJECT_ROOT, Settings

LAYERS = ("ontology", "graph", "viz", "api")  # each may import only the ones before it


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", LAYERS)
def test_imports_run_one_way(package: str) -> None:
    allowed = set(LAYERS[: LAYERS.index(package) + 1])
    forbidden = set(LAYERS) - allowed
    for path in (PROJECT_ROOT / package).rglob("*.py"):
        wrong = _imports(path) & forbidden
        assert not wrong, f"{path.relative_to(PROJECT_ROOT)} imports {sorted(wrong)}"


def test_every_setting_is_documented() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert f"`{name}`" in readme, f"setting {name} is not in the README's configuration table"
        assert field.description, f"setting {name} has no description"


def test_openapi_schema_builds_without_warnings(app: FastAPI) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schema = app.openapi()
    assert "/sparql" in schema["paths"] and "/api/v1/paths" in schema["paths"]
