"""GET /export: the whole graph as a download, the same bytes as `nutrikg export`."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph

from nutrikg.graph.read.export import FORMATS, serialize
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

RDF_PARSERS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}
# The RDF formats are the ones that could differ between two processes that each load the graph
# (node labels, ordering); every format is compared with serialize() in this process too.
CLI_FORMATS = ("turtle", "ntriples", "jsonld")


@pytest.fixture(scope="module")
def cli_exports(settings: Settings) -> dict[str, bytes]:
    """What `nutrikg export --format F` prints for CLI_FORMATS (run side by side)."""
    command = [sys.executable, "-c", "from api.cli import main; main()", "export"]
    command += ["--data-dir", str(settings.data_dir)]
    pipe = subprocess.PIPE
    # A hash seed of its own, as any other process would have (the server's differs too).
    env = os.environ | {"PYTHONHASHSEED": "random"}
    runs = {
        fmt: subprocess.Popen(
            [*command, "--format", fmt], cwd=PROJECT_ROOT, env=env, stdout=pipe, stderr=pipe
        )
        for fmt in CLI_FORMATS
    }
    outputs = {}
    for fmt, run in runs.items():
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
        outputs[fmt] = out
    return outputs


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_is_the_serialised_graph(client: TestClient, kg: KnowledgeGraph, fmt: str) -> None:
    response = client.get("/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.content == serialize(kg.rdf, kg.view, fmt)
    media, ext = FORMATS[fmt]
    assert response.headers["content-type"].split(";")[0] == media
    assert response.headers["content-disposition"] == f'attachment; filename="nutrikg.{ext}"'
    assert response.headers["etag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert int(response.headers["content-length"]) == len(response.content)


@pytest.mark.parametrize("fmt", CLI_FORMATS)
@pytest.mark.slow
def test_export_matches_the_cli(client: TestClient, cli_exports: dict[str, bytes], fmt: str) -> None:
    assert client.get("/export", params={"format": fmt}).content == cli_exports[fmt]


def test_ntriples_export_is_the_built_graph_file(client: TestClient, settings: Settings) -> None:
    response = client.get("/export", params={"format": "ntriples"})
    assert response.content == settings.graph_file.read_bytes()


def test_turtle_is_the_default_and_parses(client: TestClient, kg: KnowledgeGraph) -> None:
    response = client.get("/export")
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.content, format="turtle")) == len(kg.rdf)


@pytest.mark.parametrize("fmt", list(RDF_PARSERS))
def test_rdf_exports_parse_to_the_same_size(client: TestClient, kg: KnowledgeGraph, fmt: str) -> None:
    content = client.get("/export", params={"format": fmt}).content
    assert len(Graph().parse(data=content, format=RDF_PARSERS[fmt])) == len(kg.rdf)


def test_etag_gives_304_without_body(client: TestClient) -> None:
    etag = client.get("/export", params={"format": "claims-csv"}).headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get("/export", params={"format": "claims-csv"}, headers={"If-None-Match": header})
        assert response.status_code == 304 and response.content == b""
        assert response.headers["etag"] == etag
    stale = client.get("/export", params={"format": "claims-csv"}, headers={"If-None-Match": '"x"'})
    assert stale.status_code == 200 and stale.content


def test_each_format_has_its_own_etag(client: TestClient) -> None:
    tags = {client.get("/export", params={"format": fmt}).headers["etag"] for fmt in FORMATS}
    assert len(tags) == len(FORMATS)


def test_unknown_format_is_400(client: TestClient) -> None:
    error = error_body(client.get("/export", params={"format": "xml"}), 400)
    assert "xml" in error["message"] and "turtle" in error["message"]


def test_exports_are_files_written_with_the_build_not_serialised_per_request(
    client: TestClient, kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nutrikg.api.routes.export as route

    def refuse(*_: object) -> bytes:
        raise AssertionError("serialised per request")

    monkeypatch.setattr(route, "serialize_kg", refuse)
    for fmt in FORMATS:
        response = client.get("/export", params={"format": fmt})
        assert response.status_code == 200 and response.content == serialize(kg.rdf, kg.view, fmt)
