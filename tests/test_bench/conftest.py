"""Fixtures for the benchmark smoke tests: a tiny scale graph over the ontology alone (building
the corpus would take longer than these tests may)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from bench.generate import ScaleGraph, generate
from bench.vocab import ENTITY_FILE, ONTOLOGY_DIR, SCHEMA_FILE

TINY = "6k"


@pytest.fixture(scope="session")
def base_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ontology as N-Triples, standing in for the built corpus graph."""
    rdf_graph = Graph()
    for name in (SCHEMA_FILE, ENTITY_FILE):
        rdf_graph.parse(ONTOLOGY_DIR / name, format="turtle")
    path = tmp_path_factory.mktemp("base") / "base.nt"
    path.write_bytes(rdf_graph.serialize(format="nt", encoding="utf-8"))
    return path


@pytest.fixture(scope="session")
def tiny_graph(base_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> ScaleGraph:
    """A 6k-triple scale graph."""
    return generate(TINY, base_graph, tmp_path_factory.mktemp("scratch"))
