"""POST /api/v1/query: JSON triple patterns compiled to SPARQL and run in the query pool."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import pytest

from nutrikg.api.app import create_app
from nutrikg.graph.errors import InvalidQuery
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.pattern_query import PatternQuery, compile_pattern
from nutrikg.graph.settings import Settings
from tests.test_api.conftest import error_body

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

NASTY = [
    "osteocalcin> } ; DROP ALL ; <x",
    "nm:osteocalcin> } ; DROP ALL ; <x",
    "https://w3id.org/nutrikg/osteocalcin> } INSERT DATA { <a> <b> <c> } #",
    "osteocalcin }",
    "osteocalcin # comment",
    "osteocalcin\n} SELECT * WHERE { ?s ?p ?o",
    '" . } DELETE WHERE { ?s ?p ?o } #',
]


def _query(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/query", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _pairs(answer: dict[str, Any], *names: str) -> set[tuple[str, ...]]:
    return {tuple(row[name]["curie"] for name in names) for row in answer["bindings"]}


def test_vitamin_k2_activates_osteocalcin_and_mgp(client: TestClient) -> None:
    answer = _query(client, {"where": [["?n", "activates", "?p"], ["?p", "type", "Protein"]]})
    assert answer["variables"] == ["n", "p"]
    pairs = _pairs(answer, "n", "p")
    assert {
        ("nm:vitamin_k2", "nm:osteocalcin"),
        ("nm:vitamin_k2", "nm:matrix_gla_protein"),
    } <= pairs
    row = answer["bindings"][0]["n"]
    assert set(row) == {"iri", "curie", "label"}
    assert "SELECT DISTINCT ?n ?p" in answer["sparql"]
    assert "<https://w3id.org/nutrikg/activates>" in answer["sparql"]
    assert answer["total"] == len(answer["bindings"])


def test_filters_select_order_and_paging(client: TestClient) -> None:
    body: dict[str, Any] = {
        "where": [["?n", "activates", "?p"]],
        "filters": {"?n": {"category": "Vitamer"}},
        "select": ["?p"],
        "order_by": "-?p",
    }
    everything = _query(client, body)
    curies = [row["p"]["curie"] for row in everything["bindings"]]
    assert "nm:osteocalcin" in curies and curies == sorted(curies, reverse=True)
    assert everything["variables"] == ["p"]
    page = _query(client, {**body, "limit": 1, "offset": 1})
    assert page["total"] == everything["total"] and page["bindings"] == everything["bindings"][1:2]


def test_constant_subject_by_label_and_label_predicate(client: TestClient) -> None:
    answer = _query(client, {"where": [["vitamin K2", "activates", "?p"], ["?p", "label", "?l"]]})
    labels = {row["l"]["value"] for row in answer["bindings"]}
    assert {"osteocalcin", "matrix Gla protein"} <= labels
    by_label = _query(client, {"where": [["?x", "label", "VITAMIN k2"]]})
    assert _pairs(by_label, "x") == {("nm:vitamin_k2",)}


def test_literal_terms_and_curie_predicates(client: TestClient) -> None:
    answer = _query(client, {"where": [["?c", "nm:hedged", True], ["?c", "nm:subject", "?s"]], "limit": 5})
    assert answer["bindings"] and all(row["c"]["curie"].startswith("claim:") for row in answer["bindings"])
    titles = _query(client, {"where": [["?d", "type", "nm:Document"], ["?d", "dcterms:title", "?t"]]})
    assert len(titles["bindings"]) == 4
    assert all(set(row["t"]) == {"value"} for row in titles["bindings"])


def test_a_standard_identifier_is_its_own_iri_when_the_graph_holds_it(client: TestClient) -> None:
    exact = _query(client, {"where": [["?x", "skos:exactMatch", "CHEBI:28940"]]})
    assert _pairs(exact, "x") == {("nm:vitamin_d3",)}


@pytest.mark.parametrize("nasty", NASTY)
@pytest.mark.parametrize("position", [0, 2])
def test_injection_in_an_entity_position_is_an_unknown_term(
    client: TestClient, nasty: str, position: int
) -> None:
    pattern = ["?x", "activates", "?y"]
    pattern[position] = nasty
    error = error_body(client.post("/api/v1/query", json={"where": [pattern]}), 400)
    assert error["code"] == "invalid_query"
    assert f"where[0][{position}]" in error["message"] and "unknown term" in error["message"]


@pytest.mark.parametrize("nasty", NASTY)
def test_injection_in_predicate_class_and_filter_is_refused(client: TestClient, nasty: str) -> None:
    bodies: list[dict[str, Any]] = [
        {"where": [["?x", nasty, "?y"]]},
        {"where": [["?x", "type", nasty]]},
        {"where": [["?x", "activates", "?y"]], "filters": {"?x": {"category": nasty}}},
    ]
    for body in bodies:
        error_body(client.post("/api/v1/query", json=body), 400)


@pytest.mark.parametrize("name", ["?1x", "?a-b", "?a}", "?" + "a" * 42, "?x #", "?"])
def test_bad_variable_names_are_refused(client: TestClient, name: str) -> None:
    error = error_body(client.post("/api/v1/query", json={"where": [[name, "activates", "?y"]]}), 400)
    assert "variable" in error["message"]


@pytest.mark.parametrize("nasty", NASTY)
def test_literal_injection_never_changes_the_query_structure(kg: KnowledgeGraph, nasty: str) -> None:
    benign = compile_pattern(kg, PatternQuery(where=[["?x", "label", "plain"]])).sparql
    compiled = compile_pattern(kg, PatternQuery(where=[["?x", "label", nasty]])).sparql
    assert compiled.replace(str(ox.Literal(nasty)), str(ox.Literal("plain"))) == benign
    store = ox.Store()  # parses the query: it is still one well-formed SELECT
    assert list(store.query(compiled)) == []  # type: ignore[arg-type]


def test_literal_injection_answers_nothing(client: TestClient) -> None:
    answer = _query(client, {"where": [["?x", "label", NASTY[-1]]]})
    assert answer["bindings"] == [] and answer["total"] == 0


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"where": [["?x", "activates", "?y"]], "select": ["?z"]}, "select[0]"),
        ({"where": [["?x", "activates", "?y"]], "order_by": "?z"}, "order_by"),
        ({"where": [["?x", "activates", "?y"]], "filters": {"?x": {"colour": "red"}}}, "filter"),
        ({"where": [["?x", "activates", "?y"]], "filters": {"?z": {"category": "Protein"}}}, "?z"),
        ({"where": [["vitamin K2", "activates", "osteocalcin"]]}, "no variable"),
        ({"where": [["?x", "type", "Planet"]]}, "unknown class"),
        ({"where": [[1, "activates", "?y"]]}, "subject"),
    ],
)
def test_malformed_patterns_are_400(client: TestClient, body: dict[str, Any], fragment: str) -> None:
    assert fragment in error_body(client.post("/api/v1/query", json=body), 400)["message"]


def test_compiler_refuses_wrong_arity(kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidQuery, match=r"where\[0\]"):
        compile_pattern(kg, PatternQuery(where=[["?x", "activates"]]))


def test_runaway_pattern_stops_at_the_time_limit(
    client: TestClient, kg: KnowledgeGraph, settings: Settings
) -> None:
    """The query runs in the worker pool, so it gets the pool's time limit (and the 504)."""
    quick = settings.model_copy(update={"query_timeout_s": 0.5})
    cross_join = {"where": [["?a", "?p", "?b"], ["?c", "?q", "?d"], ["?e", "?r", "?f"]]}
    with type(client)(create_app(kg, quick)) as short_fuse:
        started = time.monotonic()
        error = error_body(short_fuse.post("/api/v1/query", json=cross_join), 504)
    assert error["code"] == "query_timeout" and time.monotonic() - started < 10
