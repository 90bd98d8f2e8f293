"""RDF loaded beside the built graph is served with it: the default graph is their union. The JSON
API and the exports stay with the built graph alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.loading import load_files, loaded_graph_iri
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings

EXTRA = """@prefix nm: <https://w3id.org/nutrikg/> .
@prefix ex: <http://example.org/> .
ex:study42 nm:reports nm:vitamin_k2 .
"""


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str, Settings]]:
    data = tmp_path_factory.mktemp("merged")
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=data)
    save_build(build_graph(settings.corpus_dir), settings)
    extra = data / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    load_files([extra], settings)
    save_build(build_graph(settings.corpus_dir), settings)  # a rebuild keeps loaded graphs
    app = create_app(KnowledgeGraph.open(settings), settings)
    with TestClient(app) as client:
        yield client, loaded_graph_iri(extra), settings


def _select(client: TestClient, query: str) -> list[dict[str, dict[str, str]]]:
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    bindings: list[dict[str, dict[str, str]]] = response.json()["results"]["bindings"]
    return bindings


def test_union_of_built_and_loaded_graphs(merged: tuple[TestClient, str, Settings]) -> None:
    client, _, _ = merged
    rows = _select(client, "SELECT ?s WHERE { ?s nm:reports nm:vitamin_k2 }")
    assert [r["s"]["value"] for r in rows] == ["http://example.org/study42"]
    rows = _select(client, "SELECT ?x WHERE { ?x nm:activates nm:osteocalcin }")
    assert rows, "the built graph is still served"


def test_from_names_one_graph_only(merged: tuple[TestClient, str, Settings]) -> None:
    client, graph_iri, _ = merged
    rows = _select(client, f"SELECT ?s ?o FROM <{graph_iri}> WHERE {{ ?s ?p ?o }}")
    assert len(rows) == 1
    rows = _select(client, f"SELECT ?x FROM <{graph_iri}> WHERE {{ ?x nm:activates nm:osteocalcin }}")
    assert rows == []


def test_json_api_and_exports_read_the_built_graph_only(merged: tuple[TestClient, str, Settings]) -> None:
    client, _, settings = merged
    built = settings.graph_file.read_bytes()
    assert client.get("/api/v1/stats").json()["triples"] == len(built.splitlines())
    exported = client.get("/export", params={"format": "ntriples"}).content
    assert exported == built and b"example.org/study42" not in exported
    relations = client.get("/api/v1/entities/nm:vitamin_k2").json()["incoming"]
    assert all(r["entity"]["iri"] != "http://example.org/study42" for r in relations)


def test_the_command_line_sees_what_the_endpoint_sees(merged: tuple[TestClient, str, Settings]) -> None:
    """`nutrikg query` answers over the same dataset as `/sparql` (it ignored loaded graphs)."""
    from nutrikg.graph.sparql.local import run_query

    client, graph, settings = merged
    query = "SELECT ?s WHERE { ?s nm:reports nm:vitamin_k2 }"
    over_http = [row["s"]["value"] for row in _select(client, query)]
    assert run_query(settings, query).rows == [[s] for s in over_http] == [["http://example.org/study42"]]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(settings, count).rows == [[_select(client, count)[0]["n"]["value"]]]
    in_loaded = f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert run_query(settings, in_loaded).rows == [["http://example.org/study42"]]
