"""Fixtures for the SPARQL layer: a built test store, settings with a 1 s timeout, a pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import QueryPool

TEST_TIMEOUT_S = 1.0
TEST_MAX_BYTES = 500_000  # below the streaming threshold, so a 413 comes before any byte


@pytest.fixture(scope="session")
def sparql_settings(sparql_data_dir: Path) -> Settings:
    return Settings(
        data_dir=sparql_data_dir,
        query_timeout_s=TEST_TIMEOUT_S,
        query_workers=2,
        max_result_bytes=TEST_MAX_BYTES,
    )


@pytest.fixture(scope="session")
def pool(sparql_settings: Settings) -> Iterator[QueryPool]:
    with QueryPool(sparql_settings) as query_pool:
        yield query_pool
