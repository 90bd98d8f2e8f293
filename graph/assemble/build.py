"""The pipeline end to end: corpus folder -> extractions -> RDF graph (+ report).

Extraction runs in a process pool when the corpus is large (each worker builds its matcher once);
results come back one document at a time, so memory stays flat and a progress bar can follow.
"""

from __future__ import annotations

import gc
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from nutrikg.graph.assemble.rdf import add_extraction, add_ontology
from nutrikg.graph.assemble.statements import ClaimScores, write_statements
from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.corpus import DOCUMENT_SUFFIXES, document_paths, load_document, unread_files
from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.extract.vocabulary import load_vocabulary, ontology_graph
from nutrikg.graph.model import Document, Extraction
from nutrikg.graph.namespaces import new_graph
from nutrikg.graph.read.belief import BeliefInputs
from nutrikg.graph.read.tables import GraphTables

PARALLEL_THRESHOLD = 64  # below this many documents a pool costs more than it saves
Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    """What a build read and extracted, and what went wrong with which file."""

    corpus: str
    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    claims: int = 0
    asserted: int = 0
    negated: int = 0
    hedged: int = 0
    doses: int = 0
    statistics: int = 0
    entities: int = 0  # entities a claim is about
    mentioned_entities: int = 0  # entities named anywhere in the corpus
    triples: int = 0
    seconds: float = 0.0
    predicates: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def count(self, extraction: Extraction) -> None:
        self.documents += 1
        self.sentences += len(extraction.sentences)
        self.mentions += len(extraction.mentions)
        self.claims += len(extraction.claims)
        self.negated += sum(c.negated for c in extraction.claims)
        self.asserted += sum(not c.negated for c in extraction.claims)
        self.hedged += sum(c.hedged for c in extraction.claims)
        self.doses += len(extraction.doses)
        self.statistics += len(extraction.statistics)
        tally = Counter(self.predicates)
        tally.update(c.predicate for c in extraction.claims)
        self.predicates = dict(sorted(tally.items()))


@dataclass
class BuildResult:
    rdf_graph: Graph
    report: BuildReport
    extractions: list[Extraction]
    scores: ClaimScores  # the graph's claims and their statements' beliefs (graph.assemble.statements)


def build_graph(
    corpus_dir: Path,
    workers: int = 0,
    progress: Progress | None = None,
    beliefs: BeliefInputs | None = None,
) -> BuildResult:
    """Build the graph from every document of `corpus_dir`, its statements' beliefs made with
    `beliefs` (default priors, no reviews, when not given; `save` writes them again when the
    settings' differ).

    Raises CorpusError when the folder is missing or holds no readable document; a single bad
    document is reported in `report.problems` and skipped.
    """
    started = time.perf_counter()
    paths = document_paths(corpus_dir)
    unread = unread_files(corpus_dir)
    if not paths:
        suffixes = ", ".join(DOCUMENT_SUFFIXES)
        raise CorpusError("; ".join([f"{corpus_dir}: no documents found ({suffixes})", *unread]))
    report = BuildReport(corpus=str(corpus_dir), problems=unread)
    rdf_graph = new_graph()
    add_ontology(rdf_graph, ontology_graph())
    extractions: list[Extraction] = []
    with _collector_paused():
        for done, outcome in enumerate(extract_all(paths, workers), start=1):
            if isinstance(outcome, CorpusError):
                report.problems.append(str(outcome))
            else:
                report.count(outcome)
                add_extraction(rdf_graph, outcome)
                extractions.append(outcome)
            if progress:
                progress(done, len(paths))
    if not extractions:
        raise CorpusError(f"{corpus_dir}: no readable document; " + "; ".join(report.problems))
    scores = score_graph(rdf_graph, beliefs or BeliefInputs())
    _finish(report, rdf_graph, extractions, started)
    return BuildResult(rdf_graph, report, extractions, scores)


def score_graph(rdf_graph: Graph, beliefs: BeliefInputs) -> ClaimScores:
    """Write the statements' beliefs into `rdf_graph` from the claims it holds, read back as the
    service reads them (one value per claim node), so a build, an add and the served graph all
    score the same claims alike."""
    tables = GraphTables(rdf_graph)
    return write_statements(rdf_graph, tables.claims, tables.source_kinds, beliefs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration (as it was before, after).

    A build allocates millions of objects that all stay alive (graph terms and index dicts,
    extractions), so the collector, triggered by allocations, kept re-scanning a heap that only
    grows: a fifth of a single-core build's time. Reading a document leaves no reference cycles
    behind (measured: none per document), so pausing it frees nothing later than it would be.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _finish(report: BuildReport, rdf_graph: Graph, extractions: list[Extraction], started: float) -> None:
    claimed = {iri for e in extractions for c in e.claims for iri in (c.subject, c.object)}
    report.entities = len(claimed)
    report.mentioned_entities = len({m.entity for e in extractions for m in e.mentions})
    report.triples = len(rdf_graph)
    report.seconds = round(time.perf_counter() - started, 3)


def extract_all(paths: list[Path], workers: int = 0) -> Iterator[Extraction | CorpusError]:
    """Extractions in corpus order; in parallel across cores for large corpora."""
    count = workers or os.cpu_count() or 1
    if count == 1 or len(paths) < PARALLEL_THRESHOLD:
        reader = DocumentReader(load_vocabulary())
        yield from (_extract(reader, path) for path in paths)
        return
    with ProcessPoolExecutor(max_workers=count, initializer=_init_worker) as pool:
        yield from pool.map(_extract_in_worker, paths, chunksize=16)


def _extract(reader: DocumentReader, path: Path) -> Extraction | CorpusError:
    try:
        return reader.read(load_document(path))
    except CorpusError as err:
        return err


_WORKER_READER: DocumentReader | None = None


def _init_worker() -> None:
    global _WORKER_READER  # one reader per worker process, built once
    _WORKER_READER = DocumentReader(load_vocabulary())


def _extract_in_worker(path: Path) -> Extraction | CorpusError:
    assert _WORKER_READER is not None
    return _extract(_WORKER_READER, path)


def extract_documents(documents: Iterable[Document]) -> list[Extraction]:
    """Extractions of a few documents (for incremental adds)."""
    reader = DocumentReader(load_vocabulary())
    return [reader.read(document) for document in documents]
