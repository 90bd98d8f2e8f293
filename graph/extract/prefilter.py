"""Literal prefilters: the words a pattern cannot match without, read out of the pattern and
tested before the pattern is run.

Most of the pipeline's patterns look for words that most sentences do not hold; a substring test
for those words is many times cheaper than a scan by Python's regex engine, which has no fast path
for patterns that open with \\b or a choice of case-insensitive words. The words are read out of
the pattern itself (by the standard library's own regex parser), so they cannot drift from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from re import _constants as _sre_ops  # type: ignore[attr-defined]
from re import _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any


@dataclass(frozen=True)
class Literals:
    """Strings of which every match of a pattern holds at least one.

    `folded`: the pattern ignores case, so the strings are looked for in `fold_case(text)`.
    """

    strings: frozenset[str]
    folded: bool

    def found_in(self, text: str, folded: str | None = None) -> bool:
        """`folded`: `fold_case(text)`, when the caller has it already."""
        haystack = text if not self.folded else fold_case(text) if folded is None else folded
        for string in self.strings:  # noqa: SIM110 - no generator: this runs per sentence and pattern
            if string in haystack:
                return True
        return False


class Prefiltered:
    """A compiled pattern that is only run over texts holding one of its required literals.

    `search` and `finditer` answer exactly as the pattern's own methods do.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.literals = required_literals(pattern)

    def may_match(self, text: str, folded: str | None = None) -> bool:
        """False only when the pattern cannot match `text` (`folded`: as in Literals.found_in)."""
        return self.literals is None or self.literals.found_in(text, folded)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text, folded) else None

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text, folded) else iter(())


# The only non-ASCII characters that Python's case-insensitive matching equates with ASCII ones
# (an exhaustive scan of Unicode, repeated in the tests): İ and ı with i, ſ with s, the Kelvin sign
# with k. `str.lower` alone leaves ſ and ı alone and turns İ into two characters.
_ASCII_LOOKALIKES = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_LOOKALIKE_CHARS = tuple(chr(code) for code in _ASCII_LOOKALIKES)


def fold_case(text: str) -> str:
    """`text` lower-cased so that whatever a case-insensitive pattern matches in it as an ASCII
    literal appears in the result as that literal in lower case."""
    if not text.isascii() and any(char in text for char in _LOOKALIKE_CHARS):
        text = text.translate(_ASCII_LOOKALIKES)  # slow, so only when one is there
    return text.lower()


_Alternatives = frozenset[str] | None


@cache
def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Strings of which every match of `pattern` holds one; None when the pattern needs none
    that the analysis can see (it then always has to run).

    A match of a sequence holds a literal of each of its mandatory parts; the most selective part
    (longest shortest literal) stands for the sequence, a choice needs one of its branches', and
    optional parts, classes, wildcards and assertions need nothing that is known.
    """
    folded = bool(pattern.flags & re.IGNORECASE)
    try:
        found = _sequence(list(_sre_parser.parse(pattern.pattern, pattern.flags)), folded)
    except Exception:  # a private parser may change shape: without a prefilter, answers still hold
        return None
    if not found:
        return None
    # "activat" is in every text that holds "activation": testing the shorter one is enough.
    return Literals(frozenset(a for a in found if not any(b != a and b in a for b in found)), folded)


# The parser's trees are untyped: a SubPattern is a list of (operation, argument) pairs whose
# argument's shape depends on the operation.
def _sequence(items: Any, folded: bool) -> _Alternatives:
    """What a run of operations in a row requires: its most selective mandatory part."""
    candidates: list[frozenset[str]] = []
    run = ""
    for op, argument in items:
        char = _literal_char(op, argument, folded)
        if char is not None:
            run += char
            continue
        if run:
            candidates.append(frozenset({run}))
            run = ""
        found = _operation(op, argument, folded)
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({run}))
    return max(candidates, key=_selectivity, default=None)


def _literal_char(op: Any, argument: Any, folded: bool) -> str | None:
    """The character a LITERAL operation matches, as looked for; None for anything else."""
    if op is not _sre_ops.LITERAL or not isinstance(argument, int):
        return None
    char = chr(argument)
    if not folded:
        return char
    if char.isascii():
        return char.lower()
    # A cased non-ASCII letter may match characters that fold differently (µ and μ): unknown.
    return char if char.lower() == char == char.upper() else None


def _operation(op: Any, argument: Any, folded: bool) -> _Alternatives:
    if op is _sre_ops.SUBPATTERN:
        _, add_flags, del_flags, body = argument
        if (add_flags | del_flags) & re.IGNORECASE:
            return None  # a scoped change of case sensitivity: not analysed
        return _sequence(list(body), folded)
    if op is _sre_ops.ATOMIC_GROUP:
        return _sequence(list(argument), folded)
    if op in (_sre_ops.MAX_REPEAT, _sre_ops.MIN_REPEAT, _sre_ops.POSSESSIVE_REPEAT):
        least, _, body = argument
        return _sequence(list(body), folded) if least >= 1 else None
    if op is _sre_ops.BRANCH:
        _, branches = argument
        union: set[str] = set()
        for branch in branches:
            found = _sequence(list(branch), folded)
            if not found:
                return None  # one branch needs nothing, so neither does the choice
            union |= found
        return frozenset(union)
    return None  # classes, wildcards, assertions, back-references: nothing known


def _selectivity(alternatives: frozenset[str]) -> tuple[int, int]:
    """Longer shortest literal first, then fewer alternatives to test."""
    return min(len(a) for a in alternatives), -len(alternatives)
