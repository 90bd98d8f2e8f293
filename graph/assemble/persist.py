"""Keep a build on disk: sorted N-Triples, a JSON report, the Oxigraph store the service
queries, and the exports made from it (graph.assemble.exports). A fingerprint of the corpus and
ontology tells `build --if-needed` whether to rebuild. The data folder keeps its own copy of the
corpus (graph.assemble.corpus_copy), and the fingerprint is the copy's."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from rdflib import Graph

from nutrikg.graph.assemble.build import BuildReport, BuildResult
from nutrikg.graph.assemble.corpus_copy import copy_corpus, corpus_files, source_changed
from nutrikg.graph.assemble.exports import prune_exports, stage_exports
from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.reader.linear import MODEL_FILE
from nutrikg.graph.files import write_atomic
from nutrikg.graph.model import Extraction
from nutrikg.graph.read.export import sorted_ntriples
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores import reload_default_graph, replace_default_graph
from nutrikg.graph.stores.texts import write_texts
from nutrikg.ontology import DERIVED_VOCABULARY, ONTOLOGY_DIR, ONTOLOGY_FILES


def fingerprint(corpus_dir: Path) -> str:
    """A hash of every document, its metadata, the ontology, the derived vocabulary, the learned
    reader's model and the extraction code: equal means nothing changed. A folder that does not
    exist holds no documents (a graph saved without a copy of its corpus is never current)."""
    digest = hashlib.sha256()
    paths = corpus_files(corpus_dir)
    paths += [Path(ONTOLOGY_DIR) / name for name in (*ONTOLOGY_FILES, DERIVED_VOCABULARY)]
    paths += [MODEL_FILE] if MODEL_FILE.exists() else []
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for source in extraction_sources():
        digest.update(source.read_bytes())
    return digest.hexdigest()


def extraction_sources() -> list[Path]:
    """The code a build's output depends on: the extractor (rules, cues, readers), the records
    it fills and the RDF writer, so that changing any of them rebuilds; an edit to the SPARQL
    pool or the API does not."""
    graph_dir = Path(__file__).resolve().parent.parent
    extract = sorted((graph_dir / "extract").rglob("*.py"))
    return [*extract, graph_dir / "model.py", graph_dir / "namespaces.py", graph_dir / "assemble" / "rdf.py"]


def is_current(settings: Settings) -> bool:
    """True when the saved build exists and was made from the data folder's copy of its corpus
    as the copy is now (graph.assemble.corpus_copy), with this ontology and code."""
    if not (settings.graph_file.exists() and settings.store_dir.exists() and settings.corpus_copy.is_dir()):
        return False
    try:
        report = json.loads(settings.report_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return bool(report.get("fingerprint") == fingerprint(settings.corpus_copy))


def up_to_date(settings: Settings) -> bool:
    """True when `build --if-needed` has nothing to do: the saved build is current, and the
    corpus folder holds what it held when the data folder copied it."""
    return is_current(settings) and not source_changed(settings.corpus_dir, settings.corpus_copy)


def folder_to_rebuild(settings: Settings) -> Path:
    """The folder `build --if-needed` reads: the data folder's copy while the corpus folder is as
    it was copied (so documents added since are kept), else the corpus folder."""
    copy = settings.corpus_copy
    return copy if copy.is_dir() and not source_changed(settings.corpus_dir, copy) else settings.corpus_dir


def save_build(result: BuildResult, settings: Settings) -> list[str]:
    """Write the graph, the stored documents, the report and a fresh store; each appears whole or
    not at all. The data folder's copy of the corpus becomes the built folder's documents.

    Returns the ids of documents added to the copy since (`nutrikg add`) that the build dropped.
    Raises StoreError, or CorpusError when the copy cannot be written.
    """
    try:
        dropped = copy_corpus(Path(result.report.corpus), settings.corpus_copy)
    except OSError as err:
        raise CorpusError(f"cannot copy the corpus into {settings.corpus_copy}: {err}") from err
    save(result.rdf_graph, result.report, settings, Texts(result.extractions, replace_all=True))
    return dropped


@dataclass(frozen=True)
class Texts:
    """The documents a write stores (text and mentions): all of them (a build) or the ones it
    adds or replaces, the others kept as the last build stored them (an add)."""

    extractions: Sequence[Extraction]
    replace_all: bool


def save(rdf_graph: Graph, report: BuildReport, settings: Settings, texts: Texts) -> None:
    """Write `rdf_graph` as the built graph (N-Triples file and the store's default graph, named
    graphs kept), the stored documents and `report` beside it, with the corpus's fingerprint.

    The embedded store is rebuilt from a file written beside the built graph's; that file, the
    stored documents, the report and the exports take their places with the store, under its
    writer lock, as one transaction: a second writer, refused, has changed nothing, and a writer
    killed at any moment leaves all old or (replayed by the next) all new. Raises StoreError
    (and, remote, QueryTimeout).
    """
    data = sorted_ntriples(rdf_graph)
    saved = asdict(report) | {"fingerprint": fingerprint(settings.corpus_copy)}
    report_data = json.dumps(saved, indent=2).encode("utf-8")
    staged_texts = settings.texts_file.with_name(settings.texts_file.name + ".new")
    base = None if texts.replace_all else settings.texts_file
    write_texts(staged_texts, texts.extractions, base=base)
    try:
        if settings.remote_query_url:
            write_atomic(settings.graph_file, data)
            reload_default_graph(settings)  # the remote store gets the built graph; loaded ones stay
            os.replace(staged_texts, settings.texts_file)
            write_atomic(settings.report_file, report_data)
        else:
            _replace_store(settings, data, [(staged_texts, settings.texts_file)], report_data)
    finally:
        staged_texts.unlink(missing_ok=True)


def _replace_store(
    settings: Settings, data: bytes, beside: list[tuple[Path, Path]], report_data: bytes
) -> None:
    """One transaction (graph.stores.journal): the store, the N-Triples file, the stored
    documents, the report and the exports all old or all new, whenever the writer dies."""
    staged = settings.graph_file.with_name(settings.graph_file.name + ".new")
    staged_report = settings.report_file.with_name(settings.report_file.name + ".new")
    write_atomic(staged, data)
    write_atomic(staged_report, report_data)
    try:
        beside = [*beside, (staged_report, settings.report_file)]
        exports = partial(stage_exports, exports_dir=settings.exports_dir)
        replace_default_graph(
            settings.store_dir, staged, publish_as=settings.graph_file, beside=beside, prepare=exports
        )
    finally:
        staged.unlink(missing_ok=True)
        staged_report.unlink(missing_ok=True)
    prune_exports(settings.exports_dir)
