"""Session fixtures shared by every test folder: the shipped corpus built once into a temporary
data folder, the loaded graph, the app over it, and a client whose lifespan runs the query pool.

Imports sit inside the fixtures so that collecting tests needs no more than the tests use.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from nutrikg.graph.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from nutrikg.graph.read.kg import KnowledgeGraph

CORPUS_DIR = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a fresh build of the shipped corpus (graph, report and store)."""
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.assemble.persist import save_build

    data_dir: Path = tmp_path_factory.mktemp("data")
    built = Settings(corpus_dir=CORPUS_DIR, data_dir=data_dir)
    save_build(build_graph(built.corpus_dir), built)
    return built


@pytest.fixture(scope="session")
def kg(settings: Settings) -> KnowledgeGraph:
    """The built graph as the service opens it: read in place from the store."""
    from nutrikg.graph.read.kg import KnowledgeGraph

    return KnowledgeGraph.open(settings)


@pytest.fixture(scope="session")
def app(kg: KnowledgeGraph, settings: Settings) -> FastAPI:
    from nutrikg.api.app import create_app

    return create_app(kg, settings)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client for the whole session; entering it runs the app's lifespan (the query pool)."""
    with warnings.catch_warnings():
        # Starlette asks for `httpx2` over `httpx`; the test client works the same with either.
        warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config):  # type: ignore[no-untyped-def]
    """A real Virtuoso for the session, on free loopback ports (see tests/test_graph/virtuoso.py)."""
    from tests.test_graph.test_stores.virtuoso import running_virtuoso

    cache = getattr(pytestconfig, "cache", None)
    cache_dir = cache.mkdir("virtuoso") if cache is not None else None
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso"), cache_dir) as server:
        yield server


@pytest.fixture(scope="session")
def sparql_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose `store/` holds the SPARQL fixture graph, a bulk of generated triples
    (so runaway queries really run long) and one named graph; shared by the SPARQL tests."""
    from tests.test_graph.test_sparql.store_builder import build_store

    data_dir: Path = tmp_path_factory.mktemp("sparql-data")
    build_store(data_dir / "store")
    return data_dir
