"""The endpoint as a client meets it: uvicorn in its own process, queried with SPARQLWrapper."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Namespace
from SPARQLWrapper import CSV, JSON, N3, TURTLE, XML, SPARQLWrapper

from tests.test_api.sparql.conftest import free_port
from tests.test_api.sparql.helpers import ONE_ROW

ROOT = Path(__file__).resolve().parents[3]
NM = Namespace("https://w3id.org/nutrikg/")
APP = "tests.test_api.sparql.serve_fixture:create_app"


@pytest.fixture(scope="module")
def endpoint(sparql_data_dir: Path) -> Iterator[str]:
    """The URL of /sparql on a uvicorn subprocess serving the test store."""
    port = free_port()
    env = {**os.environ, "NUTRIKG_DATA_DIR": str(sparql_data_dir)}
    command = [sys.executable, "-m", "uvicorn", "--factory", APP, "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--log-level", "warning"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 30
        while not _answers(f"{url}/prefixes"):
            assert process.poll() is None, "uvicorn exited"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def wrapper(url: str, query: str, return_format: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(return_format)
    return client


def test_select_json(endpoint: str) -> None:
    result = wrapper(endpoint, ONE_ROW, JSON).queryAndConvert()
    assert isinstance(result, dict)
    assert result["head"]["vars"] == ["label"]
    binding = result["results"]["bindings"][0]["label"]
    assert binding == {"type": "literal", "value": "vitamin K2", "xml:lang": "en"}


def test_select_xml(endpoint: str) -> None:
    document = wrapper(endpoint, ONE_ROW, XML).queryAndConvert()
    literals = document.getElementsByTagName("literal")  # type: ignore[union-attr]
    assert [node.firstChild.data for node in literals] == ["vitamin K2"]
    assert literals[0].getAttribute("xml:lang") == "en"


def test_select_csv(endpoint: str) -> None:
    query = "SELECT ?target { nm:vitamin_k2 nm:activates ?target } ORDER BY ?target"
    body = wrapper(endpoint, query, CSV).queryAndConvert()
    assert isinstance(body, bytes)
    assert body.decode("utf-8").splitlines() == [
        "target",
        "https://w3id.org/nutrikg/matrix_gla_protein",
        "https://w3id.org/nutrikg/osteocalcin",
    ]


def test_ask(endpoint: str) -> None:
    yes = wrapper(endpoint, "ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }", JSON)
    no = wrapper(endpoint, "ASK { nm:osteocalcin nm:activates nm:vitamin_k2 }", JSON)
    assert yes.queryAndConvert()["boolean"] is True  # type: ignore[index]
    assert no.queryAndConvert()["boolean"] is False  # type: ignore[index]


def test_construct_n3(endpoint: str) -> None:
    """SPARQLWrapper's N3 request (format=n3, Accept listing Turtle and N3 types) gets N3."""
    client = wrapper(endpoint, "CONSTRUCT WHERE { nm:vitamin_k2 nm:activates ?target }", N3)
    response = client.query()
    assert response.info()["content-type"].startswith("text/n3")
    body = response.convert()
    assert isinstance(body, bytes)
    parsed = Graph().parse(data=body.decode("utf-8"), format="turtle")  # the N3 written is Turtle
    assert set(parsed) == {
        (NM.vitamin_k2, NM.activates, NM.osteocalcin),
        (NM.vitamin_k2, NM.activates, NM.matrix_gla_protein),
    }


def test_construct_turtle(endpoint: str) -> None:
    query = "CONSTRUCT WHERE { nm:vitamin_k2 nm:activates ?target }"
    body = wrapper(endpoint, query, TURTLE).queryAndConvert()
    assert isinstance(body, bytes)
    parsed = Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert set(parsed) == {
        (NM.vitamin_k2, NM.activates, NM.osteocalcin),
        (NM.vitamin_k2, NM.activates, NM.matrix_gla_protein),
    }
