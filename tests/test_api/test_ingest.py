"""Writes need the token; a written document is extracted, merged and served at once."""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from nutrikg.api.app import create_app
from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import save_build
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from tests.test_graph.test_extract.test_formats.pdf_maker import make_pdf
from tests.test_graph.test_extract.test_formats.samples import JATS

TOKEN = "s3cret-token"
NEW = {
    "name": "999_new.txt",
    "text": "Vitamin K2 activates matrix Gla protein. Magnesium activates vitamin D.\n",
    "title": "A new note",
    "publisher_kind": "blog",
}


def _app(
    tmp_path_factory: pytest.TempPathFactory, token: str | None, **limits: float
) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("writable")
    corpus = root / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    settings = Settings(corpus_dir=corpus, data_dir=root / "data", write_token=token, **limits)
    save_build(build_graph(corpus), settings)
    with TestClient(create_app(KnowledgeGraph.open(settings), settings)) as client:
        yield client


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from _app(tmp_path_factory, TOKEN)


@pytest.fixture(scope="module")
def accented(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from _app(tmp_path_factory, "café-token")


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from _app(tmp_path_factory, None)


def test_writes_are_off_without_a_configured_token(read_only: TestClient) -> None:
    response = read_only.post("/api/v1/documents", json=NEW, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "writes_disabled"


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer s\u00e9cret".encode()])
def test_a_wrong_or_missing_token_is_401(writable: TestClient, header: str | bytes | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = writable.post("/api/v1/documents", json=NEW, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] == "unauthorised"


def test_a_token_with_any_characters_is_compared_as_sent(accented: TestClient) -> None:
    note = {**NEW, "name": "998_note.txt"}
    right = accented.post(
        "/api/v1/documents", json=note, headers={"Authorization": "Bearer café-token".encode()}
    )
    assert right.status_code == 200, right.text
    wrong = accented.post("/api/v1/documents", json=note, headers={"Authorization": "Bearer cafe-token"})
    assert wrong.status_code == 401


@pytest.mark.parametrize("name", ["../escape.txt", "a/b.txt", "notes.exe", ".hidden.txt", "evil.txt\n"])
def test_unsafe_names_are_refused(writable: TestClient, name: str) -> None:
    body = {**NEW, "name": name}
    response = writable.post("/api/v1/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400


def test_a_body_past_the_bound_is_413_before_the_token_is_looked_at(writable: TestClient) -> None:
    huge = {**NEW, "text": "Vitamin K2 activates osteocalcin. " * 40_000}  # > max_request_bytes (1 MB)
    response = writable.post("/api/v1/documents", json=huge)  # no token: the size is refused first
    assert response.status_code == 413 and response.json()["error"]["code"] == "request_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it is read
        yield b'{"name": "x.txt", "text": "'
        for _ in range(1_200):
            yield b"a" * 1_000
        yield b'"}'

    streamed = writable.post(
        "/api/v1/documents", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "request_too_large"


def test_a_written_document_is_served_at_once(writable: TestClient) -> None:
    before = writable.get("/api/v1/documents").json()
    response = writable.post("/api/v1/documents", json=NEW, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "999_new" and body["added"] and body["claims"] >= 2
    after = writable.get("/api/v1/documents").json()
    assert after["total"] == before["total"] + 1
    query = (
        "ASK { ?c nm:subject nm:magnesium ; nm:predicate nm:activates ; prov:wasDerivedFrom ?d ."
        " ?d dcterms:title 'A new note' }"
    )
    answer = writable.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.json()["boolean"] is True
    again = writable.post("/api/v1/documents", json=NEW, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["replaced"] and again.json()["triples"] == body["triples"]
    settings: Settings = writable.app.state.settings  # type: ignore[attr-defined]
    assert (settings.corpus_copy / NEW["name"]).exists()  # kept in the data folder's copy,
    assert not (settings.corpus_dir / NEW["name"]).exists()  # never in the corpus folder


def test_a_pdf_is_sent_in_base64_and_an_article_as_xml(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    pdf = make_pdf([["Vitamin K2 activates matrix Gla protein."]], title="A sent PDF")
    sent = {"name": "998_paper.pdf", "content_base64": base64.b64encode(pdf).decode(), "year": 2022}
    response = writable.post("/api/v1/documents", json=sent, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["claims"] >= 1
    paper = writable.get("/api/v1/documents/998_paper").json()
    assert (paper["title"], paper["year"]) == ("A sent PDF", 2022)
    response = writable.post(
        "/api/v1/documents", json={"name": "997_jats.xml", "text": JATS.decode()}, headers=auth
    )
    assert response.status_code == 200, response.text
    article = writable.get("/api/v1/documents/997_jats").json()
    assert (article["journal"], article["pmid"], article["doi"]) == (
        "Journal of Bone Research",
        "31234567",
        "10.1000/jbr.2019.042",
    )
    assert article["source_kind"] == "abstract"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"name": "a.pdf", "content_base64": "not base64!"}, 400, "content_base64 is not base64"),
        (
            {"name": "a.pdf", "content_base64": base64.b64encode(b"%PDF-1.4 junk").decode()},
            422,
            "a.pdf: not a readable PDF",
        ),
        ({"name": "a.xml", "text": "<article><p>open</article>"}, 422, "a.xml: line 1, column"),
        ({"name": "a.txt", "text": "x", "content_base64": "eA=="}, 400, "one of the two"),
        ({"name": "a.docx", "text": "x"}, 400, "ending .txt, .md, .html, .pdf or .xml"),
    ],
)
def test_content_that_cannot_be_read_is_refused_by_name(
    writable: TestClient, body: dict[str, str], status: int, message: str
) -> None:
    response = writable.post("/api/v1/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == status, response.text
    assert message in response.text


@pytest.fixture(scope="module")
def hasty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Reading a document may take 1 ms: less than starting the process that reads it."""
    yield from _app(tmp_path_factory, TOKEN, extraction_timeout_s=0.001, max_document_bytes=1000)


def _written(client: TestClient) -> tuple[bytes, bytes, list[str]]:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    copy = sorted(p.name for p in settings.corpus_copy.iterdir())
    return settings.graph_file.read_bytes(), settings.texts_file.read_bytes(), copy


@pytest.mark.parametrize("field", ["text", "content_base64"])
def test_a_document_past_the_size_cap_is_413_and_nothing_is_written(hasty: TestClient, field: str) -> None:
    before = _written(hasty)
    text = "Vitamin K2 activates matrix Gla protein. " * 30
    content = text if field == "text" else base64.b64encode(text.encode()).decode()
    big = {"name": "big.txt", field: content}
    response = hasty.post("/api/v1/documents", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413, response.text
    error = response.json()["error"]
    assert error["code"] == "document_too_large" and "1000" in error["message"]
    assert _written(hasty) == before


def test_reading_past_the_time_limit_is_504_and_nothing_is_written(hasty: TestClient) -> None:
    before = _written(hasty)
    response = hasty.post("/api/v1/documents", json=NEW, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 504, response.text
    assert response.json()["error"]["code"] == "extraction_timeout"
    assert _written(hasty) == before
    assert NEW["name"].removesuffix(".txt") not in {
        d["id"] for d in hasty.get("/api/v1/documents").json()["items"]
    }
