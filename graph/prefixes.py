"""The prefixes every query may use without declaring them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

_OBO = "http://purl.obolibrary.org/obo/"
_OBO_PREFIXES = ("CHEBI", "GO", "UBERON", "CL", "MONDO", "HP", "RO", "BFO", "NCIT", "FOODON", "UO")

PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "nm": "https://w3id.org/nutrikg/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "prov": "http://www.w3.org/ns/prov#",
        "dcterms": "http://purl.org/dc/terms/",
        "biolink": "https://w3id.org/biolink/vocab/",
        "sh": "http://www.w3.org/ns/shacl#",
        **{name: f"{_OBO}{name}_" for name in _OBO_PREFIXES},
        "UniProtKB": "http://purl.uniprot.org/uniprot/",
    }
)
"""Predeclared prefix -> namespace IRI, in a stable order."""

# A prefix declaration as the SPARQL grammar allows it (PNAME_NS may be empty: `PREFIX : <...>`).
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def declared_prefixes(query: str) -> set[str]:
    """Prefix names a query declares itself (a best-effort scan; comments are not skipped)."""
    return {match.group(1) or "" for match in _DECLARED.finditer(query)}


def expand_prefixes(query: str) -> str:
    """Return `query` with a PREFIX line prepended for each predeclared prefix it lacks.

    The local endpoint passes the prefixes to the parsers instead (so that error
    positions stay those of the text the user wrote); this form is for sending a
    query on to a store that does not know them.
    """
    declared = declared_prefixes(query)
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return "\n".join([*lines, query]) if lines else query
