"""Read claims out of one sentence with the trigger rules of graph.patterns.

The sentence is masked (graph.masking), each rule's trigger matched on it, the match's subject and
object found (graph.arguments), and each pair made a claim: the predicate for the object's class,
its direction ("lower risk" flips it, "a lack of X" contraposes it), hedging and negation read from
the words that govern the trigger, and the sentence kept as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property

from nutrikg.graph.extract import cues
from nutrikg.graph.extract.arguments import Arguments
from nutrikg.graph.extract.masking import Masked, mask
from nutrikg.graph.extract.modality import is_hedged, is_negated
from nutrikg.graph.extract.patterns import PROTEIN, RULES
from nutrikg.graph.extract.rules import Layout, Rule, RuleIndex
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Claim, Evidence, Mention, Sentence, State


class RuleExtractor:
    """The default extractor: deterministic trigger rules over masked sentences."""

    name = "rules"

    def __init__(self, vocabulary: Vocabulary, rules: tuple[Rule, ...] = RULES) -> None:
        self.vocabulary = vocabulary
        self.rules = rules
        self._index = RuleIndex(rules)

    def claims(self, sentence: Sentence, mentions: list[Mention], topic: str | None) -> list[Claim]:
        """Every claim `sentence` states about the entities it mentions."""
        if len(mentions) < (1 if topic is not None else 2):
            # A claim's subject and object are two different slots, or the heading's topic and one
            # slot: with fewer there is nothing to relate.
            return []
        masked = mask(sentence, mentions)
        reader = _SentenceReader(self.vocabulary, sentence, masked, topic)
        found: list[Claim] = []
        used: list[tuple[int, int]] = []
        for rule in self._index.candidates(masked.text):  # the others cannot match: skip them
            for match in rule.regex.finditer(masked.text):
                if any(s < match.end() and match.start() < e for s, e in used):
                    continue
                produced = list(reader.read(rule, match))
                if produced:
                    used.append(match.span())
                    found.extend(produced)
        return _unique(_share_direction_subjects(found))


class _SentenceReader:
    """Turns the trigger matches of one masked sentence into claims."""

    def __init__(self, vocabulary: Vocabulary, sentence: Sentence, masked: Masked, topic: str | None) -> None:
        self.vocabulary = vocabulary
        self.sentence = sentence
        self.masked = masked
        self.topic = topic
        self.arguments = Arguments(vocabulary, masked, topic)

    @cached_property
    def contrasts(self) -> list[int]:
        """Where the hedges that govern a trigger may start: after a contrast before it."""
        return [m.end() for m in cues.CONTRASTS.finditer(self.masked.text)]

    def read(self, rule: Rule, match: re.Match[str]) -> Iterator[Claim]:
        if rule.layout is Layout.BOTH_RIGHT:
            yield from self._both_right(rule, match)
            return
        start, end = match.span()
        clause_start, clause_end = self.arguments.clause(start, end)
        inner = {g: _slot_index(match, g) for g in ("cargo", "agent", "target")}
        skip = {i for i in inner.values() if i is not None}
        forward = rule.layout is Layout.FORWARD
        left_kind, right_kind = ("subject", "object") if forward else ("object", "subject")
        left = self.arguments.left(rule, left_kind, start, clause_start, skip)
        shared = forward and self.arguments.shares_subject(match, clause_start)
        if shared or inner["agent"] is not None:
            left = self.arguments.head(rule, left_kind, start, clause_start, skip) or left
        lacking = False
        if forward and left:
            left, lacking = self.arguments.pronoun_after(rule, left, start, skip)
        right = self.arguments.right(rule, right_kind, end, clause_end, skip)
        subjects = [inner["agent"]] if inner["agent"] is not None else (left if forward else right)
        objects = [inner["target"]] if inner["target"] is not None else (right if forward else left)
        if not subjects and forward and cues.PRONOUN_SUBJECT.search(self.masked.text[clause_start:start]):
            # "calcium is not delivered to the bones, but it may be deposited in the arteries"
            subjects = self.arguments.head(rule, "subject", start, 0, skip)[:1]
        if not objects and rule.topic_object:
            objects = self.arguments.topic_object(rule)
        if not subjects and forward and end <= self.arguments.adjunct_end:
            subjects = self.arguments.adjunct_subject(rule, skip)
        if not subjects and forward:
            subjects = self.arguments.label(rule, clause_start, skip)
        if not subjects and forward:
            subjects = self.arguments.topic_subject(rule, match, clause_start)
        for subject in subjects:
            for obj in objects:
                claim = self._claim(rule, subject, obj, inner["cargo"], match, clause_start, lacking)
                if claim is not None:
                    yield claim
                    yield from self._rejected_alternative(
                        rule, claim, subject, obj, match, clause_start, lacking
                    )

    def _rejected_alternative(
        self,
        rule: Rule,
        claim: Claim,
        subject: int,
        obj: int,
        match: re.Match[str],
        clause_start: int,
        lacking: bool,
    ) -> Iterator[Claim]:
        """'contain vitamin D2 rather than D3': the same claim, denied, of the alternative."""
        if obj < 0 or claim.predicate in cues.PLACEMENT or claim.negated:
            return
        following = self._next_slot(obj)
        if following is None:
            return
        gap = self.masked.text[self.masked.slots[obj][1] : self.masked.slots[following][0]]
        if not cues.REJECTED.fullmatch(gap) or not self.arguments.allowed_object(rule, following):
            return
        other = self._claim(rule, subject, following, None, match, clause_start, lacking)
        if other is not None and other.predicate == claim.predicate:
            yield replace(other, negated=True)

    def _both_right(self, rule: Rule, match: re.Match[str]) -> Iterator[Claim]:
        """'X has linked A with B': the subject and object both follow the trigger."""
        clause_start, clause_end = self.arguments.clause(match.start(), match.end())
        with_at = self.masked.text.find(rule.joiner, match.end(), clause_end)
        if with_at < 0:
            return
        subjects = self.arguments.right(rule, "subject", match.end(), with_at, set())
        objects = self.arguments.right(rule, "object", with_at, clause_end, set())
        denied = is_negated(self.masked.text[clause_start : match.end()])  # "found no association"
        for subject in subjects:
            for obj in objects:
                claim = self._claim(rule, subject, obj, None, match, clause_start)
                if claim is not None:
                    yield replace(claim, negated=claim.negated or denied)

    # --- the claim ------------------------------------------------------------------------------
    def _entity_of(self, index: int) -> tuple[str, bool]:
        """(entity IRI, whether it was inferred from an anaphor or the topic)."""
        if index == -1 and self.topic is not None:
            return self.topic, True
        mention = self.masked.slots[index][2]
        return mention.entity, mention.resolved_from is not None

    def _claim(
        self,
        rule: Rule,
        subject: int,
        obj: int,
        cargo: int | None,
        match: re.Match[str],
        clause_start: int,
        lacking: bool = False,
    ) -> Claim | None:
        subject_iri, subject_inferred = self._entity_of(subject)
        object_iri, object_inferred = self._entity_of(obj)
        found_subject, contrapositive = self._deficiency(subject, subject_iri, lacking)
        object_lacks = obj >= 0 and self.lacks(obj)
        if object_lacks and (state := self.vocabulary.state_entity(object_iri, State.LOW)) is not None:
            object_iri, object_lacks = state.iri, False  # "zinc causes copper deficiency"
        if found_subject == object_iri:
            return None
        object_entity = self.vocabulary.entities[object_iri]
        predicate = rule.predicate_for(object_entity.classes)
        if predicate is None:
            return None
        predicate = self._polarity(predicate, obj, match, object_entity.is_a("Condition"))
        if subject >= 0 and cues.GERUND_SUBJECT.search(
            self.masked.text, clause_start, self.masked.slots[subject][0]
        ):
            contrapositive = not contrapositive  # "Reducing X lowers the risk of Y": X raises it
        if rule.name == "increases-risk" and not object_entity.is_a("Condition") and not object_lacks:
            return None  # "causes" a nutrient only as its lack: "induces a protein that binds calcium"
        if object_lacks:
            contrapositive = not contrapositive  # "zinc causes copper deficiency": zinc lowers copper
        if contrapositive:  # "a lack of vitamin C causes scurvy": vitamin C prevents scurvy
            predicate = cues.CONTRAPOSITIVE.get(predicate, "")
            if not predicate:
                return None
        predicate, object_iri = self._normalise(predicate, object_iri)
        if obj >= 0:
            nominal = self._carboxylation(predicate, obj, object_iri)
            if nominal is None:
                return None
            predicate, object_iri = nominal
        object_end = self.masked.slots[obj][1] if obj >= 0 else match.end()
        hedge_start = max((c for c in self.contrasts if c <= match.start()), default=0)
        governing = self.masked.text[hedge_start : max(object_end, match.end())]
        before_trigger = self.masked.text[clause_start : match.start()]
        inferred = subject_inferred or object_inferred
        qualifiers: tuple[tuple[str, str], ...] = ()
        if cargo is not None:
            qualifiers = (("cargo", self.masked.slots[cargo][2].entity),)
        return Claim(
            subject=found_subject,
            predicate=predicate,
            object=object_iri,
            sign=self.vocabulary.predicate(predicate).sign,
            hedged=rule.always_hedged or is_hedged(governing, self.masked.text),
            negated=is_negated(before_trigger),
            evidence=Evidence(
                self.sentence.doc_id,
                self.sentence.text,
                self.sentence.span,
                rule.name,
                round(rule.confidence * (0.85 if inferred else 1.0), 3),
            ),
            qualifiers=qualifiers,
        )

    def _polarity(self, predicate: str, obj: int, match: re.Match[str], condition: bool) -> str:
        """'leading to lower fracture risk' lowers the risk; 'linked with lower risk' prevents."""
        if obj < 0:
            return predicate
        object_start = self.masked.slots[obj][0]
        # the words since the trigger or the last mention before the object, as far as 30 characters
        previous = [e for s, e, _ in self.masked.slots if match.end() <= s < object_start]
        follower = bool(previous)
        gap_start = max(match.end(), object_start - 30, *previous)
        before = self.masked.text[gap_start:object_start]
        if predicate == "associatedWith":
            if cues.MIXED.search(before):
                return predicate  # "with both higher and lower bone density": no direction
            if cues.LOWER.search(before):
                return "prevents" if condition else "decreases"
            if cues.HIGHER.search(before):
                return "increasesRiskOf" if condition else "increases"
            return predicate
        if cues.LOWER.search(before):
            return cues.FLIP_DOWN.get(predicate, predicate)
        if follower and cues.HIGHER.search(before):  # "linked to lower density and higher fracture risk"
            return cues.FLIP_UP.get(predicate, predicate)
        return predicate

    def lacks(self, index: int) -> bool:
        """Whether the slot is named as lacking: "low levels of X", "a lack of X", "X deficiency"."""
        slot_start, slot_end = self.masked.slots[index][0], self.masked.slots[index][1]
        before = self.masked.text[max(0, slot_start - 40) : slot_start]
        after = self.masked.text[slot_end : slot_end + 20]
        return bool(cues.DEFICIENCY_CUE.search(before) or cues.DEFICIENCY_AFTER.match(after))

    def _deficiency(self, index: int, iri: str, lacking: bool = False) -> tuple[str, bool]:
        """'a lack of it can cause ...' is said of its deficiency (states named in words are
        mentions of their own already, graph/extract/states.py); of what cannot be lacking, of
        the thing itself, contraposed (the second value: the claim's direction flips)."""
        if index < 0:
            return iri, False
        if not lacking and not self.lacks(index):
            return iri, False
        state = self.vocabulary.state_entity(iri, State.LOW)
        return (state.iri, False) if state is not None else (iri, True)

    def _carboxylation(self, predicate: str, obj: int, object_iri: str) -> tuple[str, str] | None:
        """'improve osteocalcin carboxylation' (or 'the carboxylation of osteocalcin') carboxylates
        osteocalcin: the process is the object, not the protein alone. None: no claim on this slot."""
        slots, text = self.masked.slots, self.masked.text
        entity = slots[obj][2].entity
        if entity.endswith(cues.CARBOXYLATION):
            protein = self._protein_of_process(obj)
            if protein is not None and predicate == "increases":
                return "carboxylates", slots[protein][2].entity
            return predicate, object_iri
        following = self._next_slot(obj)
        if following is None:
            return predicate, object_iri
        adjacent = not text[slots[obj][1] : slots[following][0]].strip(" -")
        if adjacent and slots[following][2].entity.endswith(cues.CARBOXYLATION):
            return None  # "osteocalcin carboxylation": the claim is on the process
        return predicate, object_iri

    def _next_slot(self, index: int) -> int | None:
        """The first slot after `index` at another position (the referents of one anaphor share
        a position), or None when it is the last."""
        slots = self.masked.slots
        following = index + 1
        while following < len(slots) and slots[following][0] == slots[index][0]:
            following += 1
        return following if following < len(slots) else None

    def _protein_of_process(self, process: int) -> int | None:
        slots, text = self.masked.slots, self.masked.text
        candidates = []
        if process > 0 and not text[slots[process - 1][1] : slots[process][0]].strip(" -"):
            candidates.append(process - 1)  # "osteocalcin carboxylation"
        after = cues.OF.match(text, slots[process][1])
        if after is not None and process + 1 < len(slots) and slots[process + 1][0] == after.end():
            candidates.append(process + 1)  # "the carboxylation of osteocalcin"
        for index in candidates:
            if self.vocabulary.entities[slots[index][2].entity].is_a(*PROTEIN):
                return index
        return None

    def _normalise(self, predicate: str, object_iri: str) -> tuple[str, str]:
        """'increases calcium absorption' is said as 'increases absorption of calcium'."""
        if predicate == "increases" and object_iri.endswith("_absorption"):
            nutrient = object_iri.removesuffix("_absorption")
            if nutrient in self.vocabulary.entities:
                return "increasesAbsorptionOf", nutrient
        return predicate, object_iri


def _share_direction_subjects(claims: list[Claim]) -> list[Claim]:
    """'X ensures calcium goes to bones instead of arteries': 'instead of' has X's subject."""
    directors = [c.subject for c in claims if c.predicate == "directsTo"]
    if not directors:
        return claims
    shared = []
    for claim in claims:
        if claim.evidence.rule == "direct-away-from" and claim.subject not in directors:
            shared += [replace(claim, subject=s) for s in dict.fromkeys(directors)]
        else:
            shared.append(claim)
    return shared


def _slot_index(match: re.Match[str], group: str) -> int | None:
    if group not in match.re.groupindex or match.group(group) is None:
        return None
    found = cues.SLOT.fullmatch(match.group(group))
    return int(found.group(1)) if found else None


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.id, claim)
    return list(seen.values())
