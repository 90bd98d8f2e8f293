"""SHACL validation of a built graph against the shapes shipped with the ontology."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from nutrikg.ontology import ONTOLOGY_DIR, SHAPES_FILE


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str
    violations: int


def shapes_graph() -> Graph:
    shapes = Graph()
    shapes.parse(Path(ONTOLOGY_DIR) / SHAPES_FILE, format="turtle")
    return shapes


def validate_graph(rdf_graph: Graph) -> ValidationReport:
    """Check `rdf_graph` against the shapes; the report text lists each violation."""
    conforms, results, text = shacl_validate(
        rdf_graph, shacl_graph=shapes_graph(), inference="none", advanced=False, allow_warnings=True
    )
    from pyshacl.consts import SH

    violations = sum(1 for _ in results.subjects(predicate=SH.resultSeverity))
    return ValidationReport(bool(conforms), str(text), violations)
