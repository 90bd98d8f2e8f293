"""The literal prefilters in front of the pipeline's regexes never hide a match, and reading with
them gives exactly what reading without them gives."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator

import pytest

import nutrikg.graph.extract.quantities as quantities
from bench.extraction import shuffled
from nutrikg.graph.extract import coreference, modality, text
from nutrikg.graph.extract.claims import RuleExtractor, _SentenceReader
from nutrikg.graph.extract.corpus import document_paths, load_document
from nutrikg.graph.extract.entities import EntityMatcher
from nutrikg.graph.extract.masking import mask
from nutrikg.graph.extract.patterns import RULES
from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.extract.prefilter import Literals, Prefiltered, fold_case, required_literals
from nutrikg.graph.extract.rules import RuleIndex
from nutrikg.graph.extract.text import split_sentences
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Document, Extraction, Mention, Sentence
from nutrikg.graph.settings import PROJECT_ROOT

FOLDERS = (PROJECT_ROOT / "corpus", PROJECT_ROOT / "tests" / "data" / "heldout")


def _documents() -> list[Document]:
    """The shipped and held-out documents, and variants of the shipped ones with their sentences
    shuffled (so sentences meet other topics and anaphors other antecedents)."""
    documents = [load_document(path) for folder in FOLDERS for path in document_paths(folder)]
    rng = random.Random(11)
    for seed in documents[:4]:
        for number in range(3):
            body = shuffled(rng, seed.text)
            documents.append(dataclasses.replace(seed, id=f"{seed.id}-v{number}", text=body))
    return documents


DOCUMENTS = _documents()


def _sentences() -> list[str]:
    return [s.text for d in DOCUMENTS for s in split_sentences(d)]


SENTENCES = _sentences()


# --- the analysis -------------------------------------------------------------------------------


def _strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    found = required_literals(re.compile(pattern, flags))
    return None if found is None else found.strings


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bactivat(?:es|e|ing)\b", 0, {"activat"}),
        (r"\b(?:prevent|inhibit)s?\s+it", 0, {"prevent", "inhibit"}),
        (r"(?:rich|good)?\s*sources?\s+of", 0, {"source"}),  # the optional part needs nothing
        (r"\bbuild(?:s|ing)?\b|\bbuilding up\b", 0, {"build"}),  # "building up" holds "build"
        (r"(?:a|b)+cd", 0, {"cd"}),
        (r"x?", 0, None),
        (r"\w+\s+\d+", 0, None),
        (r"(?:reduce|)\s+absorption", 0, {"absorption"}),
        (r"Vitamin\s+K", re.IGNORECASE, {"vitamin"}),  # looked for folded
        (r"(?i:Vitamin)\s+k", 0, {"k"}),  # a scoped flag: that part is not analysed
        (r"µg|mg", re.IGNORECASE, {"g"}),  # a cased non-ASCII letter is not a literal when folded
        (r"©|all rights", re.IGNORECASE, {"©", "all rights"}),  # an uncased one is
    ],
)
def test_required_literals_are_read_from_the_pattern(
    pattern: str, flags: int, expected: set[str] | None
) -> None:
    assert _strings(pattern, flags) == (None if expected is None else frozenset(expected))


def test_folded_literals_are_flagged() -> None:
    assert required_literals(re.compile("abc", re.IGNORECASE)) == Literals(frozenset({"abc"}), True)
    assert required_literals(re.compile("abc")) == Literals(frozenset({"abc"}), False)


def test_only_four_non_ascii_characters_match_ascii_ones_ignoring_case() -> None:
    """fold_case relies on it: the characters Python's case-insensitive matching equates with an
    ASCII one are İ and ı (i), ſ (s) and the Kelvin sign (k), and each folds to that letter."""
    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    lookalikes = [chr(c) for c in range(128, 0x110000) if ascii_class.fullmatch(chr(c))]
    assert lookalikes == ["\u0130", "\u0131", "\u017f", "\u212a"]
    for char, letter in zip(lookalikes, "iisk", strict=True):
        assert re.fullmatch(letter, char, re.IGNORECASE)
        assert fold_case(f"x{char}y’") == f"x{letter}y’"


# --- soundness: a prefilter never says no to a text its pattern matches --------------------------

_GATES: list[Prefiltered] = [
    *(gate for gate, _ in coreference._COMPILED_ANAPHORS),
    *quantities._STATISTICS,
    modality._HEDGES,
    modality._NEGATIONS,
    modality._NOT_NEGATING_CUE,
    modality._CAUSATION_DISCLAIMER_CUE,
    *text._SENTENCE_CHROME_CUES,
]


def _random_texts(count: int, seed: int) -> Iterator[str]:
    """Words of the patterns in random case, with look-alike and accented letters mixed in."""
    words = sorted({w for gate in _GATES if gate.literals for w in gate.literals.strings})
    words += [
        w for rule in RULES for w in (required_literals(rule.regex) or Literals(frozenset(), False)).strings
    ]
    extra = [
        "\u017f",
        "\u212a",
        "\u0130",
        "\u0131",
        "µ",
        "μ",
        "’",
        "⟦0⟧",
        " ",
        " ",
        "5",
        "95% CI 0.1 to 0.2",
        "mg",
        "SMD",
    ]
    rng = random.Random(seed)
    for _ in range(count):
        pieces = [rng.choice(words + extra) for _ in range(rng.randint(1, 6))]
        texts = "".join(p.upper() if rng.random() < 0.3 else p for p in pieces)
        yield texts.replace("s", "\u017f") if rng.random() < 0.1 else texts


@pytest.mark.parametrize("gate", _GATES, ids=lambda g: g.pattern.pattern[:30])
def test_gates_pass_every_text_their_pattern_matches(gate: Prefiltered) -> None:
    assert gate.literals is not None, "a gate that never filters is dead weight"
    for sample in [*SENTENCES, *_random_texts(3000, seed=len(gate.pattern.pattern))]:
        if gate.pattern.search(sample):
            assert gate.may_match(sample), sample
            assert gate.may_match(sample, fold_case(sample)), sample


def _masked_sentences(reader: DocumentReader) -> Iterator[str]:
    for document in DOCUMENTS:
        extraction = reader.read(document)
        for sentence in extraction.sentences:
            inside = [
                m for m in extraction.mentions if sentence.span.start <= m.span.start < sentence.span.end
            ]
            yield mask(sentence, inside).text


def test_rule_index_keeps_every_rule_that_matches(reader: DocumentReader) -> None:
    index = RuleIndex(RULES)
    texts = [*_masked_sentences(reader), *_random_texts(3000, seed=5)]
    matched = 0
    for masked in texts:
        candidates = index.candidates(masked)
        for rule in RULES:
            if rule.regex.search(masked):
                matched += 1
                assert rule in candidates, (rule.name, masked)
                assert rule.may_match(masked), (rule.name, masked)
        assert candidates == [rule for rule in RULES if rule in candidates]  # still in rule order
    assert matched > 500


def test_dose_spans_are_the_matches_of_the_dose_pattern() -> None:
    rng = random.Random(3)
    parts = ["between ", "from ", "over ", "moreover ", "up to ", "At least ", "5", "10", "1,000", "2.5",
             " ", "-", " to ", " and ", "mg", "mcg", "IU", "µg", " daily", " per week", "x", ",", ".",
             "ng/mL", "about  ", "OVER\t"]  # fmt: skip
    samples = SENTENCES + ["".join(rng.choice(parts) for _ in range(rng.randint(1, 9))) for _ in range(20000)]
    for sample in samples:
        expected = [_dose_row(m.start(), m.group("prefix"), m) for m in quantities.DOSE.finditer(sample)]
        found = [_dose_row(start, comparator, m) for start, comparator, m in quantities.dose_spans(sample)]
        assert found == expected, sample


def _dose_row(start: int, comparator: str | None, match: re.Match[str]) -> tuple[object, ...]:
    return (start, match.end(), comparator, *match.group("low", "high", "unit", "freq"))


# --- the whole reading, with and without the prefilters ----------------------------------------


def _read_unfiltered(
    monkeypatch: pytest.MonkeyPatch, vocabulary: Vocabulary, documents: list[Document]
) -> list[Extraction]:
    """Every prefilter and shortcut switched off: each pattern runs on every text."""

    def reference_dose_spans(sentence: str) -> Iterator[tuple[int, str | None, re.Match[str]]]:
        for match in quantities.DOSE.finditer(sentence):
            yield match.start(), match.group("prefix"), match

    with monkeypatch.context() as patch:
        patch.setattr(Prefiltered, "may_match", lambda self, text, folded=None: True)
        patch.setattr(RuleIndex, "candidates", lambda self, text: list(self._rules))
        patch.setattr(quantities, "_DOSE_CUE", re.compile(""))
        patch.setattr(quantities, "dose_spans", reference_dose_spans)
        patch.setattr(EntityMatcher, "_named_by", lambda self, text: self._entity_of(text, text))
        reader = DocumentReader(vocabulary)
        return [reader.read(document) for document in documents]


def test_prefilters_change_nothing_that_is_read(
    monkeypatch: pytest.MonkeyPatch, vocabulary: Vocabulary
) -> None:
    reader = DocumentReader(vocabulary)
    filtered = [reader.read(document) for document in DOCUMENTS]
    unfiltered = _read_unfiltered(monkeypatch, vocabulary, DOCUMENTS)
    assert sum(len(e.claims) for e in filtered) > 300
    for with_filters, without in zip(filtered, unfiltered, strict=True):
        assert dataclasses.asdict(with_filters) == dataclasses.asdict(without), with_filters.document.id


def test_a_sentence_with_one_mention_and_no_topic_yields_no_claim(reader: DocumentReader) -> None:
    """RuleExtractor.claims skips such sentences: every rule, run anyway, finds nothing in them."""
    extractor = reader.extractor
    assert isinstance(extractor, RuleExtractor)
    checked = 0
    for document in DOCUMENTS:
        extraction = reader.read(document)
        for sentence in extraction.sentences:
            inside = [
                m for m in extraction.mentions if sentence.span.start <= m.span.start < sentence.span.end
            ]
            if len(inside) == 1:
                checked += 1
                assert _claims_of_every_rule(extractor, sentence, inside) == [], sentence.text
    assert checked > 50


def _claims_of_every_rule(extractor: RuleExtractor, sentence: Sentence, mentions: list[Mention]) -> list[str]:
    masked = mask(sentence, mentions)
    reader = _SentenceReader(extractor.vocabulary, sentence, masked, None)
    return [
        c.predicate
        for rule in extractor.rules
        for m in rule.regex.finditer(masked.text)
        for c in reader.read(rule, m)
    ]
