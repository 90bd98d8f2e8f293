"""SPARQL 1.1 Protocol over HTTP: the three ways to send a query, datasets, formats."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

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
    ],
)
def test_construct_in_each_format(
    client: httpx.Client, accept: str, rdflib_format: str, media_type: str
) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert set(Graph().parse(data=response.text, format=rdflib_format)) == ACTIVATES


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


def test_browser_accept_gets_json_and_turtle(client: httpx.Client) -> None:
    headers = {"accept": BROWSER}
    select = client.get("/sparql", params={"query": ONE_ROW}, headers=headers)
    assert select.headers["content-type"] == RESULTS_JSON
    construct = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert construct.headers["content-type"].startswith("text/turtle")


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
    assert "http://www.w3.org/ns/formats/Turtle" in formats and len(formats) == 8
    assert (None, SD.name, URIRef(EXTRA)) in described
    prefixes = {str(o) for o in described.objects(None, URIRef("http://www.w3.org/ns/shacl#prefix"))}
    assert {"nm", "CHEBI", "UniProtKB"} <= prefixes


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
