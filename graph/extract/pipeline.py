"""One document in, everything it states out: sentences, mentions, claims, doses and statistics.

The extractor behind `claims()` is pluggable (`Extractor` protocol); the rule-based one is the
default. Sentence-level patterns that need the whole sentence ("Without X, Y remain inactive",
"A and B work together", lists under a "Sources:" heading) live here.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from nutrikg.graph.extract.claims import RuleExtractor
from nutrikg.graph.extract.coreference import Discourse, resolve_anaphors, update_discourse
from nutrikg.graph.extract.dosing import dose_kind, dose_nutrient
from nutrikg.graph.extract.entities import EntityMatcher
from nutrikg.graph.extract.masking import mask
from nutrikg.graph.extract.modality import is_hedged
from nutrikg.graph.extract.quantities import Quantity, find_quantities, find_statistics, normalise
from nutrikg.graph.extract.reader.learned import LearnedReader, merge
from nutrikg.graph.extract.reader.linear import LinearModel, load_model
from nutrikg.graph.extract.states import with_states
from nutrikg.graph.extract.text import split_sentences
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import (
    Claim,
    Document,
    DoseRecommendation,
    Evidence,
    Extraction,
    Mention,
    Sentence,
    StudyStatistic,
)

# "Without adequate X, Y remains inactive" / "When X is in short supply, much of the Y in the blood
# circulates in its uncarboxylated form": X activates (or carboxylates) Y.
_WITHOUT_INACTIVE = re.compile(
    r"^(?:without (?:adequate |enough |sufficient )?⟦(?P<s>\d+)⟧|when ⟦(?P<s2>\d+)⟧ (?:is|are|runs?) "
    r"(?:in short supply|low|lacking|deficient|short|insufficient)),?\s*(?:(?:much|most|some) of )?"
    r"(?:the |your |these |those )?(?P<o>⟦\d+⟧(?:\s*(?:,|and)\s*⟦\d+⟧)*)(?:\s+[\w⟦⟧]+){0,4}?"
    r"\s+(?:remains?|stays?|are|is|would be|will be|circulates?|exists?) (?:[\w,]+\s+){0,4}?"
    r"(?P<state>inactive|uncarboxylated|undercarboxylated)\b"
)
_WITHOUT_FUNCTION = re.compile(
    r"^without (?:adequate |enough |sufficient )?⟦(?P<s>\d+)⟧,?\s*(?P<o>⟦\d+⟧)\s+"
    r"(?:can't|cannot|can not|won't|will not|is unable to|does not|doesn't) (?:function|work)"
)
_TOGETHER = re.compile(
    r"(?P<a>⟦\d+⟧)\s*(?:and|&)\s*(?P<b>⟦\d+⟧)\s+"
    r"(?:(?:may|might|can|could|also|often|appear\s+to|seem\s+to)\s+)*"  # hedges stay in the sentence
    r"(?:(?P<neg>(?:do|does|did)\s+not|don't|doesn't|didn't|cannot|can't)\s+)?"
    r"(?:work|act|function)\s+(?:\w+\s+)?"
    r"(?:together|synergistically|in synergy|in tandem|hand in hand)"
)
_TOGETHER_ONE = re.compile(
    r"(?P<a>⟦\d+⟧)\s+(?:\w+\s+)?(?:work|act|function)\s+(?:\w+\s+)?"
    r"(?:together|synergistically|in synergy|in tandem|hand in hand)"
)
_LABELLED_LIST = re.compile(r"^⟦(\d+)⟧\s*:\s*(?P<items>[^:;]*)$")
_LIST_TAIL = re.compile(r"\s*(?:are|is)\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?sources?\s*\.?\s*$")
# "Too much retinol raises fracture risk; beta-carotene does not.": the claim, denied of another
_ELLIPTIC_DENIAL = re.compile(
    r"(?:;|,\s*(?:but|while|whereas))\s+(?:(?:the|a|an)\s+)?⟦(?P<s>\d+)⟧\s+"
    r"(?:does|do|did|has|have|is|are|was|were)(?:\s+not|n't)\s*\.?\s*$"
)
MAX_SENTENCE_CHARS = 1500
_POPULATION = re.compile(r"\b(adults|children|infants|women|men|seniors|elderly)\b", re.IGNORECASE)


Observer = Callable[[Sentence, list[Mention], list[Claim]], None]


class Extractor(Protocol):
    """Anything that reads claims out of a sentence and its grounded mentions."""

    name: str

    def claims(self, sentence: Sentence, mentions: list[Mention], topic: str | None) -> list[Claim]: ...


class DocumentReader:
    """Runs the pipeline's text stages over one document at a time."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        extractor: Extractor | None = None,
        *,
        model: LinearModel | None = None,
        learned: bool = True,
        observe: Observer | None = None,
    ) -> None:
        """The learned reader reads beside the rules with `model`, else the shipped model when
        there is one, unless `learned` is False. `observe` sees each content sentence with its
        mentions and the rules' claims (what the learned reader is trained on)."""
        self.vocabulary = vocabulary
        self.matcher = EntityMatcher(vocabulary)
        self.extractor: Extractor = extractor or RuleExtractor(vocabulary)
        model = model or (load_model() if learned else None)
        self.learned = LearnedReader(vocabulary, model) if model is not None else None
        self.observe = observe

    def read(self, document: Document) -> Extraction:
        """Everything `document` states; chrome sentences are split but never read for claims."""
        result = Extraction(document)
        result.sentences = split_sentences(document)
        found = self.matcher.find_in_document(document.id, document.text)
        mentions = with_states(document.text, found, self.vocabulary)
        starts = [m.span.start for m in mentions]
        discourse = Discourse()
        for sentence in result.sentences:
            if sentence.role == "chrome":
                continue
            low = bisect_left(starts, sentence.span.start)
            high = bisect_left(starts, sentence.span.end)
            named = [m for m in mentions[low:high] if m.span.end <= sentence.span.end]
            if sentence.role == "question":
                # It asserts nothing, but an answer's "it" refers to what it asks about.
                update_discourse(discourse, sentence, named, [], self.vocabulary)
                continue
            self._read_sentence(sentence, named, discourse, result)
        _attach_statistics(result)
        return result

    def _read_sentence(
        self, sentence: Sentence, named: list[Mention], discourse: Discourse, result: Extraction
    ) -> None:
        mentions = named + resolve_anaphors(sentence, named, discourse, self.vocabulary)
        claims: list[Claim] = []
        # A heading names a topic; it asserts nothing, unless it is an item of a list of sources.
        # A "sentence" of thousands of characters is a run-on page fragment, not a statement.
        readable = len(sentence.text) <= MAX_SENTENCE_CHARS
        if readable and (sentence.role == "content" or discourse.source_list):
            claims = self.extractor.claims(sentence, mentions, discourse.topic)
        claims += self._sentence_patterns(sentence, mentions, discourse, claims)
        if readable and sentence.role == "content":
            if self.observe is not None:
                self.observe(sentence, mentions, claims)
            if self.learned is not None:
                claims = merge(claims, self.learned.claims(sentence, mentions, claims))
        result.mentions.extend(named)
        result.claims.extend(claims)
        result.doses.extend(self._doses(sentence, named, discourse))
        if (statistic := find_statistics(sentence)) is not None:
            result.statistics.append(statistic)
        subjects = [c.subject for c in claims if not c.negated]
        update_discourse(discourse, sentence, mentions, subjects, self.vocabulary)

    def _sentence_patterns(
        self, sentence: Sentence, mentions: list[Mention], discourse: Discourse, found: list[Claim]
    ) -> list[Claim]:
        masked = mask(sentence, mentions)
        entities = [slot[2].entity for slot in masked.slots]
        claims: list[Claim] = []
        for pattern, predicate in (
            (_WITHOUT_INACTIVE, "activates"),
            (_WITHOUT_FUNCTION, "requiredFor"),
        ):
            if match := pattern.search(masked.text):
                subject = entities[int(match.group("s") or match.group("s2"))]
                if "state" in match.re.groupindex and match.group("state") != "inactive":
                    predicate = "carboxylates"  # "circulates in its uncarboxylated form"
                for slot in re.findall(r"⟦(\d+)⟧", match.group("o")):
                    start = masked.slots[int(slot)][0]
                    for referent in (m.entity for s, _, m in masked.slots if s == start):
                        claims.append(self._claim(sentence, subject, predicate, referent, "without"))
        if sentence.role == "content":
            for a, b, denied in _together(masked.text, masked.slots):
                claims.append(self._claim(sentence, a, "synergizesWith", b, "work-together", denied))
            if denial := _ELLIPTIC_DENIAL.search(masked.text):
                other = entities[int(denial.group("s"))]
                claims += [
                    replace(c, subject=other, negated=True)
                    for c in found
                    if c.subject != other and not c.negated
                ]
        if discourse.source_list and sentence.role == "content" and len(sentence.text.split()) > 15:
            discourse.source_list = False  # a paragraph, not an item: the list has ended
        topic = discourse.topic
        labelled = _LABELLED_LIST.match(masked.text)  # "Zinc: oysters and pumpkin seeds."
        items = _LIST_TAIL.sub("", labelled.group("items")) if labelled else ""
        if labelled and len(re.sub(r"⟦\d+⟧", " ", items).split()) <= 6:
            topic = masked.slots[int(labelled.group(1))][2].entity
        else:
            labelled = None
        listing = discourse.source_list or labelled or re.match(r"^\s*sources\s*:", masked.text)
        if listing and topic and not any(c.predicate == "sourceOf" for c in found):
            aside = [m.span() for m in re.finditer(r"\([^)]*\)", sentence.text)]
            for mention in mentions:
                local = mention.span.start - sentence.span.start
                if any(s <= local < e for s, e in aside):
                    continue  # "(the body produces D3 when skin is exposed to UVB rays)" explains
                if self.vocabulary.entities[mention.entity].is_a("Food", "Exposure"):
                    claims.append(self._claim(sentence, mention.entity, "sourceOf", topic, "source-list"))
        return [c for c in claims if c.subject != c.object and self._fits(c)]

    def _fits(self, claim: Claim) -> bool:
        nutrient_like = ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup")
        subject = self.vocabulary.entities[claim.subject]
        return claim.predicate == "sourceOf" or subject.is_a(*nutrient_like)

    def _claim(
        self, sentence: Sentence, subject: str, predicate: str, obj: str, rule: str, negated: bool = False
    ) -> Claim:
        return Claim(
            subject=subject,
            predicate=predicate,
            object=obj,
            sign=self.vocabulary.predicate(predicate).sign,
            hedged=is_hedged(sentence.text, sentence.text),
            negated=negated,
            evidence=Evidence(sentence.doc_id, sentence.text, sentence.span, rule, 0.7),
        )

    def _doses(
        self, sentence: Sentence, mentions: list[Mention], discourse: Discourse
    ) -> list[DoseRecommendation]:
        doses = []
        for quantity in find_quantities(sentence):
            nutrient = self._dose_nutrient(sentence, quantity, mentions, discourse)
            if nutrient is not None:
                doses.append(self._dose(sentence, quantity, nutrient))
        return doses

    def _dose_nutrient(
        self, sentence: Sentence, quantity: Quantity, mentions: list[Mention], discourse: Discourse
    ) -> str | None:
        """The nutrient a quantity is about (dosing.py: its own clause's, else the topic)."""
        nutrients = [m for m in mentions if self.vocabulary.entities[m.entity].is_a("Nutrient")]
        if quantity.unit.lower().startswith(("ng", "nmol")):
            calcifediol = [m for m in nutrients if m.entity.endswith("calcifediol")]
            nutrients = calcifediol or nutrients
        return dose_nutrient(sentence, quantity, nutrients, discourse.topic)

    def _dose(self, sentence: Sentence, quantity: Quantity, nutrient: str) -> DoseRecommendation:
        local = nutrient.rsplit("/", 1)[-1]
        low, high, unit = normalise(quantity, local)
        population = _POPULATION.search(sentence.text)
        return DoseRecommendation(
            doc_id=sentence.doc_id,
            nutrient=nutrient,
            span=quantity.span,
            sentence=sentence.text,
            text=quantity.text,
            low=quantity.low,
            high=quantity.high,
            unit=quantity.unit,
            normalized_low=low,
            normalized_high=high,
            normalized_unit=unit,
            kind=dose_kind(sentence, quantity),
            frequency=quantity.frequency,
            population=population.group(1).lower() if population else None,
            hedged=is_hedged(sentence.text, sentence.text),
        )


def _together(text: str, slots: tuple[tuple[int, int, Mention], ...]) -> list[tuple[str, str, bool]]:
    """'A and B work together' / 'They work synergistically': synergy between the partners
    (the third value: denied, as in 'A and B do not work together')."""
    pairs: list[tuple[str, str, bool]] = []
    for match in _TOGETHER.finditer(text):
        pairs.append(
            (
                slots[int(match.group("a")[1:-1])][2].entity,
                slots[int(match.group("b")[1:-1])][2].entity,
                match.group("neg") is not None,
            )
        )
    for match in _TOGETHER_ONE.finditer(text):
        start = match.start("a")
        partners = [m.entity for s, _, m in slots if s == start]
        pairs += [(a, b, False) for a, b in itertools.pairwise(partners)]
    return [(a, b, denied) for a, b, denied in dict.fromkeys(pairs) if a != b]


def _attach_statistics(result: Extraction) -> None:
    """A statistic supports the last claim stated within the two sentences before it."""
    attached: list[StudyStatistic] = []
    for statistic in result.statistics:
        claim = _supported_claim(result, statistic)
        if claim is not None:
            statistic = _with_support(statistic, claim.id)
        attached.append(statistic)
    result.statistics = attached


def _supported_claim(result: Extraction, statistic: StudyStatistic) -> Claim | None:
    index = next(i for i, s in enumerate(result.sentences) if s.span == statistic.span)
    window = {s.span.start for s in result.sentences[max(0, index - 2) : index + 1]}
    candidates = [c for c in result.claims if c.evidence.span.start in window and not c.negated]
    causal = [c for c in candidates if c.predicate not in ("sourceOf", "formOf", "associatedWith")]
    return (causal or candidates)[-1] if (causal or candidates) else None


def _with_support(statistic: StudyStatistic, claim_id: str) -> StudyStatistic:
    return replace(statistic, supports=claim_id)
