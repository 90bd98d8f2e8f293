"""MeSH: the names its headings and entry terms give the terms of other sources it maps to
(ChEBI, the Disease Ontology, HGNC, HP, GO, UBERON, CL), and its own descriptors, by branch of
its tree, where no other source has the term (foods and beverages, proteins, drug classes,
diseases).

Development-time code only: nothing here is imported by the package at run time.
"""

from __future__ import annotations

from entries import Entry, make_entry
from rules import key, unambiguous_name
from tables import MeshTerm
from wordfreq import zipf_frequency

# MeSH main headings (descriptor ids D...) mapped to ChEBI (drugs and other chemicals) and to the
# Disease Ontology (diseases): the names a biomedical text uses for them.
MESH_TARGETS = {"CHEBI:": ("ChemicalEntity", "MeSH-ChEBI"), "DOID:": ("Condition", "MeSH-DOID")}
# The branches of MeSH's tree whose descriptors are entities of their own where no other source
# maps them, by the longest matching tree number: foods and beverages, enzymes, proteins and
# peptides, other chemicals and drugs (with the classes of drugs by action: "statins"), diseases.
# Polymers and materials (D05, D25: "rubber", "steel", "porcelain") are left out: texts on
# nutrition do not name them as substances that act.
MESH_BRANCHES = (
    ("J02", "Food"),
    ("D08.811", "Enzyme"),
    ("D12.776", "Protein"),
    ("D12.644", "Protein"),
    *((b, "ChemicalEntity") for b in ("D01", "D02", "D03", "D04", "D06", "D08", "D09", "D10", "D12")),
    *((b, "ChemicalEntity") for b in ("D13", "D20", "D23", "D26")),
    ("D27.505", "ChemicalEntity"),  # drug classes by action ("statins", "anticonvulsants")
    ("C", "Condition"),
)
# A one-word MeSH name this common in general English (wordfreq's Zipf scale) is an everyday
# word first ("ice", "solution", "smoke", "emergency"), unless it names a food ("tea", "coffee").
EVERYDAY_ZIPF = 4.5


def mesh_case(name: str) -> str:
    """MeSH writes names in title case ("Valproic Acid", "Thyroid-Stimulating Hormone"): words
    written capital-then-lower are lower-cased, abbreviations and mixed forms kept ("HMG-CoA")."""
    words = []
    for word in name.split(" "):
        parts = [p.lower() if p[:1].isupper() and p[1:].islower() else p for p in word.split("-")]
        words.append("-".join(parts))
    return " ".join(words)


def term_names(term: MeshTerm) -> list[str]:
    """A MeSH term's heading and entry terms as texts write them: inverted forms ("Acid,
    Valproic") left out, MeSH's "cpd" qualifier ("EGCG cpd": the compound EGCG) taken off."""
    names = []
    for name in (term.name, *term.entries):
        name = name.removesuffix(" cpd").strip()
        if name and "," not in name and unambiguous_name(name):
            names.append(mesh_case(name))
    return names


def names_by_target(mappings: list[tuple[str, str]], terms: dict[str, MeshTerm]) -> dict[str, list[str]]:
    """Target identifier -> the MeSH names of the headings and concepts mapped to it."""
    names: dict[str, list[str]] = {}
    for mesh_id, curie in mappings:
        term = terms.get(mesh_id)
        if term is not None:
            names.setdefault(curie, []).extend(term_names(term))
    return names


def mesh_headings(mesh: list[tuple[str, str, str]], names: dict[str, list[str]] | None = None) -> list[Entry]:
    """MeSH descriptors' ChEBI and DOID targets, labelled by the target's name ("orlistat",
    "psoriasis"), the heading a synonym unless it is inverted ("Arthritis, Psoriatic"); `names`
    adds the MeSH names of each target (entry terms)."""
    headings: dict[str, list[str]] = {}
    for heading, curie, target in sorted(mesh):
        if curie.startswith(tuple(MESH_TARGETS)):
            headings.setdefault(curie, [target])
            if "," not in heading:
                headings[curie].append(heading)
    entries = []
    for curie, (target, *more) in sorted(headings.items()):
        category, source = MESH_TARGETS[curie.split(":")[0] + ":"]
        entries.append(make_entry(curie, target, category, [*more, *(names or {}).get(curie, [])], source))
    return entries


def mesh_descriptors(terms: dict[str, MeshTerm], mapped: set[str]) -> list[Entry]:
    """The descriptors of `MESH_BRANCHES` that no mapping sends to another source's term, under
    their own identifier (MESH:D013662, "tea"). A heading naming a class in the plural
    ("Ferritins", "Vegetables") is labelled by the entry term it is the plural of."""
    entries = []
    for mesh_id, term in sorted(terms.items()):
        category = branch_category(term.trees) if mesh_id.startswith("D") else None
        if category is None or mesh_id in mapped:
            continue
        names = [n for n in term_names(term) if category == "Food" or not everyday_word(n)]
        if not names:
            continue
        label = singular_label(names)
        if unambiguous_name(label):
            entries.append(make_entry("MESH:" + mesh_id, label, category, names, "MeSH"))
    return entries


def everyday_word(name: str) -> bool:
    return " " not in name and zipf_frequency(name.lower(), "en") >= EVERYDAY_ZIPF


def branch_category(trees: list[str]) -> str | None:
    """The category of the first branch (in `MESH_BRANCHES` order) any tree number lies in."""
    for branch, category in MESH_BRANCHES:
        if any(_in_branch(tree, branch) for tree in trees):
            return category
    return None


def _in_branch(tree: str, branch: str) -> bool:
    """'D08.811.277' lies in 'D08.811' and in 'D' (a whole category), not in 'D08.8'."""
    return tree == branch or tree.startswith(branch + ".") or (len(branch) == 1 and tree.startswith(branch))


def singular_label(names: list[str]) -> str:
    """'ferritins' with the entry term 'ferritin' -> 'ferritin'; else the heading."""
    heading = names[0]
    for name in names[1:]:
        if key(heading) in (key(name) + "s", key(name) + "es"):
            return name
    return heading
