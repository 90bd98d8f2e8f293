"""Keep a build on disk: sorted N-Triples, a JSON report, the Oxigraph store the service
queries, the exports made from it (graph.assemble.exports), the documents an add puts in the
data folder's copy of the corpus, and the build's record, its id and claim manifest, with the
manifests of the builds before it (graph.builds). A fingerprint of the copy and the ontology,
and a digest of the priors and reviews the statements' beliefs were made with, tell
`build --if-needed` whether to rebuild (graph.assemble.corpus_copy)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from nutrikg.graph.assemble.build import BuildReport, BuildResult, score_graph
from nutrikg.graph.assemble.corpus_copy import copy_corpus, source_changed
from nutrikg.graph.assemble.exports import prune_exports, stage_exports
from nutrikg.graph.assemble.statements import ClaimScores, manifest_lines, write_statements
from nutrikg.graph.builds import (
    manifest_bytes,
    new_stamp,
    prune_history,
    read_history,
    read_stamp,
    stage_history,
    write_record,
)
from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.corpus import (
    DOCUMENT_SUFFIXES,
    document_files,
    document_paths,
    superseded_files,
    write_document,
)
from nutrikg.graph.extract.reader.linear import MODEL_FILE
from nutrikg.graph.files import write_atomic
from nutrikg.graph.model import Document, Extraction
from nutrikg.graph.read.belief import BeliefInputs
from nutrikg.graph.read.export import sorted_ntriples
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores import reload_default_graph, replace_default_graph
from nutrikg.graph.stores.texts import write_texts
from nutrikg.ontology import DERIVED_VOCABULARY, ONTOLOGY_DIR, ONTOLOGY_FILES


def fingerprint(corpus_dir: Path, pending: Mapping[str, bytes | None] | None = None) -> str:
    """A hash of every document, its metadata, the ontology, the derived vocabulary, the learned
    reader's model and the extraction code: equal means nothing changed. `pending` names files a
    write is about to put into the corpus folder (name: bytes) or take out of it (name: None):
    the hash is then that of the corpus as it will be."""
    pending = pending or {}
    current = (  # no folder yet (a graph saved before any copy was made): no documents
        {p.name: p for p in [*document_paths(corpus_dir), *corpus_dir.glob("*.meta.json")]}
        if corpus_dir.is_dir()
        else {}
    )
    names = {name for name in current.keys() | pending.keys() if pending.get(name, b"") is not None}
    documents = sorted(name for name in names if Path(name).suffix.lower() in DOCUMENT_SUFFIXES)
    digest = hashlib.sha256()
    for name in [*documents, *sorted(name for name in names if name.endswith(".meta.json"))]:
        digest.update(name.encode())
        staged = pending.get(name)
        digest.update(staged if staged is not None else current[name].read_bytes())
    paths = [Path(ONTOLOGY_DIR) / name for name in (*ONTOLOGY_FILES, DERIVED_VOCABULARY)]
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
    as the copy is now (graph.assemble.corpus_copy), with this ontology and code, its beliefs with
    the settings' priors and the reviews as they are now."""
    report = _saved_report(settings)
    beliefs = BeliefInputs.from_settings(settings).digest
    return (
        report is not None and _extracted_from_corpus(report, settings) and report.get("beliefs") == beliefs
    )


def extraction_is_current(settings: Settings) -> bool:
    """True when the saved build exists and was read from the copy as it is now (its beliefs
    may be older: an add scores the merged graph again anyway)."""
    report = _saved_report(settings)
    return report is not None and _extracted_from_corpus(report, settings)


def _saved_report(settings: Settings) -> dict[str, object] | None:
    if not (settings.graph_file.exists() and settings.store_dir.exists() and settings.corpus_copy.is_dir()):
        return None
    try:
        report = json.loads(settings.report_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return report if isinstance(report, dict) else None


def _extracted_from_corpus(report: dict[str, object], settings: Settings) -> bool:
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
    texts = Texts(result.extractions, replace_all=True)
    save(result.rdf_graph, result.report, settings, texts, result.scores)
    return dropped


@dataclass(frozen=True)
class Texts:
    """The documents a write stores (text and mentions): all of them (a build) or the ones it
    adds or replaces, the others kept as the last build stored them (an add)."""

    extractions: Sequence[Extraction]
    replace_all: bool


@dataclass(frozen=True)
class CorpusWrite:
    """The documents a write puts into the corpus folder, as files staged beside their final
    names (`<name>.new`, which no build reads) and renamed into place with the store; a file of
    the same id under another suffix is moved aside with them (`<name>.replaced`), then deleted."""

    folder: Path
    files: dict[str, bytes]  # by name
    removed: tuple[Path, ...]

    @classmethod
    def of(cls, documents: Sequence[Document], folder: Path) -> CorpusWrite:
        files = {name: data for document in documents for name, data in document_files(document)}
        removed = tuple(path for document in documents for path in superseded_files(document, folder))
        return cls(folder, files, removed)

    @property
    def pending(self) -> dict[str, bytes | None]:
        """What `fingerprint` needs to hash the corpus as it will be."""
        return {**{path.name: None for path in self.removed}, **self.files}

    def stage(self) -> list[tuple[Path, Path]]:
        """Write the staged files; the (staged, final) renames that make the change."""
        renames = []
        for name, data in self.files.items():
            write_atomic(self.folder / f"{name}.new", data)
            renames.append((self.folder / f"{name}.new", self.folder / name))
        return renames + [(path, path.with_name(path.name + ".replaced")) for path in self.removed]

    def clean_up(self) -> None:
        """Delete what is left beside the corpus: staged files not renamed, files moved aside."""
        for name in self.files:
            (self.folder / f"{name}.new").unlink(missing_ok=True)
        for path in self.removed:
            path.with_name(path.name + ".replaced").unlink(missing_ok=True)


def save(
    rdf_graph: Graph,
    report: BuildReport,
    settings: Settings,
    texts: Texts,
    scores: ClaimScores | None = None,
    documents: Sequence[Document] = (),
) -> None:
    """Write `rdf_graph` as the built graph (N-Triples file and the store's default graph, named
    graphs kept), the stored documents and `report` beside it, with the corpus's fingerprint,
    and the build's record (graph.builds); `documents` (an add's) are written into the data
    folder's copy of the corpus. `scores` are the graph's claims as the build scored
    them (graph.assemble.statements); when they were scored with other priors or reviews than
    the settings' (or not given), the statements' beliefs are written again first.

    The embedded store is rebuilt from a file written beside the built graph's; that file, the
    stored documents, the report, the exports, the build history and the corpus documents take
    their places with the
    store (which holds the build's record), under its writer lock, as one transaction: a second
    writer, refused, has changed nothing, and a writer killed at any moment leaves all old or
    (replayed by the next) all new. Raises StoreError (and, remote, QueryTimeout).
    """
    beliefs = BeliefInputs.from_settings(settings)
    scores = _scored_with(rdf_graph, report, scores, beliefs)
    corpus = CorpusWrite.of(documents, settings.corpus_copy)
    data = sorted_ntriples(rdf_graph)
    saved = asdict(report) | {
        "fingerprint": fingerprint(settings.corpus_copy, corpus.pending),
        "beliefs": beliefs.digest,
    }
    report_data = json.dumps(saved, indent=2).encode("utf-8")
    lines = manifest_lines(scores)
    record = _BuildRecord(settings, manifest_bytes(lines), (report.documents, len(lines)))
    staged_texts = settings.texts_file.with_name(settings.texts_file.name + ".new")
    base = None if texts.replace_all else settings.texts_file
    write_texts(staged_texts, texts.extractions, base=base)
    try:
        if settings.remote_query_url:  # no transaction: the documents first, as a rebuild reads them
            for document in documents:
                write_document(document, settings.corpus_dir)
            write_atomic(settings.graph_file, data)
            reload_default_graph(settings)  # the remote store gets the built graph; loaded ones stay
            os.replace(staged_texts, settings.texts_file)
            write_atomic(settings.report_file, report_data)
            for staged, final in record.stage(settings.build_dir):
                os.replace(staged, final)
        else:
            beside = [*corpus.stage(), (staged_texts, settings.texts_file)]
            _replace_store(settings, data, beside, report_data, record, beliefs)
    finally:
        staged_texts.unlink(missing_ok=True)
        corpus.clean_up()
    prune_history(settings.builds_dir)


def _scored_with(
    rdf_graph: Graph, report: BuildReport, scores: ClaimScores | None, beliefs: BeliefInputs
) -> ClaimScores:
    """`scores` when they were made with `beliefs`; else the statements scored again with them."""
    if scores is None:
        scores = score_graph(rdf_graph, beliefs)
    elif scores.inputs.digest != beliefs.digest:
        scores = write_statements(rdf_graph, scores.claims, scores.kinds, beliefs)
    else:
        return scores
    report.triples = len(rdf_graph)  # the statements' nodes may have changed in number
    return scores


@dataclass(frozen=True)
class _BuildRecord:
    """The build's record (graph.builds), written while the writer holds the store's lock: its
    parent is the build in place then, and its id one the history does not hold."""

    settings: Settings
    manifest: bytes
    counts: tuple[int, int]  # documents, claims

    def stage(self, folder: Path) -> list[tuple[Path, Path]]:
        """Write the stamp and manifest into `folder` (the new store) and the manifest into the
        history; returns the history's index, staged, with where it goes."""
        current = read_stamp(self.settings.build_dir)
        taken = [stamp.id for stamp in read_history(self.settings.builds_dir)]
        parent = None if current is None else current.id
        stamp = new_stamp(self.manifest, datetime.now(UTC), parent, self.counts, taken)
        write_record(folder, stamp, self.manifest)
        return stage_history(self.settings.builds_dir, stamp, self.manifest)


def _replace_store(
    settings: Settings,
    data: bytes,
    beside: list[tuple[Path, Path]],
    report_data: bytes,
    record: _BuildRecord,
    beliefs: BeliefInputs,
) -> None:
    """One transaction (graph.stores.journal): the store with its build record, the N-Triples
    file, the stored documents, the report, the exports, the build history and the files `beside` all
    old or all new, whenever the writer dies."""
    staged = settings.graph_file.with_name(settings.graph_file.name + ".new")
    staged_report = settings.report_file.with_name(settings.report_file.name + ".new")
    write_atomic(staged, data)
    write_atomic(staged_report, report_data)

    def prepare(staging: Path) -> list[tuple[Path, Path]]:
        made = record.stage(staging)
        return [*made, *stage_exports(staging, settings.exports_dir, beliefs)]

    try:
        beside = [*beside, (staged_report, settings.report_file)]
        replace_default_graph(
            settings.store_dir, staged, publish_as=settings.graph_file, beside=beside, prepare=prepare
        )
    finally:
        staged.unlink(missing_ok=True)
        staged_report.unlink(missing_ok=True)
    prune_exports(settings.exports_dir)
