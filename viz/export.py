"""The explorer as one self-contained HTML file (`nutrikg viz -o graph.html`).

vis-network's script and style (from the pyvis package) and the explorer's own are inlined; the
drawing, every drawn entity's details, every drawn relation's claims and the text around each
sentence are embedded as JSON, so the panels work from file:// with no network at all.

The file's Content-Security-Policy is a meta tag allowing exactly its one inline script and one
inline style by sha256 hash ('unsafe-inline' is never needed) and no fetch of any kind.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from nutrikg.graph.read.documents import document_text
from nutrikg.graph.read.entities import entity_details
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import RelationFilter, list_relations
from nutrikg.graph.settings import Settings
from nutrikg.viz.assets import SCRIPTS, STYLES, VENDOR_SCRIPT, VENDOR_STYLE, read_asset, static_file
from nutrikg.viz.assets import vendor_file as vendor_path
from nutrikg.viz.page import InlineAssets, page_config, render_page
from nutrikg.viz.view import ViewRequest, build_view, default_focus

Json = dict[str, Any]

CONTEXT_RADIUS = 160  # characters either side of a sentence, as the served page cuts them
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
_NM = "https://w3id.org/nutrikg/"


def standalone_html(kg: KnowledgeGraph, settings: Settings) -> str:
    """The whole explorer over `kg` in one HTML string (the node cap applies as on the server).

    Raises OSError when an explorer or vis-network file is missing from the installation.
    """
    view = build_view(kg, settings, ViewRequest(whole=True))
    claims = _claims(kg, view["edges"])
    focus = list(default_focus(kg))
    bundle = {
        "view": view,
        "entities": {
            curie: asdict(detail)
            for curie, detail in entity_details(kg, [str(node["id"]) for node in view["nodes"]]).items()
        },
        "claims": claims,
        "contexts": _contexts(kg, claims),
        "default_focus": focus,
    }
    config = page_config(default_focus=focus, node_cap=settings.viz_node_cap, standalone=True)
    return render_page(config, bundle, inline_assets())


def inline_assets() -> InlineAssets:
    """vis-network and the explorer's files as one style and one script.

    Raises OSError when a file is missing.
    """
    styles = [_vendor(VENDOR_STYLE), *(_own(name) for name in STYLES)]
    # The source-map comment would only make a browser's developer tools look for a file.
    vendor_script = _SOURCE_MAP.sub("", _vendor(VENDOR_SCRIPT))
    scripts = [vendor_script, *(_own(name) for name in SCRIPTS)]
    return InlineAssets(styles="\n".join(styles), script="\n;\n".join(scripts))


def _vendor(name: str) -> str:
    path = vendor_path(name)
    if path is None:
        raise OSError(f"vis-network file {name} is missing from the pyvis package")
    return read_asset(path)


def _own(name: str) -> str:
    path = static_file(name)
    if path is None:
        raise OSError(f"explorer file {name} is missing from viz/static")
    return read_asset(path)


def _claims(kg: KnowledgeGraph, edges: list[Json]) -> dict[str, list[Json]]:
    found: dict[str, list[Json]] = {}
    for edge in edges:
        wanted = RelationFilter(
            subject=str(edge["from"]),
            predicate=_NM + str(edge["predicate"]),
            object=str(edge["to"]),
        )
        found[str(edge["id"])] = [asdict(claim) for claim in list_relations(kg, wanted)]
    return found


def _contexts(kg: KnowledgeGraph, claims: dict[str, list[Json]]) -> dict[str, Json]:
    """The text around every sentence, keyed `doc:start:end` (documents no longer readable
    are left out: the page then shows the sentence alone)."""
    texts: dict[str, str | None] = {}
    found: dict[str, Json] = {}
    for claim in (c for listed in claims.values() for c in listed):
        ev = claim["evidence"]
        doc_id = str(ev["document"])
        if doc_id not in texts:
            texts[doc_id] = document_text(kg, doc_id)
        text = texts[doc_id]
        if text is not None:
            found[f"{doc_id}:{ev['start']}:{ev['end']}"] = cut(text, int(ev["start"]), int(ev["end"]))
    return found


def cut(text: str, start: int, end: int, radius: int = CONTEXT_RADIUS) -> Json:
    """The window of `text` around [start, end), opened and closed at spaces (as the page does)."""
    s = min(max(start, 0), len(text))
    e = min(max(end, s), len(text))
    begin, stop = max(0, s - radius), min(len(text), e + radius)
    if begin > 0:
        space = text.find(" ", begin)
        begin = min(s, space + 1) if space >= 0 else begin
    if stop < len(text):
        stop = max(e, text.rfind(" ", 0, stop + 1))
    return {
        "before": text[begin:s],
        "span": text[s:e],
        "after": text[e:stop],
        "clippedStart": begin > 0,
        "clippedEnd": stop < len(text),
    }
