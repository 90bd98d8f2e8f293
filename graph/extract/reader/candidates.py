"""Candidate pairs and their features: every two grounded mentions of one sentence (resolved
pronouns included), first and second in text order, described by what stands between and
around them with the mentions masked by their class, their classes, distance, cue words and
whether a rule read the pair.

Features are strings (`name=value`), so the model is a table of weights per feature: readable,
small, and independent of any vectoriser at run time.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from nutrikg.graph.extract.patterns import RULES
from nutrikg.graph.extract.rules import Rule, RuleIndex
from nutrikg.graph.model import Claim, Mention, Sentence

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+|[^\sa-z0-9]", re.IGNORECASE)
_NEGATION = frozenset(
    [
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "without",
        "cannot",
        "didn't",
        "doesn't",
        "don't",
        "isn't",
        "aren't",
        "n't",
    ]
)
_HEDGE = frozenset(
    [
        "may",
        "might",
        "could",
        "can",
        "possibly",
        "suggest",
        "suggests",
        "suggested",
        "likely",
        "appear",
        "appears",
    ]
)
_STATE = frozenset(
    [
        "deficiency",
        "deficient",
        "deficiencies",
        "lack",
        "low",
        "lower",
        "high",
        "higher",
        "excess",
        "excessive",
        "insufficient",
        "inadequate",
        "levels",
        "level",
        "status",
        "intake",
        "supplementation",
        "supplements",
        "supplement",
        "serum",
        "blood",
    ]
)
STEM = 5  # letters of a word that stand for its forms (a crude stemmer, but a stable one)
MAX_BETWEEN = 12  # words between the two mentions read at both ends, the rest summarised
Category = Callable[[str], str]


@dataclass(frozen=True)
class Candidate:
    """Two mentions of one sentence, `first` before `second`, and what describes them."""

    sentence: Sentence
    first: Mention
    second: Mention
    features: tuple[str, ...]


def candidates(
    sentence: Sentence, mentions: list[Mention], rule_claims: list[Claim], category: Category
) -> list[Candidate]:
    """Every pair of mentions of different entities that do not overlap, once per pair of
    entities (their nearest mentions)."""
    ordered = sorted(_distinct(mentions), key=lambda m: (m.span.start, m.span.end))
    found: dict[tuple[str, str], Candidate] = {}
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if first.entity == second.entity or first.span.end > second.span.start:
                continue
            key = (first.entity, second.entity)
            if key not in found:
                features = _features(sentence, first, second, ordered, rule_claims, category)
                found[key] = Candidate(sentence, first, second, features)
    return list(found.values())


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """One mention per span (two entities found on the same words keep the first)."""
    seen: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        seen.setdefault((mention.span.start, mention.span.end), mention)
    return list(seen.values())


def _features(
    sentence: Sentence,
    first: Mention,
    second: Mention,
    mentions: list[Mention],
    rule_claims: list[Claim],
    category: Category,
) -> tuple[str, ...]:
    text, base = sentence.text, sentence.span.start
    between = _words(_masked(text, base, first.span.end, second.span.start, mentions, category))
    before = _words(_masked(text, base, base, first.span.start, mentions, category))[-3:]
    after = _words(_masked(text, base, second.span.end, base + len(text), mentions, category))[:3]
    a, b = category(first.entity), category(second.entity)
    features = [f"classes={a}|{b}", f"first={a}", f"second={b}", f"gap={_bucket(len(between))}"]
    features += _between(between)
    features += [f"before={w}" for w in before] + [f"after={w}" for w in after]
    features += _cues(between, before, "between") + _states(text, base, first, second)
    features += _triggers(_slotted(text, base, first.span.end, second.span.start, mentions))
    features += _rules(first, second, rule_claims)
    if first.resolved_from or second.resolved_from:
        features.append("resolved")
    return tuple(dict.fromkeys(features))


def _masked(text: str, base: int, start: int, end: int, mentions: list[Mention], category: Category) -> str:
    """Text of [start, end) (document offsets) with each mention inside replaced by its class."""
    pieces, at = [], start
    for mention in mentions:
        if mention.span.start >= at and mention.span.end <= end:
            pieces += [text[at - base : mention.span.start - base], f" ENT{category(mention.entity)} "]
            at = mention.span.end
    pieces.append(text[at - base : end - base])
    return "".join(pieces)


def _slotted(text: str, base: int, start: int, end: int, mentions: list[Mention]) -> str:
    """Text of [start, end) with each mention inside replaced by a slot, as the rules read it."""
    pieces, at = [" ⟦0⟧ "], start
    for mention in mentions:
        if mention.span.start >= at and mention.span.end <= end:
            pieces += [text[at - base : mention.span.start - base], " ⟦0⟧ "]
            at = mention.span.end
    pieces += [text[at - base : end - base], " ⟦0⟧ "]
    return "".join(pieces)


def _triggers(between: str) -> list[str]:
    """The rules whose trigger words stand between the two mentions, whether or not they read
    the pair (their object classes may not fit): the rules' lexicon, generalised by the model."""
    text = between.lower()
    return [f"trigger={rule.name}" for rule in _rule_index().candidates(text) if _pattern(rule).search(text)]


@cache
def _pattern(rule: Rule) -> re.Pattern[str]:
    return re.compile(rule.pattern, re.IGNORECASE)


@cache
def _rule_index() -> RuleIndex:
    """The rules' literal prefilter: most rules' words are not between most pairs."""
    return RuleIndex(RULES)


def _words(text: str) -> list[str]:
    return [w if w.startswith("ENT") else w.lower() for w in _TOKEN.findall(text.replace("ENT", " ENT"))]


def _between(words: list[str]) -> list[str]:
    near = words if len(words) <= MAX_BETWEEN else words[: MAX_BETWEEN // 2] + words[-MAX_BETWEEN // 2 :]
    grams = [f"w={w}" for w in near] + [f"bi={x}_{y}" for x, y in itertools.pairwise(near)]
    grams += [f"stem={w[:STEM]}" for w in near if len(w) > STEM]  # reduces, reduced, reducing
    if near:
        grams += [f"w0={near[0]}", f"wN={near[-1]}"]
    if len(words) == 0:
        grams.append("adjacent")
    return grams


def _cues(between: list[str], before: list[str], where: str) -> list[str]:
    cues = []
    if _NEGATION.intersection(between) or any(w.endswith("n't") for w in between):
        cues.append(f"negation@{where}")
    if _NEGATION.intersection(before):
        cues.append("negation@before")
    if _HEDGE.intersection(between) or _HEDGE.intersection(before):
        cues.append("hedge")
    return cues


def _states(text: str, base: int, first: Mention, second: Mention) -> list[str]:
    """State words on a mention or right around it ("low serum ferritin", "copper deficiency")."""
    found = []
    for name, mention in (("first", first), ("second", second)):
        start, end = mention.span.start - base, mention.span.end - base
        near = (
            _words(text[max(0, start - 25) : start])[-2:]
            + _words(mention.text)
            + _words(text[end : end + 20])[:2]
        )
        found += [f"state@{name}={w}" for w in near if w in _STATE]
    return found


def _rules(first: Mention, second: Mention, rule_claims: list[Claim]) -> list[str]:
    found = []
    for claim in rule_claims:
        if (claim.subject, claim.object) == (first.entity, second.entity):
            found += ["rule=forward", f"rule-sign=forward:{claim.sign.value}"]
        elif (claim.subject, claim.object) == (second.entity, first.entity):
            found += ["rule=backward", f"rule-sign=backward:{claim.sign.value}"]
    return found


def _bucket(count: int) -> str:
    for limit in (0, 2, 5, 10, 20):
        if count <= limit:
            return f"<={limit}"
    return ">20"
