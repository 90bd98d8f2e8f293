"""Content negotiation: q-values, wildcards, aliases, `?format=`, 406, and when a browser gets the page."""

from __future__ import annotations

import pytest

from nutrikg.graph.errors import NotAcceptable
from nutrikg.graph.sparql.negotiation import (
    AnswerKind,
    format_by_key,
    negotiate,
    parse_accept,
    prefers_page,
)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
# What SPARQLWrapper sends for N3 (its _RDF_N3 list).
SPARQLWRAPPER_N3 = "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3"


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
        # A browser's q-values name XML above the wildcard (its GET gets the query page instead)
        ("results", BROWSER, "xml"),
        ("graph", BROWSER, "rdfxml"),
        ("results", "text/html,*/*;q=0.8", "json"),
        ("graph", "text/html,*/*;q=0.8", "turtle"),
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
        ("results", "application/xml", "xml"),
        ("results", "text/plain", "tsv"),
        ("graph", "application/xml", "rdfxml"),
        ("graph", "application/turtle", "turtle"),
        ("graph", "text/n3", "n3"),
        ("graph", "text/rdf+n3", "n3"),
        ("graph", "application/n3", "n3"),
        ("graph", "application/n-quads", "nquads"),
        ("graph", "application/trig", "trig"),
        ("graph", SPARQLWRAPPER_N3, "turtle"),  # all rated 1: our order prefers Turtle, an N3 too
        ("graph", "text/*", "turtle"),
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
        ("graph", ["n3"], "n3"),  # SPARQLWrapper's format=n3
        ("graph", ["rdf+n3"], "n3"),
        ("graph", ["nquads"], "nquads"),
        ("graph", ["application/trig"], "trig"),
        ("results", ["text/plain"], "tsv"),
    ],
)
def test_format_parameter_overrides_accept(kind: AnswerKind, values: list[str], key: str) -> None:
    assert negotiate(kind, "text/html", values).key == key


def test_unknown_or_wrong_kind_format_is_406() -> None:
    with pytest.raises(NotAcceptable, match="use one of: json, xml, csv, tsv"):
        negotiate("results", None, ["turtle"])
    with pytest.raises(NotAcceptable):
        negotiate("graph", None, ["yaml"])


@pytest.mark.parametrize(
    ("accept", "page"),
    [
        (BROWSER, True),  # a browser's navigation
        ("text/html", True),
        ("application/xhtml+xml;q=0.9, */*;q=0.1", True),
        (None, False),
        ("*/*", False),  # curl
        ("text/*", False),
        ("text/html;q=0", False),
        ("text/html, application/sparql-results+json", False),  # data named as high: data
        ("text/html;q=0.5, text/csv", False),
        (SPARQLWRAPPER_N3, False),
    ],
)
def test_only_a_browser_gets_the_page(accept: str | None, page: bool) -> None:
    assert prefers_page(accept) is page


def test_format_by_key_knows_every_format() -> None:
    assert format_by_key("tsv").content_type.startswith("text/tab-separated-values")
    with pytest.raises(KeyError):
        format_by_key("yaml")
