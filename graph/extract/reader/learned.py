"""Claims from the learned reader, and how they join the rules'.

The model says, for each candidate pair, whether the sentence relates the two and how: which way
and with what sign. A relation it is sure enough of becomes a claim with a generic predicate of
that sign (a condition as the object: raises or lowers its risk). Merging keeps one claim per
sentence, subject and object: where the rules read the pair, their claim stands; the learned
reader's agreement raises its confidence, its disagreement on the sign is recorded beside it.
"""

from __future__ import annotations

from dataclasses import replace

from nutrikg.graph.extract import cues
from nutrikg.graph.extract.modality import is_hedged, is_negated
from nutrikg.graph.extract.reader.candidates import Candidate, candidates
from nutrikg.graph.extract.reader.linear import NONE, LinearModel
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Claim, Evidence, Mention, Sentence, Sign, State

SIGNS = {"+": Sign.POSITIVE, "-": Sign.NEGATIVE, "0": Sign.NOT_CAUSAL}
CONTRARY = {Sign.POSITIVE: Sign.NEGATIVE, Sign.NEGATIVE: Sign.POSITIVE, Sign.NOT_CAUSAL: Sign.NOT_CAUSAL}
PREDICATES = {  # (sign, the object is a condition) -> the generic predicate of that sign
    (Sign.POSITIVE, False): "increases",
    (Sign.POSITIVE, True): "increasesRiskOf",
    (Sign.NEGATIVE, False): "decreases",
    (Sign.NEGATIVE, True): "prevents",
    (Sign.NOT_CAUSAL, False): "associatedWith",
    (Sign.NOT_CAUSAL, True): "associatedWith",
}
LEARNED = "learned"
SIGN_SURE = 0.7  # the share of a relation's probability its sign needs to be claimed: the lowest
# that left no inverted sign on dev (0.5: 5, 0.6: 1, 0.7: 0; pair F1 unchanged, pair+sign 0.267 -> 0.226)
CURATED_PAIRS = 0.9  # the probability a pair of curated entities needs (see _threshold): 0.7 kept
# the shipped documents at F1 0.84, 0.9 also the held-out sets at their precision (0.93 on heldout3)


class LearnedReader:
    """Reads the pairs of a sentence's mentions with a linear model."""

    name = LEARNED

    def __init__(self, vocabulary: Vocabulary, model: LinearModel) -> None:
        self.vocabulary = vocabulary
        self.model = model

    def category(self, iri: str) -> str:
        entity = self.vocabulary.entities.get(iri)
        return entity.category if entity is not None else "Entity"

    def claims(self, sentence: Sentence, mentions: list[Mention], rule_claims: list[Claim]) -> list[Claim]:
        found = []
        for candidate in candidates(sentence, mentions, rule_claims, self.category):
            label, probability = self._best(candidate)
            if label != NONE and probability >= self._threshold(candidate):
                found.append(self._claim(candidate, label, probability))
        return found

    def _threshold(self, candidate: Candidate) -> float:
        """Between two entities of the curated core, whose relations the rules were written for,
        the learned reader speaks only when it is sure; it is there for what the rules never
        anticipated (the derived vocabulary's terms)."""
        curated = not (self._derived(candidate.first.entity) or self._derived(candidate.second.entity))
        return max(self.model.threshold, CURATED_PAIRS) if curated else self.model.threshold

    def _derived(self, iri: str) -> bool:
        entity = self.vocabulary.entities.get(iri)
        return entity is not None and entity.derived

    def _best(self, candidate: Candidate) -> tuple[str, float]:
        """The most likely relation and the probability that there is one at all. A direction of
        effect the model is not sure of is not claimed: the pair is then only associated (an
        inverted sign is worse than none)."""
        probabilities = self.model.probabilities(candidate.features)
        related = 1.0 - probabilities[NONE]
        label = max((c for c in probabilities if c != NONE), key=probabilities.__getitem__)
        if label[-1] != "0" and probabilities[label] < SIGN_SURE * related:
            label = label[:-1] + "0"
        return label, related

    def _claim(self, candidate: Candidate, label: str, probability: float) -> Claim:
        forward = label.startswith("forward")
        subject, obj = (candidate.first, candidate.second) if forward else (candidate.second, candidate.first)
        sign = SIGNS[label[-1]]
        sentence = candidate.sentence
        (subject, subject_lacks), (obj, object_lacks) = (
            self._stated(sentence, subject),
            self._stated(sentence, obj),
        )
        if subject_lacks != object_lacks:
            sign = CONTRARY[sign]  # "a lack of it raises the risk of X" of what cannot be lacking
        condition = self.vocabulary.entities[obj.entity].is_a("Condition")
        base = sentence.span.start
        clause = sentence.text[: max(candidate.first.span.end, candidate.second.span.start) - base]
        return Claim(
            subject=subject.entity,
            predicate=PREDICATES[sign, condition],
            object=obj.entity,
            sign=sign,
            hedged=is_hedged(sentence.text, sentence.text),
            negated=is_negated(clause),
            evidence=Evidence(sentence.doc_id, sentence.text, sentence.span, LEARNED, round(probability, 3)),
            readers=(LEARNED,),
        )

    def _stated(self, sentence: Sentence, mention: Mention) -> tuple[Mention, bool]:
        """The mention as its deficiency where the sentence names it lacking and it can be (the
        words are read by the model; the claim is said of the state, its direction as written),
        and whether it is still named as lacking (then the claim's direction turns)."""
        if not _lacking(sentence, mention):
            return mention, False
        state = self.vocabulary.state_entity(mention.entity, State.LOW)
        return (mention, True) if state is None else (replace(mention, entity=state.iri), False)


def _lacking(sentence: Sentence, mention: Mention) -> bool:
    """Whether the sentence names the mention's entity as lacking ("low X", "X deficiency"): the
    model reads the words, the claim is said of the entity, so its sign turns."""
    start, end = mention.span.start - sentence.span.start, mention.span.end - sentence.span.start
    before, after = sentence.text[max(0, start - 40) : start], sentence.text[end : end + 20]
    return bool(cues.DEFICIENCY_CUE.search(before) or cues.DEFICIENCY_AFTER.match(after))


def merge(rule_claims: list[Claim], learned: list[Claim]) -> list[Claim]:
    """One claim per pair of a sentence: the rules' where they read it (raised in confidence by
    the learned reader's agreement, or marked with its dissent), the learned reader's elsewhere."""
    by_pair = {frozenset((c.subject, c.object)): c for c in learned}
    merged = []
    for claim in rule_claims:
        other = by_pair.pop(frozenset((claim.subject, claim.object)), None)
        merged.append(claim if other is None else _weighed(claim, other))
    return merged + list(by_pair.values())


def _weighed(rule: Claim, learned: Claim) -> Claim:
    """The rule's claim, with the learned reader's opinion of it."""
    agrees = learned.sign == rule.sign and (learned.subject, learned.object) == (rule.subject, rule.object)
    if agrees:
        both = 1 - (1 - rule.evidence.confidence) * (1 - learned.evidence.confidence)
        evidence = replace(rule.evidence, confidence=round(both, 3))
        return replace(rule, evidence=evidence, readers=(*rule.readers, LEARNED))
    said = f"{LEARNED}: {learned.predicate} {learned.sign.value} ({learned.evidence.confidence})"
    return replace(rule, dissent=said)
