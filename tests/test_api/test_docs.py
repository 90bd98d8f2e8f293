"""`/docs` describes the API from its OpenAPI document, with a form per operation filled with its
examples, and loads nothing from elsewhere (its script and style are the service's own). The forms
are driven in Chromium in tests/test_viz/test_api_docs_browser.py."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from nutrikg.api.routes.docs import blocks


def test_the_api_page_lists_the_routes_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "connect-src 'self'", "style-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    page = response.text
    for path in ("/sparql", "/api/v1/entities", "/api/v1/paths", "/export"):
        assert f"<code>{path}</code>" in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/docs/static/docs.js">']
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # no CDN, no font service
    assert client.get("/redoc").status_code == 404  # the framework's CDN-backed pages are off
    assert client.get("/openapi.json").json()["info"]["title"] == "nutrikg"


def test_each_operation_has_a_form_filled_with_its_examples(client: TestClient) -> None:
    page = client.get("/docs").text
    spec = client.get("/openapi.json").json()
    count = sum(len(item) for item in spec["paths"].values())
    assert page.count('<form class="try"') == count
    assert '<form class="try" data-method="get" data-path="/api/v1/entities/{term}">' in page
    assert 'data-name="term" data-in="path" aria-label="term" value="vitamin K2" required' in page
    assert 'data-media-type="application/sparql-query"' in page  # /sparql's two POST bodies
    assert 'data-media-type="application/x-www-form-urlencoded"' in page
    assert "query=SELECT+%3Flabel" in page  # the form body's example, form-encoded (and escaped)


def test_the_pages_files_are_served_and_no_others(client: TestClient) -> None:
    script = client.get("/docs/static/docs.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert client.get("/docs/static/docs.css").headers["content-type"].startswith("text/css")
    for name in ("docs.html", "..%2Froutes%2Fdocs.py", "sparql-query.js"):
        assert client.get(f"/docs/static/{name}").status_code == 404


def test_descriptions_keep_their_code_and_lists() -> None:
    text = (
        'Triple patterns:\n\n```json\n{"where": []}\n```\n\n'
        "- `?x` is a variable.\n- Predicates:\n  a name.\n\nOne\nparagraph."
    )
    assert blocks(text) == [
        {"kind": "text", "text": "Triple patterns:"},
        {"kind": "code", "text": '{"where": []}'},
        {"kind": "list", "entries": ["`?x` is a variable.", "Predicates: a name."]},
        {"kind": "text", "text": "One paragraph."},
    ]


def test_every_response_says_nosniff(client: TestClient) -> None:
    for path in ("/api/v1/stats", "/docs", "/no-such-page"):
        assert client.get(path).headers["x-content-type-options"] == "nosniff"
