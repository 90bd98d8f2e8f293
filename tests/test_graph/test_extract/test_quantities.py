"""Doses and statistics are parsed and normalised."""

from __future__ import annotations

import pytest

from nutrikg.graph.extract.quantities import find_quantities, find_statistics, normalise
from nutrikg.graph.model import Sentence, Span


def _sentence(text: str) -> Sentence:
    return Sentence("d", 0, Span(100, 100 + len(text)), text)


@pytest.mark.parametrize(
    ("text", "nutrient", "expected"),
    [
        (
            "Adults: 1,000-5,000 IU daily",
            "vitamin_d3",
            (1000, 5000, 25.0, 125.0, "microgram", "daily"),
        ),
        (
            "typical doses range from 90 to 200 micrograms per day",
            "vitamin_k2",
            (90, 200, 90, 200, "microgram", "daily"),
        ),
        ("45 mcg vitamin K2 (MK7)", "mk7", (45, 45, 45, 45, "microgram", None)),
        (
            "Adults generally need 1,000-1,200 mg daily",
            "calcium",
            (1000, 1200, 1e6, 1.2e6, "microgram", "daily"),
        ),
        (
            "between 30 and 50 ng per mL",
            "calcifediol",
            (30, 50, 30, 50, "nanogram / milliliter", None),
        ),
        ("1000 IU vitamin D3", "vitamin_d3", (1000, 1000, 25.0, 25.0, "microgram", None)),
    ],
)
def test_doses_are_normalised(text: str, nutrient: str, expected: tuple[object, ...]) -> None:
    sentence = _sentence(text)
    (quantity,) = find_quantities(sentence)
    low, high, unit = normalise(quantity, nutrient)
    assert (quantity.low, quantity.high, low, high, unit, quantity.frequency) == expected
    assert sentence.text[quantity.span.start - 100 : quantity.span.end - 100] == quantity.text


def test_percentages_are_not_doses() -> None:
    assert find_quantities(_sentence("absorb 10-15% of dietary calcium compared to 30-40%")) == []


def test_study_statistics() -> None:
    smd = find_statistics(
        _sentence("The standard mean difference for lumbar spine BMD was 0.20 [95% CI: 0.07 to 0.32].")
    )
    assert smd is not None
    assert (smd.kind, smd.value, smd.ci_low, smd.ci_high) == (
        "standardized mean difference",
        0.2,
        0.07,
        0.32,
    )
    size = find_statistics(_sentence("This meta-analysis included a total of 1346 patients from ten trials."))
    assert size is not None and (size.sample_size, size.trial_count) == (1346, 10)
    negative = find_statistics(_sentence("The level of decrease is SMD: -1.71 [95% CI: -2.45 to -0.96]."))
    assert negative is not None and (negative.value, negative.ci_low, negative.ci_high) == (
        -1.71,
        -2.45,
        -0.96,
    )
    assert find_statistics(_sentence("Vitamin K2 activates osteocalcin.")) is None
