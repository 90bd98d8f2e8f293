"""Extractions into RDF: the shared-term, direct-to-store path writes exactly what adding each
triple through rdflib's Graph.add writes."""

from __future__ import annotations

from pathlib import Path

from rdflib import XSD, Graph, Literal

from nutrikg.graph.assemble.rdf import (
    _DocumentTerms,
    add_claim,
    add_document,
    add_dose,
    add_extraction,
    add_statistic,
    named_in,
)
from nutrikg.graph.extract.corpus import document_paths, load_document
from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.model import Extraction
from nutrikg.graph.settings import PROJECT_ROOT


def _extractions(reader: DocumentReader) -> list[Extraction]:
    folders = (PROJECT_ROOT / "corpus", PROJECT_ROOT / "tests" / "data" / "heldout")
    return [reader.read(load_document(p)) for folder in folders for p in document_paths(Path(folder))]


def test_add_extraction_writes_what_graph_add_writes(reader: DocumentReader) -> None:
    fast, plain = Graph(), Graph()
    for extraction in _extractions(reader):
        add_extraction(fast, extraction)
        document = extraction.document
        add_document(plain, document, named_in(extraction))
        for claim in extraction.claims:
            add_claim(plain, claim, document)
        for dose in extraction.doses:
            add_dose(plain, dose)
        for statistic in extraction.statistics:
            add_statistic(plain, statistic)
    assert len(fast) > 5000
    assert set(fast) == set(plain)


class _Counting(Graph):
    """A Graph subclass: the store is not written behind its back."""

    added = 0

    def add(self, triple):  # type: ignore[no-untyped-def]
        type(self).added += 1
        return super().add(triple)


def test_graph_subclasses_get_their_own_add(reader: DocumentReader) -> None:
    extraction = _extractions(reader)[0]
    counting = _Counting()
    add_extraction(counting, extraction)
    assert _Counting.added >= len(counting) > 0  # every triple went through add (some twice)


def test_decimals_keep_their_sign_and_form() -> None:
    terms = _DocumentTerms(None)
    assert terms.decimal(0.0) == Literal("0.0", datatype=XSD.decimal)
    assert terms.decimal(-0.0) == Literal("-0.0", datatype=XSD.decimal)
    assert terms.decimal(200) == Literal("200.0", datatype=XSD.decimal)
    assert terms.decimal(0.2) is terms.decimal(0.2)  # made once per document
