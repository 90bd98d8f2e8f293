"""Answers as a worker writes them: pyoxigraph's serialisers into a PartWriter, read back."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from nutrikg.graph.errors import ResultTooLarge
from nutrikg.graph.sparql.results import Part, PartWriter, answer_format, serialize_result

NM = "https://w3id.org/nutrikg/"
XSD = "http://www.w3.org/2001/XMLSchema#"
NAMES = ["s", "label", "n", "note"]
# Two rows: every kind of term, markup and separators in a literal, unbound values.
ROWS_QUERY = f"""SELECT ?s ?label ?n ?note {{
  VALUES (?s ?label ?n ?note) {{
    (<{NM}vitamin_k2> "vitamin K2"@en "180"^^<{XSD}decimal> "says \\"hi\\",\\tthen\\nleaves & <goes>")
    (<{NM}osteocalcin> UNDEF 7 UNDEF)
  }}
}}"""


def write(result: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples, key: str,
          max_bytes: int = 10**6, part_bytes: int = 1024) -> list[Part]:  # fmt: skip
    parts: list[Part] = []
    serialize_result(result, PartWriter(parts.append, key, max_bytes, part_bytes))
    return parts


def body(parts: list[Part]) -> bytes:
    return b"".join(p.data for p in parts)


@pytest.fixture()
def store() -> ox.Store:
    triples = ox.Store()
    triples.add(ox.Quad(ox.NamedNode(NM + "vitamin_k2"), ox.NamedNode(NM + "activates"),
                        ox.NamedNode(NM + "osteocalcin")))  # fmt: skip
    return triples


@pytest.mark.parametrize(
    ("key", "fmt"),
    [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
     ("tsv", ox.QueryResultsFormat.TSV)],
)  # fmt: skip
def test_results_round_trip(store: ox.Store, key: str, fmt: ox.QueryResultsFormat) -> None:
    parsed = ox.parse_query_results(body(write(store.query(ROWS_QUERY), key)), fmt)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == NAMES
    back = [[solution[n] for n in NAMES] for solution in parsed]
    direct = store.query(ROWS_QUERY)
    assert isinstance(direct, ox.QuerySolutions)
    assert back == [[solution[n] for n in NAMES] for solution in direct]
    assert back[0][3] == ox.Literal('says "hi",\tthen\nleaves & <goes>')


def test_json_follows_the_standard_shape(store: ox.Store) -> None:
    document = json.loads(body(write(store.query(ROWS_QUERY), "json")))
    assert document["head"] == {"vars": NAMES}
    first, second = document["results"]["bindings"]
    assert first["label"] == {"type": "literal", "value": "vitamin K2", "xml:lang": "en"}
    assert first["n"]["datatype"] == XSD + "decimal"
    assert "datatype" not in first["note"]  # plain strings carry no datatype
    assert set(second) == {"s", "n"}  # unbound stays out


def test_csv_quotes_and_uses_plain_values(store: ox.Store) -> None:
    text = body(write(store.query(ROWS_QUERY), "csv")).decode("utf-8")
    assert text.startswith("s,label,n,note\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [NM + "vitamin_k2", "vitamin K2", "180", 'says "hi",\tthen\nleaves & <goes>']
    assert rows[2] == [NM + "osteocalcin", "", "7", ""]


def test_parts_are_cut_as_they_fill_and_only_the_last_says_so(store: ox.Store) -> None:
    query = "SELECT ?i { VALUES ?i { " + " ".join(str(i) for i in range(20000)) + " } }"
    parts = write(store.query(query), "csv", part_bytes=1024)
    assert len(parts) > 5
    assert [p.last for p in parts] == [False] * (len(parts) - 1) + [True]
    assert all(len(p.data) >= 1024 for p in parts[:-1])
    assert body(parts).decode().split("\r\n")[1:-1] == [str(i) for i in range(20000)]


def test_an_empty_answer_is_a_valid_document(store: ox.Store) -> None:
    for key in ("json", "xml", "csv", "tsv"):
        parts = write(store.query("SELECT ?x { ?x a <urn:x:none> }"), key)
        assert len(parts) == 1 and parts[0].last and parts[0].data


def test_the_cap_stops_the_writing(store: ox.Store) -> None:
    query = "SELECT ?i { VALUES ?i { " + " ".join(str(i) for i in range(5000)) + " } }"
    whole = body(write(store.query(query), "json"))
    assert len(body(write(store.query(query), "json", max_bytes=len(whole)))) == len(whole)
    parts: list[Part] = []
    status = None
    # Not pytest.raises: a kept traceback would hold pyoxigraph's answer, which must be
    # dropped on the thread that made it.
    try:
        serialize_result(store.query(query), PartWriter(parts.append, "json", len(whole) - 1, 1024))
    except ResultTooLarge as exc:
        status = exc.http_status
    assert status == 413
    assert not any(p.last for p in parts)  # what was sent is never presented as the whole answer


def test_graphs_are_written_with_our_prefixes_and_in_every_rdf_format(store: ox.Store) -> None:
    turtle = body(write(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "turtle"))
    assert b"nm:vitamin_k2 nm:activates nm:osteocalcin" in turtle
    for key, fmt in (("ntriples", ox.RdfFormat.N_TRIPLES), ("jsonld", ox.RdfFormat.JSON_LD),
                     ("rdfxml", ox.RdfFormat.RDF_XML)):  # fmt: skip
        data = body(write(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), key))
        assert len(list(ox.parse(data, fmt))) == 1


def test_the_format_follows_the_form_of_the_answer(store: ox.Store) -> None:
    assert answer_format(store.query("ASK { ?s ?p ?o }"), "turtle") == "json"
    assert answer_format(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "csv") == "turtle"
    assert answer_format(store.query(ROWS_QUERY), "tsv") == "tsv"
    assert body(write(store.query("ASK { ?s ?p ?o }"), "json")) == b'{"head":{},"boolean":true}'
