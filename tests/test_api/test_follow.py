"""A running service serves what `nutrikg load` and `nutrikg build` write beside it, without a
restart, and keeps answering from the store it has when the new one cannot be read."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.loading import load_files
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.waiting import wait_for

EXTRA = """@prefix nm: <https://w3id.org/nutrikg/> .
<http://example.org/study7> nm:reports nm:vitamin_k2 .
"""
REPORTS = "SELECT ?s WHERE { ?s nm:reports nm:vitamin_k2 }"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Settings]]:
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=tmp_path / "data")
    save_build(build_graph(settings.corpus_dir), settings)
    app = create_app(KnowledgeGraph.open(settings), settings)
    with TestClient(app) as client:
        yield client, settings


def subjects(client: TestClient) -> list[str]:
    response = client.get(
        "/sparql", params={"query": REPORTS}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return [row["s"]["value"] for row in response.json()["results"]["bindings"]]


def document_ids(client: TestClient) -> set[str]:
    response = client.get("/api/v1/documents")
    assert response.status_code == 200, response.text
    return {document["id"] for document in response.json()["items"]}


def test_rdf_loaded_beside_the_service_is_served(served: tuple[TestClient, Settings], tmp_path: Path) -> None:
    client, settings = served
    assert subjects(client) == []
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    load_files([extra], settings)
    assert wait_for(lambda: subjects(client) == ["http://example.org/study7"], 20.0, 0.1)


def test_a_rebuild_beside_the_service_is_served_by_sparql_and_the_json_api(
    served: tuple[TestClient, Settings], tmp_path: Path
) -> None:
    client, settings = served
    all_ids = document_ids(client)
    smaller = tmp_path / "corpus"
    smaller.mkdir()
    kept = sorted(settings.corpus_dir.glob("*.txt"))[0]
    for path in (kept, kept.with_name(kept.stem + ".meta.json")):
        shutil.copy(path, smaller / path.name)
    save_build(build_graph(smaller), settings)
    assert wait_for(lambda: document_ids(client) == {kept.stem}, 20.0, 0.1)
    assert len(all_ids) > 1
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?c prov:wasDerivedFrom ?d }"
    response = client.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"})
    assert response.text.splitlines()[1] == "1"


def test_a_store_that_cannot_be_read_leaves_the_old_one_in_use(
    served: tuple[TestClient, Settings], caplog: pytest.LogCaptureFixture
) -> None:
    client, settings = served
    before = document_ids(client)
    store = settings.store_dir
    store.rename(store.with_name("store.moved"))
    store.mkdir()  # not a store
    stamp = store.with_name("store.stamp")
    stamp.with_name("stamp.tmp").write_text("changed\n")
    os.replace(stamp.with_name("stamp.tmp"), stamp)  # as a swap does
    with caplog.at_level("ERROR", logger="nutrikg.follow"):
        assert wait_for(
            lambda: bool(document_ids(client)) and "cannot be re-opened" in caplog.text, 20.0, 0.1
        )
    assert document_ids(client) == before
    assert subjects(client) == []  # the query workers still read the old store


def extra_file(tmp_path: Path, index: int) -> Path:
    path = tmp_path / f"extra{index}.ttl"
    path.write_text(EXTRA.replace("study7", f"study{index}"), encoding="utf-8")
    return path


def test_the_request_after_a_write_is_answered_from_it(
    served: tuple[TestClient, Settings], tmp_path: Path
) -> None:
    client, settings = served
    for index in range(3):  # as `nutrikg load x && curl ...`: no waiting in between
        load_files([extra_file(tmp_path, index)], settings)
        assert f"http://example.org/study{index}" in subjects(client)
    smaller = tmp_path / "corpus"
    smaller.mkdir()
    kept = sorted(settings.corpus_dir.glob("*.txt"))[0]
    for path in (kept, kept.with_name(kept.stem + ".meta.json")):
        shutil.copy(path, smaller / path.name)
    save_build(build_graph(smaller), settings)
    assert document_ids(client) == {kept.stem}  # the JSON API too


def test_writes_beside_a_busy_service_never_make_a_server_error(
    served: tuple[TestClient, Settings], tmp_path: Path
) -> None:
    client, settings = served
    done = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for index in range(6):
                load_files([extra_file(tmp_path, index)], settings)
        except BaseException as err:  # handed to the test's thread
            errors.append(err)
        finally:
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    statuses = set()
    first = sorted(document_ids(client))[0]
    while not done.is_set():
        for path in ("/api/v1/documents", f"/api/v1/documents/{first}", "/api/v1/stats"):
            statuses.add(client.get(path).status_code)
        statuses.add(client.get("/sparql", params={"query": REPORTS}).status_code)
    thread.join()
    assert not errors and statuses == {200}
    assert len(subjects(client)) == 6
