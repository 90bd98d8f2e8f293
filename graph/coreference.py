"""Resolve anaphors ("it", "this vitamin", "these proteins", "this duo") to what they refer to.

Resolution is deliberately cautious: a sentence-initial "it" or "this vitamin" refers to the subject
of the previous claim; "these proteins" to the proteins last named. When the referent is unclear,
nothing is resolved and the claim is not made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Mention, Sentence, Span
from graph.prefilter import Prefiltered, fold_case
from graph.vocabulary import Vocabulary

_ANAPHORS: tuple[tuple[str, str], ...] = (
    # (pattern, what it may refer to)
    (
        r"^(?:[^:]{0,40}:\s+)?(?:\w+,\s+|(?:this|that) means (?:that )?)?it\b"
        r"(?!\s+(?:is|was)\s+(?:why|because|important|worth|recommended|advised))",
        "subject",
    ),
    (r"\b(?:this|the)\s+(?:vitamin|nutrient|compound)\b", "vitamin"),
    (r"\b(?:this|the)\s+mineral\b", "mineral"),
    (r"\b(?:this|the)\s+(?:protein|enzyme|hormone)\b", "protein"),
    (r"\b(?:these|those|the)\s+(?:\w+\s+)?proteins\b", "proteins"),
    (
        r"\b(?:this|the)\s+(?:duo|combination|partnership|pair)\b|\bboth\s+(?:vitamins|nutrients)\b|"
        r"\b(?:either|neither)\s+(?:vitamin|nutrient)\b|"
        r"\b(?:these|those|the)\s+(?:two\s+)?(?:\w+\s+)?(?:essential\s+)?(?:vitamins|nutrients)\b",
        "pair",
    ),
    (r"^(?:[^:]{0,40}:\s+)?(?:together,?\s+)?they\b", "pair"),
)
# Compiled once, each behind a test for its words ("this vitamin" needs "vitamin"): most sentences
# hold no anaphor, and the scans were a good part of reading a document.
_COMPILED_ANAPHORS = tuple((Prefiltered(re.compile(p, re.IGNORECASE)), kind) for p, kind in _ANAPHORS)
_KIND_CLASSES = {
    "subject": ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup", "Cell"),
    "vitamin": ("Vitamin", "Vitamer", "Nutrient"),
    "mineral": ("Mineral",),
    "protein": ("Protein", "ProteinGroup"),
    "proteins": ("Protein", "ProteinGroup"),
    "pair": ("Nutrient",),
}


@dataclass
class Discourse:
    """What earlier sentences of a document leave for later ones to refer back to."""

    last_subjects: list[str] = field(default_factory=list)
    last_proteins: list[str] = field(default_factory=list)
    last_vitamins: list[str] = field(default_factory=list)  # for "both", "this duo", "they"
    topic: str | None = None
    source_list: bool = False  # under a "<nutrient> Sources:" heading


def resolve_anaphors(
    sentence: Sentence, mentions: list[Mention], discourse: Discourse, vocabulary: Vocabulary
) -> list[Mention]:
    """Mentions standing for the anaphors of `sentence`, one per referent; [] when unclear."""
    taken = [(m.span.start, m.span.end) for m in mentions]
    resolved: list[Mention] = []
    folded = fold_case(sentence.text)
    for pattern, kind in _COMPILED_ANAPHORS:
        for match in pattern.finditer(sentence.text, folded):
            start = sentence.span.start + match.start()
            end = sentence.span.start + match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            for entity in _referents(kind, discourse, vocabulary):
                resolved.append(Mention(entity, Span(start, end), match.group(), -1, -1, match.group()))
            taken.append((start, end))
    return resolved


def _referents(kind: str, discourse: Discourse, vocabulary: Vocabulary) -> list[str]:
    classes = _KIND_CLASSES[kind]
    if kind == "proteins":
        pool = discourse.last_proteins
    elif kind == "protein":
        pool = discourse.last_proteins[:1] if len(discourse.last_proteins) == 1 else []
    elif kind == "pair":
        return _pair(discourse, vocabulary)
    else:
        pool = discourse.last_subjects
    known = vocabulary.entities
    fitting = [iri for iri in pool if iri in known and known[iri].is_a(*classes)]
    if kind == "proteins":
        return fitting
    return fitting if len(fitting) == 1 else []  # two candidates: unclear, resolve nothing


def _pair(discourse: Discourse, vocabulary: Vocabulary) -> list[str]:
    """'both vitamins', 'this duo', 'they': the last two or more nutrients said to act together."""
    known = vocabulary.entities
    for pool in (discourse.last_subjects, discourse.last_vitamins):
        fitting = [iri for iri in pool if iri in known and known[iri].is_a(*_KIND_CLASSES["pair"])]
        if len(fitting) >= 2:
            return fitting
    return []


def update_discourse(
    discourse: Discourse,
    sentence: Sentence,
    mentions: list[Mention],
    claim_subjects: list[str],
    vocabulary: Vocabulary,
) -> None:
    """Carry this sentence's subjects, proteins and (for headings) topic forward."""
    known = vocabulary.entities

    def of_class(*classes: str) -> list[str]:
        found = [m.entity for m in mentions if known[m.entity].is_a(*classes)]
        return list(dict.fromkeys(found))

    nutrients = of_class("Nutrient", "ChemicalEntity")
    if claim_subjects:
        discourse.last_subjects = list(dict.fromkeys(claim_subjects))
    elif nutrients:
        discourse.last_subjects = nutrients[:1] if sentence.role == "content" else nutrients
    if len(vitamins := of_class("Vitamin", "Vitamer")) >= 2:
        discourse.last_vitamins = vitamins
    if proteins := of_class("Protein", "ProteinGroup"):
        discourse.last_proteins = proteins
    if sentence.role == "heading":
        _update_topic(discourse, sentence, nutrients, of_class("Food", "Exposure"))


def _update_topic(discourse: Discourse, sentence: Sentence, nutrients: list[str], foods: list[str]) -> None:
    if foods and discourse.source_list:
        return  # an item of a list of sources ("Natto - rich in MK-7") keeps the list's topic
    if nutrients:
        discourse.topic = nutrients[0]
        discourse.source_list = bool(re.search(r"\bsources\s*:?\s*$", sentence.text, re.I))
    elif not foods:
        discourse.topic = None
        discourse.source_list = False
