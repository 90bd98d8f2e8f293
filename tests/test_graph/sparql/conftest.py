"""Fixtures for the SPARQL layer: a built test store, settings with a 1 s timeout, a pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.settings import Settings
from graph.sparql.pool import QueryPool
from tests.test_graph.sparql.store_builder import build_store

TEST_TIMEOUT_S = 1.0
TEST_MAX_ROWS = 5000


@pytest.fixture(scope="session")
def sparql_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose `store/` holds the fixture graph, the bulk and one named graph."""
    data_dir = tmp_path_factory.mktemp("sparql-data")
    build_store(data_dir / "store")
    return data_dir


@pytest.fixture(scope="session")
def sparql_settings(sparql_data_dir: Path) -> Settings:
    return Settings(
        data_dir=sparql_data_dir,
        query_timeout_s=TEST_TIMEOUT_S,
        query_workers=2,
        max_result_rows=TEST_MAX_ROWS,
    )


@pytest.fixture(scope="session")
def pool(sparql_settings: Settings) -> Iterator[QueryPool]:
    with QueryPool(sparql_settings) as query_pool:
        yield query_pool
