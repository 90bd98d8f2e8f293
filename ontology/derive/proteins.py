"""Proteins: PR terms of the HP import, human genes' products named by MeSH headings, FamPlex
families, and every human gene with a protein product that HGNC approves, by its approved name
and by those of its symbols no word can be meant by.

Development-time code only: nothing here is imported by the package at run time.
"""

from __future__ import annotations

from pathlib import Path

from entries import Entry, make_entry
from rules import keep_name, sentence_case, unambiguous_name
from sources import read_famplex_grounding, read_obo
from tables import read_hgnc_genes


def proteins(paths: dict[str, Path], mesh: list[tuple[str, str, str]]) -> list[Entry]:
    """PR proteins of the HP import, human genes' products named by MeSH headings (hepcidin is
    MeSH "Hepcidins" -> HGNC:15598), and FamPlex protein families ("metallothionein")."""
    entries = []
    for curie, term in sorted(read_obo(paths["pr"]).items()):
        if curie.startswith("PR:"):
            entries.append(make_entry(curie, term.name, protein_category(term.name), term.exact, "PR"))
    by_gene: dict[str, list[str]] = {}
    for heading, curie, symbol in mesh:
        if curie.startswith("HGNC:"):
            by_gene.setdefault(curie, []).extend([heading, symbol])
    for curie, names in sorted(by_gene.items()):
        label = singular(sentence_case(names[0]))
        entries.append(make_entry(curie, label, protein_category(label), names, "MeSH-HGNC"))
    for curie, grounded in sorted(read_famplex_grounding(paths["famplex"]).items()):
        texts = [t for t in grounded if unambiguous_name(t)]  # not "hER", a word in lower case
        label = _family_label(curie, texts)
        entries.append(make_entry(curie, label, "ProteinGroup", texts, "FamPlex"))
    return entries


def genes(path: Path) -> list[Entry]:
    """HGNC's approved human genes with a protein product, labelled by the approved name where
    texts can write it ("thyroid peroxidase", "klotho"; not "solute carrier family 40 member 1",
    too long, nor "opsin 1, short wave sensitive", a list form), else by the approved symbol;
    the symbols (approved, alias, previous) only where no word can be meant (`gene_symbol`).
    An enzyme where HGNC gives the gene an EC number."""
    entries = []
    all_genes = read_hgnc_genes(path)
    approved = {gene.symbol for gene in all_genes}  # an approved symbol is no other gene's alias
    for gene in all_genes:
        others = [s for s in gene.other_symbols if s not in approved]
        symbols = [s for s in (gene.symbol, *others) if gene_symbol(s) and unambiguous_name(s)]
        name = gene.name if unambiguous_name(gene.name) and "," not in gene.name else None
        label = name or (gene.symbol if gene.symbol in symbols else None)
        if label is None:
            continue
        category = "Enzyme" if gene.enzyme else protein_category(label)
        entries.append(make_entry(gene.curie, label, category, symbols, "HGNC"))
    return entries


def gene_symbol(symbol: str) -> bool:
    """A gene symbol that cannot be a word: three or more characters with a digit ("DIO3",
    "SLC40A1"), or four or more capitals with no vowel ("MTHFR", "TSHR"); "CAMP", "CLOCK", "TPO"
    stay out (words, or too short to tell from other abbreviations)."""
    if not symbol.isascii() or not symbol.isalnum() or symbol.upper() != symbol:
        return False
    digit = any(ch.isdigit() for ch in symbol)
    vowel = any(ch in "AEIOUY" for ch in symbol)
    return (digit and len(symbol) >= 3 and symbol[0].isalpha()) or (len(symbol) >= 4 and not vowel)


def protein_category(name: str) -> str:
    return "Enzyme" if name.split()[-1].rstrip("s").endswith("ase") else "Protein"


def singular(heading: str) -> str:
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
