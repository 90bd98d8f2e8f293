"""The SPARQL query page in Debian's Chromium: an example fills the table (results and a graph), a
bad query shows its line and column with the caret put there, a prefix is written in, a query in
the URL is run, document text stays text, and no request leaves 127.0.0.1 (every request is
routed; any other is refused and fails the test). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.read.sparql_examples import example_queries
from tests.test_viz.harness import LiveServer, Probe, open_probe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Sentences of the hostile corpus that carry markup (tests/test_viz/harness.py).
SENTENCES_WITH_MARKUP = """SELECT ?sentence WHERE {
  ?claim nm:sentence ?sentence .
  FILTER(CONTAINS(?sentence, "<"))
}"""
# The browser logs a failed fetch as a console error: for the bad query, that one is expected.
BAD_REQUEST_LOGGED = "the server responded with a status of 400"


def test_an_example_fills_the_table(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/sparql")
    examples = example_queries()
    assert page.locator("button.example").count() == len(examples)
    page.click("button.example >> nth=0")
    page.wait_for_selector("#answer tbody tr")
    header = page.locator("#answer thead th").all_inner_texts()
    assert header[:3] == ["predicate", "object", "label"]
    rows = page.locator("#answer tbody tr")
    shown = json.loads(
        httpx.post(live_server.url + "/sparql", data={"query": examples[0].query}, timeout=30).text
    )["results"]["bindings"]
    assert rows.count() == len(shown) > 0
    assert "nm:inhibitsDepositionIn" in page.inner_text("#answer tbody")  # IRIs shown as CURIEs
    assert page.inner_text("#summary") == f"{len(shown)} rows."
    assert "query=" in page.url  # the URL runs it again
    probe.shot("20-query-page-example")
    page.click("button.example >> text=as triples")
    page.wait_for_function("() => document.querySelector('#answer thead').textContent.includes('subject')")
    assert page.locator("#answer tbody tr").count() > 0
    assert page.locator("#downloads a").all_inner_texts()[0] == "Turtle"
    probe.clean()
    assert all(url.startswith(live_server.url) for url in probe.requests)


def test_a_bad_query_shows_its_line_and_column(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/sparql")
    page.fill("#query", "SELECT ?x WHERE {\n  ?x nm:activates\n}")
    page.press("#query", "Control+Enter")
    page.wait_for_selector("#error:not([hidden])")
    detail = httpx.get(
        live_server.url + "/sparql", params={"query": page.input_value("#query")}, timeout=30
    ).json()["error"]["detail"]
    position = page.inner_text("#error-position")
    assert position == f"Line {detail['line']}, column {detail['column']}." and detail["line"] == 2
    assert "syntax error" in page.inner_text("#error-message")
    assert page.locator("#answer tbody tr").count() == 0
    selected = page.evaluate(
        "() => [document.activeElement.id, document.getElementById('query').selectionStart]"
    )
    assert selected == ["query", len("SELECT ?x WHERE {\n") + detail["column"] - 1]
    probe.shot("21-query-page-error")
    probe.console_errors = [e for e in probe.console_errors if BAD_REQUEST_LOGGED not in e]
    probe.clean()


def test_a_prefix_is_written_into_the_query(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/sparql")
    page.fill("#query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    page.click('button.prefix[data-prefix="CHEBI"]')
    page.click('button.prefix[data-prefix="CHEBI"]')  # once only
    assert page.input_value("#query") == (
        f"PREFIX CHEBI: <{PREFIXES['CHEBI']}>\nSELECT * WHERE {{ ?s ?p ?o }} LIMIT 1"
    )
    probe.clean()


def test_document_text_stays_text(browser: Any, hostile_server: LiveServer) -> None:
    probe = open_probe(browser, [hostile_server.url + "/"])
    page = probe.page
    page.goto(hostile_server.url + "/sparql?" + urlencode({"query": SENTENCES_WITH_MARKUP}))
    page.wait_for_selector("#answer tbody tr")
    assert "<img src=x onerror" in page.inner_text("#answer tbody")
    page.wait_for_timeout(300)  # let any injected handler (onerror, onload) have its chance
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("#answer img, #answer script, #answer svg, #answer a").count() == 0
    probe.shot("22-query-page-hostile-text")
    probe.clean()
    page.context.close()
