"""Add documents to a saved build: extract only them and merge their claims into the saved graph.

Re-adding a document (same id: the file stem) first takes out everything its previous version put
in: its document node; its claim, dose and statistic nodes (each `prov:wasDerivedFrom` it) with
the links into them; and each direct triple that neither the ontology nor a non-negated claim of
another document still supports. The result is the graph a full build of the corpus gives, byte
for byte, and the report's counts move by the old and the new version's counts. Each added file
is written with its `.meta.json` into the data folder's copy of the corpus, never into the corpus
folder (graph.assemble.corpus_copy), so the next build of the copy reads the same documents, in
the same transaction as the graph (graph.assemble.persist): a writer killed at any moment leaves
the copy holding what the graph was built from.

An exact increment needs the saved build to match the copy. When it does not (no build yet, or
the copy or ontology changed since), the copy is built again instead, and the result says so; a
data folder without a copy starts one from the corpus folder (`corpus_dir`).
The statements' beliefs (graph.assemble.statements) are scored again over the merged graph's
claims, with the settings' priors and the reviews as they are now.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path

from rdflib import PROV, RDF, Graph, Literal
from rdflib.term import Node

from nutrikg.graph.assemble.bounded import extract_within
from nutrikg.graph.assemble.build import BuildReport, build_graph, extract_documents, score_graph
from nutrikg.graph.assemble.corpus_copy import ensure_copy
from nutrikg.graph.assemble.persist import Texts, extraction_is_current, save
from nutrikg.graph.assemble.rdf import add_extraction
from nutrikg.graph.assemble.statements import ClaimScores
from nutrikg.graph.errors import CorpusError, StoreError, ValidationFailed
from nutrikg.graph.extract.corpus import document_paths, load_document, parse_document, write_document
from nutrikg.graph.extract.vocabulary import ontology_graph
from nutrikg.graph.model import Document, Extraction
from nutrikg.graph.namespaces import document_iri, new_graph
from nutrikg.graph.read.belief import BeliefInputs
from nutrikg.graph.settings import Settings
from nutrikg.ontology.terms import NM

# Report fields that are sums over documents (BuildReport.count adds to each of them).
SUMMED = (
    "documents",
    "sentences",
    "mentions",
    "claims",
    "asserted",
    "negated",
    "hedged",
    "doses",
    "statistics",
)
Triple = tuple[Node, Node, Node]


@dataclass
class AddResult:
    """What an add did: the updated report and which documents were new or replaced."""

    report: BuildReport
    added: list[str] = field(default_factory=list)  # ids new to the graph
    replaced: list[str] = field(default_factory=list)  # ids whose previous version was taken out
    rebuilt: bool = False  # the saved build did not match the corpus: it was built again


def add_documents(
    documents: Sequence[Document],
    settings: Settings,
    *,
    validate: bool = True,
    extracted: Sequence[Extraction] = (),
) -> AddResult:
    """Add (or replace) documents, read into memory already (`corpus.load_document`, or made by
    `corpus.parse_document` from bytes a client sent), in the saved build and in the store.

    Raises CorpusError when no document is given (nothing changes then), ValidationFailed when
    the merged graph breaks a SHACL shape (nothing is saved), StoreError when the saved graph
    cannot be read or the store cannot be rewritten. `extracted` are extractions of some of the
    documents read already (within a time limit, graph.assemble.bounded): they are not read again.
    """
    started = time.perf_counter()
    sources = _last_per_id(documents)
    ensure_copy(settings.corpus_dir, settings.corpus_copy)
    if not extraction_is_current(settings):
        return _rebuild(sources, settings, validate)
    rdf_graph = load_graph(settings.graph_file)
    previous = _previous_versions(sources, rdf_graph, settings.corpus_copy)
    if previous is None:
        return _rebuild(sources, settings, validate)
    new, old = _extract_new_and_old(sources, previous, extracted)
    report = load_report(settings.report_file)
    scores = merge(rdf_graph, report, old, new, BeliefInputs.from_settings(settings))
    if validate:
        _validate(rdf_graph)
    report.seconds = round(time.perf_counter() - started, 3)
    save(rdf_graph, report, settings, Texts(new, replace_all=False), scores, documents=sources)
    replaced = [e.document.id for e in old]
    added = [e.document.id for e in new if e.document.id not in replaced]
    return AddResult(report, added, replaced)


def add_sent_document(
    name: str, raw: bytes, meta: dict[str, object], settings: Settings, *, within_s: float | None = None
) -> AddResult:
    """Add one document a client sent (its file name, bytes and metadata), as `add_documents`
    does; raises CorpusError naming it when it is no readable document of its format (empty, not
    UTF-8, a broken PDF...), or its metadata is bad. With `within_s`, it is parsed and read in a
    process of its own killed past that many seconds (ExtractionTimeout), before anything is
    written."""
    if within_s is None:
        return add_documents([parse_document(Path(name), raw, meta)], settings)
    extraction = extract_within((Path(name), raw, meta), within_s)
    return add_documents([extraction.document], settings, extracted=[extraction])


def _extract_new_and_old(
    sources: list[Document], previous: list[Document], extracted: Sequence[Extraction]
) -> tuple[list[Extraction], list[Extraction]]:
    """The extractions of the documents added and of the versions they replace; one reader for
    all that were not read already."""
    done = {e.document.id: e for e in extracted}
    unread = [d for d in sources if d.id not in done]
    read = iter(extract_documents([*unread, *previous]))  # the unread new ones first, in order
    new = [done[d.id] if d.id in done else next(read) for d in sources]
    return new, list(read)


def merge(
    rdf_graph: Graph, report: BuildReport, old: list[Extraction], new: list[Extraction], beliefs: BeliefInputs
) -> ClaimScores:
    """Take the `old` versions out of graph and report, then put the `new` documents in, and
    score the statements of the merged graph's claims with `beliefs`."""
    for extraction in old:
        remove_document(rdf_graph, extraction.document.id)
        _uncount(report, extraction)
    for extraction in new:
        add_extraction(rdf_graph, extraction)
        report.count(extraction)
        _forget_problems(report, extraction)
    scores = score_graph(rdf_graph, beliefs)
    _recount(report, rdf_graph)
    return scores


def remove_document(rdf_graph: Graph, doc_id: str) -> None:
    """Take out what one document put in the graph, keeping direct triples still supported
    by another document's non-negated claim or stated by the ontology."""
    document = document_iri(doc_id)
    mentioned = set(rdf_graph.objects(document, NM.mentions))
    nodes = {document, *rdf_graph.subjects(PROV.wasDerivedFrom, document)}
    asserted = {_direct(rdf_graph, node) for node in nodes if _asserts(rdf_graph, node)}
    for node in nodes:
        rdf_graph.remove((node, None, None))
        rdf_graph.remove((None, None, node))  # nutrient -> dose, claim -> statistic
    for triple in asserted:
        if not _still_claimed(rdf_graph, triple) and triple not in _ontology():
            rdf_graph.remove(triple)
    core = _ontology()
    for entity in mentioned:  # a derived term (or a state) is written while a document mentions it
        if (entity, None, None) not in core and (None, NM.mentions, entity) not in rdf_graph:
            rdf_graph.remove((entity, None, None))


def _asserts(rdf_graph: Graph, node: Node) -> bool:
    """True for a claim node that is not negated (its direct triple is in the graph)."""
    is_claim = (node, RDF.type, NM.Claim) in rdf_graph
    return is_claim and (node, NM.negated, Literal(True)) not in rdf_graph


def _direct(rdf_graph: Graph, claim: Node) -> Triple:
    value = rdf_graph.value
    subject, predicate, obj = value(claim, NM.subject), value(claim, NM.predicate), value(claim, NM.object)
    if subject is None or predicate is None or obj is None:
        raise StoreError(f"claim {claim} in the saved graph lacks its subject, predicate or object")
    return subject, predicate, obj


def _still_claimed(rdf_graph: Graph, triple: Triple) -> bool:
    subject, predicate, obj = triple
    return any(
        (claim, NM.predicate, predicate) in rdf_graph
        and (claim, NM.object, obj) in rdf_graph
        and _asserts(rdf_graph, claim)
        for claim in rdf_graph.subjects(NM.subject, subject)
    )


@cache
def _ontology() -> Graph:
    """The ontology as read (a direct triple has no blank node, so skolemising changes nothing)."""
    return ontology_graph()


def _uncount(report: BuildReport, extraction: Extraction) -> None:
    delta = BuildReport(corpus=report.corpus)
    delta.count(extraction)
    for name in SUMMED:
        setattr(report, name, getattr(report, name) - getattr(delta, name))
    tally = Counter(report.predicates)
    tally.subtract(delta.predicates)
    report.predicates = {name: n for name, n in sorted(tally.items()) if n > 0}


def _forget_problems(report: BuildReport, extraction: Extraction) -> None:
    """Drop what the last build said of a document that now reads fine (it was skipped then)."""
    mine = f"{Path(report.corpus) / extraction.document.path}:"
    report.problems = [problem for problem in report.problems if not problem.startswith(mine)]


def _recount(report: BuildReport, rdf_graph: Graph) -> None:
    """The counts that are not sums over documents, as graph.build counts them."""
    claims = set(rdf_graph.subjects(RDF.type, NM.Claim))
    ends = {o for c in claims for p in (NM.subject, NM.object) for o in rdf_graph.objects(c, p)}
    report.entities = len(ends)
    report.mentioned_entities = len(set(rdf_graph.objects(None, NM.mentions)))
    report.triples = len(rdf_graph)


def _last_per_id(documents: Sequence[Document]) -> list[Document]:
    """The documents to add, the last one winning per id; raises CorpusError for none."""
    by_id: dict[str, Document] = {}
    for document in documents:
        by_id.pop(document.id, None)
        by_id[document.id] = document
    if not by_id:
        raise CorpusError("no document given")
    return list(by_id.values())


def _previous_versions(sources: list[Document], rdf_graph: Graph, corpus_dir: Path) -> list[Document] | None:
    """The corpus documents the graph holds earlier versions of; None when one is not in the
    corpus exactly as the graph has it (then only a rebuild is exact)."""
    found = []
    for source in sources:
        document = document_iri(source.id)
        if (document, RDF.type, NM.Document) not in rdf_graph:
            continue
        copy = next((p for p in document_paths(corpus_dir) if p.stem == source.id), None)
        sha = rdf_graph.value(document, NM.sha256)
        if copy is None or str(sha) != hashlib.sha256(copy.read_bytes()).hexdigest():
            return None
        found.append(load_document(copy))
    return found


def _rebuild(sources: list[Document], settings: Settings, validate: bool) -> AddResult:
    """Build the corpus with `sources` in it. The documents go into the folder first, as the build
    reads them there: the corpus was not what the saved build was made from already."""
    for document in sources:
        write_document(document, settings.corpus_copy)
    beliefs = BeliefInputs.from_settings(settings)
    result = build_graph(settings.corpus_copy, settings.extraction_workers, beliefs=beliefs)
    if validate:
        _validate(result.rdf_graph)
    save(
        result.rdf_graph, result.report, settings, Texts(result.extractions, replace_all=True), result.scores
    )
    return AddResult(result.report, [s.id for s in sources], rebuilt=True)


def _validate(rdf_graph: Graph) -> None:
    from nutrikg.graph.assemble.validate import validate_graph  # pyshacl is slow to import; only adds need it

    validation = validate_graph(rdf_graph)
    if not validation.conforms:
        raise ValidationFailed(validation.text)


def load_graph(path: Path) -> Graph:
    """The saved graph (sorted N-Triples); raises StoreError when it cannot be read."""
    rdf_graph = new_graph()
    try:
        rdf_graph.parse(path, format="nt")
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"cannot read the saved graph {path}: {err}") from err
    return rdf_graph


def load_report(path: Path) -> BuildReport:
    """The saved build report; raises StoreError when it cannot be read."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return BuildReport(**{f.name: saved[f.name] for f in fields(BuildReport) if f.name in saved})
    except (OSError, ValueError, TypeError) as err:
        raise StoreError(f"cannot read the build report {path}: {err}") from err
