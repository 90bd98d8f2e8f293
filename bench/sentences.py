"""Evidence sentences for generated claims, worded the way the corpus words them."""

from __future__ import annotations

import random
import re

# predicate -> (third person, base form) of the verb phrase placed between subject and object
VERBS: dict[str, tuple[str, str]] = {
    "activates": ("activates", "activate"),
    "carboxylates": ("carboxylates", "carboxylate"),
    "increasesAbsorptionOf": ("increases the absorption of", "increase the absorption of"),
    "upregulatesExpressionOf": ("upregulates the expression of", "upregulate the expression of"),
    "increases": ("increases", "increase"),
    "decreases": ("reduces", "reduce"),
    "directsTo": ("directs calcium into", "direct calcium into"),
    "inhibitsDepositionIn": (
        "prevents calcium from building up in",
        "prevent calcium from building up in",
    ),
    "depositsIn": ("builds up in", "build up in"),
    "binds": ("binds", "bind"),
    "requiredFor": ("is essential for", "be essential for"),
    "convertsToActiveForm": ("converts into its active form", "convert into its active form"),
    "prevents": ("protects against", "protect against"),
    "increasesRiskOf": ("increases the risk of", "increase the risk of"),
    "builds": ("builds", "build"),
    "breaksDown": ("breaks down", "break down"),
    "associatedWith": ("is linked to", "be linked to"),
    "biomarkerFor": ("is a marker for", "be a marker for"),
    "sourceOf": ("is a rich source of", "be a rich source of"),
    "formOf": ("is a form of", "be a form of"),
    "synergizesWith": ("works together with", "work together with"),
}
PLAIN = ("{s} {v3} {o}.", "Studies show that {s} {v3} {o}.", "In the body, {s} {v3} {o}.")
HEDGED = ("{s} may {vb} {o}.", "Research suggests that {s} {v3} {o}.", "{s} could {vb} {o}.")
NEGATED = ("There is little evidence that {s} {v3} {o}.", "{s} does not {vb} {o}.")


def verbs(predicate: str) -> tuple[str, str]:
    """The verb phrase of a predicate; unknown ones are spelled out from their camelCase name."""
    if predicate in VERBS:
        return VERBS[predicate]
    words = re.sub(r"(?<!^)([A-Z])", r" \1", predicate).lower()
    return words, words


def sentence(rng: random.Random, subject: str, predicate: str, obj: str, hedged: bool, negated: bool) -> str:
    """One sentence stating (or hedging, or denying) `subject predicate obj`."""
    templates = NEGATED if negated else HEDGED if hedged else PLAIN
    v3, vb = verbs(predicate)
    text = rng.choice(templates).format(s=subject, v3=v3, vb=vb, o=obj)
    return text[0].upper() + text[1:]


def dose_sentence(rng: random.Random, nutrient: str, low: int, high: int, unit: str) -> str:
    """A recommendation sentence with a dose range."""
    template = rng.choice(
        (
            "Most adults benefit from {low} to {high} {unit} of {n} a day.",
            "A daily intake of {low}-{high} {unit} of {n} is often recommended.",
        )
    )
    return template.format(low=low, high=high, unit=unit, n=nutrient)
