"""The rule machinery of the rule-based extractor: what a trigger rule is, and an index that finds the
rules that can match a sentence without running their patterns (the rules themselves, as data, are
in graph.patterns)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

from nutrikg.graph.extract.prefilter import fold_case, required_literals


class Layout(StrEnum):
    """Where subject and object stand relative to the trigger."""

    FORWARD = "forward"  # subject ... trigger ... object
    PASSIVE = "passive"  # object ... trigger ... subject   ("is activated by", "is found in")
    BOTH_RIGHT = "both_right"  # trigger subject ... with object ("has linked X with Y")


# Minerals are what gets moved ("directs calcium into bones"), never the director.


@dataclass(frozen=True)
class Rule:
    """One trigger: its pattern, layout, allowed classes and the predicate per object class."""

    name: str
    pattern: str
    subject_classes: tuple[str, ...]
    predicates: tuple[tuple[tuple[str, ...], str], ...]  # (object classes, predicate), first match
    layout: Layout = Layout.FORWARD
    confidence: float = 0.85
    # Take every allowed mention on the far side of the trigger, not only a coordinated run:
    # lists such as "fermented foods like natto, dairy products such as cheese or butter".
    all_objects: bool = False
    always_hedged: bool = False
    joiner: str = " with "  # BOTH_RIGHT: the word between the subject and the object
    # Without an object in the sentence, the heading's topic is the object ("Natto and cheese are
    # excellent sources." under "Vitamin K2").
    topic_object: bool = False
    # The subject is the trigger's own noun: a mention before a relative clause on another noun
    # ("zinc induces a protein that binds copper") is not it. Effects may pass down such a
    # clause ("they act in a step that recycles X"); a physical contact does not.
    own_noun_subject: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match `text` (see graph.prefilter.required_literals)."""
        needed = required_literals(self.regex)
        return needed is None or needed.found_in(text)

    @cached_property
    def object_classes(self) -> tuple[str, ...]:
        return tuple(c for classes, _ in self.predicates for c in classes)

    def predicate_for(self, object_classes: frozenset[str]) -> str | None:
        for classes, predicate in self.predicates:
            if not object_classes.isdisjoint(classes):
                return predicate
        return None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class RuleIndex:
    """The rules that can match a text, in order, from one substring test per distinct literal.

    Most rules have no trigger word in most sentences, and a substring test costs a fraction of a
    regex scan; rules share many literals ("reduc", "linked", "build"), so each is tested once and
    marks every rule that needs it (one bit per rule).
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._rules = rules
        self._unfiltered = 0  # rules the analysis found no literal for: always candidates
        marks: dict[tuple[bool, str], int] = {}
        for index, rule in enumerate(rules):
            needs = required_literals(rule.regex)
            if needs is None:
                self._unfiltered |= 1 << index
                continue
            for literal in needs.strings:
                key = (needs.folded, literal)
                marks[key] = marks.get(key, 0) | 1 << index
        ordered = sorted(marks.items())
        self._plain = tuple((literal, bits) for (folded, literal), bits in ordered if not folded)
        self._folded = tuple((literal, bits) for (folded, literal), bits in ordered if folded)

    def candidates(self, text: str) -> list[Rule]:
        found = self._unfiltered
        for literal, bits in self._plain:
            if literal in text:
                found |= bits
        if self._folded:
            folded = fold_case(text)
            for literal, bits in self._folded:
                if literal in folded:
                    found |= bits
        return [rule for index, rule in enumerate(self._rules) if found >> index & 1]
