"""Builds the on-disk test store: the hand-written fixture plus a generated bulk.

The bulk (about 20k triples) exists so that runaway queries really run for longer
than the test timeout: a random link graph for joins and property paths, and long
labels of repeated letters for regex filters.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pyoxigraph as ox

NM = "https://w3id.org/nutrikg/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
FIXTURE_TTL = Path(__file__).resolve().parents[2] / "data" / "sparql_fixture.ttl"
EXTRA_GRAPH = NM + "graph/extra"
BULK_NODES = 2000
LINKS_PER_NODE = 8
LONG_LABELS = 400
LONG_LABEL_LENGTH = 2000


def bulk_triples(seed: int = 7) -> list[ox.Triple]:
    """Generated link graph, numeric values and long labels (about 20k triples)."""
    rng = random.Random(seed)
    links = ox.NamedNode(NM + "linksTo")
    value = ox.NamedNode(NM + "value")
    nodes = [ox.NamedNode(f"{NM}node_{i}") for i in range(BULK_NODES)]
    out = [ox.Triple(node, links, rng.choice(nodes)) for node in nodes for _ in range(LINKS_PER_NODE)]
    out += [ox.Triple(node, value, ox.Literal(str(rng.randrange(10**6)))) for node in nodes]
    label = ox.NamedNode(RDFS_LABEL)
    text = "a" * LONG_LABEL_LENGTH + "!"
    out += [ox.Triple(nodes[i], label, ox.Literal(text)) for i in range(LONG_LABELS)]
    return out


def extra_graph_quads() -> list[ox.Quad]:
    """A few triples in one named graph, so FROM / default-graph-uri have a real target."""
    g = ox.NamedNode(EXTRA_GRAPH)
    s = ox.NamedNode(NM + "vitamin_k1")
    return [
        ox.Quad(
            s,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("vitamin K1", language="en"),
            g,
        ),
        ox.Quad(s, ox.NamedNode(NM + "activates"), ox.NamedNode(NM + "ggcx"), g),
    ]


def build_store(path: Path) -> Path:
    """Write the fixture, the bulk and the named graph into a new store at `path`."""
    store = ox.Store(str(path))
    store.bulk_load(path=str(FIXTURE_TTL), format=ox.RdfFormat.TURTLE)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in bulk_triples())
    store.bulk_extend(extra_graph_quads())
    store.flush()
    # The read-write handle must be gone before workers open read-only ones.
    del store
    gc.collect()
    return path
