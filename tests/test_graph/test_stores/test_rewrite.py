"""Writes to the embedded store go to a copy swapped in whole: a reader that has the store open
keeps a consistent view, a failed write changes nothing, and each swap is visible as a new version."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrikg.graph.builds import MANIFEST_FILE, BuildStamp, read_stamp, write_record
from nutrikg.graph.errors import StoreError
from nutrikg.graph.stores import OxigraphStore, replace_default_graph, rewriting, store_version

EX = "https://example.org/"
ONE = f"<{EX}k2> <{EX}activates> <{EX}osteocalcin> .\n".encode()
TWO = f"<{EX}d3> <{EX}increasesAbsorptionOf> <{EX}calcium> .\n".encode()
GRAPH = EX + "graph/extra"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store whose default graph holds ONE, made by a first swap."""
    path = tmp_path / "store"
    with rewriting(path) as store:
        store.add_ntriples(ONE)
    return path


def test_the_first_write_starts_from_an_empty_store(store_dir: Path) -> None:
    reader = OxigraphStore(store_dir, read_only=True)
    assert reader.count() == 1 and reader.named_graphs() == set()


def test_a_reader_keeps_its_view_until_it_opens_again(store_dir: Path) -> None:
    before = OxigraphStore(store_dir, read_only=True)
    with rewriting(store_dir) as store:
        store.add_ntriples(TWO, GRAPH)
        assert before.named_graphs() == set()  # the copy is written, not the store it reads
    assert before.named_graphs() == set() and before.count() == 1  # old files outlive the swap
    after = OxigraphStore(store_dir, read_only=True)
    assert after.named_graphs() == {GRAPH} and after.count() == 1 and after.count(GRAPH) == 1


def test_a_failed_write_leaves_the_store_and_its_version_as_they_were(store_dir: Path) -> None:
    version = store_version(store_dir)
    with pytest.raises(RuntimeError, match="midway"), rewriting(store_dir) as store:
        store.add_ntriples(TWO, GRAPH)
        raise RuntimeError("midway")
    assert store_version(store_dir) == version
    assert OxigraphStore(store_dir, read_only=True).named_graphs() == set()
    assert sorted(p.name for p in store_dir.parent.iterdir()) == ["store", "store.lock", "store.stamp"]


def test_every_swap_is_a_new_version(tmp_path: Path, store_dir: Path) -> None:
    assert store_version(tmp_path / "never-written") is None
    seen = {store_version(store_dir)}
    (tmp_path / "new.nt").write_bytes(TWO)
    for _ in range(3):  # each swap a new stamp file: a new inode, whatever the clock says
        replace_default_graph(store_dir, tmp_path / "new.nt")
        seen.add(store_version(store_dir))
    assert len(seen) == 4 and None not in seen


def test_a_second_writer_is_refused_while_one_writes(tmp_path: Path, store_dir: Path) -> None:
    (tmp_path / "new.nt").write_bytes(TWO)
    with rewriting(store_dir) as store:
        store.add_ntriples(TWO, GRAPH)
        with pytest.raises(StoreError, match=f"another process is writing the store at {store_dir}"):
            replace_default_graph(store_dir, tmp_path / "new.nt")
    assert OxigraphStore(store_dir, read_only=True).count(GRAPH) == 1  # the first write landed


def test_a_write_beside_the_built_graph_keeps_the_builds_record(store_dir: Path) -> None:
    stamp = BuildStamp("20261208T000000Z-0123abcd", "2026-12-08T00:00:00+00:00", None, 1, 1)
    write_record(store_dir, stamp, b"manifest")  # as a build writes it into its new store
    with rewriting(store_dir) as store:
        store.add_ntriples(TWO, GRAPH)
    assert read_stamp(store_dir) == stamp and (store_dir / MANIFEST_FILE).read_bytes() == b"manifest"


def test_a_swap_cut_between_its_renames_is_put_right_by_the_next_writer(store_dir: Path) -> None:
    store_dir.rename(store_dir.with_name("store.old"))  # as a writer killed mid-swap leaves it
    with rewriting(store_dir) as store:  # the old store comes back first, and is what is copied
        store.add_ntriples(TWO, GRAPH)
    reader = OxigraphStore(store_dir, read_only=True)
    assert reader.count() == 1 and reader.count(GRAPH) == 1


def test_a_refused_save_leaves_the_built_graph_file_as_it_was(tmp_path: Path) -> None:
    from rdflib import Graph, URIRef

    from nutrikg.graph.assemble.build import BuildReport
    from nutrikg.graph.assemble.persist import Texts, save
    from nutrikg.graph.settings import Settings

    settings = Settings(corpus_dir=tmp_path, data_dir=tmp_path / "data")
    first = Graph()
    first.add((URIRef(EX + "k2"), URIRef(EX + "activates"), URIRef(EX + "osteocalcin")))
    none = Texts((), replace_all=True)
    save(first, BuildReport(corpus=str(tmp_path)), settings, none)
    before, texts_before = settings.graph_file.read_bytes(), settings.texts_file.read_bytes()
    second = Graph()
    second.add((URIRef(EX + "d3"), URIRef(EX + "increases"), URIRef(EX + "calcium")))
    with rewriting(settings.store_dir), pytest.raises(StoreError, match="another process"):
        save(second, BuildReport(corpus=str(tmp_path)), settings, none)
    assert settings.graph_file.read_bytes() == before  # the file and the store still agree
    assert settings.texts_file.read_bytes() == texts_before  # and so do the stored documents
    assert not list(settings.data_dir.glob("*.new"))
