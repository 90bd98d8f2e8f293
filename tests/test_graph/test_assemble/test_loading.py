"""`nutrikg load`: other RDF beside the built graph, one named graph per file, and every unsafe,
oversize, unknown or malformed file refused by name before anything is loaded."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from nutrikg.api.cli import main
from nutrikg.graph.assemble.loading import LOADED_GRAPH_BASE, LoadRefused, load_files, loaded_graph_iri
from nutrikg.graph.errors import InvalidQuery
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores import OxigraphStore, open_store
from tests.test_graph.test_stores.virtuoso import Virtuoso

EX = "https://example.org/"
BUILT = f"<{EX}vitamin_k2> <{EX}activates> <{EX}osteocalcin> .\n".encode()
TURTLE = """@prefix ex: <https://example.org/> .
ex:natto ex:sourceOf ex:vitamin_k2 ; ex:label "natto" .
"""
NQUADS = f"""<{EX}a> <{EX}p> <{EX}b> .
<{EX}a> <{EX}p> <{EX}c> <{EX}graph/other> .
"""
RDF_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">
  <rdf:Description rdf:about="{EX}x"><ex:p>VALUE</ex:p></rdf:Description>
</rdf:RDF>
"""


def billion_laughs() -> str:
    """The classic entity bomb: a 1 KB file that expands to 3 GB of "lol"."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    ]
    head = '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
    return RDF_XML.replace('<?xml version="1.0" encoding="UTF-8"?>\n', head).replace("VALUE", "&lol9;")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A data folder whose store holds one built triple in the default graph."""
    built = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    store = OxigraphStore(built.store_dir)
    store.add_ntriples(BUILT)
    store.close()
    return built


def reader(settings: Settings) -> OxigraphStore:
    return OxigraphStore(settings.store_dir, read_only=True)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_turtle_file_goes_into_its_own_named_graph(settings: Settings, tmp_path: Path) -> None:
    path = write(tmp_path, "foods.ttl", TURTLE)
    [loaded] = load_files([path], settings)
    assert loaded.graph_iri == LOADED_GRAPH_BASE + "foods.ttl" == loaded_graph_iri(path)
    assert (loaded.graphs, loaded.statements) == ((loaded.graph_iri,), 2)
    store = reader(settings)
    query = f"SELECT ?food WHERE {{ GRAPH <{loaded.graph_iri}> {{ ?food <{EX}sourceOf> ?n }} }}"
    assert store.select(query) == [{"food": EX + "natto"}]
    assert store.count() == 1  # the built graph is untouched


def test_file_names_are_escaped_in_graph_iris() -> None:
    assert loaded_graph_iri(Path("/x/my foods#1.ttl")) == LOADED_GRAPH_BASE + "my%20foods%231.ttl"


def test_graph_option_nquads_and_reloading(settings: Settings, tmp_path: Path) -> None:
    given = EX + "graph/mine"
    ttl, nq = write(tmp_path, "foods.ttl", TURTLE), write(tmp_path, "more.nq", NQUADS)
    loaded = load_files([ttl, nq], settings, given)
    assert [f.graphs for f in loaded] == [(given,), (given, EX + "graph/other")]
    write(tmp_path, "foods.ttl", TURTLE.replace(' ; ex:label "natto"', ""))
    load_files([ttl], settings)
    load_files([ttl], settings)  # loading again replaces the file's graph: no stale triples
    store = reader(settings)
    assert store.named_graphs() == {given, EX + "graph/other", loaded_graph_iri(ttl)}
    assert (store.count(given), store.count(loaded_graph_iri(ttl)), store.count()) == (3, 1, 1)


def test_billion_laughs_is_refused_before_any_parser(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parser_reached(*args: object, **kwargs: object) -> None:
        raise AssertionError("a parser saw an entity bomb")

    monkeypatch.setattr(pyoxigraph, "parse", parser_reached)
    bomb = billion_laughs()
    variants = {
        "bomb.rdf": bomb.encode(),
        "lower.owl": bomb.replace("DOCTYPE", "doctype").replace("ENTITY", "eNtItY").encode(),
        "bom16.xml": bomb.encode("utf-16"),
        "be16.rdf": bomb.encode("utf-16-be"),
        "entity-only.rdf": RDF_XML.replace("VALUE", '<!ENTITY x "y">').encode(),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        started = time.monotonic()
        with pytest.raises(LoadRefused, match=rf"{name}: refused: RDF/XML with a DOCTYPE or ENTITY"):
            load_files([tmp_path / name], settings)
        assert time.monotonic() - started < 0.5, name
    assert reader(settings).named_graphs() == set()


def test_a_declaration_across_read_chunks_is_found(settings: Settings, tmp_path: Path) -> None:
    prefix = '<?xml version="1.0"?>\n<!--'
    padding = "x" * ((1 << 20) - len(prefix) - len("-->") - 4)  # "<!DOCTYPE" straddles 1 MiB
    bomb = billion_laughs().replace('<?xml version="1.0"?>\n', prefix + padding + "-->")
    path = write(tmp_path, "padded.rdf", bomb)
    with pytest.raises(LoadRefused, match=r"padded\.rdf: refused"):
        load_files([path], settings)


def test_a_plain_rdf_xml_file_loads(settings: Settings, tmp_path: Path) -> None:
    [loaded] = load_files([write(tmp_path, "x.rdf", RDF_XML)], settings)
    assert reader(settings).ask(f'ASK {{ GRAPH <{loaded.graph_iri}> {{ <{EX}x> <{EX}p> "VALUE" }} }}')


def test_oversize_unknown_and_malformed_files_are_refused_together(
    settings: Settings, tmp_path: Path
) -> None:
    small = settings.model_copy(update={"max_load_bytes": 100})
    files = [
        write(tmp_path, "fine.ttl", TURTLE.replace(' ; ex:label "natto"', "")),
        write(tmp_path, "big.nt", BUILT.decode() * 5),
        write(tmp_path, "data.json", "{}"),
        write(tmp_path, "broken.ttl", "@prefix ex: <https://example.org/> .\nex:a ex:b ."),
    ]
    with pytest.raises(LoadRefused) as refused:
        load_files(files, small)
    problems = refused.value.problems
    assert len(problems) == 3
    assert f"big.nt: {len(BUILT) * 5} bytes is more than the 100 a load accepts" in problems[0]
    assert "data.json: unknown RDF file extension '.json'" in problems[1]
    assert "broken.ttl: malformed Turtle" in problems[2]
    assert reader(settings).named_graphs() == set()  # fine.ttl was not loaded either


def test_a_bad_graph_iri_is_refused(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(InvalidQuery, match="not a valid IRI"):
        load_files([write(tmp_path, "foods.ttl", TURTLE)], settings, "no scheme")


def test_the_cli_names_graphs_and_refusals(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "foods.ttl", TURTLE)
    code, err = run_cli(monkeypatch, capsys, "load", str(path), "--data-dir", str(settings.data_dir))
    assert code == 0 and f"<{LOADED_GRAPH_BASE}foods.ttl>" in err
    (tmp_path / "bomb.owl").write_text(billion_laughs())
    code, err = run_cli(
        monkeypatch, capsys, "load", str(tmp_path / "bomb.owl"), "--data-dir", str(settings.data_dir)
    )
    assert code == 3 and "bomb.owl: refused" in err


@pytest.mark.virtuoso
def test_loading_into_a_remote_store(virtuoso: Virtuoso, tmp_path: Path) -> None:
    remote = Settings(
        data_dir=tmp_path, remote_query_url=virtuoso.sparql_url, remote_update_url=virtuoso.sparql_url
    )
    path = write(tmp_path, "remote-foods.ttl", TURTLE)
    [loaded] = load_files([path], remote)
    store = open_store(remote)
    try:
        assert loaded.graph_iri in store.named_graphs() and store.count(loaded.graph_iri) == 2
    finally:
        store.clear(loaded.graph_iri)
        store.close()


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    """Run `nutrikg ARGS` in-process; return (exit code, stderr)."""
    monkeypatch.setattr(sys, "argv", ["nutrikg", *args])
    code: object = 0
    try:
        main()
    except SystemExit as exited:
        code = exited.code
    return (code if isinstance(code, int) else 0), capsys.readouterr().err
