"""`ontology.terms.NM` and the Turtle files declare exactly the same nm: terms."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef

from nutrikg.ontology import ONTOLOGY_DIR, ONTOLOGY_FILES, SHAPES_FILE
from nutrikg.ontology.terms import (
    BIOLINK,
    NM,
    NM_CLAIM,
    NM_DOC,
    NM_DOSE,
    NM_IRI,
    NM_STAT,
    nm_term,
)

# An nm: term is a bare local name; claim, document, dose, statistic and shape IRIs have a
# further path segment and are not terms.
TERM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

# Namespace IRIs the contract fixes for standard identifiers.
CONTRACT_NAMESPACES = {
    "nm": NM_IRI,
    "biolink": str(BIOLINK),
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_",
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "UniProtKB": "http://purl.uniprot.org/uniprot/",
    "HGNC": "https://identifiers.org/hgnc:",
    "NCBIGene": "https://identifiers.org/ncbigene:",
}


def local_term(node: object) -> str | None:
    """The local name if `node` is an nm: term IRI, else None."""
    if isinstance(node, URIRef) and str(node).startswith(NM_IRI):
        name = str(node)[len(NM_IRI) :]
        if TERM_NAME.fullmatch(name):
            return name
    return None


def parse(name: str) -> Graph:
    return Graph().parse(ONTOLOGY_DIR / name, format="turtle")


def declared_in_turtle() -> set[str]:
    """Local names of the nm: terms that are subjects of the ontology files."""
    declared: set[str] = set()
    for name in ONTOLOGY_FILES:
        declared |= {t for t in map(local_term, parse(name).subjects()) if t is not None}
    return declared


def used_in(rdf_graph: Graph) -> set[str]:
    """Local names of every nm: term that appears anywhere in a graph."""
    return {t for triple in rdf_graph for t in map(local_term, triple) if t is not None}


def test_terms_py_matches_turtle() -> None:
    in_python = set(NM.__annotations__)
    in_turtle = declared_in_turtle()
    assert sorted(in_turtle - in_python) == [], "declared in Turtle, missing from terms.py"
    assert sorted(in_python - in_turtle) == [], "in terms.py, not declared in Turtle"


@pytest.mark.parametrize("name", [*ONTOLOGY_FILES, SHAPES_FILE])
def test_every_nm_term_used_is_declared(name: str) -> None:
    assert sorted(used_in(parse(name)) - declared_in_turtle()) == []


def test_terms_resolve_to_iris() -> None:
    assert NM.vitamin_k2 == URIRef("https://w3id.org/nutrikg/vitamin_k2")
    assert NM.activates == URIRef("https://w3id.org/nutrikg/activates")
    assert NM.NotCausal == URIRef("https://w3id.org/nutrikg/NotCausal")


def test_unknown_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = NM.vitamin_k9
    with pytest.raises(AttributeError):
        nm_term("vitamin_k9")
    assert nm_term("vitamin_k2") == NM.vitamin_k2


def test_instance_namespaces() -> None:
    assert NM_CLAIM["0123456789abcdef"] == URIRef(f"{NM_IRI}claim/0123456789abcdef")
    assert str(NM_DOC) == f"{NM_IRI}doc/"
    assert str(NM_DOSE) == f"{NM_IRI}dose/"
    assert str(NM_STAT) == f"{NM_IRI}statistic/"
    assert str(BIOLINK) == "https://w3id.org/biolink/vocab/"


def test_turtle_prefixes_agree_with_each_other_and_the_contract() -> None:
    seen: dict[str, str] = dict(CONTRACT_NAMESPACES)
    for name in (*ONTOLOGY_FILES, SHAPES_FILE):
        declared = Graph(bind_namespaces="none").parse(ONTOLOGY_DIR / name, format="turtle")
        for prefix, iri in declared.namespaces():
            assert seen.setdefault(prefix, str(iri)) == str(iri), (name, prefix)


def test_package_files_exist() -> None:
    for name in (*ONTOLOGY_FILES, SHAPES_FILE):
        assert (ONTOLOGY_DIR / name).is_file(), name
