"""One compliance suite for every TripleStore: the embedded Oxigraph store and a real Virtuoso
reached over HTTP must give the same answers. Then what only one of them does."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from nutrikg.graph.errors import InvalidQuery, QueryTimeout, StoreError
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores import (
    OxigraphStore,
    RdfFileError,
    RemoteStore,
    TripleStore,
    open_store,
    replace_default_graph,
)
from tests.test_graph.test_stores.virtuoso import Virtuoso

EX = "https://example.org/"
GRAPH_A = EX + "graph/a"
PREFIX = f"PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_NT = f"""
<{EX}k2> <{EX}activates> <{EX}osteocalcin> .
<{EX}k2> <http://www.w3.org/2000/01/rdf-schema#label> "vitamin K2"@en .
<{EX}k2> <{EX}dose> "100"^^<{XSD}integer> .
<{EX}k2> <{EX}hedged> "true"^^<{XSD}boolean> .
<{EX}k2> <{EX}note> "line\\nbreak \\"quoted\\" \\u00e9" .
""".encode()
NAMED_NT = f"""
<{EX}d3> <{EX}increasesAbsorptionOf> <{EX}calcium> .
<{EX}d3> <http://www.w3.org/2000/01/rdf-schema#label> "vitamin D3" .
""".encode()
TURTLE = """@prefix ex: <https://example.org/> .
ex:mk7 ex:formOf ex:k2 ; ex:foundIn <natto> .
"""
NQUADS = f"""<{EX}a> <{EX}p> <{EX}b> .
<{EX}a> <{EX}p> <{EX}c> <{EX}graph/b> .
"""
RDF_XML = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">
  <rdf:Description rdf:about="{EX}mg"><ex:activates rdf:resource="{EX}vitamin_d"/></rdf:Description>
</rdf:RDF>
"""


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TripleStore]:
    """Each implementation, empty of this suite's graphs; the remote one shares one server."""
    opened: TripleStore
    if request.param == "oxigraph":
        opened = OxigraphStore(tmp_path / "store")
    else:
        server: Virtuoso = request.getfixturevalue("virtuoso")
        opened = RemoteStore(server.sparql_url, server.sparql_url)
    yield opened
    for name in ours(opened):
        opened.clear(name)
    opened.clear(None)
    opened.close()


def ours(store: TripleStore) -> set[str]:
    """The named graphs this suite made (a server may keep graphs of its own)."""
    return {name for name in store.named_graphs() if name.startswith(EX)}


def filled(store: TripleStore) -> TripleStore:
    store.add_ntriples(DEFAULT_NT)
    store.add_ntriples(NAMED_NT, GRAPH_A)
    return store


def test_select_reads_the_default_graph(store: TripleStore) -> None:
    rows = filled(store).select(PREFIX + "SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY STR(?p)")
    assert rows == [
        {"p": "http://www.w3.org/2000/01/rdf-schema#label", "o": "vitamin K2"},
        {"p": EX + "activates", "o": EX + "osteocalcin"},
        {"p": EX + "dose", "o": "100"},
        {"p": EX + "hedged", "o": "true"},
        {"p": EX + "note", "o": 'line\nbreak "quoted" é'},
    ]


def test_select_reads_a_named_graph_and_leaves_unbound_out(store: TripleStore) -> None:
    query = f"SELECT ?s ?label ?none WHERE {{ GRAPH <{GRAPH_A}> {{ ?s rdfs:label ?label }} }}"
    assert filled(store).select(PREFIX + query) == [{"s": EX + "d3", "label": "vitamin D3"}]


def test_ask_tells_the_graphs_apart(store: TripleStore) -> None:
    filled(store)
    assert store.ask(PREFIX + "ASK { ex:k2 ex:activates ex:osteocalcin }")
    assert not store.ask(PREFIX + "ASK { ex:d3 ?p ?o }")
    assert store.ask(PREFIX + f"ASK {{ GRAPH <{GRAPH_A}> {{ ex:d3 ?p ?o }} }}")


def test_construct_gives_sorted_ntriples_terms(store: TripleStore) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
    assert filled(store).construct(PREFIX + query) == [
        (f"<{EX}k2>", "<http://www.w3.org/2000/01/rdf-schema#label>", '"vitamin K2"@en'),
        (f"<{EX}k2>", f"<{EX}dose>", f'"100"^^<{XSD}integer>'),
        (f"<{EX}k2>", f"<{EX}hedged>", f'"true"^^<{XSD}boolean>'),
        (f"<{EX}k2>", f"<{EX}note>", '"line\\nbreak \\"quoted\\" é"'),
    ]


def test_named_graphs_and_counts(store: TripleStore) -> None:
    filled(store)
    assert ours(store) == {GRAPH_A}
    assert (store.count(), store.count(GRAPH_A), store.count(EX + "graph/none")) == (5, 2, 0)


def test_clear_empties_one_graph_at_a_time(store: TripleStore) -> None:
    filled(store).clear(GRAPH_A)
    assert (ours(store), store.count(GRAPH_A), store.count()) == (set(), 0, 5)
    store.add_ntriples(NAMED_NT, GRAPH_A)
    store.clear(None)
    assert (store.count(), store.count(GRAPH_A)) == (0, 2)


def test_load_turtle_into_a_named_graph_and_the_default_graph(store: TripleStore, tmp_path: Path) -> None:
    path = tmp_path / "foods.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    store.load_file(path, GRAPH_A)
    (tmp_path / "plain.ttl").write_text(TURTLE.replace("<natto>", "ex:natto"), encoding="utf-8")
    store.load_file(tmp_path / "plain.ttl")
    query = f"SELECT ?food WHERE {{ GRAPH <{GRAPH_A}> {{ ex:mk7 ex:foundIn ?food }} }}"
    assert store.select(PREFIX + query) == [{"food": EX + "graph/natto"}]  # relative to the graph
    assert (store.count(GRAPH_A), store.count()) == (2, 2)


def test_load_nquads_keeps_their_graphs(store: TripleStore, tmp_path: Path) -> None:
    path = tmp_path / "more.nq"
    path.write_text(NQUADS, encoding="utf-8")
    store.load_file(path, EX + "graph/c")
    assert ours(store) == {EX + "graph/b", EX + "graph/c"}
    assert (store.count(EX + "graph/b"), store.count(EX + "graph/c"), store.count()) == (1, 1, 0)


def test_load_rdf_xml_and_ntriples(store: TripleStore, tmp_path: Path) -> None:
    (tmp_path / "mg.rdf").write_text(RDF_XML, encoding="utf-8")
    (tmp_path / "k2.nt").write_bytes(DEFAULT_NT)
    store.load_file(tmp_path / "mg.rdf", GRAPH_A)
    store.load_file(tmp_path / "k2.nt", GRAPH_A)
    assert store.ask(PREFIX + f"ASK {{ GRAPH <{GRAPH_A}> {{ ex:mg ex:activates ex:vitamin_d }} }}")
    assert store.count(GRAPH_A) == 6


def test_rdf_xml_with_a_doctype_is_refused_unread(store: TripleStore, tmp_path: Path) -> None:
    path = tmp_path / "bomb.owl"
    path.write_text(RDF_XML.replace("<rdf:RDF", '<!DOCTYPE rdf:RDF [<!ENTITY a "x">]>\n<rdf:RDF'))
    with pytest.raises(RdfFileError, match=r"bomb\.owl.*DOCTYPE"):
        store.load_file(path, GRAPH_A)
    assert ours(store) == set()


def test_malformed_input_raises_and_adds_nothing(store: TripleStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidQuery):
        store.add_ntriples(DEFAULT_NT + b"<https://example.org/x> <broken .\n")
    (tmp_path / "bad.ttl").write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n")
    with pytest.raises(RdfFileError, match=r"bad\.ttl"):
        store.load_file(tmp_path / "bad.ttl", GRAPH_A)
    with pytest.raises(RdfFileError, match="unknown RDF file extension"):
        store.load_file(tmp_path / "bad.json", GRAPH_A)
    assert (store.count(), ours(store)) == (0, set())


def test_malformed_or_misdirected_queries_are_invalid(store: TripleStore) -> None:
    for call, query in (
        (store.select, "SELEC * WHERE { ?s ?p ?o }"),
        (store.select, "ASK { ?s ?p ?o }"),
        (store.ask, "SELECT * WHERE { ?s ?p ?o }"),
        (store.construct, "SELECT * WHERE { ?s ?p ?o }"),
        (store.count, "not an IRI"),
    ):
        with pytest.raises(InvalidQuery):
            call(query)


# --- the embedded store -------------------------------------------------------------------------


def test_a_read_only_store_refuses_writes(tmp_path: Path) -> None:
    filled(OxigraphStore(tmp_path / "store")).close()
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert reader.count() == 5
    with pytest.raises(StoreError, match="read-only"):
        reader.add_ntriples(DEFAULT_NT)
    reader.close()
    with pytest.raises(StoreError, match="closed"):
        reader.count()


def test_missing_or_locked_stores_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `nutrikg build`"):
        OxigraphStore(tmp_path / "nothing", read_only=True)
    writer = OxigraphStore(tmp_path / "store")
    with pytest.raises(StoreError, match="cannot open"):
        OxigraphStore(tmp_path / "store")
    writer.close()


def test_replacing_the_default_graph_keeps_the_named_graphs(tmp_path: Path) -> None:
    filled(OxigraphStore(tmp_path / "store")).close()
    (tmp_path / "new.nt").write_bytes(NAMED_NT)
    replace_default_graph(tmp_path / "store", tmp_path / "new.nt")
    store = OxigraphStore(tmp_path / "store", read_only=True)
    assert (store.count(), store.count(GRAPH_A), store.named_graphs()) == (2, 2, {GRAPH_A})


def test_open_store_chooses_by_settings(tmp_path: Path) -> None:
    local = open_store(Settings(data_dir=tmp_path))
    assert isinstance(local, OxigraphStore) and local.path == tmp_path / "store"
    local.close()
    remote_settings = Settings(
        remote_query_url="http://127.0.0.1:9/q", remote_update_url="http://127.0.0.1:9/u"
    )
    with closing(open_store(remote_settings)) as remote:
        assert isinstance(remote, RemoteStore) and remote.update_url == "http://127.0.0.1:9/u"
    with closing(open_store(remote_settings, read_only=True)) as read_only:
        assert isinstance(read_only, RemoteStore) and read_only.update_url is None
        with pytest.raises(StoreError, match="no update endpoint"):
            read_only.add_ntriples(DEFAULT_NT)


# --- the remote store ---------------------------------------------------------------------------


def test_an_unreachable_endpoint_is_named() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"  # bound, never listening
        with closing(RemoteStore(url)) as store, pytest.raises(StoreError, match=f"cannot reach {url}"):
            store.ask("ASK {}")


def test_a_silent_endpoint_times_out() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()  # the kernel accepts the connection; nobody ever answers
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
        started = time.monotonic()
        with closing(RemoteStore(url, timeout_s=0.3)) as store, pytest.raises(QueryTimeout, match=url):
            store.ask("ASK {}")
        assert time.monotonic() - started < 5


@pytest.mark.virtuoso
def test_a_non_2xx_answer_is_named(virtuoso: Virtuoso) -> None:
    url = virtuoso.sparql_url.replace("/sparql", "/no-such-endpoint")
    with closing(RemoteStore(url)) as store, pytest.raises(StoreError, match=f"{url} answered 404"):
        store.ask("ASK {}")


@pytest.mark.virtuoso
def test_big_inserts_go_in_chunks_and_blank_nodes_keep_their_identity(virtuoso: Virtuoso) -> None:
    store = RemoteStore(virtuoso.sparql_url, virtuoso.sparql_url, chunk_triples=100)
    lines = [f"<{EX}n{i}> <{EX}next> <{EX}n{i + 1}> ." for i in range(450)]
    lines += [f"_:b{i} <{EX}next> _:b{i + 1} ." for i in range(150)]
    store.add_ntriples("\n".join(lines).encode(), GRAPH_A)
    try:
        chain = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_A}> {{ ?a ex:next ?b . ?b ex:next ?c }} }}"
        assert store.count(GRAPH_A) == 600
        assert store.select(PREFIX + chain) == [{"n": str(449 + 149)}]
    finally:
        store.clear(GRAPH_A)
        store.close()
