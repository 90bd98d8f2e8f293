"""GET /api/v1/changes and /api/v1/builds: what a write changed, as JSON, bounded; an unknown
build is a 404 that says which builds are kept."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.test_api.conftest import error_body

TOKEN = "changes-token"
NOTE = {
    "name": "990_note.txt",
    "text": "Vitamin K2 activates matrix Gla protein. Magnesium activates vitamin D.\n",
    "publisher_kind": "blog",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A service over a build of the shipped corpus, then one document added through it."""
    root = tmp_path_factory.mktemp("changes")
    shutil.copytree(PROJECT_ROOT / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", data_dir=root / "data", write_token=TOKEN)
    save_build(build_graph(settings.corpus_dir), settings)
    with TestClient(create_app(KnowledgeGraph.open(settings), settings)) as client:
        error = error_body(client.get("/api/v1/changes"), 404)  # the first build: nothing before it
        assert error["code"] == "unknown_build" and "is the first" in error["message"]
        added = client.post("/api/v1/documents", json=NOTE, headers={"Authorization": f"Bearer {TOKEN}"})
        assert added.status_code == 200, added.text
        yield client


def test_the_changes_of_an_add_are_its_documents_claims(served: TestClient) -> None:
    response = served.get("/api/v1/changes")
    assert response.status_code == 200, response.text
    changes = response.json()
    [document] = changes["documents"]
    assert document["document"] == "990_note" and document["removed"] == []
    said = {(c["subject"], c["predicate"], c["object"]) for c in document["added"]}
    assert ("nm:vitamin_k2", "activates", "nm:matrix_gla_protein") in said
    assert changes["added"] == len(document["added"]) and changes["removed"] == 0
    raised = {(c["subject"], c["object"]) for c in changes["beliefs"] if c["new"] > c["old"]}
    assert ("nm:vitamin_k2", "nm:matrix_gla_protein") in raised  # one more source says so
    builds = served.get("/api/v1/builds").json()
    assert [b["id"] for b in builds[:2]] == [changes["new"]["id"], changes["old"]["id"]]
    again = served.get("/api/v1/changes", params={"since": changes["old"]["id"]}).json()
    assert again == changes


def test_a_limit_bounds_the_lists(served: TestClient) -> None:
    changes = served.get("/api/v1/changes", params={"limit": 1}).json()
    assert sum(len(d["added"]) + len(d["removed"]) for d in changes["documents"]) == 1
    assert len(changes["beliefs"]) <= 1 and changes["truncated"] and changes["added"] > 1
    assert error_body(served.get("/api/v1/changes", params={"limit": 0}), 400)["code"] == "invalid_parameter"


def test_an_unknown_build_is_404_naming_the_builds_kept(served: TestClient) -> None:
    error = error_body(served.get("/api/v1/changes", params={"since": "20000101T000000Z-deadbeef"}), 404)
    assert error["code"] == "unknown_build"
    assert "20000101T000000Z-deadbeef" in error["message"] and "newest first" in error["message"]
