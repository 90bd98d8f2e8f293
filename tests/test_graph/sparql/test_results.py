"""Our SELECT writers, checked by reading their output back with pyoxigraph's parsers."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from graph.errors import ResultTooLarge
from graph.sparql.results import Row, write_graph, write_solutions

XSD = "http://www.w3.org/2001/XMLSchema#"
NAMES = ["s", "label", "n", "note"]
ROWS: list[Row] = [
    [
        ox.NamedNode("https://w3id.org/nutrikg/vitamin_k2"),
        ox.Literal("vitamin K2", language="en"),
        ox.Literal("180", datatype=ox.NamedNode(XSD + "decimal")),
        ox.Literal('says "hi",\tthen\nleaves & <goes>'),
    ],
    [ox.BlankNode("b0"), None, ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")), None],
]


@pytest.mark.parametrize(
    ("key", "fmt"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_results_round_trip(key: str, fmt: ox.QueryResultsFormat) -> None:
    body, count = write_solutions(NAMES, ROWS, key, max_rows=10)
    assert count == 2
    parsed = ox.parse_query_results(body, fmt)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == NAMES
    back = [[solution[n] for n in NAMES] for solution in parsed]
    assert back == ROWS


def test_json_follows_the_standard_shape() -> None:
    body, _ = write_solutions(NAMES, ROWS, "json", max_rows=10)
    document = json.loads(body)
    assert document["head"] == {"vars": NAMES}
    first = document["results"]["bindings"][0]
    assert first["label"] == {"type": "literal", "value": "vitamin K2", "xml:lang": "en"}
    assert first["n"]["datatype"] == XSD + "decimal"
    assert "datatype" not in first["note"]  # plain strings carry no datatype
    assert set(document["results"]["bindings"][1]) == {"s", "n"}  # unbound stays out


def test_csv_quotes_and_uses_plain_values() -> None:
    body, _ = write_solutions(NAMES, ROWS, "csv", max_rows=10)
    assert body.startswith(b"s,label,n,note\r\n")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[1] == [
        "https://w3id.org/nutrikg/vitamin_k2",
        "vitamin K2",
        "180",
        'says "hi",\tthen\nleaves & <goes>',
    ]
    assert rows[2] == ["_:b0", "", "7", ""]


def test_no_rows_is_a_valid_empty_result() -> None:
    for key in ("json", "xml", "csv", "tsv"):
        body, count = write_solutions(["x"], [], key, max_rows=1)
        assert count == 0
        assert body


def test_row_cap_raises_instead_of_truncating() -> None:
    write_solutions(NAMES, ROWS, "json", max_rows=2)  # exactly at the cap is fine
    with pytest.raises(ResultTooLarge) as caught:
        write_solutions(NAMES, ROWS, "json", max_rows=1)
    assert caught.value.http_status == 413


def test_graph_writer_counts_and_caps() -> None:
    triple = ox.Triple(
        ox.NamedNode("https://w3id.org/nutrikg/vitamin_k2"),
        ox.NamedNode("https://w3id.org/nutrikg/activates"),
        ox.NamedNode("https://w3id.org/nutrikg/osteocalcin"),
    )
    body, count = write_graph([triple], "turtle", max_rows=1)
    assert count == 1
    assert b"nm:vitamin_k2 nm:activates nm:osteocalcin" in body
    for key in ("ntriples", "jsonld", "rdfxml"):
        assert write_graph([triple], key, max_rows=1)[1] == 1
    with pytest.raises(ResultTooLarge):
        write_graph([triple, triple], "ntriples", max_rows=1)
