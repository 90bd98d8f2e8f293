"""Load other RDF into the store beside the built graph, one named graph per file.

Each file goes into `https://w3id.org/nutrikg/graph/loaded/<file name>` unless a graph is given;
an N-Quads file's named graphs keep their names. Every file is checked before anything is
loaded: a known extension, at most `settings.max_load_bytes`, no DOCTYPE or ENTITY declaration
in RDF/XML (refused by a byte scan before any parser sees the file), and a full parse. One bad
file stops the whole load, and the embedded store is written as a copy swapped in at the end, so a
load is all its files or none of them and a running service never reads a half-written store. A
graph a load writes to is emptied first, so loading an edited file again leaves no stale triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph

from nutrikg.graph.settings import Settings
from nutrikg.graph.stores import GRAPH_BASE, writing_store
from nutrikg.graph.stores.formats import RdfFileError, named_node, rdf_format, screen_file

LOADED_GRAPH_BASE = GRAPH_BASE + "loaded/"


@dataclass(frozen=True)
class LoadedFile:
    """One checked file: where its statements go and how many there are."""

    path: Path
    graph_iri: str  # the graph of its triples (N-Quads: of its default-graph quads)
    graphs: tuple[str, ...]  # every graph it writes to, sorted
    statements: int


class LoadRefused(RdfFileError):
    """One or more files failed their checks; nothing was loaded. Each problem names its file."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("nothing loaded: " + "; ".join(self.problems))


def loaded_graph_iri(path: Path) -> str:
    """The named graph a file is loaded into by default: its file name under LOADED_GRAPH_BASE."""
    return LOADED_GRAPH_BASE + quote(path.name, safe="")


def load_files(paths: Iterable[Path], settings: Settings, graph_iri: str | None = None) -> list[LoadedFile]:
    """Check every file, then load them all into the store `settings` name.

    Raises LoadRefused (a CorpusError) listing each bad file when any fails a check, and then
    loads nothing; InvalidQuery when `graph_iri` is not an absolute IRI; StoreError when the
    store cannot be opened or written.
    """
    if graph_iri is not None:
        named_node(graph_iri)  # raises InvalidQuery before any file is read
    checked = check_files(paths, settings.max_load_bytes, graph_iri)
    with writing_store(settings) as store:
        for name in sorted({name for loaded in checked for name in loaded.graphs}):
            store.clear(name)
        for loaded in checked:
            store.load_file(loaded.path, loaded.graph_iri)
    return checked


def check_files(paths: Iterable[Path], max_bytes: int, graph_iri: str | None = None) -> list[LoadedFile]:
    """Every file checked; raises LoadRefused naming each file that fails (or when none is given)."""
    checked: list[LoadedFile] = []
    problems: list[str] = []
    for path in paths:
        try:
            checked.append(check_file(path, max_bytes, graph_iri))
        except RdfFileError as err:
            problems.append(str(err))
    if problems or not checked:
        raise LoadRefused(problems or ["no file given"])
    return checked


def check_file(path: Path, max_bytes: int, graph_iri: str | None = None) -> LoadedFile:
    """One file checked by extension, size, XML declarations and a full (streaming) parse.

    Raises RdfFileError naming the file for the first check it fails.
    """
    rdf_format(path)  # an unknown extension is refused before the file is opened
    _check_size(path, max_bytes)
    fmt = screen_file(path)  # the DOCTYPE/ENTITY scan of RDF/XML, before any parser
    target = graph_iri or loaded_graph_iri(path)
    graphs = {target}
    statements = 0
    try:
        for quad in pyoxigraph.parse(path=str(path), format=fmt, base_iri=target):
            statements += 1
            if isinstance(quad.graph_name, pyoxigraph.NamedNode):
                graphs.add(quad.graph_name.value)
    except SyntaxError as err:
        raise RdfFileError(f"{path}: malformed {fmt.name}: {err}") from err
    except OSError as err:
        raise RdfFileError(f"{path}: cannot read ({err.strerror})") from err
    return LoadedFile(path, target, tuple(sorted(graphs)), statements)


def _check_size(path: Path, max_bytes: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as err:
        raise RdfFileError(f"{path}: cannot read ({err.strerror})") from err
    if not path.is_file():
        raise RdfFileError(f"{path}: not a file")
    if size > max_bytes:
        raise RdfFileError(f"{path}: {size} bytes is more than the {max_bytes} a load accepts")
