"""One small answer of each kind, written in every format the endpoint offers, by the writer the
query workers use: what a client gets, byte for byte, shown in the API's description."""

from __future__ import annotations

import pyoxigraph as ox

from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.sparql.negotiation import GRAPH_FORMATS, RESULT_FORMATS
from nutrikg.graph.sparql.results import Part, PartWriter, serialize_result

SAMPLE_SELECT = "SELECT ?label WHERE { nm:vitamin_k2 skos:prefLabel ?label }"
SAMPLE_CONSTRUCT = "CONSTRUCT WHERE { nm:vitamin_k2 nm:activates ?target }"
_SAMPLE_DATA = """
@prefix nm: <https://w3id.org/nutrikg/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
nm:vitamin_k2 skos:prefLabel "vitamin K2"@en ; nm:activates nm:osteocalcin, nm:matrix_gla_protein .
"""


def sample_answers() -> dict[str, str]:
    """Format key -> the sample SELECT's answer (results formats) or the sample CONSTRUCT's
    (graph formats) in that format, from an in-memory store holding three triples."""
    store = ox.Store()
    store.load(_SAMPLE_DATA, format=ox.RdfFormat.TURTLE)
    answers = {fmt.key: _written(store, SAMPLE_SELECT, fmt.key) for fmt in RESULT_FORMATS}
    return answers | {fmt.key: _written(store, SAMPLE_CONSTRUCT, fmt.key) for fmt in GRAPH_FORMATS}


def _written(store: ox.Store, query: str, format_key: str) -> str:
    parts: list[Part] = []
    serialize_result(
        store.query(query, prefixes=dict(PREFIXES)), PartWriter(parts.append, format_key, 1 << 20)
    )
    return b"".join(part.data for part in parts).decode("utf-8")
