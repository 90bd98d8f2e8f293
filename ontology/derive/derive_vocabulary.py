"""Derive nutrikg's vocabulary of standard terms from the public ontologies' files.

    python ontology/derive/derive_vocabulary.py --sources sources.json -o ontology/derived/vocabulary.tsv.gz

`sources.json` names each source file and the commit or version it was read at (see README.md in
ontology/derived/ for the snapshot paths); the output records them in its header lines. The scoping,
synonym and label rules are in `rules.py` and README.md. Rerunning on the same files gives the same
bytes (rows sorted, gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rules import common_name, is_common_word, keep_name, keep_synonym, key, sentence_case
from sources import (
    Term,
    descendants,
    read_famplex_grounding,
    read_mesh_mappings,
    read_obo,
    read_ofn_names,
    read_owl,
    read_tsv_names,
)

# ChEBI roots that decide a chemical's category (is_a, or has_role for roles such as "vitamin").
VITAMIN_ROLE = "CHEBI:33229"
MINERAL_ROOTS = (
    "CHEBI:33521",
    "CHEBI:23906",
    "CHEBI:33318",
)  # metal atom, monoatomic cation, main group element atom
PHENOTYPIC_ABNORMALITY = "HP:0000118"
BIOLOGICAL_PROCESS = "GO:0008150"
# GO processes named "regulation of X" say how X is controlled; texts say that with a verb, which
# the relation rules read, so only the bare processes are names.
REGULATION = ("regulation of", "positive regulation of", "negative regulation of")


@dataclass
class Entry:
    """One derived entity: its identifier, label, nm: category, synonyms and source."""

    curie: str
    label: str
    category: str
    synonyms: list[str]
    source: str


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
    mesh_names: dict[str, list[str]] = {}
    for heading, curie, _ in mesh:
        mesh_names.setdefault(curie, []).append(heading)
    entries = chemicals(paths, mesh_names)
    entries += processes(paths, mesh_names)
    entries += anatomy(paths, mesh_names)
    entries += phenotypes(paths["hp"], mesh_names)
    entries += proteins(paths, mesh)
    entries += mesh_headings(read_mesh_mappings(paths["mesh_mappings"], descriptors_only=True))
    entries += foods(paths)
    entries += gene_symbols(paths["hgnc_mondo"])
    return entries


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
            or _generic_chemical(term.name)
            or is_common_word(term.name)
        ):
            continue  # a class named by a common word ("food") is a role, not a substance
        in_cdno = curie in cdno
        category = _chemical_category(curie, in_cdno, vitamins, minerals)
        names = [*term.exact, *term.related, *bel.get(curie, []), *mesh_names.get(curie, [])]
        label = common_name(term.name, [*term.exact, *term.related], chemical=True)
        entries.append(_entry(curie, label, category, [term.name, *names], "CDNO" if in_cdno else "ChEBI"))
    return entries


def _generic_chemical(name: str) -> bool:
    """Upper-level ChEBI classes ("molecular entity", "organic group", "biological role")."""
    return any(word in name.split() for word in ("entity", "group", "role", "application"))


def _chemical_category(curie: str, in_cdno: bool, vitamins: set[str], minerals: set[str]) -> str:
    if curie in vitamins:
        return "Vitamer"
    if curie in minerals:
        return "Mineral"
    return "Nutrient" if in_cdno else "ChemicalEntity"


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
        entries.append(_entry(curie, term.name, "BiologicalProcess", names, "GO"))
        entries[-1].synonyms += [n for n in mesh_names.get(curie, []) if keep_synonym(n, process=True)]
    return entries


def anatomy(paths: dict[str, Path], mesh_names: dict[str, list[str]]) -> list[Entry]:
    """UBERON anatomy and CL cell types of the MONDO import modules."""
    entries = []
    for name, prefix, category in (("uberon", "UBERON:", "AnatomicalSite"), ("cl", "CL:", "Cell")):
        for curie, term in sorted(read_obo(paths[name]).items()):
            if curie.startswith(prefix):
                synonyms = [*term.exact, *mesh_names.get(curie, [])]
                entries.append(_entry(curie, term.name, category, synonyms, prefix[:-1]))
    return entries


def phenotypes(path: Path, mesh_names: dict[str, list[str]]) -> list[Entry]:
    """Every HP phenotypic abnormality (conditions, deficiencies, signs and symptoms)."""
    terms = read_obo(path)
    entries = []
    for curie in sorted(descendants(terms, PHENOTYPIC_ABNORMALITY) - {PHENOTYPIC_ABNORMALITY}):
        term = terms[curie]
        synonyms = [*term.exact, *mesh_names.get(curie, [])]
        entries.append(_entry(curie, term.name, "Condition", synonyms, "HP"))
    return entries


def proteins(paths: dict[str, Path], mesh: list[tuple[str, str, str]]) -> list[Entry]:
    """PR proteins of the HP import, human genes' products named by MeSH headings (hepcidin is
    MeSH "Hepcidins" -> HGNC:15598), and FamPlex protein families ("metallothionein")."""
    entries = []
    for curie, term in sorted(read_obo(paths["pr"]).items()):
        if curie.startswith("PR:"):
            entries.append(_entry(curie, term.name, _protein_category(term.name), term.exact, "PR"))
    by_gene: dict[str, list[str]] = {}
    for heading, curie, symbol in mesh:
        if curie.startswith("HGNC:"):
            by_gene.setdefault(curie, []).extend([heading, symbol])
    for curie, names in sorted(by_gene.items()):
        label = _singular(sentence_case(names[0]))
        entries.append(_entry(curie, label, _protein_category(label), names, "MeSH-HGNC"))
    for curie, texts in sorted(read_famplex_grounding(paths["famplex"]).items()):
        label = _family_label(curie, texts)
        entries.append(_entry(curie, label, "ProteinGroup", texts, "FamPlex"))
    return entries


# MeSH main headings (descriptor ids D...) mapped to ChEBI (drugs and other chemicals) and to the
# Disease Ontology (diseases): the names a biomedical text uses for them. Supplementary concepts
# (C...) are left out: tens of thousands of rare compounds and syndromes no nutrition text names.
MESH_TARGETS = {"CHEBI:": ("ChemicalEntity", "MeSH-ChEBI"), "DOID:": ("Condition", "MeSH-DOID")}


def mesh_headings(mesh: list[tuple[str, str, str]]) -> list[Entry]:
    """MeSH descriptors' ChEBI and DOID targets, labelled by the target's name ("orlistat",
    "psoriasis"), the heading a synonym unless it is inverted ("Arthritis, Psoriatic")."""
    names: dict[str, list[str]] = {}
    for heading, curie, target in sorted(mesh):
        if curie.startswith(tuple(MESH_TARGETS)):
            names.setdefault(curie, [target])
            if "," not in heading:
                names[curie].append(heading)
    entries = []
    for curie, (target, *headings) in sorted(names.items()):
        category, source = MESH_TARGETS[curie.split(":")[0] + ":"]
        entries.append(_entry(curie, target, category, headings, source))
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
        entries.append(_entry(curie, label, "Food", names, "FoodOn"))
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


def gene_symbols(path: Path) -> list[Entry]:
    """The human genes of MONDO's HGNC import (genes of diseases), named by their approved symbol
    when it cannot be a word: three or more characters with a digit ("DIO3", "SLC40A1"), or four
    or more capitals with no vowel ("MTHFR", "TSHR"); "CAMP", "CLOCK", "TPO" stay out (words, or
    too short to tell from other abbreviations)."""
    entries = []
    for iri, term in sorted(read_obo(path).items()):
        if _gene_symbol(term.name):
            curie = "HGNC:" + iri.rsplit("/", 1)[-1]
            entries.append(_entry(curie, term.name, _protein_category(term.name), [], "HGNC"))
    return entries


def _gene_symbol(symbol: str) -> bool:
    if not symbol.isascii() or not symbol.isalnum() or symbol.upper() != symbol:
        return False
    digit = any(ch.isdigit() for ch in symbol)
    vowel = any(ch in "AEIOUY" for ch in symbol)
    return (digit and len(symbol) >= 3 and symbol[0].isalpha()) or (len(symbol) >= 4 and not vowel)


def _protein_category(name: str) -> str:
    return "Enzyme" if name.split()[-1].rstrip("s").endswith("ase") else "Protein"


def _singular(heading: str) -> str:
    """MeSH headings are plural ("Hepcidins", "Metallothioneins"); texts name one protein."""
    words = heading.split()
    if words and words[-1].endswith(("ins", "ases", "ones", "ides")) and words[-1].islower():
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _family_label(curie: str, texts: list[str]) -> str:
    """A lower-case grounding text of the family ("metallothionein"), else its FamPlex name."""
    lower = [t for t in texts if t.islower() and keep_name(t)]
    if lower:
        return min(lower, key=lambda t: (len(t), t))
    return curie.split(":", 1)[1].replace("_", " ")


def _entry(curie: str, label: str, category: str, names: Iterable[str], source: str) -> Entry:
    """Sentence-cased label and synonyms ("Tiredness" -> "tiredness"), the unfit ones dropped. HP's
    names are kept exactly as HP writes them: its licence forbids altering the content."""
    verbatim = source == "HP"
    label = label if verbatim else sentence_case(label)
    seen = {key(label)}
    synonyms = []
    for name in names:
        name = name.strip() if verbatim else sentence_case(name.strip())
        if key(name) not in seen and keep_name(name):
            seen.add(key(name))
            synonyms.append(name)
    return Entry(curie, label, category, synonyms, source)


def resolve_ambiguity(entries: list[Entry]) -> list[Entry]:
    """A name two entities share names neither, unless it is the label of exactly one of them.
    An entity whose label is taken by another's label is dropped (ChEBI before CDNO's own
    classes, then the order of `derive`), so every label names one entity."""
    labels: dict[str, str] = {}
    kept: list[Entry] = []
    for entry in sorted(entries, key=_precedence):
        if key(entry.label) in labels or not keep_name(entry.label):
            continue
        labels[key(entry.label)] = entry.curie
        kept.append(entry)
    owners: Counter[str] = Counter(k for e in kept for k in {key(s) for s in e.synonyms})
    for entry in kept:
        entry.synonyms = sorted(
            {s for s in entry.synonyms if key(s) not in labels and owners[key(s)] == 1}, key=str.lower
        )
    return sorted(kept, key=lambda e: e.curie)


_SOURCE_ORDER = (
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
    "FoodOn",
    "HGNC",
)


def _precedence(entry: Entry) -> tuple[int, int, str]:
    """ChEBI classes before CDNO's own groupings; then by source; then by identifier."""
    return (entry.curie.startswith("CDNO:"), _SOURCE_ORDER.index(entry.source), entry.curie)


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
