"""Fixtures for the pipeline's stages: the vocabulary, a document reader, one build of the corpus."""

from __future__ import annotations

import pytest

from nutrikg.graph.assemble.build import BuildResult, build_graph
from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.extract.vocabulary import Vocabulary, load_vocabulary
from nutrikg.graph.model import Claim, Document, Sentence, Span
from nutrikg.graph.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="session")
def reader(vocabulary: Vocabulary) -> DocumentReader:
    """The rules alone: the construction tables test what the rules read (the learned reader,
    whose answers change with each training, is tested on its own)."""
    return DocumentReader(vocabulary, learned=False)


@pytest.fixture(scope="session")
def built() -> BuildResult:
    """The shipped corpus, built in memory once per session."""
    return build_graph(PROJECT_ROOT / "corpus")


@pytest.fixture
def read_text(reader: DocumentReader):  # type: ignore[no-untyped-def]
    """Claims of a small text, as (subject, predicate, object, hedged, negated) local names."""

    def read(text: str) -> set[tuple[str, str, str, bool, bool]]:
        doc = Document(id="t", title="t", text=text, path="t.txt", sha256="0")
        return {_row(c) for c in reader.read(doc).claims}

    return read


def _row(claim: Claim) -> tuple[str, str, str, bool, bool]:
    local = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    return (local(claim.subject), claim.predicate, local(claim.object), claim.hedged, claim.negated)


def sentence_of(text: str) -> Sentence:
    return Sentence("t", 0, Span(0, len(text)), text)
