"""A selection of the graph as vis-network data, built with pyvis's Network.

pyvis builds the node and edge records and the vis options; its HTML template is never used (it
links a CDN and inserts labels unescaped). The page takes the records as JSON and draws them with
the vis-network files pyvis ships. Tooltips are made in the browser from text, so node and edge
records carry no `title`.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pyvis.network import Network

from nutrikg.graph.identifiers import to_curie
from nutrikg.graph.model import Sign
from nutrikg.graph.read.describe import predicate_words
from nutrikg.graph.read.entities import category as node_category
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.viz.facts import edge_facets, edge_id
from nutrikg.viz.select import EdgeKey, Selection
from nutrikg.viz.style import SIGN_COLORS, category_style

Json = dict[str, Any]

STABILIZATION_ITERATIONS = 200

# Passed through pyvis's set_options, which strips every space: no string value may hold one.
VIS_OPTIONS: Json = {
    "autoResize": True,
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "nodes": {
        "size": 14,
        "borderWidth": 1.5,
        "scaling": {"min": 12, "max": 30},
        "font": {"size": 16, "color": "#1d2330", "strokeWidth": 4, "strokeColor": "#ffffff"},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "smooth": {"enabled": True, "type": "continuous", "roundness": 0.2},
        "font": {"size": 11, "align": "middle", "strokeWidth": 3, "color": "#39414f"},
        "width": 1.6,
        "selectionWidth": 2.5,
    },
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -90,
            "centralGravity": 0.015,
            "springLength": 110,
            "springConstant": 0.06,
            "avoidOverlap": 0.9,
        },
        "stabilization": {
            "enabled": True,
            "iterations": STABILIZATION_ITERATIONS,
            "updateInterval": 25,
            "fit": True,
        },
        "maxVelocity": 40,
        "minVelocity": 1.0,
    },
    "interaction": {
        "hover": True,
        "tooltipDelay": 150,
        "hideEdgesOnDrag": False,
        "keyboard": False,
        "multiselect": False,
    },
}


def draw(kg: KnowledgeGraph, selection: Selection) -> Json:
    """vis-network nodes, edges and options for `selection`, as pyvis builds them."""
    net = Network(directed=True, cdn_resources="remote")
    focus = set(selection.focus)
    degree = Counter(node for u, v, _ in selection.edges for node in (u, v))
    for node in selection.nodes:
        _add_node(net, kg, node, degree[node], node in focus)
    parallel: Counter[frozenset[str]] = Counter()
    for key in selection.edges:
        pair = frozenset(key[:2])
        _add_edge(net, kg, key, parallel[pair])
        parallel[pair] += 1
    net.set_options(json.dumps(VIS_OPTIONS))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def _add_node(net: Network, kg: KnowledgeGraph, iri: str, degree: int, focused: bool) -> None:
    category = node_category(kg, iri)
    style = category_style(category)
    extra: Json = {"borderWidth": 4, "font": {"size": 18}} if focused else {}
    net.add_node(
        iri,
        label=kg.label(iri),
        shape=style.shape,
        color={"background": style.color, "border": "#2b2f38" if focused else style.color},
        value=max(degree, 1),
        curie=to_curie(iri),
        category=category,
        focus=focused,
        **extra,
    )


def _add_edge(net: Network, kg: KnowledgeGraph, key: EdgeKey, rank: int) -> None:
    subject, obj, predicate = key
    data = kg.view.net.edges[subject, obj, predicate]
    sign: Sign = data["sign"]
    facets = edge_facets(data["evidence"])
    options: Json = {}
    if rank:  # a second relation between the same two entities bends away from the first
        curve = "curvedCW" if rank % 2 else "curvedCCW"
        options["smooth"] = {"enabled": True, "type": curve, "roundness": 0.15 + 0.1 * rank}
    net.add_edge(
        subject,
        obj,
        id=edge_id(subject, predicate, obj),
        label=predicate_words(predicate),
        predicate=predicate,
        sign=sign.value,
        color={"color": SIGN_COLORS[sign], "highlight": SIGN_COLORS[sign]},
        dashes=bool(facets["hedged"]),
        width=_width(sign, len(data["evidence"])),
        subject_curie=to_curie(subject),
        object_curie=to_curie(obj),
        **facets,
        **options,
    )


def _width(sign: Sign, sentences: int) -> float:
    """More sentences, a thicker arrow; non-causal links stay thin so mechanisms stand out."""
    step = 0.15 if sign is Sign.NOT_CAUSAL else 0.4
    return 1.2 + min(sentences, 6) * step
