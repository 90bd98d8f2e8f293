"""Where a trigger's arguments are: the subject and object slots of one rule match.

Works on a masked sentence (graph.masking). The subject is looked for on one side of the trigger
and the object on the other, inside the trigger's clause (clause breaks and relative asides from
graph.cues), among the entity classes the rule allows; mentions coordinated with the one found
("osteocalcin and MGP") come with it. When the clause names no subject, the fall-backs are read in
turn by the caller: the clause's head, an opening "By ...ing" phrase, a list label, the heading's
topic. Each method returns slot indices; -1 stands for the heading's topic.
"""

from __future__ import annotations

import re
from functools import cached_property

from nutrikg.graph.extract import cues
from nutrikg.graph.extract.masking import Masked
from nutrikg.graph.extract.rules import Rule
from nutrikg.graph.extract.vocabulary import Vocabulary


class Arguments:
    """The candidate arguments of trigger matches in one masked sentence."""

    def __init__(self, vocabulary: Vocabulary, masked: Masked, topic: str | None) -> None:
        self.vocabulary = vocabulary
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
    def zones(self) -> list[tuple[int, int]]:
        return [m.span() for m in cues.RELATIVE_ZONE.finditer(self.masked.text)]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        before = [b for b in self.breaks if b < start]
        after = [b for b in self.breaks if b >= end]
        return (before[-1] if before else 0), (after[0] if after else len(self.masked.text))

    def _in_zone(self, position: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in self.zones if s <= position < e), None)

    def _allowed(self, rule: Rule, kind: str, index: int) -> bool:
        entity = self.vocabulary.entities[self.masked.slots[index][2].entity]
        if kind == "subject":
            return entity.is_a(*rule.subject_classes) and not self._absent(index)
        return entity.is_a(*rule.object_classes)

    def allowed_object(self, rule: Rule, index: int) -> bool:
        return self._allowed(rule, "object", index)

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

    def left(self, rule: Rule, kind: str, start: int, clause_start: int, skip: set[int]) -> list[int]:
        zone = self._in_zone(start)
        if zone is not None and self.masked.text.startswith(",", zone[0]):
            if cues.PRONOUN_SUBJECT.search(self.masked.text, zone[0], start):
                return self._pronoun_in_zone(rule, kind, zone[0], start, skip)
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
                if rule.own_noun_subject and self._relative_on_another_noun(index, start):
                    return []  # "zinc induces a protein that binds copper": the protein binds
                return self._coordinated(rule, kind, index, step=-1, skip=skip)
        return []

    def _pronoun_in_zone(
        self, rule: Rule, kind: str, zone_start: int, start: int, skip: set[int]
    ) -> list[int]:
        """', which carboxylates the protein so that it can bind calcium': the pronoun stands for
        the last mention inside the aside, never for the noun the aside hangs on."""
        inside = [i for i, (s, e, _) in enumerate(self.masked.slots) if zone_start < s and e <= start]
        for index in reversed(inside):
            if index not in skip and self._allowed(rule, kind, index):
                return [index]
        return []

    def _relative_on_another_noun(self, index: int, start: int) -> bool:
        """A relative pronoun right before the trigger whose noun is not the mention: not the
        mention itself ('osteocalcin that binds'), nor it named again ('osteocalcin, a protein
        that binds', 'osteocalcin is a protein that binds')."""
        gap = self.masked.text[self.masked.slots[index][1] : start]
        relative = cues.RELATIVE_BEFORE_TRIGGER.search(gap)
        return relative is not None and not cues.SAME_NOUN.fullmatch(gap[: relative.start()])

    def _antecedent(self, rule: Rule, kind: str, zone_start: int, skip: set[int]) -> list[int]:
        """Inside ', which ...': the noun just before the comma, or else the whole clause's subject
        ('it stops calcium from building up, which helps reduce ...' is about 'it')."""
        before = [i for i, (_, e, _) in enumerate(self.masked.slots) if e <= zone_start]
        reduced = bool(before) and self._reduced(before[-1])  # "K2 reduces X, which lowers Y": the act
        if before and not reduced and before[-1] not in skip and self._allowed(rule, kind, before[-1]):
            return self._coordinated(rule, kind, before[-1], step=-1, skip=skip)
        clause_start = self.clause(zone_start, zone_start)[0]
        return self.head(rule, kind, zone_start, clause_start, skip, aside=True)

    def _reduced(self, index: int) -> bool:
        """The mention is what a reducing verb acts on ('reduces arterial calcification')."""
        start = self.masked.slots[index][0]
        return cues.REDUCED.search(self.masked.text, max(0, start - 30), start) is not None

    def right(self, rule: Rule, kind: str, end: int, clause_end: int, skip: set[int]) -> list[int]:
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

    def shares_subject(self, match: re.Match[str], clause_start: int) -> bool:
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

    def head(
        self, rule: Rule, kind: str, start: int, clause_start: int, skip: set[int], aside: bool = False
    ) -> list[int]:
        """The first allowed mention of the clause: what a participle or 'needs' hangs on (inside an
        aside, nothing, unless `aside`: a ', which' about the whole clause before it)."""
        if not aside and self._in_zone(start) is not None:
            return []
        if clause_start > 0 and cues.OPENING_PRONOUN.match(self.masked.text, clause_start):
            # "X calms Y: it dampens A and reduces B": the pronoun, and so X, is the head
            return self.head(rule, kind, start, 0, skip)[:1]
        for index, (s, _, _) in enumerate(self.masked.slots):
            allowed = index not in skip and self._allowed(rule, kind, index)
            if clause_start <= s < start and allowed:
                return self._coordinated(rule, kind, index, step=1, skip=skip)
        return []

    def pronoun_after(
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
            return self.head(rule, "subject", start, 0, skip)[:1], True
        if cues.CLAUSE_PRONOUN.search(self.masked.text, *between):
            return self.head(rule, "subject", start, 0, skip)[:1], False
        return left, False

    def adjunct_subject(self, rule: Rule, skip: set[int]) -> list[int]:
        """'By directing calcium into bones, K2 ...': the opening phrase is about the subject after it."""
        after = [i for i, (s, _, _) in enumerate(self.masked.slots) if s >= self.adjunct_end]
        if after and after[0] not in skip and self._allowed(rule, "subject", after[0]):
            return self._coordinated(rule, "subject", after[0], step=1, skip=skip)
        return []

    def label(self, rule: Rule, clause_start: int, skip: set[int]) -> list[int]:
        """'Beans and lentils: 700 mg of potassium per cup': the label before the colon is the subject."""
        text = self.masked.text
        if not text.startswith(":", clause_start) or not cues.LABEL.match(text, 0, clause_start):
            return []
        return [
            i
            for i, (s, _, _) in enumerate(self.masked.slots)
            if s < clause_start and i not in skip and self._allowed(rule, "subject", i)
        ]

    def topic_object(self, rule: Rule) -> list[int]:
        """The heading's topic, when it is of a class the rule's object may be."""
        entity = self.vocabulary.entities.get(self.topic) if self.topic is not None else None
        return [-1] if entity is not None and entity.is_a(*rule.object_classes) else []

    def topic_subject(self, rule: Rule, match: re.Match[str], clause_start: int) -> list[int]:
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
