"""Find the entities a sentence names, grounded to ontology IRIs.

Matching is on lower-cased tokens against every prefLabel and altLabel (plus simple plurals), the
longest match winning, so "vitamin K dependent proteins" is one mention, not "vitamin K".
Elliptic coordination is expanded: in "vitamins D and K2", "D" names vitamin D.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Mapping
from typing import cast

import spacy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

from nutrikg.graph.extract import abbreviations
from nutrikg.graph.extract.derived import NameIndex
from nutrikg.graph.extract.names import inversions, is_trigger, trigger_stems, variants
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Mention, Sentence, Span

_VITAMIN_LETTER = re.compile(r"^(?:[A-EK]\d{0,2})$")


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
        self._named: dict[str, str | None] = {}  # memo: matched text -> entity
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._conditions = {e.iri for e in vocabulary.entities.values() if e.is_a("Condition")}
        self._add_labels(vocabulary)

    def _add_labels(self, vocabulary: Vocabulary) -> None:
        # The hand-written core first: where a name is left to two entities, the core's wins.
        entities = sorted(vocabulary.entities.values(), key=lambda e: (e.derived, e.iri))
        for entity in entities:
            for label in (entity.label, *entity.alt_labels):
                for variant in variants(label):
                    self._label_to_entity.setdefault(_key(variant), entity.iri)
        for entity in entities:  # after every label, so that a real label always wins
            for label in (entity.label, *entity.alt_labels):
                for variant in inversions(label):
                    self._label_to_entity.setdefault(_key(variant), entity.iri)
        # The core's names go to the PhraseMatcher; the derived vocabulary's, far more, to a dict.
        derived = {iri for iri, e in vocabulary.entities.items() if e.derived}
        core_keys = [k for k, iri in self._label_to_entity.items() if iri not in derived]
        stems = trigger_stems()
        self._derived = NameIndex(
            {k for k, iri in self._label_to_entity.items() if iri in derived and not is_trigger(k, stems)}
        )
        self._phrases.add("ENTITY", [self.nlp.make_doc(text) for text in core_keys])

    def entity_for_label(self, text: str) -> str | None:
        """The entity IRI a label names, or None."""
        return self._label_to_entity.get(_key(text))

    def tokenize(self, text: str) -> Doc:
        """Tokens of `text` as the matcher sees it (same length, so offsets still hold)."""
        return self.nlp.make_doc(matching_form(text))

    def find_mentions(
        self,
        sentence: Sentence,
        tokens: Doc | None = None,
        *,
        short_forms: bool = False,
        abbreviations: Mapping[str, str] | None = None,
    ) -> list[Mention]:
        """Every entity mention in `sentence`, left to right, with document offsets.

        `short_forms`: the text is a whole document, whose own abbreviations and bare condition
        heads name what they stand for after their definition; `abbreviations`: short forms
        (defined elsewhere, "NTDs") -> the entity they name, wherever they stand."""
        text = matching_form(sentence.text) if tokens is None else tokens.text
        tokens = self.nlp.make_doc(text) if tokens is None else tokens
        # Spans are (first token, end token) pairs and token texts are slices of `text`: spaCy's
        # Span and Token objects are built in Python on every access, which cost more than the
        # tokenizer and the matcher together on a whole document.
        layout = _Layout(text, cast(list[int], tokens.to_array([IDX, LENGTH]).ravel().tolist()))
        spans = [(start, end) for _, start, end in self._phrases(tokens)]
        if len(self._derived):
            # The core wins where both name something: a derived span overlapping a core one is
            # dropped, even a longer one ("megaloblastic anaemia" stays the core's anaemia).
            core = {t for start, end in spans for t in range(start, end)}
            derived = self._derived.spans(layout.text, layout.starts, layout.ends)
            spans += [s for s in derived if core.isdisjoint(range(*s))]
        spans = _filter_spans(spans + self._elliptic_spans(layout, spans))
        elided: dict[int, str] = {}  # first token of an elided span -> the full label
        spans += self._shared_head_spans(layout, spans, elided)
        if short_forms:
            spans += self._short_form_spans(layout, spans, elided)
        assigned: dict[int, str] = {}  # first token of an abbreviation -> the entity it stands for
        if short_forms or abbreviations:
            spans = self._abbreviation_spans(layout, spans, assigned, abbreviations)
        ordered = sorted(spans, key=_first_token)
        mentions = [self._mention(sentence, layout, span, elided, assigned) for span in ordered]
        return [m for m in mentions if m is not None]

    def find_in_document(self, doc_id: str, text: str) -> list[Mention]:
        """Every mention in a whole document at once (one tokenizer pass: much faster than one
        per sentence); offsets are document offsets. A condition named in full may then be
        named by its head noun alone ("kidney stones" ... "stones"), as readers do."""
        return self.find_mentions(Sentence(doc_id, -1, Span(0, len(text)), text), short_forms=True)

    def _elliptic_spans(self, layout: _Layout, found: list[TokenRange]) -> list[TokenRange]:
        """'vitamins D and K2': the bare letters after 'vitamins' name vitamins too."""
        extra: list[TokenRange] = []
        for match in _ELLIPSIS.finditer(layout.text):
            for group in (1, 2):
                span = layout.char_span(match.start(group), match.end(group))
                if span is not None:
                    extra.append(span)
        if not extra:
            return extra
        covered = {t for start, end in found for t in range(start, end)}
        return [s for s in extra if s[0] not in covered]

    def _shared_head_spans(
        self, layout: _Layout, found: list[TokenRange], elided: dict[int, str]
    ) -> list[TokenRange]:
        """'bone & heart health': 'bone' stands for 'bone health' when that is a label too."""
        extra: list[TokenRange] = []
        for start, end in found:
            if end - start < 2 or start < 2 or layout.token(start - 1).lower() not in ("and", "&", "or"):
                continue
            label = " ".join([layout.token(start - 2), *(layout.token(t) for t in range(start + 1, end))])
            if label.lower() in self._label_to_entity:
                extra.append((start - 2, start - 1))
                elided[start - 2] = label
        if not extra:
            return extra
        covered = {t: (start, end) for start, end in found for t in range(start, end)}
        return [s for s in extra if s[0] not in covered or _length(covered[s[0]]) == 1]

    def _short_form_spans(
        self, layout: _Layout, found: list[TokenRange], elided: dict[int, str]
    ) -> list[TokenRange]:
        """Bare plural heads of conditions named in full before them: 'kidney stones' ... 'stones'.

        Only a head that names nothing itself, is no generic noun, and belongs to one condition of
        the document (two conditions sharing it make it unclear)."""
        heads: dict[str, tuple[set[str], str, int]] = {}  # head -> (conditions, full label, where)
        for start, end in found:
            head = layout.token(end - 1).lower()
            if end - start < 2 or not head.endswith("s") or head in _GENERIC_HEADS:
                continue
            label = layout.text[layout.starts[start] : layout.ends[end - 1]]
            entity = self._named_by(label)
            if entity not in self._conditions or self._named_by(head) is not None:
                continue
            conditions, first_label, first_end = heads.get(head, (set(), label, end))
            heads[head] = (conditions | {entity}, first_label, min(first_end, end))
        if not heads:
            return []
        covered = {t for start, end in found for t in range(start, end)}
        extra: list[TokenRange] = []
        for index in range(len(layout.starts)):
            known = heads.get(layout.token(index).lower())
            if known is None or index in covered or len(known[0]) != 1 or index < known[2]:
                continue
            extra.append((index, index + 1))
            elided[index] = known[1]
        return extra

    def defined_abbreviations(self, text: str) -> dict[str, str]:
        """Short form -> entity, for each abbreviation `text` defines whose long form names one."""
        tokens = self.tokenize(text)
        layout = _Layout(tokens.text, cast(list[int], tokens.to_array([IDX, LENGTH]).ravel().tolist()))
        spans = [(start, end) for _, start, end in self._phrases(tokens)]
        spans += self._derived.spans(layout.text, layout.starts, layout.ends)
        return {short: entity for short, entity, _ in self._definitions(layout, _filter_spans(spans))}

    def _definitions(self, layout: _Layout, found: list[TokenRange]) -> list[tuple[str, str, int]]:
        """(short form, entity, where its definition ends) for each definition in the text whose
        long form is a mention: one that ends where the long form ends and starts no later."""
        by_end = {layout.ends[end - 1]: (start, end) for start, end in found}
        named: list[tuple[str, str, int]] = []
        for definition in abbreviations.definitions(layout.text):
            span = by_end.get(definition.long_span[1])
            if span is None or layout.starts[span[0]] > definition.long_span[0]:
                continue
            entity = self._named_by(layout.text[layout.starts[span[0]] : layout.ends[span[1] - 1]])
            if entity is not None:
                end = max(definition.short_span[1], definition.long_span[1])
                named.append((definition.short, entity, end))
        return named

    def _abbreviation_spans(
        self,
        layout: _Layout,
        found: list[TokenRange],
        assigned: dict[int, str],
        given: Mapping[str, str] | None,
    ) -> list[TokenRange]:
        """`found` with each use of a short form as a mention of its long form's entity (after the
        definition, in a document). The document's own definition wins over a vocabulary name the
        short form happens to be ("EPA"), but not over a longer name holding it."""
        uses = [(s, e, 0) for s, e in (given or {}).items()] if given else self._definitions(layout, found)
        extra: dict[TokenRange, str] = {}
        for short, entity, after in uses:
            for start, end in abbreviations.occurrences(layout.text, short, after):
                span = layout.char_span(start, end)
                if span is not None:
                    extra.setdefault(span, entity)
        if not extra:
            return found
        covered = {t for s in found if s not in extra for t in range(*s)}
        kept = {s: e for s, e in extra.items() if covered.isdisjoint(range(*s))}
        assigned.update({s[0]: e for s, e in kept.items()})
        return [s for s in found if s not in kept] + list(kept)

    def _entity_of(self, label: str, text: str) -> str | None:
        """The entity `label` names; a bare vitamin letter ("K2") names that vitamin."""
        entity = self._label_to_entity.get(_key(label))
        if entity is None and _VITAMIN_LETTER.match(text):
            entity = self._label_to_entity.get(_key("vitamin " + text))
        return entity

    def _named_by(self, text: str) -> str | None:
        """`_entity_of(text, text)`, remembered: the same few surface forms recur in every document."""
        if text not in self._named:
            if len(self._named) >= _MEMO_LIMIT:
                self._named.clear()  # a bound for odd corpora; the vocabulary's forms come back quickly
            self._named[text] = self._entity_of(text, text)
        return self._named[text]

    def _mention(
        self,
        sentence: Sentence,
        layout: _Layout,
        span: TokenRange,
        elided: dict[int, str],
        assigned: dict[int, str],
    ) -> Mention | None:
        start_char, end_char = layout.starts[span[0]], layout.ends[span[1] - 1]
        text = layout.text[start_char:end_char]
        # The elided label names the first mention found at its token ("bone" as "bone health").
        label = elided.pop(span[0], None)
        entity = self._named_by(text) if label is None else self._entity_of(label, text)
        entity = assigned.pop(span[0], entity)
        if entity is None:
            return None
        start = sentence.span.start + start_char
        original = sentence.text[start_char:end_char]
        return Mention(entity, Span(start, start + len(original)), original, span[0], span[1])


TokenRange = tuple[int, int]  # [first token, end token) of a span
# Heads too general to stand for one condition on their own ("other diseases", "these problems")
_GENERIC_HEADS = frozenset(
    [
        "diseases",
        "disorders",
        "conditions",
        "problems",
        "issues",
        "complications",
        "events",
        "effects",
        "deficiencies",
        "infections",
        "symptoms",
        "levels",
        "risks",
        "changes",
        "losses",
        "defects",
    ]
)
_MEMO_LIMIT = 100_000


class _Layout:
    """Where each token of a tokenized text starts and ends, and its text, from plain lists."""

    def __init__(self, text: str, offsets: list[int]) -> None:
        """`offsets`: each token's start and length, one after the other (a flat list is built
        from spaCy's array ten times faster than a list of pairs)."""
        self.text = text
        self.starts = offsets[0::2]
        self.ends = [start + length for start, length in zip(self.starts, offsets[1::2], strict=True)]

    def token(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def char_span(self, start: int, end: int) -> TokenRange | None:
        """The tokens exactly covering text[start:end], or None when it cuts a token (spaCy's
        strict `Doc.char_span`)."""
        first, last = bisect_left(self.starts, start), bisect_left(self.ends, end)
        if first == len(self.starts) or self.starts[first] != start:
            return None
        if last == len(self.ends) or self.ends[last] != end or last < first:
            return None
        return first, last + 1


def _first_token(span: TokenRange) -> int:
    return span[0]


def _length(span: TokenRange) -> int:
    return span[1] - span[0]


def _filter_spans(spans: list[TokenRange]) -> list[TokenRange]:
    """spaCy's `filter_spans` on token ranges: the longest (then first) of overlapping spans wins."""
    ranked = sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True)
    result = []
    seen: set[int] = set()
    for start, end in ranked:
        if start not in seen and end - 1 not in seen:
            result.append((start, end))
            seen.update(range(start, end))
    return sorted(result, key=lambda s: s[0])


# "vitamins D and K2": both letters name vitamins (a regex: the token Matcher scanned whole texts)
_ELLIPSIS = re.compile(r"\b[Vv]itamins?\s+([A-EK]\d{0,2})\s*(?:and|or|&|,)\s*([A-EK]\d{0,2})\b(?![-\w])")
# A digit or two right after four lower-case letters: (?<=[a-z]{4})\d{1,2}\b, written digit first so
# the regex engine can skip ahead to digits instead of trying the look-behind at every character.
_CITATION_DIGITS = re.compile(r"\d(?<=[a-z]{4}\d)\d?\b")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def matching_form(text: str) -> str:
    """`text` with accents folded ('nattō' -> 'natto') and citation digits ('health1') blanked.

    Every character maps to exactly one character, so offsets into the original text hold.
    """
    folded = text
    if not text.isascii():
        # Replace only the few distinct characters that fold: str.translate looks up every one.
        for char in set(_NON_ASCII.findall(text)):
            if (base := _FOLDED[ord(char)]) != char:
                folded = folded.replace(char, base)
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
