"""The derived vocabulary's rows and the rules that settle them across sources: one row per
identifier (names merged), one entity per label, and no name shared by two entities.

Development-time code only: nothing here is imported by the package at run time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rules import british_spelling, keep_name, key, sentence_case


@dataclass
class Entry:
    """One derived entity: its identifier, label, nm: category, synonyms and source."""

    curie: str
    label: str
    category: str
    synonyms: list[str]
    source: str


def make_entry(curie: str, label: str, category: str, names: Iterable[str], source: str) -> Entry:
    """Sentence-cased label and synonyms ("Tiredness" -> "tiredness"), with their British
    spellings ("anaemia"), the unfit ones dropped. HP's names are kept exactly as HP writes them:
    its licence forbids altering the content."""
    verbatim = source == "HP"
    label = label if verbatim else sentence_case(label)
    seen = {key(label)}
    synonyms = []
    for name in [label, *names]:
        name = name.strip() if verbatim else sentence_case(name.strip())
        spellings = [name] if verbatim else [name, british_spelling(name) or name]
        for spelling in spellings:
            if key(spelling) not in seen and keep_name(spelling):
                seen.add(key(spelling))
                synonyms.append(spelling)
    return Entry(curie, label, category, synonyms, source)


# Which source's row wins a label or an identifier two sources give (see README.md).
SOURCE_ORDER = (
    "CDNO",
    "ChEBI",
    "HP",
    "GO",
    "CL",
    "UBERON",
    "PR",
    "MeSH-HGNC",
    "FamPlex",
    "MeSH-ChEBI",
    "MeSH-DOID",
    "DOID",
    "FoodOn",
    "HGNC",
    "ChEBI-role",
    "MeSH",
)


def precedence(entry: Entry) -> tuple[int, int, str]:
    """ChEBI classes before CDNO's own groupings; then by source; then by identifier."""
    return (entry.curie.startswith("CDNO:"), SOURCE_ORDER.index(entry.source), entry.curie)


def merge_by_identifier(entries: list[Entry]) -> list[Entry]:
    """One row per identifier: where two sources give the same one (ChEBI's aspirin and MeSH's
    "acetylsalicylic acid" are both CHEBI:15365), the first by precedence keeps its label,
    category and source, and the other's label and synonyms join its synonyms. Two rows of one
    identifier would leave the table's reader only the last, and its names only."""
    merged: dict[str, Entry] = {}
    for entry in sorted(entries, key=precedence):
        first = merged.get(entry.curie)
        if first is None:
            merged[entry.curie] = entry
            continue
        known = {key(first.label), *(key(s) for s in first.synonyms)}
        for name in (entry.label, *entry.synonyms):
            if key(name) not in known and keep_name(name):
                known.add(key(name))
                first.synonyms.append(name)
    return list(merged.values())


def _one_per_key(names: list[str]) -> list[str]:
    """The first of names that compare alike ("3-Aminopropionic acid", "3-aminopropionic acid")."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(key(name), name)
    return list(kept.values())


# Categories of one kind of thing: a name one of them bears names the same thing in another.
_KINDS = {
    "Nutrient": "chemical",
    "Vitamer": "chemical",
    "Mineral": "chemical",
    "ChemicalEntity": "chemical",
    "Protein": "protein",
    "Enzyme": "protein",
    "ProteinGroup": "protein",
}


FALLBACK_SOURCES = frozenset({"MeSH"})


def kind(category: str) -> str:
    return _KINDS.get(category, category)


def resolve_ambiguity(entries: list[Entry]) -> list[Entry]:
    """A name two entities share names neither, unless it is the label of exactly one of them.

    Entities are taken in precedence order (ChEBI before CDNO's own classes, then the source
    order). One whose label an earlier one of the same kind from another source already bears
    as its label is that thing under another source's identifier (HP's and the Disease
    Ontology's "diabetes mellitus"), and so is a MeSH descriptor whose label it bears as a
    synonym (CDNO's phytate, "phytic acid", and MeSH's "Phytic Acid"): its names join the
    earlier one's ("diabetes"). One whose label an earlier one of another kind bears as its label
    is dropped, so every label names one entity."""
    labels: dict[str, Entry] = {}
    bearers: dict[str, Entry] = {}  # name -> the first kept entity bearing it
    kept: list[Entry] = []
    for entry in sorted(merge_by_identifier(entries), key=precedence):
        # MeSH's own descriptors stand in where no other source has the term: one whose label
        # another entity bears as a synonym is that entity. Other sources' terms are merged only
        # on a shared label (a synonym is looser: HP gives "psoriasiform dermatitis" "psoriasis").
        bearer = (
            bearers.get(key(entry.label))
            if entry.source in FALLBACK_SOURCES
            else labels.get(key(entry.label))
        )
        if (
            bearer is not None
            and bearer.source != entry.source
            and kind(bearer.category) == kind(entry.category)
        ):
            bearer.synonyms += [entry.label, *entry.synonyms]
            bearers.update((key(s), bearer) for s in (entry.label, *entry.synonyms) if key(s) not in bearers)
            continue
        if key(entry.label) in labels or not keep_name(entry.label):
            continue
        labels[key(entry.label)] = entry
        bearers.update((key(s), entry) for s in (entry.label, *entry.synonyms) if key(s) not in bearers)
        kept.append(entry)
    owners: Counter[str] = Counter(k for e in kept for k in {key(s) for s in e.synonyms})
    for entry in kept:
        free = {s for s in entry.synonyms if key(s) not in labels and owners[key(s)] == 1}
        entry.synonyms = _one_per_key(sorted(free, key=lambda s: (s.lower(), s)))
    return sorted(kept, key=lambda e: e.curie)
