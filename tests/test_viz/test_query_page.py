"""The SPARQL query page as `/sparql` serves it to a browser: headers, escaping, its own files, the
example queries (each answers on the shipped corpus). In Chromium: test_query_page_browser.py."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.read.sparql_examples import ExampleQuery, example_queries
from nutrikg.viz.query_page import QueryPageRequest, render_query_page
from tests.test_viz.harness import LiveServer

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HOSTILE_QUERY = '</textarea><script>window.__pwned=1</script>\n# "quotes" & <!-- x -->'


@pytest.fixture(scope="module")
def web(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


def config_of(page_html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="query-config">(.*?)</script>', page_html, re.S)
    assert found is not None
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def test_a_browser_gets_the_page_under_the_explorers_policy(web: httpx.Client) -> None:
    response = web.get("/sparql", headers={"accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "connect-src 'self'", "base-uri 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["vary"] == "Accept" and response.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", response.text)  # nothing from elsewhere
    for tag in re.findall(r"<script[^>]*>", response.text):
        assert 'src="/sparql/static/' in tag or 'type="application/json"' in tag
    config = config_of(response.text)
    assert config["run"] is False and config["prefixes"] == dict(PREFIXES)
    assert [e["title"] for e in config["examples"]] == [e.title for e in example_queries()]
    for prefix in ("nm", "CHEBI", "UniProtKB"):
        assert f'data-prefix="{prefix}"' in response.text


def test_the_pages_files_are_served_and_no_others(web: httpx.Client) -> None:
    script = web.get("/sparql/static/sparql-query.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert web.get("/sparql/static/sparql-query.css").headers["content-type"].startswith("text/css")
    for name in ("nkg-main.js", "..%2Fquery_page.py", "sparql-query.html"):
        assert web.get(f"/sparql/static/{name}").status_code == 404


def test_a_query_in_the_url_is_filled_in_escaped_and_run(web: httpx.Client) -> None:
    response = web.get("/sparql", params={"query": HOSTILE_QUERY}, headers={"accept": BROWSER})
    assert "<script>window.__pwned" not in response.text
    textarea = re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', response.text, re.S)
    assert textarea is not None and html_lib.unescape(textarea.group(1)) == HOSTILE_QUERY
    config = config_of(response.text)
    assert config["run"] is True


def test_render_keeps_the_dataset_and_marks_an_empty_query_not_to_run() -> None:
    example = ExampleQuery("x", "A question?", "# A question?\nASK {}\n")
    request = QueryPageRequest(
        "/sparql", query="  ", default_graph_uris=("urn:g",), examples=[example], prefixes={"nm": "x:"}
    )
    config = config_of(render_query_page(request))
    assert config["run"] is False
    assert config["dataset"] == {"default-graph-uri": ["urn:g"], "named-graph-uri": []}


def test_every_example_answers_on_the_shipped_corpus(web: httpx.Client) -> None:
    for example in example_queries():
        accept = {"accept": "text/csv, application/n-triples"}  # rows or triples, a line each
        response = web.post("/sparql", data={"query": example.query}, headers=accept)
        assert response.status_code == 200, (example.name, response.text)
        if response.headers["content-type"].startswith("text/csv"):
            assert len(response.text.splitlines()) > 1, f"{example.name} finds nothing"
        else:
            assert response.text.strip(), f"{example.name} finds nothing"
