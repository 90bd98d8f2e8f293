"""The entity matcher's own span bookkeeping agrees with spaCy's, and its text folding with the
plain definitions it replaces."""

from __future__ import annotations

import random
import re
import unicodedata

from spacy.attrs import IDX, LENGTH
from spacy.util import filter_spans

from nutrikg.graph.extract.entities import EntityMatcher, TokenRange, _filter_spans, _Layout, matching_form
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Sentence, Span

TEXT = "Vitamins D and K2-dependent  proteins (MGP), bone & heart health: nattō’s 45 mcg, health12 ok."


def _layout(matcher: EntityMatcher, text: str) -> _Layout:
    tokens = matcher.nlp.make_doc(text)
    return _Layout(text, tokens.to_array([IDX, LENGTH]).ravel().tolist())


def test_char_span_is_spacys_strict_char_span(vocabulary: Vocabulary) -> None:
    matcher = EntityMatcher(vocabulary)
    tokens = matcher.nlp.make_doc(TEXT)
    layout = _layout(matcher, TEXT)
    for start in range(len(TEXT) + 1):
        for end in range(start + 1, len(TEXT) + 1):
            span = tokens.char_span(start, end)
            expected = None if span is None else (span.start, span.end)
            assert layout.char_span(start, end) == expected, (start, end)


def test_filter_spans_is_spacys(vocabulary: Vocabulary) -> None:
    matcher = EntityMatcher(vocabulary)
    tokens = matcher.nlp.make_doc(TEXT)
    rng = random.Random(2)
    for _ in range(2000):
        spans: list[TokenRange] = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randrange(len(tokens))
            spans.append((start, rng.randint(start + 1, min(len(tokens), start + 4))))
        expected = [(s.start, s.end) for s in filter_spans([tokens[a:b] for a, b in spans])]
        assert _filter_spans(spans) == expected, spans


def test_mentions_are_found_with_document_offsets(vocabulary: Vocabulary) -> None:
    matcher = EntityMatcher(vocabulary)
    text = "Intro. Vitamins D and K2 help bone & heart health; nattō is rich in MK-7."
    sentence = Sentence("d", 0, Span(100, 100 + len(text)), text)
    found = [(m.entity.rsplit("/", 1)[-1], m.text) for m in matcher.find_mentions(sentence)]
    assert ("vitamin_d", "D") in found and ("vitamin_k2", "K2") in found  # "vitamins D and K2"
    assert ("natto", "nattō") in found
    for mention in matcher.find_mentions(sentence):
        local = mention.span.start - 100
        assert text[local : local + len(mention.text)] == mention.text


def _reference_matching_form(text: str) -> str:
    """matching_form as first written: str.translate over every character, a look-behind regex."""

    def fold(char: str) -> str:
        base = unicodedata.normalize("NFKD", char)[0]
        return base if base.isascii() and base.isalpha() else char

    folded = text if text.isascii() else "".join(fold(c) for c in text)
    return re.sub(r"(?<=[a-z]{4})\d{1,2}\b", lambda m: " " * len(m.group()), folded)


def test_matching_form_folds_accents_and_blanks_citation_digits() -> None:
    assert matching_form("nattō’s health12 K2 abcd123") == "natto’s health   K2 abcd123"
    rng = random.Random(4)
    alphabet = "abcdeKXZ 12_-.éōüß’–µ٣"
    for _ in range(20000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert matching_form(sample) == _reference_matching_form(sample), sample
        assert len(matching_form(sample)) == len(sample)


def test_a_process_named_with_of_is_the_process(vocabulary: Vocabulary) -> None:
    """'the formation of red blood cells' is red blood cell formation; 'the function of
    osteoblasts' names osteoblasts (function is not read backwards), and real labels win."""
    matcher = EntityMatcher(vocabulary)
    text = (
        "B12 aids the formation of red blood cells and the function of osteoblasts, not loss of bone density."
    )
    found = {
        m.text: m.entity.rsplit("/", 1)[-1]
        for m in matcher.find_mentions(Sentence("t", 0, Span(0, len(text)), text))
    }
    assert found["formation of red blood cells"] == "red_blood_cell_formation"
    assert found["osteoblasts"] == "osteoblast"
    assert found["loss of bone density"] == "bone_loss"


def _named(matcher: EntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity.rsplit("/", 1)[-1]) for m in matcher.find_in_document("doc", text)]


def test_a_condition_named_in_full_is_then_named_by_its_head(vocabulary: Vocabulary) -> None:
    matcher = EntityMatcher(vocabulary)
    text = "Stones hurt. Kidney stones are common. Meat raises the risk of stones."
    assert _named(matcher, text) == [
        ("Kidney stones", "kidney_stones"),
        ("Meat", "meat"),
        ("stones", "kidney_stones"),
    ]  # not before the full name
    assert ("stones", "kidney_stones") not in _named(matcher, "Meat raises the risk of stones.")
    # a generic head stands for nothing on its own
    generic = "Cardiovascular diseases are common. Other diseases are rarer."
    assert _named(matcher, generic) == [("Cardiovascular diseases", "cardiovascular_disease")]
