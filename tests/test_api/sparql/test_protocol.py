"""SPARQL 1.1 Protocol over HTTP: the three ways to send a query, datasets, formats, the methods
(HEAD, OPTIONS) and the service description."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyoxigraph as ox
import pytest
from rdflib import DCTERMS, Graph, Literal, Namespace, URIRef

from tests.test_api.sparql.helpers import ONE_ROW, RESULTS_JSON, assert_error_shape, labels

NM = Namespace("https://w3id.org/nutrikg/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
EXTRA = "https://w3id.org/nutrikg/graph/extra"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
CONSTRUCT = "CONSTRUCT WHERE { nm:vitamin_k2 nm:activates ?target }"
ACTIVATES = {
    (NM.vitamin_k2, NM.activates, NM.osteocalcin),
    (NM.vitamin_k2, NM.activates, NM.matrix_gla_protein),
}


def test_get_query(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ONE_ROW})
    assert labels(response) == ["vitamin K2"]
    assert response.headers["content-type"] == RESULTS_JSON
    assert response.headers["vary"] == "Accept"


def test_post_form(client: httpx.Client) -> None:
    assert labels(client.post("/sparql", data={"query": ONE_ROW})) == ["vitamin K2"]


def test_post_sparql_query_body(client: httpx.Client) -> None:
    headers = {"content-type": "application/sparql-query; charset=utf-8"}
    assert labels(client.post("/sparql", content=ONE_ROW, headers=headers)) == ["vitamin K2"]


def test_default_graph_uri_selects_the_dataset(client: httpx.Client) -> None:
    query = "SELECT ?label { nm:vitamin_k1 skos:prefLabel ?label }"
    # Without a dataset the default graph is the union of the built and the loaded graphs.
    assert labels(client.get("/sparql", params={"query": query})) == ["vitamin K1"]
    only_built = {"query": query, "default-graph-uri": "urn:x-nutrikg:none"}
    assert client.get("/sparql", params=only_built).status_code == 403  # not a graph of ours
    params = {"query": query, "default-graph-uri": EXTRA}
    assert labels(client.get("/sparql", params=params)) == ["vitamin K1"]
    body = {"query": query, "default-graph-uri": EXTRA}
    assert labels(client.post("/sparql", data=body)) == ["vitamin K1"]
    from_clause = f"SELECT ?label FROM <{EXTRA}> {{ nm:vitamin_k1 skos:prefLabel ?label }}"
    assert labels(client.get("/sparql", params={"query": from_clause})) == ["vitamin K1"]


def test_named_graph_uri_with_sparql_query_body(client: httpx.Client) -> None:
    query = "SELECT ?g ?label { GRAPH ?g { ?s skos:prefLabel ?label } }"
    response = client.post(
        "/sparql",
        params={"named-graph-uri": EXTRA},
        content=query,
        headers={"content-type": "application/sparql-query"},
    )
    assert labels(response) == ["vitamin K1"]


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_select_as_csv_and_tsv(client: httpx.Client, accept: str) -> None:
    response = client.get("/sparql", params={"query": ONE_ROW}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    lines = response.text.splitlines()
    if accept == "text/csv":
        assert list(csv.reader(io.StringIO(response.text))) == [["label"], ["vitamin K2"]]
    else:
        assert lines == ["?label", '"vitamin K2"@en']


def test_select_as_xml(client: httpx.Client) -> None:
    accept = {"accept": "application/sparql-results+xml"}
    response = client.get("/sparql", params={"query": ONE_ROW}, headers=accept)
    assert response.headers["content-type"] == "application/sparql-results+xml"
    parsed = ox.parse_query_results(response.content, ox.QueryResultsFormat.XML)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [s["label"] for s in parsed] == [ox.Literal("vitamin K2", language="en")]


@pytest.mark.parametrize(
    ("fmt", "media_type", "expected"),
    [
        ("json", "application/sparql-results+json", '"boolean":true'),
        ("xml", "application/sparql-results+xml", "<boolean>true</boolean>"),
        ("csv", "text/csv", "true"),
        ("tsv", "text/tab-separated-values", "true"),
    ],
)
def test_ask_in_each_format(client: httpx.Client, fmt: str, media_type: str, expected: str) -> None:
    query = "ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }"
    response = client.get("/sparql", params={"query": query, "format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert expected in response.text


@pytest.mark.parametrize(
    ("accept", "rdflib_format", "media_type"),
    [
        ("text/turtle", "turtle", "text/turtle"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/rdf+xml", "xml", "application/rdf+xml"),
        ("application/turtle", "turtle", "text/turtle"),
        ("application/xml", "xml", "application/rdf+xml"),
    ],
)
def test_construct_in_each_format(
    client: httpx.Client, accept: str, rdflib_format: str, media_type: str
) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert set(Graph().parse(data=response.text, format=rdflib_format)) == ACTIVATES


@pytest.mark.parametrize(
    ("accept", "oxigraph_format", "media_type"),
    [
        ("text/n3", ox.RdfFormat.N3, "text/n3"),
        ("text/rdf+n3", ox.RdfFormat.N3, "text/n3"),
        ("application/n-quads", ox.RdfFormat.N_QUADS, "application/n-quads"),
        ("application/trig", ox.RdfFormat.TRIG, "application/trig"),
    ],
)
def test_construct_in_n3_and_dataset_formats(
    client: httpx.Client, accept: str, oxigraph_format: ox.RdfFormat, media_type: str
) -> None:
    """N3 as asked (Turtle is N3); N-Quads and TriG hold the answer's triples in the default graph."""
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    quads = list(ox.parse(response.content, format=oxigraph_format))
    assert all(quad.graph_name == ox.DefaultGraph() for quad in quads)
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}  # type: ignore[union-attr]
    assert triples == {tuple(str(term) for term in triple) for triple in ACTIVATES}


def test_select_as_xml_for_application_xml(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ONE_ROW}, headers={"accept": "application/xml"})
    assert response.headers["content-type"] == "application/sparql-results+xml"
    parsed = ox.parse_query_results(response.content, ox.QueryResultsFormat.XML)
    assert [s["label"] for s in parsed] == [ox.Literal("vitamin K2", language="en")]  # type: ignore[union-attr]


def test_select_as_tsv_for_text_plain(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ONE_ROW}, headers={"accept": "text/plain"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines() == ["?label", '"vitamin K2"@en']
    ask = "ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }"
    assert client.get("/sparql", params={"query": ask}, headers={"accept": "text/plain"}).text == "true"


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_describe_in_each_format(client: httpx.Client, fmt: str) -> None:
    response = client.get("/sparql", params={"query": "DESCRIBE nm:natto", "format": fmt})
    assert response.status_code == 200
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
    described = Graph().parse(data=response.text, format=rdflib_format[fmt])
    assert (NM.natto, NM.sourceOf, NM.mk7) in described
    assert (NM.natto, URIRef(SKOS_PREF), Literal("natto", lang="en")) in described


def test_q_values_choose_the_format(client: httpx.Client) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    response = client.get("/sparql", params={"query": ONE_ROW}, headers={"accept": accept})
    assert response.headers["content-type"].startswith("text/csv")


def test_a_browser_gets_the_query_page_unless_it_names_a_format(client: httpx.Client) -> None:
    headers = {"accept": BROWSER}
    page = client.get("/sparql", params={"query": ONE_ROW}, headers=headers)
    assert page.headers["content-type"].startswith("text/html") and page.headers["vary"] == "Accept"
    assert "nm:vitamin_k2 skos:prefLabel ?label" in page.text
    select = client.get("/sparql", params={"query": ONE_ROW, "format": "json"}, headers=headers)
    assert select.headers["content-type"] == RESULTS_JSON
    construct = client.get("/sparql", params={"query": CONSTRUCT, "format": "turtle"}, headers=headers)
    assert construct.headers["content-type"].startswith("text/turtle")
    assert client.post("/sparql", data={"query": ONE_ROW}, headers=headers).status_code == 200  # data
    curl = client.get("/sparql", params={"query": ONE_ROW}, headers={"accept": "*/*"})
    assert curl.headers["content-type"] == RESULTS_JSON


def test_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    for params, accept in (({"query": ONE_ROW}, RESULTS_JSON), ({}, "text/turtle"), ({}, BROWSER)):
        got = client.get("/sparql", params=params, headers={"accept": accept})
        head = client.head("/sparql", params=params, headers={"accept": accept})
        assert head.status_code == got.status_code == 200
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        length = int(head.headers["content-length"])
        # The service description's blank node labels (and so its length) differ each time.
        assert length > 0 if accept == "text/turtle" else length == len(got.content)
    bad = client.head("/sparql", params={"query": "SELECT ?x WHERE {"})
    assert bad.status_code == 400 and bad.content == b""


def test_options_names_the_methods(client: httpx.Client) -> None:
    response = client.options("/sparql")
    assert response.status_code == 204
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    refused = client.put("/sparql", content=b"")
    assert_error_shape(refused, 405, "method_not_allowed")
    assert refused.headers["allow"] == response.headers["allow"]


def test_format_parameter_overrides_accept(client: httpx.Client) -> None:
    params = {"query": ONE_ROW, "format": "tsv"}
    response = client.get("/sparql", params=params, headers={"accept": RESULTS_JSON})
    assert response.headers["content-type"].startswith("text/tab-separated-values")


def test_unacceptable_accept_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ONE_ROW}, headers={"accept": "image/png"})
    message = assert_error_shape(response, 406, "not_acceptable")
    assert "application/sparql-results+json" in message
    construct = client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert_error_shape(construct, 406, "not_acceptable")


def test_service_description(client: httpx.Client, base_url: str) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    described = Graph().parse(data=response.text, format="turtle")
    service = next(described.subjects(URIRef(SD.endpoint), None))
    assert (service, SD.endpoint, URIRef(f"{base_url}/sparql")) in described
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in described
    formats = {str(o) for o in described.objects(service, SD.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats and len(formats) == 11
    assert {f"http://www.w3.org/ns/formats/{name}" for name in ("N3", "N-Quads", "TriG")} <= formats
    assert (None, SD.name, URIRef(EXTRA)) in described
    prefixes = {str(o) for o in described.objects(None, URIRef("http://www.w3.org/ns/shacl#prefix"))}
    assert {"nm", "CHEBI", "UniProtKB"} <= prefixes


def test_service_description_says_what_the_default_graph_is(client: httpx.Client) -> None:
    """The default graph is the built graph merged with the named graphs, not their merge alone
    (a triple of it is in no named graph), so sd:UnionDefaultGraph would be false."""
    outside = "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
    assert client.get("/sparql", params={"query": outside}).json()["boolean"] is True
    inside = f"ASK {{ GRAPH <{EXTRA}> {{ nm:vitamin_k1 skos:prefLabel ?l }} }}"
    assert client.get("/sparql", params={"query": inside}).json()["boolean"] is True
    described = Graph().parse(data=client.get("/sparql").text, format="turtle")
    assert (None, SD.feature, SD.UnionDefaultGraph) not in described
    default = next(described.objects(None, SD.defaultGraph))
    text = str(next(described.objects(default, DCTERMS.description)))
    assert "merged with every named graph" in text


def test_service_description_is_negotiated(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert response.headers["content-type"] == "application/ld+json"
    assert isinstance(json.loads(response.text), list | dict)


def test_prefixes_endpoint(client: httpx.Client) -> None:
    response = client.get("/sparql/prefixes")
    assert response.status_code == 200
    listed = {item["prefix"]: item["namespace"] for item in response.json()}
    assert listed["nm"] == "https://w3id.org/nutrikg/"
    assert listed["UO"] == "http://purl.obolibrary.org/obo/UO_"
