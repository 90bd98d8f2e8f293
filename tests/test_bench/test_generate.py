"""The scale-graph generator: size, determinism, reuse, and the shape of what it writes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.extraction import make_corpus
from bench.generate import ScaleGraph, generate, parse_scale
from bench.queries import PREFIXES

NM = "https://w3id.org/nutrikg/"


@pytest.mark.parametrize(("text", "value"), [("10k", 10_000), ("1m", 1_000_000), ("2500", 2500)])
def test_parse_scale(text: str, value: int) -> None:
    assert parse_scale(text) == value


def test_parse_scale_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        parse_scale("0k")


def test_size_is_close_to_the_target(tiny_graph: ScaleGraph) -> None:
    lines = tiny_graph.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == tiny_graph.triples == len(set(lines))
    assert 6000 <= tiny_graph.triples < 6000 * 1.1
    assert tiny_graph.documents > 0 and tiny_graph.entities >= 20


def test_same_recipe_same_bytes_and_reuse(tiny_graph: ScaleGraph, base_graph: Path, tmp_path: Path) -> None:
    again = generate("6k", base_graph, tmp_path)
    assert again.path.read_bytes() == tiny_graph.path.read_bytes()
    stamp = again.path.stat().st_mtime_ns
    assert generate("6k", base_graph, tmp_path).path.stat().st_mtime_ns == stamp


def _store(graph: ScaleGraph) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(graph.path), format=ox.RdfFormat.N_TRIPLES)
    return store


def test_claims_carry_their_evidence(tiny_graph: ScaleGraph) -> None:
    store = _store(tiny_graph)
    query = (
        PREFIXES
        + """SELECT (COUNT(?c) AS ?all) (COUNT(?s) AS ?with) WHERE {
      ?c a nm:Claim . OPTIONAL { ?c nm:sentence ?s ; prov:wasDerivedFrom ?d ;
        nm:startOffset ?a ; nm:endOffset ?b ; nm:hedged ?h ; nm:negated ?n } }"""
    )
    row = next(iter(store.query(query)))  # type: ignore[arg-type]
    assert int(row["all"].value) > 50
    assert row["all"].value == row["with"].value


def test_entities_are_labelled_and_typed(tiny_graph: ScaleGraph) -> None:
    store = _store(tiny_graph)
    query = (
        PREFIXES
        + """SELECT ?e WHERE { ?c nm:subject ?e
      FILTER NOT EXISTS { ?e skos:prefLabel ?l ; rdf:type ?t } }"""
    )
    assert list(store.query(query)) == []  # type: ignore[arg-type]


def test_degrees_are_heavy_tailed(tiny_graph: ScaleGraph) -> None:
    ends: Counter[str] = Counter()
    for line in tiny_graph.path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if parts[1] in (f"<{NM}subject>", f"<{NM}object>"):
            ends[parts[2]] += 1
    degrees = sorted(ends.values())
    assert degrees[-1] >= 10 * degrees[len(degrees) // 2]


def test_extraction_corpus_varies_the_seeds(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path / "docs", 8)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) == 8 and len(set(texts)) == 8
    assert len(list(folder.glob("*.meta.json"))) == 8
