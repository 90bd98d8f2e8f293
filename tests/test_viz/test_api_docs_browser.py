"""The API page (`/docs`, api/routes/docs.py) in Debian's Chromium, through the explorer's browser
harness: a form sends its operation to the service and shows the answer as text, a POST with a
body too, and no request leaves 127.0.0.1. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json

import pytest

from tests.test_viz.harness import LiveServer, Probe

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def sent(probe: Probe, form_id: str) -> str:
    """Send the form of operation `form_id` as it is and wait for the answer; its status line."""
    page = probe.page
    page.click(f"#{form_id} form.try button[type=submit]")
    status = page.locator(f"#{form_id} .answer-status")
    page.wait_for_function(
        "id => /: \\d{3} /.test(document.querySelector('#' + id + ' .answer-status').textContent)",
        arg=form_id,
    )
    return status.inner_text()


def test_a_form_sends_its_request_and_shows_the_answer(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/docs")
    status = sent(probe, "get-api-v1-entities-term")
    assert status.startswith("GET /api/v1/entities/vitamin%20K2: 200")
    answer = json.loads(page.inner_text("#get-api-v1-entities-term .answer-body"))
    assert answer["curie"] == "nm:vitamin_k2"
    page.locator("#get-api-v1-entities-term").scroll_into_view_if_needed()
    probe.shot("30-api-docs-try-entity")
    page.fill('#get-api-v1-entities-term input[data-name="term"]', "no such thing")
    assert ": 404 " in sent(probe, "get-api-v1-entities-term")
    assert "unknown_entity" in page.inner_text("#get-api-v1-entities-term .answer-body")
    probe.console_errors = [e for e in probe.console_errors if "status of 404" not in e]
    probe.clean()
    assert all(url.startswith(live_server.url) for url in probe.requests)


def test_a_post_sends_its_body(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/docs")
    assert sent(probe, "post-sparql").startswith("POST /sparql: 200")
    answer = json.loads(page.inner_text("#post-sparql .answer-body"))
    assert answer["results"]["bindings"][0]["label"]["value"] == "vitamin K2"
    page.select_option("#post-sparql select.body-type", "application/x-www-form-urlencoded")
    page.select_option("#post-sparql select.accept", "text/csv")
    assert sent(probe, "post-sparql").startswith("POST /sparql: 200")
    assert page.inner_text("#post-sparql .answer-body").splitlines() == ["label", "vitamin K2"]
    assert sent(probe, "post-api-v1-query").startswith("POST /api/v1/query: 200")
    assert "sparql" in json.loads(page.inner_text("#post-api-v1-query .answer-body"))
    page.locator("#post-sparql").scroll_into_view_if_needed()
    probe.shot("31-api-docs-try-sparql-post")
    probe.clean()
