"""Read claims out of one sentence with the trigger rules of graph.patterns.

The sentence is "masked": every mention becomes a slot `⟦n⟧`, so rules read "X activates Y" as
`⟦0⟧ activates ⟦1⟧` whatever X and Y are called. For each trigger the subject is looked for on one
side and the object on the other, inside the trigger's clause, among the classes the rule allows;
coordinated mentions ("osteocalcin and MGP") each give a claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from graph.modality import is_hedged, is_negated
from graph.model import Claim, Evidence, Mention, Sentence
from graph.patterns import RULES, Layout, Rule, RuleIndex
from graph.vocabulary import Vocabulary

_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s*(?:while|whereas|but|though|although|so|yet)\b|"
    r"\b(?:while|whereas|though|although|however)\b|,\s+and\s+(?=⟦\d+⟧\s+\w+s\b)|\.\s"
)
_RELATIVE_ZONE = re.compile(r",\s*(?:which|who)\b[^,]*(?:,|$)|\([^)]*\)")
_COORDINATION_GAP = re.compile(
    r"^\s*(?:,|and|or|&|/|-|–|,\s*and|,\s*or|as well as|plus|with|combined with|together with|"
    r"along with|,?\s*(?:like|such as|including|especially|particularly|e\.g\.))?\s*"
    r"(?:the\s+|your\s+|other\s+|also\s+)?$"
)
_DEFICIENCY_CUE = re.compile(
    r"(?:low levels of|deficiency of|deficient in|lack of|inadequate|insufficient|"
    r"without adequate|low|poor)\s+(?:\w+\s+)?$"
)
_SLOT = re.compile(r"⟦(\d+)⟧")
# ", preventing X" / "and has been linked to X" / "... to support X": the verb shares the subject
# of the clause it hangs on.
_SHARED_SUBJECT = re.compile(
    r",\s*(?:also\s+)?(?:help(?:s|ing)?\s+(?:to\s+)?)?$|"
    r"\band\s+(?:also\s+)?(?:(?:has|have)\s+been|is|are|can|may|helps?)\s+(?:\w+\s+)?$|\bto\s+$"
)
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:\w+\s+){0,3}$")
_LOWER = re.compile(r"\b(?:lower|reduced|less|fewer|decreased|smaller)\s+(?:\w+\s+)?$")
_HIGHER = re.compile(r"\b(?:higher|increased|greater|more|elevated)\s+(?:\w+\s+)?$")
_FLIP_DOWN = {"increases": "decreases", "increasesRiskOf": "prevents"}


@dataclass(frozen=True)
class Masked:
    """A sentence with each mention replaced by a numbered slot."""

    text: str  # lower-cased, slots in place of mentions
    slots: tuple[tuple[int, int, Mention], ...]  # (start, end) in `text`, and the mention


def mask(sentence: Sentence, mentions: list[Mention]) -> Masked:
    """Replace mentions by slots; the referents of one anaphor share one slot position."""
    pieces: list[str] = []
    slots: list[tuple[int, int, Mention]] = []
    cursor = 0
    length = 0
    for mention in sorted(mentions, key=lambda m: (m.span.start, m.entity)):
        local_start = mention.span.start - sentence.span.start
        local_end = mention.span.end - sentence.span.start
        if local_start < cursor:  # a second referent of the same anaphor
            start, end, _ = slots[-1]
            slots.append((start, end, mention))
            continue
        gap = sentence.text[cursor:local_start].lower()
        pieces.append(gap)
        length += len(gap)
        token = f"⟦{len(slots)}⟧"
        pieces.append(token)
        slots.append((length, length + len(token), mention))
        length += len(token)
        cursor = local_end
    pieces.append(sentence.text[cursor:].lower())
    return Masked("".join(pieces), tuple(slots))


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
    """Finds the subject and object of one trigger match in one masked sentence."""

    def __init__(self, vocabulary: Vocabulary, sentence: Sentence, masked: Masked, topic: str | None) -> None:
        self.vocabulary = vocabulary
        self.sentence = sentence
        self.masked = masked
        self.topic = topic

    # Clause breaks and relative zones are only needed once a trigger matched, which most
    # sentences reaching the reader never do: found on first use.
    @cached_property
    def breaks(self) -> list[int]:
        return [m.start() for m in _CLAUSE_BREAK.finditer(self.masked.text)]

    @cached_property
    def zones(self) -> list[tuple[int, int]]:
        return [m.span() for m in _RELATIVE_ZONE.finditer(self.masked.text)]

    def read(self, rule: Rule, match: re.Match[str]) -> Iterator[Claim]:
        if rule.layout is Layout.BOTH_RIGHT:
            yield from self._both_right(rule, match)
            return
        start, end = match.span()
        clause_start, clause_end = self._clause(start, end)
        inner = {g: _slot_index(match, g) for g in ("cargo", "agent", "target")}
        skip = {i for i in inner.values() if i is not None}
        forward = rule.layout is Layout.FORWARD
        left_kind, right_kind = ("subject", "object") if forward else ("object", "subject")
        left = self._left(rule, left_kind, start, clause_start, skip)
        shared = forward and self._shares_subject(match, clause_start)
        if shared or inner["agent"] is not None:
            left = self._head(rule, left_kind, start, clause_start, skip) or left
        right = self._right(rule, right_kind, end, clause_end, skip)
        subjects = [inner["agent"]] if inner["agent"] is not None else (left if forward else right)
        objects = [inner["target"]] if inner["target"] is not None else (right if forward else left)
        if not subjects and forward and _PRONOUN_SUBJECT.search(self.masked.text[clause_start:start]):
            # "calcium is not delivered to the bones, but it may be deposited in the arteries"
            subjects = self._head(rule, "subject", start, 0, skip)[:1]
        if not subjects and forward:
            subjects = self._topic_subject(rule, start, clause_start)
        for subject in subjects:
            for obj in objects:
                claim = self._claim(rule, subject, obj, inner["cargo"], match, clause_start)
                if claim is not None:
                    yield claim

    # --- clause geometry ---------------------------------------------------------------------
    def _clause(self, start: int, end: int) -> tuple[int, int]:
        before = [b for b in self.breaks if b < start]
        after = [b for b in self.breaks if b >= end]
        return (before[-1] if before else 0), (after[0] if after else len(self.masked.text))

    def _in_zone(self, position: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in self.zones if s <= position < e), None)

    # --- candidates ----------------------------------------------------------------------------
    def _allowed(self, rule: Rule, kind: str, index: int) -> bool:
        entity = self.vocabulary.entities[self.masked.slots[index][2].entity]
        classes = rule.subject_classes if kind == "subject" else rule.object_classes
        return entity.is_a(*classes)

    def _left(self, rule: Rule, kind: str, start: int, clause_start: int, skip: set[int]) -> list[int]:
        zone = self._in_zone(start)
        if zone is not None and self.masked.text.startswith(",", zone[0]):
            return self._antecedent(rule, kind, zone[0], skip)
        candidates = [
            i
            for i, (s, e, _) in enumerate(self.masked.slots)
            if clause_start <= s
            and e <= start
            and i not in skip
            and (zone is not None or self._in_zone(s) is None)
        ]
        for index in reversed(candidates):
            if self._allowed(rule, kind, index):
                return self._coordinated(rule, kind, index, step=-1, skip=skip)
        return []

    def _antecedent(self, rule: Rule, kind: str, zone_start: int, skip: set[int]) -> list[int]:
        """Inside ', which ...': the noun just before the comma, or else the whole clause's subject
        ('it stops calcium from building up, which helps reduce ...' is about 'it')."""
        before = [i for i, (_, e, _) in enumerate(self.masked.slots) if e <= zone_start]
        if before and before[-1] not in skip and self._allowed(rule, kind, before[-1]):
            return self._coordinated(rule, kind, before[-1], step=-1, skip=skip)
        clause_start = self._clause(zone_start, zone_start)[0]
        return self._head(rule, kind, zone_start, clause_start, skip)

    def _right(self, rule: Rule, kind: str, end: int, clause_end: int, skip: set[int]) -> list[int]:
        zone = self._in_zone(end - 1)
        if zone is not None:  # "K1, which is abundant in leafy greens, ...": stay in the aside
            clause_end = min(clause_end, zone[1])
        candidates = [
            i
            for i, (s, e, _) in enumerate(self.masked.slots)
            if end <= s and e <= clause_end and i not in skip
        ]
        allowed = [i for i in candidates if self._allowed(rule, kind, i)]
        if not allowed or self.masked.slots[allowed[0]][0] - end > 80:
            return []
        if rule.all_objects:
            return allowed
        return self._coordinated(rule, kind, allowed[0], step=1, skip=skip)

    def _coordinated(self, rule: Rule, kind: str, first: int, step: int, skip: set[int]) -> list[int]:
        """The mention and those joined to it by 'and', 'or' or commas."""
        chosen = [first]
        index = first + step
        while 0 <= index < len(self.masked.slots) and index not in skip:
            near, far = (chosen[-1], index) if step > 0 else (index, chosen[-1])
            gap = self.masked.text[self.masked.slots[near][1] : self.masked.slots[far][0]]
            same_place = self.masked.slots[index][0] == self.masked.slots[chosen[-1]][0]
            if not (same_place or _COORDINATION_GAP.match(gap)):
                break
            if self._allowed(rule, kind, index):
                chosen.append(index)
            index += step
        return chosen

    def _shares_subject(self, match: re.Match[str], clause_start: int) -> bool:
        """A participle or coordinated verb right after a comma or 'and', no subject of its own."""
        before = self.masked.text[clause_start : match.start()]
        if _SHARED_SUBJECT.search(before):
            return True
        # "X can interfere with Y and cause Z" (but not "... maintaining Y and preventing Z")
        return before.endswith("and ") and not match.group().split()[0].endswith("ing")

    def _head(self, rule: Rule, kind: str, start: int, clause_start: int, skip: set[int]) -> list[int]:
        """The first allowed mention of the clause: what a participle or 'needs' hangs on."""
        if self._in_zone(start) is not None:
            return []
        for index, (s, _, _) in enumerate(self.masked.slots):
            allowed = index not in skip and self._allowed(rule, kind, index)
            if clause_start <= s < start and allowed:
                return self._coordinated(rule, kind, index, step=1, skip=skip)
        return []

    def _topic_subject(self, rule: Rule, start: int, clause_start: int) -> list[int]:
        """A verb-first line under a heading ("Activates osteocalcin ...") is about the heading."""
        before = self.masked.text[clause_start:start]
        if clause_start != 0 or len(before.split()) > 2 or self.topic is None:
            return []
        entity = self.vocabulary.entities.get(self.topic)
        if entity is None or not entity.is_a(*rule.subject_classes):
            return []
        if _DEFICIENCY_CUE.search(before) or "deficien" in before:
            return []  # "Deficiency linked to ..." is about the deficiency, not the nutrient
        return [-1]

    def _both_right(self, rule: Rule, match: re.Match[str]) -> Iterator[Claim]:
        """'X has linked A with B': the subject and object both follow the trigger."""
        clause_start, clause_end = self._clause(match.start(), match.end())
        with_at = self.masked.text.find(" with ", match.end(), clause_end)
        if with_at < 0:
            return
        subjects = self._right(rule, "subject", match.end(), with_at, set())
        objects = self._right(rule, "object", with_at, clause_end, set())
        for subject in subjects:
            for obj in objects:
                claim = self._claim(rule, subject, obj, None, match, clause_start)
                if claim is not None:
                    yield claim

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
    ) -> Claim | None:
        subject_iri, subject_inferred = self._entity_of(subject)
        object_iri, object_inferred = self._entity_of(obj)
        found_subject = self._deficiency(subject, subject_iri)
        if found_subject is None or found_subject == object_iri:
            return None
        object_entity = self.vocabulary.entities[object_iri]
        predicate = rule.predicate_for(object_entity.classes)
        if predicate is None:
            return None
        predicate = self._polarity(predicate, obj, match, object_entity.is_a("Condition"))
        predicate, object_iri = self._normalise(predicate, object_iri)
        object_end = self.masked.slots[obj][1] if obj >= 0 else match.end()
        governing = self.masked.text[: max(object_end, match.end())]
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
        gap_start = max(match.end(), self.masked.slots[obj][0] - 30)
        before = self.masked.text[gap_start : self.masked.slots[obj][0]]
        if predicate == "associatedWith":
            if _LOWER.search(before):
                return "prevents" if condition else "decreases"
            if _HIGHER.search(before):
                return "increasesRiskOf" if condition else "increases"
            return predicate
        if _LOWER.search(before):
            return _FLIP_DOWN.get(predicate, predicate)
        return predicate

    def _deficiency(self, index: int, iri: str) -> str | None:
        """'low levels of vitamin K can cause ...' is said of vitamin K deficiency."""
        if index < 0:
            return iri
        slot_start = self.masked.slots[index][0]
        before = self.masked.text[max(0, slot_start - 40) : slot_start]
        if not _DEFICIENCY_CUE.search(before):
            return iri
        deficiency = iri + "_deficiency"
        return deficiency if deficiency in self.vocabulary.entities else None

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
    found = _SLOT.fullmatch(match.group(group))
    return int(found.group(1)) if found else None


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.id, claim)
    return list(seen.values())
