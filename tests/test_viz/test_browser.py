"""The explorer in Debian's Chromium: it draws what the API holds, search, pathways, panels,
filters and shared URLs work, the standalone file works from disk, and no payload ever runs.

Every request is routed and any that leaves 127.0.0.1 fails the test; screenshots of each state
go to test-artifacts/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.network import find_paths
from nutrikg.graph.settings import Settings
from nutrikg.viz.export import standalone_html
from nutrikg.viz.view import ViewRequest, build_view, default_focus
from tests.test_viz.harness import ARTIFACTS, LiveServer, Probe, open_probe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NM = "https://w3id.org/nutrikg/"
K2_ACTIVATES_OSTEOCALCIN = "nm:vitamin_k2 activates nm:osteocalcin"
# The sentence shown marked inside more of its document's text.
IN_CONTEXT = """s => [...document.querySelectorAll('#panel .context')].some(
    p => p.querySelector('mark').textContent === s && p.textContent.length > s.length)"""
SHOWN_AS_TEXT = "() => document.querySelector('#panel').textContent.includes('<img src=x')"
# Every sentence of the panel shown within its document (all document texts have arrived).
ALL_IN_CONTEXT = """() => [...document.querySelectorAll('#panel .context')].every(
    p => p.textContent.length > p.querySelector('mark').textContent.length)"""
# Where a node is drawn, in page coordinates, so it can be clicked like a reader would.
NODE_ON_SCREEN = """id => {
    const net = window.__nutrikg.network;
    const at = net.canvasToDOM(net.getPosition(id));
    const box = net.body.container.getBoundingClientRect();
    return {x: at.x + box.left, y: at.y + box.top};
}"""


def k2_pathway(kg: KnowledgeGraph) -> str:
    """A hash for a causal pathway from vitamin K2 to bone mineralization (else bone, artery)."""
    source = f"{NM}vitamin_k2"
    for target in ("bone_mineralization", "bone", "artery"):
        if find_paths(kg.view, source, f"{NM}{target}", 4, True, 1):
            return f"#source=nm:vitamin_k2&target=nm:{target}"
    raise AssertionError("the corpus gives vitamin K2 no causal path to bone or arteries")


def api(server: LiveServer, path: str, **params: Any) -> Any:
    response = httpx.get(server.url + path, params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def drawn(page: Page, after: int = 0) -> dict[str, int]:
    """Wait for draw number `after + 1` to settle; the drawn node and edge counts."""
    page.wait_for_function(
        "n => window.__nutrikg && window.__nutrikg.stable && window.__nutrikg.draws() > n",
        arg=after,
    )
    counts: dict[str, int] = page.evaluate("() => window.__nutrikg.counts()")
    return counts


def draws(page: Page) -> int:
    return int(page.evaluate("() => window.__nutrikg.draws()"))


def pick(page: Page, selector: str, text: str) -> None:
    """Type into an autocomplete box and take the first suggestion."""
    page.fill(selector, text)
    page.wait_for_selector(f"{selector} + ul.suggestions li", state="visible")
    page.press(selector, "Enter")


def save_timing(name: str, timing: dict[str, Any]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "timing.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    known[name] = timing
    path.write_text(json.dumps(known, indent=2))


def test_default_view_draws_the_api_graph_cleanly(probe: Probe, live_server: LiveServer) -> None:
    response = probe.page.goto(live_server.url + "/")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    counts = drawn(probe.page)
    whole = api(live_server, "/api/v1/graph")
    config_focus = probe.page.evaluate(
        "() => JSON.parse(document.getElementById('nkg-config').textContent).default_focus"
    )
    nodes = {n["id"] for n in whole["nodes"]}
    if config_focus:
        nodes = set()
        for term in config_focus:
            nodes |= {n["id"] for n in api(live_server, f"/api/v1/neighbourhood/{term}")["nodes"]}
    edges = [e for e in whole["edges"] if e["source"] in nodes and e["target"] in nodes]
    assert not whole["truncated"]
    assert counts == {"nodes": len(nodes), "edges": len(edges)}
    timing = probe.page.evaluate("() => window.__nutrikg.timing")
    save_timing("served default view", {**timing, **counts})
    assert "D3" in probe.page.inner_text("#intro") and probe.page.inner_text("#legend-categories")
    probe.shot("01-default-view")
    probe.clean()
    assert all(url.startswith(live_server.url) for url in probe.requests)


def test_whole_graph_matches_the_api(probe: Probe, live_server: LiveServer) -> None:
    probe.page.goto(live_server.url + "/#whole=1")
    counts = drawn(probe.page)
    whole = api(live_server, "/api/v1/graph")
    assert counts == {"nodes": len(whole["nodes"]), "edges": len(whole["edges"])}
    probe.page.click("#query-toggle")
    assert probe.page.get_attribute("#query-json a", "href") == "/api/v1/graph"
    assert "SELECT" in probe.page.inner_text("#query-sparql")
    probe.shot("02-whole-graph-with-query")
    probe.clean()


def test_search_focuses_an_entity_and_its_neighbourhood(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/")
    drawn(page)
    before = draws(page)
    pick(page, "#search", "osteoc")
    counts = drawn(page, before)
    assert page.evaluate("() => window.__nutrikg.state().focus") == ["nm:osteocalcin"]
    near = api(live_server, "/api/v1/neighbourhood/nm:osteocalcin", depth=1)
    assert counts == {"nodes": len(near["nodes"]), "edges": len(near["edges"])}
    before = draws(page)
    page.select_option("#depth", "2")
    counts = drawn(page, before)
    near = api(live_server, "/api/v1/neighbourhood/nm:osteocalcin", depth=2)
    assert counts == {"nodes": len(near["nodes"]), "edges": len(near["edges"])}
    assert "depth=2" in page.url
    probe.shot("03-search-osteocalcin-depth-2")
    probe.clean()


def test_pathway_mode_highlights_the_d3_to_artery_path(
    probe: Probe, live_server: LiveServer, viz_kg: KnowledgeGraph
) -> None:
    page = probe.page
    causal = bool(api(live_server, "/api/v1/paths", source="vitamin D3", target="artery")["total"])
    expected = api(live_server, "/api/v1/paths", source="vitamin D3", target="artery",
                   causal_only=str(causal).lower())  # fmt: skip
    assert expected["total"] > 0, "the shipped corpus links vitamin D3 to arteries"
    page.goto(live_server.url + "/")
    drawn(page)
    before = draws(page)
    pick(page, "#path-source", "vitamin D3")
    page.set_checked("#causal-only", causal)
    pick(page, "#path-target", "artery")
    drawn(page, before)
    page.wait_for_function("() => window.__nutrikg.chosenPath() !== null")
    chosen = page.evaluate("() => window.__nutrikg.chosenPath()")
    assert chosen["summary"] == expected["paths"][0]["summary"]
    assert chosen["hops"][-1]["object"]["curie"] == "nm:artery"
    for hop in chosen["hops"]:
        edge_id = f"{hop['subject']['curie']} {hop['predicate']} {hop['object']['curie']}"
        assert page.evaluate("id => window.__nutrikg.edges.get(id).width", edge_id) == 5
    assert page.locator("#path-list > li").count() == expected["total"]
    assert page.locator("#path-list li.chosen .evidence li").count() >= len(chosen["hops"])
    probe.shot("04-pathway-d3-to-artery")
    before = draws(page)
    page.goto(live_server.url + "/" + k2_pathway(viz_kg))
    drawn(page, before)
    page.wait_for_function("() => window.__nutrikg.chosenPath() !== null")
    probe.shot("05-pathway-k2-to-bone")
    probe.clean()


def test_edge_and_node_panels_show_evidence_and_safe_links(probe: Probe, live_server: LiveServer) -> None:
    page = probe.page
    page.goto(live_server.url + "/#whole=1")
    drawn(page)
    claims = api(live_server, "/api/v1/relations", subject="nm:vitamin_k2", predicate="activates",
                 object="nm:osteocalcin")["items"]  # fmt: skip
    assert claims
    page.evaluate("id => window.__nutrikg.selectEdge(id)", K2_ACTIVATES_OSTEOCALCIN)
    page.wait_for_selector("#panel article.claim")
    assert page.locator("#panel article.claim").count() == len(claims)
    first = claims[0]["evidence"]["sentence"]
    page.wait_for_function(IN_CONTEXT, arg=first)
    page.wait_for_function(ALL_IN_CONTEXT)
    assert page.inner_text("#panel").count(claims[0]["evidence"]["title"]) >= 1
    probe.shot("06-edge-panel-k2-activates-osteocalcin")
    box = page.evaluate(NODE_ON_SCREEN, "https://w3id.org/nutrikg/vitamin_k2")
    page.mouse.click(box["x"], box["y"])  # a real click on the node
    page.wait_for_selector("#panel h3:has-text('Standard identifiers')")
    assert "vitamin K2" in page.inner_text("#panel h2")
    for link in page.locator("#panel a[href]").all():
        assert (link.get_attribute("href") or "").startswith(("http://", "https://"))
        assert link.get_attribute("rel") == "noopener noreferrer"
    probe.shot("07-node-panel-vitamin-k2")
    probe.clean()


def test_filters_live_in_the_url_and_survive_a_reload(
    browser: Any, probe: Probe, live_server: LiveServer
) -> None:
    page = probe.page
    page.goto(live_server.url + "/#whole=1")
    drawn(page)
    whole = api(live_server, "/api/v1/graph")
    page.check("#hide-noncausal")
    page.check("#hide-hedged")
    page.wait_for_function("() => location.hash.includes('hideHedged=1')")
    kept = [e for e in whole["edges"] if e["sign"] != "NotCausal" and not e["hedged"]]
    page.wait_for_function("n => window.__nutrikg.counts().edges === n", arg=len(kept))
    probe.shot("08-filters-causal-unhedged")
    shared = open_probe(browser, [live_server.url + "/"])
    shared.page.goto(page.url)
    assert drawn(shared.page)["edges"] == len(kept)
    assert shared.page.is_checked("#hide-noncausal") and shared.page.is_checked("#hide-hedged")
    shared.clean()
    shared.page.context.close()
    probe.clean()


def test_a_trimmed_view_says_so(browser: Any, capped_server: LiveServer) -> None:
    capped = open_probe(browser, [capped_server.url + "/"])
    capped.page.goto(capped_server.url + "/#whole=1")
    counts = drawn(capped.page)
    whole = api(capped_server, "/api/v1/graph")
    assert whole["truncated"] and len(whole["nodes"]) == 12
    assert counts == {"nodes": 12, "edges": len(whole["edges"])}
    notice = capped.page.locator("#notice")
    assert notice.is_visible() and "the cap is 12" in notice.inner_text()
    capped.shot("11-trimmed-whole-graph")
    capped.clean()
    capped.page.context.close()


def test_standalone_file_works_offline(
    browser: Any, viz_kg: KnowledgeGraph, viz_settings: Settings, tmp_path: Path
) -> None:
    target = tmp_path / "graph.html"
    target.write_text(standalone_html(viz_kg, viz_settings), encoding="utf-8")
    url = target.as_uri()
    offline = open_probe(browser, [url])
    page = offline.page
    page.goto(url)
    counts = drawn(page)
    expected = build_view(viz_kg, viz_settings, ViewRequest(focus=default_focus(viz_kg)))
    assert counts == {"nodes": len(expected["nodes"]), "edges": len(expected["edges"])}
    save_timing("standalone default view", {**page.evaluate("() => window.__nutrikg.timing"), **counts})
    page.evaluate("id => window.__nutrikg.selectEdge(id)", K2_ACTIVATES_OSTEOCALCIN)
    page.wait_for_selector("#panel .context mark")
    page.wait_for_function("() => document.querySelector('#panel .context').textContent.startsWith('…')")
    pick(page, "#search", "matrix gla")
    page.wait_for_function("() => window.__nutrikg.state().focus[0] === 'nm:matrix_gla_protein'")
    drawn(page, 1)
    before = draws(page)
    page.goto(url + k2_pathway(viz_kg))
    drawn(page, before)
    page.wait_for_function("() => window.__nutrikg.chosenPath() !== null")
    offline.shot("09-standalone-pathway")
    offline.clean()
    assert set(offline.requests) <= {url}
    page.context.close()


def open_every_panel(page: Page, nodes: bool = True) -> int:
    """Open the panel of every drawn edge (and node); the number of edge panels opened."""
    edge_ids = page.evaluate("() => window.__nutrikg.edges.getIds()")
    for edge_id in edge_ids:
        page.evaluate("id => window.__nutrikg.selectEdge(id)", edge_id)
        page.wait_for_selector("#panel article.claim")
        page.wait_for_function("() => !document.querySelector('#panel').textContent.includes('loading')")
    for node_id in page.evaluate("() => window.__nutrikg.nodes.getIds()") if nodes else []:
        page.evaluate("id => window.__nutrikg.selectNode(id)", node_id)
        page.wait_for_selector("#panel h3")
    return len(edge_ids)


def assert_not_pwned(probe: Probe) -> None:
    page = probe.page
    page.wait_for_timeout(300)  # let any injected handler (onerror, onload) have its chance
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("#panel img, #panel script, #panel svg, #panel iframe").count() == 0
    probe.clean()


def test_hostile_text_never_runs(
    browser: Any, hostile_server: LiveServer, hostile_kg: KnowledgeGraph,
    hostile_settings: Settings, tmp_path: Path,
) -> None:  # fmt: skip
    served = open_probe(browser, [hostile_server.url + "/"])
    served.page.goto(hostile_server.url + "/#whole=1")
    drawn(served.page)
    assert open_every_panel(served.page) >= 3
    served.page.evaluate("id => window.__nutrikg.selectEdge(id)", K2_ACTIVATES_OSTEOCALCIN)
    served.page.wait_for_selector("#panel .context mark")
    served.page.wait_for_function(SHOWN_AS_TEXT)
    served.page.wait_for_function(ALL_IN_CONTEXT)
    served.shot("10-hostile-text-shown-as-text")
    served.page.fill("#search", "vitamin")
    served.page.wait_for_selector("#search-list li", state="visible")
    assert_not_pwned(served)
    served.page.context.close()
    target = tmp_path / "hostile.html"
    target.write_text(standalone_html(hostile_kg, hostile_settings), encoding="utf-8")
    offline = open_probe(browser, [target.as_uri()])
    offline.page.goto(target.as_uri() + "#whole=1")
    drawn(offline.page)
    open_every_panel(offline.page, nodes=False)  # node panels share the served page's code
    assert_not_pwned(offline)
    offline.page.context.close()
