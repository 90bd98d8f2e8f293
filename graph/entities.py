"""Find the entities a sentence names, grounded to ontology IRIs.

Matching is on lower-cased tokens against every prefLabel and altLabel (plus simple plurals), the
longest match winning, so "vitamin K dependent proteins" is one mention, not "vitamin K".
Elliptic coordination is expanded: in "vitamins D and K2", "D" names vitamin D.
"""

from __future__ import annotations

import re
import unicodedata

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan
from spacy.util import compile_suffix_regex, filter_spans

from graph.model import Mention, Sentence, Span
from graph.vocabulary import Vocabulary

_VITAMIN_LETTER = r"^(?:[A-EK]\d{0,2})$"


def blank_english() -> Language:
    """spaCy's blank English pipeline: a rule-based tokenizer, no downloaded model.

    Its exceptions keep an initial and its period together ("D."), which would hide the
    vitamin in "... activates vitamin D." at the end of a sentence; they are dropped.
    """
    nlp = spacy.blank("en")
    tokenizer: Tokenizer = nlp.tokenizer
    rules = tokenizer.rules or {}
    tokenizer.rules = {k: v for k, v in rules.items() if not re.fullmatch(r"[A-Za-z]\.", k)}
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[A-Z0-9])\."]  # "vitamin D." -> "D", "."
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


class EntityMatcher:
    """Grounds mentions in sentences to the entities of a Vocabulary."""

    def __init__(self, vocabulary: Vocabulary, nlp: Language | None = None) -> None:
        self.nlp = nlp or blank_english()
        self._label_to_entity: dict[str, str] = {}
        self._elided: dict[tuple[int, int], str] = {}  # (char, token) start -> the full label
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._add_labels(vocabulary)

    def _add_labels(self, vocabulary: Vocabulary) -> None:
        for entity in sorted(vocabulary.entities.values(), key=lambda e: e.iri):
            for label in (entity.label, *entity.alt_labels):
                for variant in _variants(label):
                    self._label_to_entity.setdefault(_key(variant), entity.iri)
        patterns = [self.nlp.make_doc(text) for text in self._label_to_entity]
        self._phrases.add("ENTITY", patterns)

    def entity_for_label(self, text: str) -> str | None:
        """The entity IRI a label names, or None."""
        return self._label_to_entity.get(_key(text))

    def tokenize(self, text: str) -> Doc:
        """Tokens of `text` as the matcher sees it (same length, so offsets still hold)."""
        return self.nlp.make_doc(matching_form(text))

    def find_mentions(self, sentence: Sentence, tokens: Doc | None = None) -> list[Mention]:
        """Every entity mention in `sentence`, left to right, with document offsets."""
        tokens = tokens if tokens is not None else self.tokenize(sentence.text)
        spans = [tokens[start:end] for _, start, end in self._phrases(tokens)]
        spans = filter_spans(spans + self._elliptic_spans(tokens, spans))
        spans += self._shared_head_spans(tokens, spans)
        mentions = [self._mention(sentence, span) for span in sorted(spans, key=lambda s: s.start)]
        return [m for m in mentions if m is not None]

    def find_in_document(self, doc_id: str, text: str) -> list[Mention]:
        """Every mention in a whole document at once (one tokenizer pass: much faster than one
        per sentence); offsets are document offsets."""
        return self.find_mentions(Sentence(doc_id, -1, Span(0, len(text)), text))

    def _elliptic_spans(self, tokens: Doc, found: list[TokenSpan]) -> list[TokenSpan]:
        """'vitamins D and K2': the bare letters after 'vitamins' name vitamins too."""
        extra: list[TokenSpan] = []
        for match in _ELLIPSIS.finditer(tokens.text):
            for group in (1, 2):
                span = tokens.char_span(match.start(group), match.end(group))
                if span is not None:
                    extra.append(span)
        covered = {t for span in found for t in range(span.start, span.end)}
        return [s for s in extra if s.start not in covered]

    def _shared_head_spans(self, tokens: Doc, found: list[TokenSpan]) -> list[TokenSpan]:
        """'bone & heart health': 'bone' stands for 'bone health' when that is a label too."""
        extra = []
        covered = {t: span for span in found for t in range(span.start, span.end)}
        for span in found:
            if len(span) < 2 or span.start < 2 or tokens[span.start - 1].lower_ not in ("and", "&", "or"):
                continue
            modifier = tokens[span.start - 2]
            label = " ".join([modifier.text, *(t.text for t in span[1:])])
            if label.lower() in self._label_to_entity:
                extra.append(tokens[span.start - 2 : span.start - 1])
                self._elided[(modifier.idx, span.start - 2)] = label
        return [s for s in extra if s.start not in covered or len(covered[s.start]) == 1]

    def _mention(self, sentence: Sentence, span: TokenSpan) -> Mention | None:
        text = span.text
        entity = self._label_to_entity.get(_key(self._elided.pop((span.start_char, span.start), text)))
        if entity is None and re.match(_VITAMIN_LETTER, text):
            entity = self._label_to_entity.get(_key("vitamin " + text))
        if entity is None:
            return None
        start = sentence.span.start + span.start_char
        original = sentence.text[span.start_char : span.end_char]
        return Mention(entity, Span(start, start + len(original)), original, span.start, span.end)


# "vitamins D and K2": both letters name vitamins (a regex: the token Matcher scanned whole texts)
_ELLIPSIS = re.compile(r"\b[Vv]itamins?\s+([A-EK]\d{0,2})\s*(?:and|or|&|,)\s*([A-EK]\d{0,2})\b(?![-\w])")
_CITATION_DIGITS = re.compile(r"(?<=[a-z]{4})\d{1,2}\b")


def matching_form(text: str) -> str:
    """`text` with accents folded ('nattō' -> 'natto') and citation digits ('health1') blanked.

    Every character maps to exactly one character, so offsets into the original text hold.
    """
    folded = text if text.isascii() else text.translate(_FOLDED)
    return _CITATION_DIGITS.sub(lambda m: " " * len(m.group()), folded)


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each non-ASCII character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        self[code] = base if base.isascii() and base.isalpha() else char
        return self[code]


_FOLDED = _FoldTable()


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _variants(label: str) -> list[str]:
    """The label and its plural (last word), so 'osteoblast' also matches 'osteoblasts'."""
    variants = [label]
    last = label.split()[-1] if label.split() else label
    if last.isalpha() and last.islower() and len(last) > 3:
        if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
            variants.append(label[:-1] + "ies")
        elif last.endswith(("s", "x", "ch", "sh")):
            variants.append(label + "es")
        else:
            variants.append(label + "s")
    return variants
