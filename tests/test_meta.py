"""Project-wide rules: imports run one way, every setting is documented, the OpenAPI schema builds."""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import pytest
from fastapi import FastAPI

from nutrikg.graph.settings import PROJECT_ROOT, Settings

# Which parts of the package may import which: the pipeline runs one way, ontology <- graph <-
# viz <- api, and inside graph: core <- extract <- assemble, core <- stores <- sparql, and read/
# (what the API and the explorer see) over core and stores only.
UNITS: dict[str, set[str]] = {
    "ontology": set(),
    "graph": {"ontology"},  # model, errors, settings, identifiers, prefixes, namespaces
    "graph.extract": {"graph", "ontology"},
    "graph.stores": {"graph"},
    "graph.sparql": {"graph", "graph.stores", "nutrikg"},
    "graph.read": {"graph", "graph.stores", "ontology"},
    "graph.assemble": {"graph", "graph.extract", "graph.stores", "graph.read", "ontology"},
    "viz": {"graph", "graph.read", "ontology"},
    "api.routes": {"api", "graph", "graph.read", "graph.sparql", "viz"},
    "api": {
        "api.routes",
        "graph",
        "graph.extract",
        "graph.read",
        "graph.sparql",
        "graph.assemble",
        "graph.stores",
        "viz",
        "nutrikg",  # the package's version, for `nutrikg --version`
    },
}
# Writes are not reads: the ingest route hands a document to the assembler.
EXCEPTIONS = {("api/routes/ingest.py", "graph.assemble")}
SUB_PACKAGES = ("extract", "assemble", "read", "sparql", "stores")
GENERIC_NAMES = {"graph", "api", "viz", "ontology"}


def unit_of(module: str) -> str | None:
    """`nutrikg.graph.read.kg` -> `graph.read`; `nutrikg.api.routes.x` -> `api.routes`."""
    parts = module.split(".")
    if parts[0] != "nutrikg":
        return None
    if len(parts) == 1:
        return "nutrikg"
    if parts[1] == "graph" and len(parts) > 2 and parts[2] in SUB_PACKAGES:
        return f"graph.{parts[2]}"
    if parts[1] == "api" and len(parts) > 2 and parts[2] == "routes":
        return "api.routes"
    return parts[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _source_files() -> list[Path]:
    return [path for top in GENERIC_NAMES for path in sorted((PROJECT_ROOT / top).rglob("*.py"))]


def _module_of(path: Path) -> str:
    relative = path.relative_to(PROJECT_ROOT).with_suffix("")
    return ".".join(("nutrikg", *relative.parts)).removesuffix(".__init__")


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_imports_cross_only_allowed_boundaries(path: Path) -> None:
    own = unit_of(_module_of(path))
    assert own is not None
    relative = str(path.relative_to(PROJECT_ROOT))
    for module in _imports(path):
        other = unit_of(module)
        if other is None or other == own or (relative, other) in EXCEPTIONS:
            continue
        assert other in UNITS[own], f"{relative} ({own}) imports {module} ({other})"


def test_nothing_imports_the_folders_by_their_generic_names() -> None:
    """Inside the repository the folders are also importable as `graph`, `api`...; importing
    them so would load every module twice (two copies of each class)."""
    for path in [*_source_files(), *sorted((PROJECT_ROOT / "tests").rglob("*.py"))]:
        generic = {m for m in _imports(path) if m.split(".")[0] in GENERIC_NAMES}
        assert not generic, f"{path.relative_to(PROJECT_ROOT)} imports {sorted(generic)}"


def test_layout_has_the_pipeline_folders() -> None:
    for sub in SUB_PACKAGES:
        assert (PROJECT_ROOT / "graph" / sub / "__init__.py").exists(), sub
    for top in GENERIC_NAMES:
        link = PROJECT_ROOT / "nutrikg" / top
        assert link.is_symlink() and link.resolve() == (PROJECT_ROOT / top).resolve(), top


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


# Routes and the explorer read the graph through graph/read/ only: no RDF library, no store, no
# query text of their own. The SPARQL endpoint passes its clients' text to graph/sparql/.
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "oxrdflib"}
QUERY_TEXT = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b[^\n]*\bWHERE\b|\bPREFIX\s+\w*:\s*<", re.I)
RAW_GRAPH = re.compile(r"\bkg\.rdf\b|\.rdf\.(objects|subjects|value|triples|query)\(")


def _reading_modules() -> list[Path]:
    routes = sorted((PROJECT_ROOT / "api" / "routes").glob("*.py"))
    return [p for p in [*routes, *sorted((PROJECT_ROOT / "viz").glob("*.py"))] if p.name != "sparql.py"]


@pytest.mark.parametrize("path", _reading_modules(), ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_routes_and_viz_read_through_the_read_layer(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    libraries = {m.split(".")[0] for m in _imports(path)} & RDF_LIBRARIES
    assert not libraries, f"{path.name} imports {sorted(libraries)}: read through graph/read/"
    strings = [
        n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    assert not [s for s in strings if QUERY_TEXT.search(s)], f"{path.name} holds query text"
    assert not RAW_GRAPH.search(text), f"{path.name} reads the RDF graph itself"


def test_mypy_sees_across_the_packages(tmp_path: Path) -> None:
    """With the folders installed under `nutrikg`, mypy must still follow every import: a
    cross-package type error has to fail (a missing import silently turns into Any)."""
    import subprocess
    import sys

    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from nutrikg.graph.read.kg import KnowledgeGraph\n"
        "from nutrikg.graph.model import Span\n"
        "def label(kg: KnowledgeGraph) -> int:\n"
        "    return kg.label(Span(0, 1))\n",
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--no-incremental",
        "--config-file",
        "pyproject.toml",
        str(snippet),
    ]
    found = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert found.returncode == 1, found.stdout + found.stderr
    assert 'Argument 1 to "label" of "KnowledgeGraph" has incompatible type "Span"' in found.stdout
    assert 'Incompatible return value type (got "str", expected "int")' in found.stdout
