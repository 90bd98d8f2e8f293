"""The guard: updates, SERVICE, dataset clauses and syntax errors, before anything runs."""

from __future__ import annotations

import time

import pytest

from nutrikg.graph.errors import InvalidQuery, QueryRefused
from nutrikg.graph.prefixes import PREFIXES, declared_prefixes, expand_prefixes
from nutrikg.graph.sparql.guard import (
    CheckedQuery,
    Inspection,
    QuerySyntaxError,
    check_query,
    explain_failure,
    inspect_text,
    strip_comments,
    update_refusal,
)
from nutrikg.graph.sparql.inspections import InspectionCache

EXTRA = "https://w3id.org/nutrikg/graph/extra"
KNOWN = frozenset({EXTRA})


def check(text: str, **kwargs: object) -> object:
    return check_query(text, known_graphs=KNOWN, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT ?l { nm:vitamin_k2 skos:prefLabel ?l }", "SELECT"),
        ("ASK { nm:vitamin_k2 nm:activates nm:osteocalcin }", "ASK"),
        ("CONSTRUCT WHERE { ?s CHEBI:x ?o }", "CONSTRUCT"),
        ("DESCRIBE nm:vitamin_k2", "DESCRIBE"),
        ("PREFIX nm: <http://example.org/other/>\nSELECT * { ?s nm:p ?o }", "SELECT"),
    ],
)
def test_accepts_the_four_forms_with_predeclared_prefixes(text: str, form: str) -> None:
    checked = check_query(text, known_graphs=KNOWN)
    assert checked.form == form
    assert checked.kind == ("results" if form in ("SELECT", "ASK") else "graph")


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX x: <urn:x:>\n# a comment\nCLEAR ALL",
        "DROP GRAPH <urn:g>",
        "INSERT DATA { <urn:a> <urn:b> }",  # a malformed update is still refused as one
    ],
)
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(InvalidQuery, match="updates are not allowed on this endpoint"):
        check(text)


def test_load_is_refused_as_leaving_the_sandbox() -> None:
    with pytest.raises(QueryRefused, match=r"updates are not allowed.*LOAD"):
        check("LOAD <http://127.0.0.1:9/data.ttl>")
    assert isinstance(update_refusal("LOAD <file:///etc/passwd> INTO GRAPH <urn:g>"), QueryRefused)
    assert type(update_refusal("CLEAR DEFAULT")) is InvalidQuery


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE nm:remote { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?q ?r } } }",
        "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://x.test/> { ?s ?p ?o } } }",
        "SELECT * { { SELECT ?s { SERVICE <http://x.test/> { ?s ?p ?o } } } }",
        "ASK { SERVICE <http://x.test/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_unless_allowlisted(text: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        check(text)


def test_allowlisted_service_passes_but_a_variable_one_never_does() -> None:
    allow = ("http://x.test/sparql",)
    checked = check_query(
        "SELECT * { SERVICE <http://x.test/sparql> { ?s ?p ?o } }",
        known_graphs=KNOWN,
        service_allowlist=allow,
    )
    assert checked.services == allow
    with pytest.raises(QueryRefused, match="variable"):
        check_query("SELECT * { SERVICE ?x { ?s ?p ?o } }", known_graphs=KNOWN, service_allowlist=allow)


def test_the_word_service_is_refused_wherever_it_is_not_a_clause() -> None:
    # Parsers disagree on comments, strings, escapes and what is an IRI, so the word is refused
    # wherever no clause was read: deliberately strict, an IRI holding it is refused too.
    for text in (
        'SELECT * { ?s ?p "customer service team {" }',
        "SELECT * { ?s ?p ?o }  # SERVICE <http://x.test/> { }",
        "SELECT ?service { ?service ?p ?o }",
        "SELECT * { ?s <http://schema.org/serviceType> ?o }",
    ):
        with pytest.raises(QueryRefused, match="SERVICE"):
            check(text)
    check("SELECT * { ?s nm:p ?o } VALUES ?o { nm:a\\#b } # a comment")  # an escaped '#' is no comment
    assert strip_comments('<urn:a#b> "c#d" # gone\nx') == '<urn:a#b> "c#d"  \nx'


@pytest.mark.parametrize(
    ("text", "kwargs"),
    [
        ("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", {}),
        ("SELECT * FROM NAMED <http://127.0.0.1:9/g> { GRAPH ?g { ?s ?p ?o } }", {}),
        ("SELECT * { ?s ?p ?o }", {"default_graph_uris": ["file:///etc/passwd"]}),
        ("SELECT * { ?s ?p ?o }", {"named_graph_uris": ["urn:not-here"]}),
    ],
)
def test_dataset_may_only_name_graphs_in_the_store(text: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(QueryRefused, match="is not in this store"):
        check(text, **kwargs)


def test_dataset_naming_a_stored_graph_passes() -> None:
    checked = check_query(
        f"SELECT * FROM <{EXTRA}> FROM NAMED <{EXTRA}> {{ ?s ?p ?o }}",
        known_graphs=KNOWN,
        default_graph_uris=[EXTRA],
    )
    assert checked.from_graphs == (EXTRA,)
    assert checked.from_named_graphs == (EXTRA,)


def test_syntax_error_says_line_and_column() -> None:
    text = "SELECT ?s\nWHERE {\n  ?s ?p \n}"
    check(text)  # nothing here can leave the store: the store's parser is the one to reject it
    error = explain_failure(text, InvalidQuery("the store's own words"))
    assert isinstance(error, QuerySyntaxError)
    assert error.http_status == 400
    assert "line 3, column 3" in str(error)
    assert error.detail == {"line": 3, "column": 3}


def test_unknown_prefix_is_invalid() -> None:
    assert "foo" in str(explain_failure("SELECT * { ?s foo:bar ?o }", InvalidQuery("no")))


def test_a_query_rdflib_accepts_keeps_the_stores_error() -> None:
    original = InvalidQuery("the query failed: a type error")
    assert explain_failure("SELECT * { ?s ?p ?o }", original) is original


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "select * { service <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * # a comment\n{ SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { { ?s ?p '#' } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { ?s <http://x/#a> ?o SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { VALUES ?v { nm:x\\# } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { VALUES ?v { nm:x\\' } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } FILTER(?v != 'z') }",
        "SELECT * { ?s nm:hedged falseSERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "SELECT * { ?s nm:confidence 0.85SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        # a carriage return ends a comment for the store, not for rdflib
        "SELECT * { ?s ?p ?o #\r SERVICE <http://127.0.0.1:1/> { ?a ?b ?c }\n}",
        # escapes the store expands only in strings and IRIs, rdflib everywhere
        'SELECT * { FILTER(1 != "\\u0022") BIND(<http://a/\\u0041#> AS ?z) '
        'SERVICE <http://127.0.0.1:1/> { ?a ?b ?c } FILTER(1 != "\\u0022") }',
        "SELECT * { BIND(<http://a/\xa0#> AS ?z) SERVICE <http://127.0.0.1:1/> { ?a ?b ?c } }",
    ],
)
def test_the_fast_path_never_lets_service_through(text: str) -> None:
    with pytest.raises((QueryRefused, InvalidQuery)):  # refused, or too odd for rdflib to parse
        check(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("PREFIX ex: <http://x/#>\n# a comment\nask { ?s ex:p 'x' }", "ASK"),
        ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE nm:vitamin_k2", "DESCRIBE"),
        ("SELECT ?s { ?s prov:wasDerivedFrom ?d }", "SELECT"),  # our own name holds 'From'
    ],
)
def test_the_fast_path_reads_the_form(text: str, form: str) -> None:
    def no_parse(query: str) -> Inspection:
        raise AssertionError(f"parsed: {query}")

    checked = check(text, inspect=no_parse)
    assert isinstance(checked, CheckedQuery) and checked.form == form


def test_prefixes_cover_the_contract() -> None:
    assert PREFIXES["nm"] == "https://w3id.org/nutrikg/"
    assert PREFIXES["CHEBI"] == "http://purl.obolibrary.org/obo/CHEBI_"
    assert PREFIXES["UniProtKB"] == "http://purl.uniprot.org/uniprot/"
    assert {"rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "biolink", "sh"} <= set(PREFIXES)


def test_expand_prefixes_adds_only_the_missing_ones() -> None:
    text = "PREFIX nm: <http://example.org/>\nprefix : <urn:x:>\nSELECT * { ?s nm:p ?o }"
    assert declared_prefixes(text) == {"nm", ""}
    expanded = expand_prefixes(text)
    assert expanded.endswith(text)
    assert "PREFIX nm:" not in expanded[: -len(text)]
    assert "PREFIX CHEBI: <http://purl.obolibrary.org/obo/CHEBI_>" in expanded
    check_query(expanded, known_graphs=KNOWN)


def test_repeated_queries_are_parsed_once() -> None:
    # A text that needs the full parse (FROM), unlike most, which take the fast path.
    text = f"SELECT ?x FROM <{EXTRA}> {{ nm:calcium nm:depositsIn ?x }} # probe {time.perf_counter_ns()}"
    parses: list[str] = []

    def counted(query: str) -> Inspection:
        parses.append(query)
        return inspect_text(query)

    cache = InspectionCache()  # held by the endpoint, not by the module
    first = check_query(text, known_graphs=KNOWN, inspect=cache.through(counted))
    assert check_query(text, known_graphs=KNOWN, inspect=cache.through(counted)) == first
    assert parses == [text]
    check_query(text, known_graphs=KNOWN, inspect=InspectionCache().through(counted))
    assert parses == [text, text]  # another cache knows nothing of the first


def test_package_exports_load_lazily() -> None:
    import nutrikg.graph.sparql as sparql

    assert sparql.QueryPool.__name__ == "QueryPool"
    assert sparql.check_query is check_query
    with pytest.raises(AttributeError):
        _ = sparql.nothing_like_this


def test_syntax_error_survives_pickling() -> None:
    import pickle

    error = QuerySyntaxError("syntax error at line 2, column 5: x", 2, 5)
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.detail == {"line": 2, "column": 5}


def test_both_parsers_read_one_text() -> None:
    checked = check("SELECT * { ?s ?p 'A\\u0042C' } #\r\n")
    assert isinstance(checked, CheckedQuery) and checked.text == "SELECT * { ?s ?p 'ABC' } #\n"
    with pytest.raises(QueryRefused, match="not in this store"):  # FROM behind a CR-ended comment
        check("SELECT * #\r FROM <http://127.0.0.1:1/g>\n WHERE { ?s ?p ?o }")
    with pytest.raises(InvalidQuery, match="codepoint"):
        check("SELECT * { ?s ?p '\\uD800' }")


def test_checking_a_long_text_takes_time_in_proportion() -> None:
    started = time.perf_counter()
    check("ASK {} " + "a" * 200_000)  # no colon in a long run of letters: read once, not per letter
    assert time.perf_counter() - started < 10  # generous: a read per letter takes minutes


def test_updates_are_refused_without_a_parse() -> None:
    long_update = (
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER("
        + " || ".join(f'?o = "v{i}"' for i in range(20_000))
        + ") }"
    )
    started = time.perf_counter()
    assert isinstance(update_refusal(long_update), InvalidQuery)
    assert time.perf_counter() - started < 10  # generous: rdflib would take minutes
    assert isinstance(update_refusal("load <http://x.test/a.ttl>"), QueryRefused)


def test_escapes_that_spell_escapes_are_refused() -> None:
    # One expansion leaves a second escape, which rdflib would expand again and the store not.
    hidden = (
        'SELECT * {\n # \\u005Cu000A ?s ?p """\n'
        " BIND('<'AS?x)SERVICE#>\n <http://127.0.0.1:1/> { ?a ?b ?c }\n}"
    )
    with pytest.raises(InvalidQuery, match="may not spell another"):
        check(hidden)


def test_nesting_is_counted_from_zero_whatever_closes_first() -> None:
    stray_closers = "SELECT * { # " + ")" * 1000 + "\n" + "{" * 900 + " ?s ?p ?o " + "}" * 901
    with pytest.raises(InvalidQuery, match="nested more than 64"):
        check(stray_closers)


def test_the_fast_path_reads_quotes_after_backslashes_in_linear_time() -> None:
    started = time.perf_counter()
    check("ASK {}'" + "\\'" * 64_000)
    assert time.perf_counter() - started < 10  # generous: a read per letter takes minutes
