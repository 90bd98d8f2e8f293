"""Content negotiation: q-values, wildcards, aliases, `?format=`, 406."""

from __future__ import annotations

import pytest

from nutrikg.graph.errors import NotAcceptable
from nutrikg.graph.sparql.negotiation import AnswerKind, format_by_key, negotiate, parse_accept

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def test_parse_accept_reads_q_values_and_skips_junk() -> None:
    ranges = parse_accept("text/csv;q=0.5, junk, application/json ; q=bad, */*;q=0")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "csv", 0.5),
        ("application", "json", 1.0),
        ("*", "*", 0.0),
    ]


@pytest.mark.parametrize(
    ("kind", "accept", "key"),
    [
        ("results", None, "json"),
        ("results", "", "json"),
        ("graph", None, "turtle"),
        ("results", BROWSER, "json"),
        ("graph", BROWSER, "turtle"),
        ("results", "*/*", "json"),
        ("results", "text/*", "csv"),
        ("results", "application/sparql-results+xml", "xml"),
        ("results", "text/csv;q=0.4, text/tab-separated-values;q=0.9", "tsv"),
        ("results", "application/sparql-results+xml;q=0.5, application/json", "json"),
        ("results", "text/*;q=0.3, text/csv;q=0, */*;q=0.1", "tsv"),
        ("graph", "application/ld+json, text/turtle;q=0.9", "jsonld"),
        ("graph", "application/n-triples;q=1, text/turtle;q=1", "turtle"),
        ("graph", "application/rdf+xml", "rdfxml"),
        ("graph", "text/plain", "ntriples"),
    ],
)
def test_accept_negotiation(kind: AnswerKind, accept: str | None, key: str) -> None:
    assert negotiate(kind, accept).key == key


@pytest.mark.parametrize(
    ("kind", "accept"),
    [
        ("results", "text/html"),
        ("results", "text/turtle"),
        ("graph", "application/sparql-results+json"),
        ("results", "*/*;q=0"),
        ("results", "application/sparql-results+json;q=0, text/html"),
    ],
)
def test_nothing_acceptable_is_406(kind: AnswerKind, accept: str) -> None:
    with pytest.raises(NotAcceptable) as caught:
        negotiate(kind, accept)
    assert caught.value.http_status == 406


@pytest.mark.parametrize(
    ("kind", "values", "key"),
    [
        ("results", ["csv"], "csv"),
        ("results", ["TSV"], "tsv"),
        ("results", ["text/csv"], "csv"),
        ("graph", ["ntriples"], "ntriples"),
        ("graph", ["json"], "jsonld"),  # JSON for a graph means JSON-LD
        ("graph", ["xml"], "rdfxml"),
        ("graph", ["rdf+xml", "application/rdf+xml"], "rdfxml"),  # SPARQLWrapper's pair
        ("graph", ["json-ld"], "jsonld"),
        ("results", ["nonsense", "xml"], "xml"),
    ],
)
def test_format_parameter_overrides_accept(kind: AnswerKind, values: list[str], key: str) -> None:
    assert negotiate(kind, "text/html", values).key == key


def test_unknown_or_wrong_kind_format_is_406() -> None:
    with pytest.raises(NotAcceptable, match="use one of: json, xml, csv, tsv"):
        negotiate("results", None, ["turtle"])
    with pytest.raises(NotAcceptable):
        negotiate("graph", None, ["yaml"])


def test_format_by_key_knows_every_format() -> None:
    assert format_by_key("tsv").content_type.startswith("text/tab-separated-values")
    with pytest.raises(KeyError):
        format_by_key("yaml")
