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

from graph import cues
from graph.modality import is_hedged, is_negated
from graph.model import Claim, Evidence, Mention, Sentence
from graph.patterns import PROTEIN, RULES
from graph.rules import Layout, Rule, RuleIndex
from graph.vocabulary import Vocabulary


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
        # The end of an opening "By <verb>ing ...,": what it names is not a subject.
        opening = cues.BY_GERUND.match(masked.text) if "by " in masked.text[:60] else None
        self.adjunct_end = opening.end() if opening else 0

    # Clause breaks and relative zones are only needed once a trigger matched, which most
    # sentences reaching the reader never do: found on first use.
    @cached_property
    def breaks(self) -> list[int]:
        return [m.start() for m in cues.CLAUSE_BREAK.finditer(self.masked.text)]

    @cached_property
    def contrasts(self) -> list[int]:
        """Where the hedges that govern a trigger may start: after a contrast before it."""
        return [m.end() for m in cues.CONTRASTS.finditer(self.masked.text)]

    @cached_property
    def zones(self) -> list[tuple[int, int]]:
        return [m.span() for m in cues.RELATIVE_ZONE.finditer(self.masked.text)]

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
        lacking = False
        if forward and left:
            left, lacking = self._pronoun_after(rule, left, start, skip)
        right = self._right(rule, right_kind, end, clause_end, skip)
        subjects = [inner["agent"]] if inner["agent"] is not None else (left if forward else right)
        objects = [inner["target"]] if inner["target"] is not None else (right if forward else left)
        if not subjects and forward and cues.PRONOUN_SUBJECT.search(self.masked.text[clause_start:start]):
            # "calcium is not delivered to the bones, but it may be deposited in the arteries"
            subjects = self._head(rule, "subject", start, 0, skip)[:1]
        if not objects and rule.topic_object:
            objects = self._topic_object(rule)
        if not subjects and forward and end <= self.adjunct_end:
            subjects = self._adjunct_subject(rule, skip)
        if not subjects and forward:
            subjects = self._label(rule, clause_start, skip)
        if not subjects and forward:
            subjects = self._topic_subject(rule, match, clause_start)
        for subject in subjects:
            for obj in objects:
                claim = self._claim(rule, subject, obj, inner["cargo"], match, clause_start, lacking)
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
        if kind == "subject":
            return entity.is_a(*rule.subject_classes) and not self._absent(index)
        return entity.is_a(*rule.object_classes)

    def _absent(self, index: int) -> bool:
        """'more effective than MK-4', 'taken without vitamin D': named, but not the agent."""
        start, _, mention = self.masked.slots[index]
        if start < self.adjunct_end:  # "By lowering blood pressure, potassium ...": potassium acts
            return True
        if cues.NOT_AGENT_CUE.search(self.masked.text[max(0, start - 40) : start]):
            return True
        before = self.masked.text[max(0, start - 80) : start]
        if "diet" not in before or not self.vocabulary.entities[mention.entity].is_a("Food"):
            return False
        return cues.DIET_ITEM.search(before) is not None

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
        reduced = bool(before) and self._reduced(before[-1])  # "K2 reduces X, which lowers Y": the act
        if before and not reduced and before[-1] not in skip and self._allowed(rule, kind, before[-1]):
            return self._coordinated(rule, kind, before[-1], step=-1, skip=skip)
        clause_start = self._clause(zone_start, zone_start)[0]
        return self._head(rule, kind, zone_start, clause_start, skip, aside=True)

    def _reduced(self, index: int) -> bool:
        """The mention is what a reducing verb acts on ('reduces arterial calcification')."""
        start = self.masked.slots[index][0]
        return cues.REDUCED.search(self.masked.text, max(0, start - 30), start) is not None

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
            gap = cues.ASIDE.sub("", self.masked.text[self.masked.slots[near][1] : self.masked.slots[far][0]])
            same_place = self.masked.slots[index][0] == self.masked.slots[chosen[-1]][0]
            if not (same_place or cues.COORDINATION_GAP.match(gap)):
                break
            if self._allowed(rule, kind, index):
                chosen.append(index)
            index += step
        return chosen

    def _shares_subject(self, match: re.Match[str], clause_start: int) -> bool:
        """A participle or coordinated verb right after a comma or 'and', no subject of its own."""
        before = self.masked.text[clause_start : match.start()]
        if cues.DETERMINER.match(match.group()):
            return False  # "calcitriol, the hormone form of vitamin D": an apposition, not a verb
        if cues.SHARED_SUBJECT.search(before):
            return True
        # "X can interfere with Y and cause Z", "it makes Y less sticky and so slows Z" (but not
        # "... maintaining Y and preventing Z")
        if "and" not in before[-40:] and "but" not in before[-40:]:
            return False
        return cues.AND_VERB.search(before) is not None and (
            not match.group().split()[0].endswith("ing") or cues.PARTICIPLES.search(before) is not None
        )

    def _head(
        self, rule: Rule, kind: str, start: int, clause_start: int, skip: set[int], aside: bool = False
    ) -> list[int]:
        """The first allowed mention of the clause: what a participle or 'needs' hangs on (inside an
        aside, nothing, unless `aside`: a ', which' about the whole clause before it)."""
        if not aside and self._in_zone(start) is not None:
            return []
        for index, (s, _, _) in enumerate(self.masked.slots):
            allowed = index not in skip and self._allowed(rule, kind, index)
            if clause_start <= s < start and allowed:
                return self._coordinated(rule, kind, index, step=1, skip=skip)
        return []

    def _pronoun_after(
        self, rule: Rule, left: list[int], start: int, skip: set[int]
    ) -> tuple[list[int], bool]:
        """A pronoun between the nearest mention and the trigger is the subject, and it stands for
        the sentence's head: 'X interferes with A, and it may also speed up B' (X, not A); 'X is
        needed for A, and a lack of it causes B' (X, and the claim is said of its lack)."""
        between = (self.masked.slots[left[0]][1], start)
        gap = self.masked.text[between[0] : between[1]]
        if "it " not in gap and "they " not in gap and "them " not in gap:
            return left, False
        if cues.LACK_OF_IT.search(self.masked.text, *between):
            return self._head(rule, "subject", start, 0, skip)[:1], True
        if cues.CLAUSE_PRONOUN.search(self.masked.text, *between):
            return self._head(rule, "subject", start, 0, skip)[:1], False
        return left, False

    def _adjunct_subject(self, rule: Rule, skip: set[int]) -> list[int]:
        """'By directing calcium into bones, K2 ...': the opening phrase is about the subject after it."""
        after = [i for i, (s, _, _) in enumerate(self.masked.slots) if s >= self.adjunct_end]
        if after and after[0] not in skip and self._allowed(rule, "subject", after[0]):
            return self._coordinated(rule, "subject", after[0], step=1, skip=skip)
        return []

    def _label(self, rule: Rule, clause_start: int, skip: set[int]) -> list[int]:
        """'Beans and lentils: 700 mg of potassium per cup': the label before the colon is the subject."""
        text = self.masked.text
        if not text.startswith(":", clause_start) or not cues.LABEL.match(text, 0, clause_start):
            return []
        return [
            i
            for i, (s, _, _) in enumerate(self.masked.slots)
            if s < clause_start and i not in skip and self._allowed(rule, "subject", i)
        ]

    def _topic_object(self, rule: Rule) -> list[int]:
        """The heading's topic, when it is of a class the rule's object may be."""
        entity = self.vocabulary.entities.get(self.topic) if self.topic is not None else None
        return [-1] if entity is not None and entity.is_a(*rule.object_classes) else []

    def _topic_subject(self, rule: Rule, match: re.Match[str], clause_start: int) -> list[int]:
        """A verb-first line under a heading ("Activates osteocalcin ...") is about the heading."""
        before = self.masked.text[clause_start : match.start()]
        if clause_start != 0 or len(before.split()) > 2 or self.topic is None:
            return []
        if cues.ADJECTIVE_USE.match(self.masked.text, match.end()):
            return []  # "Lower doses of ..." names an amount, it does not lower anything
        entity = self.vocabulary.entities.get(self.topic)
        if entity is None or not entity.is_a(*rule.subject_classes):
            return []
        if cues.DEFICIENCY_CUE.search(before) or "deficien" in before:
            return []  # "Deficiency linked to ..." is about the deficiency, not the nutrient
        return [-1]

    def _both_right(self, rule: Rule, match: re.Match[str]) -> Iterator[Claim]:
        """'X has linked A with B': the subject and object both follow the trigger."""
        clause_start, clause_end = self._clause(match.start(), match.end())
        with_at = self.masked.text.find(rule.joiner, match.end(), clause_end)
        if with_at < 0:
            return
        subjects = self._right(rule, "subject", match.end(), with_at, set())
        objects = self._right(rule, "object", with_at, clause_end, set())
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

    def _deficiency(self, index: int, iri: str, lacking: bool = False) -> tuple[str, bool]:
        """'low levels of vitamin K can cause ...' is said of vitamin K deficiency; without such an
        entity, of vitamin K, contraposed (the second value: the claim's direction flips)."""
        if index < 0:
            return iri, False
        slot_start = self.masked.slots[index][0]
        before = self.masked.text[max(0, slot_start - 40) : slot_start]
        if not lacking and not cues.DEFICIENCY_CUE.search(before):
            return iri, False
        deficiency = iri + "_deficiency"
        return (deficiency, False) if deficiency in self.vocabulary.entities else (iri, True)

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
        following = obj + 1
        while following < len(slots) and slots[following][0] == slots[obj][0]:
            following += 1  # referents of one anaphor share a position
        adjacent = following < len(slots) and not text[slots[obj][1] : slots[following][0]].strip(" -")
        if adjacent and slots[following][2].entity.endswith(cues.CARBOXYLATION):
            return None  # "osteocalcin carboxylation": the claim is on the process
        return predicate, object_iri

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
