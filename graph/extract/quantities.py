"""Doses and study statistics: parsed from sentences and normalised with pint.

"1,000-5,000 IU daily", "90 to 200 micrograms per day", "45 mcg", "between 30 and 50 ng per mL" become
DoseRecommendation values in the unit written and in a normal unit (µg, mg, ng/mL; IU of vitamin D
also as µg: 40 IU = 1 µg). "SMD 0.20 [95% CI: 0.07 to 0.32]", "1346 patients", "ten trials" become
StudyStatistic values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pint

from nutrikg.graph.extract.prefilter import Prefiltered, fold_case
from nutrikg.graph.model import Sentence, Span, StudyStatistic

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_UNIT = (
    r"IU|I\.U\.|international units?|mcg|µg|μg|ug|micrograms?|mg|milligrams?|g|grams?|"
    r"ng\s*(?:/|per)\s*m[lL]|nmol\s*(?:/|per)\s*[lL]"
)
_COMPARATOR = r"between|from|above|over|under|below|up to|at least|more than|less than|around|about"
_AMOUNT = (
    rf"(?<![\w.,])(?P<low>{_NUMBER})(?:\s*(?:-|–|to|and)\s*(?P<high>{_NUMBER}))?\s*(?P<unit>{_UNIT})\b"
    rf"(?:\s+(?P<freq>daily|per day|a day|/day|each day|weekly|per week))?"
)
DOSE = re.compile(rf"(?:(?P<prefix>{_COMPARATOR})\s+)?{_AMOUNT}", re.IGNORECASE)
# DOSE in two steps (see dose_spans): the amount, then a comparator right before it. As one pattern,
# the eleven optional comparators are tried at every character of every sentence with a digit.
_AMOUNT_ONLY = re.compile(_AMOUNT, re.IGNORECASE)
_COMPARATOR_BEFORE = re.compile(rf"(?P<prefix>{_COMPARATOR})\s+\Z", re.IGNORECASE)
_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
}
_SMD = re.compile(
    r"(?:standard(?:ized|ised)?\s+mean\s+difference|SMD)[^0-9\-−]{0,40}(?P<value>[-−]?\d+(?:\.\d+)?)",
    re.IGNORECASE,
)
_CI = re.compile(
    r"95\s*%\s*CI\s*:?\s*(?P<low>[-−]?\d+(?:\.\d+)?)\s*(?:to|-|–|,)\s*(?P<high>[-−]?\d+(?:\.\d+)?)",
    re.IGNORECASE,
)
_SAMPLE = re.compile(r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:patients|participants|subjects|women|men|adults)")
_TRIALS = re.compile(
    rf"(?P<n>\d+|{'|'.join(_WORD_NUMBERS)})\s+(?:randomi[sz]ed\s+)?(?:controlled\s+)?(?:trials|studies)",
    re.IGNORECASE,
)
# Every dose holds a digit, so the dose pattern (slow: it tries its eleven comparators at every
# character) need not run over sentences without one; each statistic pattern needs its own words.
_DOSE_CUE = re.compile(r"\d")
_STATISTICS = tuple(Prefiltered(pattern) for pattern in (_SMD, _CI, _SAMPLE, _TRIALS))
VITAMIN_D_IU_PER_MICROGRAM = 40.0


@dataclass(frozen=True)
class Quantity:
    """A dose or level as written, before it is attached to a nutrient."""

    span: Span  # document offsets
    text: str
    low: float
    high: float
    unit: str
    frequency: str | None
    comparator: str | None


@cache
def unit_registry() -> pint.UnitRegistry[float]:
    """One pint registry per process, with the international unit as its own dimension."""
    registry: pint.UnitRegistry[float] = pint.UnitRegistry()
    registry.define("international_unit = [biological_activity] = IU")
    return registry


def find_quantities(sentence: Sentence) -> list[Quantity]:
    """Every dose-like quantity in `sentence` (percentages and bare numbers are not doses)."""
    found: list[Quantity] = []
    if not _DOSE_CUE.search(sentence.text):
        return found
    for start, comparator, match in dose_spans(sentence.text):
        low = _number(match.group("low"))
        high = _number(match.group("high")) if match.group("high") else low
        found.append(
            Quantity(
                Span(sentence.span.start + start, sentence.span.start + match.end()),
                sentence.text[start : match.end()].strip(),
                low,
                high,
                match.group("unit"),
                _frequency(match.group("freq")),
                comparator,
            )
        )
    return found


def dose_spans(text: str) -> Iterator[tuple[int, str | None, re.Match[str]]]:
    """The matches of DOSE in `text`, as (start, comparator, match of the amount).

    Exactly DOSE.finditer: a match starts with its comparator when one stands right before the
    amount (no digit can sit inside a comparator, so the amount found first is the one DOSE would
    find after it), and scanning goes on after each match as finditer does.
    """
    resume = 0
    for match in _AMOUNT_ONLY.finditer(text):
        comparator = _COMPARATOR_BEFORE.search(text, resume, match.start())
        if comparator is None:
            yield match.start(), None, match
        else:
            yield comparator.start(), comparator.group("prefix"), match
        resume = match.end()


def normalise(quantity: Quantity, nutrient_local_name: str) -> tuple[float, float, str]:
    """The quantity in µg (mass), ng/mL (serum level) or IU; vitamin D's IU in µg."""
    unit = _pint_unit(quantity.unit)
    registry = unit_registry()
    low = registry.Quantity(quantity.low, unit)
    high = registry.Quantity(quantity.high, unit)
    if unit == "international_unit" and nutrient_local_name.startswith("vitamin_d"):
        factor = 1.0 / VITAMIN_D_IU_PER_MICROGRAM
        return round(quantity.low * factor, 6), round(quantity.high * factor, 6), "microgram"
    if low.check("[mass]"):
        return _magnitudes(low.to("microgram"), high.to("microgram"), "microgram")
    if low.check("[mass] / [length] ** 3"):
        return _magnitudes(low.to("ng/mL"), high.to("ng/mL"), "nanogram / milliliter")
    if low.check("[substance] / [length] ** 3"):
        return _magnitudes(low.to("nmol/L"), high.to("nmol/L"), "nanomole / liter")
    return quantity.low, quantity.high, str(unit)


def _magnitudes(low: pint.Quantity[float], high: pint.Quantity[float], unit: str) -> tuple[float, float, str]:
    return round(float(low.magnitude), 6), round(float(high.magnitude), 6), unit


def _pint_unit(written: str) -> str:
    text = re.sub(r"\s+", "", written.lower()).replace("per", "/")
    if text in ("iu", "i.u.") or text.startswith("international"):
        return "international_unit"
    if text in ("mcg", "µg", "μg", "ug") or text.startswith("microgram"):
        return "microgram"
    if text in ("mg",) or text.startswith("milligram"):
        return "milligram"
    if text in ("g",) or text.startswith("gram"):
        return "gram"
    if text.startswith("ng"):
        return "nanogram / milliliter"
    return "nanomole / liter"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _frequency(text: str | None) -> str | None:
    if text is None:
        return None
    return "weekly" if "week" in text.lower() else "daily"


def find_statistics(sentence: Sentence) -> StudyStatistic | None:
    """The study figures one sentence quotes, or None."""
    folded = fold_case(sentence.text)
    smd, ci, sample, trials = (pattern.search(sentence.text, folded) for pattern in _STATISTICS)
    if not (smd or ci or sample or trials):
        return None
    return StudyStatistic(
        doc_id=sentence.doc_id,
        span=sentence.span,
        sentence=sentence.text,
        kind="standardized mean difference" if smd else "study size",
        value=_signed(smd.group("value")) if smd else None,
        ci_low=_signed(ci.group("low")) if ci else None,
        ci_high=_signed(ci.group("high")) if ci else None,
        sample_size=int(_number(sample.group("n"))) if sample else None,
        trial_count=_count(trials.group("n")) if trials else None,
    )


def _signed(text: str) -> float:
    return float(text.replace("−", "-"))


def _count(text: str) -> int:
    return _WORD_NUMBERS.get(text.lower()) or int(text)
