"""The derived vocabulary: standard terms (ChEBI, CDNO, GO, UBERON, CL, HP, PR, HGNC, FamPlex, MeSH,
the Disease Ontology, FoodOn) read from the compact table that ontology/derive/ makes, beside the
hand-written core.

The core wins every conflict: a derived term is left out when a core entity cross-references its
identifier or already uses its label, and a derived synonym that is a core name is dropped, so
adding the table never changes what a core name means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from nutrikg.graph.lexicon import name_key


def admitted(
    rows: Iterator[tuple[str, str, str, tuple[str, ...]]],
    core_names: set[str],
    core_xrefs: set[str],
    categories: Mapping[str, frozenset[str]],
) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """The rows the core does not already name and whose category the ontology declares, with the
    synonyms the core leaves free."""
    for iri, label, category, synonyms in rows:
        if iri in core_xrefs or name_key(label) in core_names or category not in categories:
            continue
        free = tuple(s for s in synonyms if name_key(s) not in core_names)
        yield iri, label, category, free


_WORD = re.compile(r"\w+")


class NameIndex:
    """Finds the derived vocabulary's names in tokenized text by looking spans up in a dict.

    Tens of thousands of names would cost seconds and hundreds of megabytes as PhraseMatcher
    patterns (a spaCy Doc each), paid by every process that extracts; a dict of their keys costs
    a tenth of a second and a few megabytes. A span is looked up only where its first characters
    begin some name, so a document costs a few thousand dict lookups.
    """

    _HEAD = 4  # characters of a name's start that must match before a span is looked up
    _MAX_TOKENS = 12  # "25-hydroxyvitamin D 1-alpha-hydroxylase" is 9 spaCy tokens

    def __init__(self, keys: set[str]) -> None:
        self._keys = frozenset(keys)
        # A span's head is its first token cut to four characters: a name's first four characters,
        # or its first run of letters and digits when the tokenizer ends the token sooner ("b cell",
        # "myo-inositol" -> "myo").
        self._heads = frozenset(k[: self._HEAD] for k in keys) | {
            m.group()[: self._HEAD] for k in keys if (m := _WORD.match(k))
        }
        self._longest = max((len(k) for k in keys), default=0)

    def __len__(self) -> int:
        return len(self._keys)

    def spans(self, text: str, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
        """Token ranges [first, end) whose text is a name of the index."""
        found: list[tuple[int, int]] = []
        count = len(starts)
        for first in range(count):
            start = starts[first]
            if text[start : min(start + self._HEAD, ends[first])].lower() not in self._heads:
                continue
            for last in range(first, min(first + self._MAX_TOKENS, count)):
                if ends[last] - start > self._longest:
                    break
                if name_key(text[start : ends[last]]) in self._keys:
                    found.append((first, last + 1))
        return found
