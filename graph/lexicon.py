"""The derived vocabulary's table (ontology/derived/vocabulary.tsv.gz) read as rows: what the
extractor matches in text and what the service can name even when no document mentions it."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from nutrikg.graph.identifiers import to_iri
from nutrikg.ontology import DERIVED_VOCABULARY, ONTOLOGY_DIR

DERIVED_TABLE = Path(ONTOLOGY_DIR) / DERIVED_VOCABULARY


def read_rows(path: Path) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """(IRI, label, nm: category, synonyms) per row of the table; '#' lines and the header skipped."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(("#", "curie\t")):
                continue
            curie, label, category, synonyms, _source = line.rstrip("\n").split("\t")
            iri = to_iri(curie)
            if iri is not None:
                yield iri, label, category, tuple(s for s in synonyms.split("|") if s)


def name_key(name: str) -> str:
    """How names are compared: lower case, single spaces (as the matcher's lower-cased tokens)."""
    return " ".join(name.lower().replace("’", "'").split())
