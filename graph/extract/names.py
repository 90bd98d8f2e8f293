"""The forms a label is written in besides itself: plurals ("osteoblasts"), inversions ("formation
of bone"), and the rules' trigger words that a derived name must not be."""

from __future__ import annotations

from nutrikg.graph.extract.patterns import RULES
from nutrikg.graph.extract.prefilter import required_literals

_VERB_ENDINGS = ("", "e", "es", "ed", "ing", "ion", "ions", "s", "ation")


def trigger_stems() -> frozenset[str]:
    """The words the relation rules read as triggers, as the rule table spells them (at least five
    letters: "carboxylat", "deposit", "absorb")."""
    stems: set[str] = set()
    for rule in RULES:
        needs = required_literals(rule.regex)
        if needs is not None:
            stems |= {s for s in needs.strings if len(s) >= 5 and s.isalpha()}
    return frozenset(stems)


def is_trigger(key: str, stems: frozenset[str]) -> bool:
    """A one-word name that is a trigger of the rules in one of its forms ("carboxylates" is
    CHEBI's carboxylate in the plural, and the verb of "vitamin K carboxylates MGP"): the rules
    own such words, so the derived vocabulary never names an entity by them."""
    if " " in key:
        return False
    # One lookup per ending, not one comparison per stem: tens of thousands of names are checked.
    return any(key.endswith(ending) and key[: len(key) - len(ending)] in stems for ending in _VERB_ENDINGS)


def variants(label: str) -> list[str]:
    """The label and its plural (last word), so 'osteoblast' also matches 'osteoblasts'."""
    variants = [label]
    last = label.split()[-1] if label.split() else label
    if last.isalpha() and last.islower() and len(last) > 3:
        if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
            variants.append(label[:-1] + "ies")
        elif last.endswith(("s", "x", "ch", "sh")):
            variants.append(label + "es")
        elif last.endswith("o") and last[-2] not in "aeiou":  # "potatoes", "tomatoes"; "avocados"
            variants += [label + "es", label + "s"]
        else:
            variants.append(label + "s")
    return variants


# Process and property nouns that English also puts first: "bone strength" is "the strength of
# bone", "red blood cell formation" is "the formation of red blood cells".
_INVERTIBLE_HEADS = frozenset(
    {"formation", "production", "synthesis", "strength", "loss", "resorption", "calcification", "health"}
)


def inversions(label: str) -> list[str]:
    """'<noun> <process>' said as '<process> of (the) <noun(s)>'."""
    words = label.split()
    if len(words) < 2 or words[-1] not in _INVERTIBLE_HEADS or not words[-2].isalpha():
        return []
    head, modifier = words[-1], " ".join(words[:-1])
    return [f"{head} of {article}{noun}" for noun in variants(modifier) for article in ("", "the ")]
