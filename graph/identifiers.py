"""CURIE <-> IRI conversion in one place, and label normalisation for lookups."""

from __future__ import annotations

import unicodedata
from functools import cache

import curies

from nutrikg.graph.prefixes import PREFIXES

EXTRA_PREFIXES = {
    "claim": "https://w3id.org/nutrikg/claim/",
    "doc": "https://w3id.org/nutrikg/doc/",
    "dose": "https://w3id.org/nutrikg/dose/",
    "stat": "https://w3id.org/nutrikg/statistic/",
    "statement": "https://w3id.org/nutrikg/statement/",
    "HGNC": "https://identifiers.org/hgnc:",
    "NCBIGene": "https://identifiers.org/ncbigene:",
    "NCBITaxon": "http://purl.obolibrary.org/obo/NCBITaxon_",
    # prefixes of the derived vocabulary (ontology/derived/) beyond the predeclared OBO ones
    "CDNO": "http://purl.obolibrary.org/obo/CDNO_",
    "PR": "http://purl.obolibrary.org/obo/PR_",
    "FPLX": "https://identifiers.org/fplx:",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "MESH": "http://id.nlm.nih.gov/mesh/",
}


@cache
def converter() -> curies.Converter:
    """The converter for every prefix the service knows (longest namespace wins on compression)."""
    records = {**PREFIXES, **EXTRA_PREFIXES}
    return curies.load_prefix_map(dict(records))


def to_curie(iri: str) -> str:
    """`https://w3id.org/nutrikg/osteocalcin` -> `nm:osteocalcin`; unknown namespaces stay IRIs."""
    return converter().compress(iri) or iri


def to_iri(curie: str) -> str | None:
    """`CHEBI:28940` -> its IRI, or None when the prefix is unknown."""
    prefix, colon, local = curie.partition(":")
    namespace = _namespaces().get(prefix)
    if colon and namespace is not None:  # the common case, without the converter's per-call work
        return namespace + local
    try:
        return converter().expand(curie)
    except (ValueError, KeyError):
        return None


@cache
def _namespaces() -> dict[str, str]:
    """Prefix -> namespace, read once (the converter rebuilds its map on every expansion)."""
    return dict(converter().prefix_map)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a label: 'Nattō' and 'natto' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("-", " ").split())
