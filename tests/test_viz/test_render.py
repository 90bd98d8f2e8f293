"""The explorer without a browser: escaping, headers, static files, the node cap, agreement with
the JSON API, and the standalone file's structure and CSP."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings
from nutrikg.viz.assets import VIS_DIR
from nutrikg.viz.export import cut, standalone_html
from nutrikg.viz.page import json_for_script
from nutrikg.viz.view import ViewRequest, build_view
from tests.test_viz.harness import LiveServer


@pytest.fixture(scope="module")
def web(live_server: LiveServer) -> Iterator[httpx.Client]:
    """A client of the live service (the session's server, shared with the browser tests)."""
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


def ids(network: dict[str, Any]) -> tuple[set[str], set[str]]:
    return {n["id"] for n in network["nodes"]}, {e["id"] for e in network["edges"]}


def test_json_for_script_cannot_end_its_block() -> None:
    data = {"s": "</script><!--<script>alert(1)</script>", "amp": "a & b", "ls": "x\u2028y"}
    text = str(json_for_script(data))
    assert not set("<>&") & set(text)
    assert "\u2028" not in text
    assert json.loads(text) == data


def test_page_carries_security_headers_and_loads_nothing_external(web: httpx.Client) -> None:
    response = web.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "frame-ancestors 'none'"):  # fmt: skip
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", response.text)
    for tag in re.findall(r"<script[^>]*>", response.text):
        assert 'src="/static/' in tag or 'type="application/json"' in tag


def test_vis_network_is_served_from_the_pyvis_package(web: httpx.Client) -> None:
    response = web.get("/static/vendor/vis-network.min.js")
    assert response.status_code == 200
    assert response.content == (VIS_DIR / "vis-network.min.js").read_bytes()
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert web.get("/static/vendor/vis-network.css").status_code == 200
    assert web.get("/static/nkg-main.js").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/static/nope.js",
        "/static/vendor/network.py",
        "/static/..%2Fpage.py",
        "/static/vendor/..%2F..%2Fnetwork.py",
    ],
)
def test_only_listed_static_files_are_served(web: httpx.Client, path: str) -> None:
    assert web.get(path).status_code == 404


def test_view_agrees_with_the_json_api(web: httpx.Client) -> None:
    assert ids(web.get("/viz/view?whole=true").json()) == ids(web.get("/api/v1/graph").json())
    near = web.get("/viz/view", params={"focus": "nm:osteocalcin", "depth": 2}).json()
    api = web.get("/api/v1/neighbourhood/nm:osteocalcin", params={"depth": 2}).json()
    assert ids(near) == ids(api)
    assert [n["curie"] for n in near["nodes"] if n["focus"]] == ["nm:osteocalcin"]


def test_unknown_focus_is_a_404(web: httpx.Client) -> None:
    response = web.get("/viz/view", params={"focus": "no such thing"})
    assert response.status_code == 404


def test_view_is_drawn_by_pyvis_without_titles(viz_kg: KnowledgeGraph, viz_settings: Settings) -> None:
    view = build_view(viz_kg, viz_settings, ViewRequest(whole=True))
    assert view["nodes"] and view["edges"]
    assert all("shape" in n and "title" not in n for n in view["nodes"])
    assert all(e["arrows"] == "to" and "title" not in e for e in view["edges"])
    assert view["options"]["physics"]["stabilization"]["iterations"] == 200


def test_node_cap_trims_and_says_so(viz_kg: KnowledgeGraph, viz_settings: Settings) -> None:
    capped = viz_settings.model_copy(update={"viz_node_cap": 5})
    whole = build_view(viz_kg, capped, ViewRequest(whole=True))
    assert len(whole["nodes"]) == 5
    assert whole["truncated"] and whole["total_nodes"] == viz_kg.view.net.number_of_nodes()
    near = build_view(viz_kg, capped, ViewRequest(focus=("vitamin K2",), depth=3))
    assert len(near["nodes"]) == 5 and near["nodes"][0]["curie"] == "nm:vitamin_k2"


def test_standalone_file_is_self_contained(viz_kg: KnowledgeGraph, viz_settings: Settings) -> None:
    html = standalone_html(viz_kg, viz_settings)
    assert re.findall(r"(?:src|href)=\"([^\"]*)\"", html) == ["data:,", "#"]
    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_lib.unescape(csp.group(1))
    assert f"script-src 'sha256-{digest}';" in policy
    assert "unsafe-inline" not in policy and "connect-src 'none'" in policy
    bundle = json.loads(re.search(r'id="nkg-bundle">(.*?)</script>', html, re.DOTALL).group(1))  # type: ignore[union-attr]
    assert {e["id"] for e in bundle["view"]["edges"]} == set(bundle["claims"])
    assert all(bundle["claims"].values()) and bundle["contexts"]


def test_context_window_opens_and_closes_at_spaces() -> None:
    text = "alpha beta gamma delta epsilon zeta"
    window = cut(text, 11, 22, radius=8)
    assert window["span"] == "gamma delta"
    assert window["before"] == "beta " and window["after"] == " epsilon"
    assert window["clippedStart"] and window["clippedEnd"]


@pytest.mark.parametrize("params", [{"whole": "true"}, {"focus": "nm:matrix_gla_protein", "depth": 2}])
def test_the_sparql_behind_a_view_returns_its_relations(web: httpx.Client, params: dict[str, Any]) -> None:
    view = web.get("/viz/view", params=params).json()
    query = view["query"]
    response = web.get(
        query["sparql_endpoint"],
        params={"query": query["sparql"]},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    triples = {(r["subject"]["value"], r["predicate"]["value"], r["object"]["value"]) for r in rows}
    drawn = {(e["from"], "https://w3id.org/nutrikg/" + e["predicate"], e["to"]) for e in view["edges"]}
    assert triples == drawn
