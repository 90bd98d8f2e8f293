"""Exports parse in independent tools and are byte-stable; files are written atomically."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from nutrikg.graph.assemble.build import BuildResult
from nutrikg.graph.files import write_atomic
from nutrikg.graph.read.export import FORMATS, serialize, sorted_ntriples
from nutrikg.graph.read.network import build_network


@pytest.fixture(scope="module")
def exports(built: BuildResult) -> dict[str, bytes]:
    view = build_network(built.rdf_graph)
    return {fmt: serialize(built.rdf_graph, view, fmt) for fmt in FORMATS}


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")]
)
def test_rdf_exports_round_trip_in_rdflib(
    built: BuildResult, exports: dict[str, bytes], fmt: str, rdflib_format: str
) -> None:
    parsed = Graph().parse(data=exports[fmt], format=rdflib_format)
    assert isomorphic(parsed, built.rdf_graph)


@pytest.mark.parametrize(
    ("fmt", "ox_format"),
    [("turtle", pyoxigraph.RdfFormat.TURTLE), ("ntriples", pyoxigraph.RdfFormat.N_TRIPLES)],
)
def test_rdf_exports_parse_in_pyoxigraph(
    built: BuildResult, exports: dict[str, bytes], fmt: str, ox_format: pyoxigraph.RdfFormat
) -> None:
    triples = list(pyoxigraph.parse(exports[fmt], format=ox_format))
    assert len(triples) == len(built.rdf_graph)


@pytest.mark.parametrize(("fmt", "syntax"), [("turtle", "turtle"), ("ntriples", "ntriples")])
def test_rdf_exports_parse_in_rapper(
    exports: dict[str, bytes], tmp_path: Path, fmt: str, syntax: str
) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper not installed: apt-get install -y raptor2-utils")
    path = tmp_path / f"graph.{fmt}"
    path.write_bytes(exports[fmt])
    result = subprocess.run(
        [rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "returned" in result.stderr and "triples" in result.stderr


def test_sorted_ntriples_are_sorted_and_stable(built: BuildResult) -> None:
    data = sorted_ntriples(built.rdf_graph)
    lines = data.decode().splitlines()
    assert lines == sorted(lines)
    assert data == sorted_ntriples(built.rdf_graph)


def test_claim_tables_have_one_row_per_claim(built: BuildResult, exports: dict[str, bytes]) -> None:
    claims = sum(len(e.claims) for e in built.extractions)
    rows = [json.loads(line) for line in exports["claims-jsonl"].decode().splitlines()]
    table = list(csv.DictReader(io.StringIO(exports["claims-csv"].decode())))
    assert len(rows) == len(table) == claims
    first = rows[0]
    assert {"subject_label", "predicate", "sentence", "start", "end", "hedged", "negated"} <= set(first)
    texts = {e.document.id: e.document.text for e in built.extractions}
    for row in rows:
        assert texts[row["document"]][row["start"] : row["end"]] == row["sentence"]


def test_graphml_parses_in_networkx(exports: dict[str, bytes]) -> None:
    import networkx as nx

    net = nx.read_graphml(io.BytesIO(exports["graphml"]))
    assert net.number_of_edges() > 50


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_claim_rows_carry_the_belief(exports: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(exports["claims-csv"].decode())))
    assert rows and all(0 < float(row["belief"]) <= 1 for row in rows)
    jsonl = [json.loads(line) for line in exports["claims-jsonl"].decode().splitlines()]
    assert [row["belief"] for row in jsonl] == [float(row["belief"]) for row in rows]
