"""Resolve anaphors ("it", "this vitamin", "these proteins", "this duo") to what they refer to.

Resolution is deliberately cautious: a sentence-initial "it" or "this vitamin" refers to the subject
of the previous claim; "these proteins" to the proteins last named. When the referent is unclear,
nothing is resolved and the claim is not made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nutrikg.graph.extract.prefilter import Prefiltered, fold_case
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Mention, Sentence, Span

_ANAPHORS: tuple[tuple[str, str], ...] = (
    # (pattern, what it may refer to)
    (
        r"^(?:[^:]{0,40}:\s+)?(?:\w+,\s+|(?:this|that) means (?:that )?)?(?P<ref>it)\b"
        r"(?!\s+(?:is|was)\s+(?:why|because|important|worth|recommended|advised))",
        "subject",
    ),
    # "This action helps prevent ...": what the previous sentence's subject does
    (r"^(?:[^:]{0,40}:\s+)?(?P<ref>(?:this|that)\s+(?:action|process|effect|mechanism))\b", "subject"),
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
    # "Meat and fish supply it": the object of a source verb is the nutrient last talked about
    (
        r"\b(?:suppl(?:y|ies)|provid(?:e|es)|contains?|(?:is|are)\s+(?:\w+\s+)?(?:rich|high)\s+in|"
        r"sources?\s+of)\s+(?P<ref>it)\b",
        "nutrient",
    ),
    # (only the pronoun is the mention: a label before the colon may name something itself)
    (r"^(?:[^:]{0,40}:\s+)?(?:together,?\s+)?(?P<ref>they)\b", "they"),
    # "The same study found that it reduced ...": a reported clause about the last subject
    (
        r"\b(?:found|finds|showed|shows|suggested|suggests|reported|reports|concluded|confirmed)\s+"
        r"(?:that\s+)?(?P<ref>it)\b(?!\s+(?:is|was)\s+(?:\w+\s+)?(?:unclear|possible|likely|difficult|safe))",
        "subject",
    ),
)
# Compiled once, each behind a test for its words ("this vitamin" needs "vitamin"): most sentences
# hold no anaphor, and the scans were a good part of reading a document.
_COMPILED_ANAPHORS = tuple((Prefiltered(re.compile(p, re.IGNORECASE)), kind) for p, kind in _ANAPHORS)
_KIND_CLASSES = {
    "subject": ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup", "Cell"),
    "vitamin": ("Vitamin", "Vitamer", "Nutrient"),
    "mineral": ("Mineral",),
    "nutrient": ("Nutrient",),
    "protein": ("Protein", "ProteinGroup"),
    "proteins": ("Protein", "ProteinGroup"),
    "pair": ("Nutrient",),
    "they": ("Nutrient",),
}
_THEY = ("Nutrient", "ChemicalEntity", "Food")


@dataclass
class Discourse:
    """What earlier sentences of a document leave for later ones to refer back to."""

    last_subjects: list[str] = field(default_factory=list)
    last_proteins: list[str] = field(default_factory=list)
    last_vitamins: list[str] = field(default_factory=list)  # for "both", "this duo", "they"
    last_named: list[str] = field(default_factory=list)  # nutrients and foods the last sentence names
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
            group = "ref" if "ref" in match.re.groupindex else 0
            start = sentence.span.start + match.start(group)
            end = sentence.span.start + match.end(group)
            if any(s < end and start < e for s, e in taken):
                continue
            own = _nutrient_before(mentions, start, vocabulary) if kind == "nutrient" else None
            referents = [own] if own else _referents(kind, discourse, vocabulary)
            for entity in referents:
                text = match.group(group)
                resolved.append(Mention(entity, Span(start, end), text, -1, -1, text))
            taken.append((start, end))
    return resolved


def _nutrient_before(mentions: list[Mention], start: int, vocabulary: Vocabulary) -> str | None:
    """The nutrient the sentence names before `start`, when it names one: 'Niacin is in many
    foods: meat and fish provide it' is about niacin, whatever the sentence before named."""
    known = vocabulary.entities
    named = {m.entity for m in mentions if m.span.start < start and known[m.entity].is_a("Nutrient")}
    return next(iter(named)) if len(named) == 1 else None


def _referents(kind: str, discourse: Discourse, vocabulary: Vocabulary) -> list[str]:
    classes = _KIND_CLASSES[kind]
    if kind == "proteins":
        pool = discourse.last_proteins
    elif kind == "protein":
        pool = discourse.last_proteins[:1] if len(discourse.last_proteins) == 1 else []
    elif kind == "pair":
        return _pair(discourse, vocabulary)
    elif kind == "nutrient":  # the one nutrient the last sentence named, else the last subject
        named = _fitting(discourse.last_named, classes, vocabulary)
        pool = named or discourse.last_subjects
    elif kind == "they":
        return (
            _pair(discourse, vocabulary)
            or _single(discourse.last_named, _THEY, vocabulary)
            or _single(discourse.last_subjects, _THEY, vocabulary)
        )
    else:
        pool = discourse.last_subjects
    fitting = _fitting(pool, classes, vocabulary)
    if kind == "proteins":
        return fitting
    if kind in ("vitamin", "mineral") and not fitting:
        # "Vitamin K2 is found in cheese. Natto is a source of this vitamin.": named, not the subject
        fitting = _fitting(discourse.last_named, classes, vocabulary)
    return fitting if len(fitting) == 1 else []  # two candidates: unclear, resolve nothing


def _fitting(pool: list[str], classes: tuple[str, ...], vocabulary: Vocabulary) -> list[str]:
    known = vocabulary.entities
    return [iri for iri in pool if iri in known and known[iri].is_a(*classes)]


def _single(pool: list[str], classes: tuple[str, ...], vocabulary: Vocabulary) -> list[str]:
    """'They' for one thing named in the plural ('fish oil capsules ... They did not ...')."""
    fitting = _fitting(pool, classes, vocabulary)
    return fitting if len(fitting) == 1 else []


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
    discourse.last_named = of_class("Nutrient", "ChemicalEntity", "Food")
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
