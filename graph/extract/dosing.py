"""Which nutrient a dose is for, and what kind of dose the text says it is.

A dose attaches to the nutrient its own clause doses: "18 mg of iron" is iron's whatever the topic
("Women need 18 mg of iron per day" in a page about vitamin C), and in "folic acid with 0.4 mg of
vitamin B12" the amount is B12's. Only an amount whose clause names no nutrient falls back to the
sentence and then the document's topic.

A recommendation is what a text advises. An intake someone reports ("I take 100 mg zinc"), an upper
limit, a threshold ("above 4,000 IU") and a dose used in research are kinds of their own: none of
them is advice.
"""

from __future__ import annotations

import re

from nutrikg.graph.extract.quantities import Quantity
from nutrikg.graph.model import Mention, Sentence

DOSE_KINDS = (
    "recommendation",
    "reported_intake",
    "upper_limit",
    "threshold",
    "research_dose",
    "target_level",
)
# Words between an amount and the nutrient it measures: "18 mg of iron", "50 mg elemental zinc".
_OF_NUTRIENT = re.compile(r"\s*(?:of\s+)?(?:(?:elemental|supplemental|dietary|added|extra|the)\s+)?\Z", re.I)
# Where one clause ends and another begins within a sentence.
_CLAUSE_BREAK = re.compile(r";|,\s*(?:but|while|whereas|and|or|so)\b|\b(?:whereas|while|but)\b", re.I)
_THRESHOLDS = ("above", "over", "under", "below", "more than", "less than", "up to", "at least")
_REPORTED = re.compile(
    r"\b(?:I|we)(?:'ve|'m|\s+have|\s+had|\s+am|\s+was|\s+were)?(?:\s+been)?(?:\s+\w+ly)?\s+"
    r"(?:take|took|taking|use|used|using|start(?:ed)?|tried|trying|supplement(?:ed)?|on)\b"
    r"|\bmy\s+(?:\w+\s+)?(?:dose|intake|supplement|daily)\b",
    re.I,
)
_UPPER_LIMIT = re.compile(
    r"\bupper\s+(?:intake\s+)?(?:level|limit)|\btolerable\b|\bUL\b|\bmaximum\s+(?:safe\s+)?(?:daily\s+)?"
    r"(?:dose|intake|amount)|\b(?:should|must|do|does)\s+not\s+exceed|\bno\s+more\s+than\b|\bnot\s+to\s+exceed",
    re.I,
)
_RESEARCH = re.compile(
    r"\bused in (?:research|studies|trials)\b|\b(?:participants|patients|subjects|volunteers)\s+"
    r"(?:\w+\s+)?(?:received|were given|took|were randomi[sz]ed)|\brandomi[sz]ed to\b|\bin (?:a|the|one) "
    r"(?:\w+\s+)?(?:trial|study)\b",
    re.I,
)


def dose_nutrient(
    sentence: Sentence, quantity: Quantity, nutrients: list[Mention], topic: str | None
) -> str | None:
    """The nutrient `quantity` is a dose of (`nutrients`: the sentence's nutrient mentions)."""
    start, end = _local(sentence, quantity)
    after = [m for m in nutrients if m.span.start - sentence.span.start >= end]
    if after and _OF_NUTRIENT.match(sentence.text[end : after[0].span.start - sentence.span.start]):
        return after[0].entity  # "18 mg of iron", "45 mcg vitamin K2"
    clause_start, clause_end = _clause(sentence.text, start, end)
    before = [m for m in nutrients if m.span.end - sentence.span.start <= start]
    in_clause = [m for m in before if m.span.start - sentence.span.start >= clause_start]
    if in_clause:  # "vitamin K2: doses range from 45-180 mcg"
        return in_clause[-1].entity
    later = [m for m in after if m.span.end - sentence.span.start <= clause_end]
    if later:  # "women need 18 mg daily, mostly as heme iron" stays in its clause
        return later[0].entity
    if before:
        return before[-1].entity
    return topic or (after[0].entity if after else None)


def dose_kind(sentence: Sentence, quantity: Quantity) -> str:
    """What the text says the dose is: one of DOSE_KINDS."""
    if quantity.unit.lower().startswith(("ng", "nmol")):
        return "target_level"
    start, end = _local(sentence, quantity)
    clause_start, clause_end = _clause(sentence.text, start, end)
    clause = sentence.text[clause_start:clause_end]
    if _REPORTED.search(sentence.text[clause_start:start]):
        return "reported_intake"
    comparator = (quantity.comparator or "").lower()
    if _UPPER_LIMIT.search(clause):
        return "upper_limit"
    if comparator in _THRESHOLDS:
        return "threshold"
    if _RESEARCH.search(sentence.text):
        return "research_dose"
    return "recommendation"


def _local(sentence: Sentence, quantity: Quantity) -> tuple[int, int]:
    return quantity.span.start - sentence.span.start, quantity.span.end - sentence.span.start


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` holding text[start:end]: from the last clause break before it to the
    first after it."""
    clause_start, clause_end = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end
