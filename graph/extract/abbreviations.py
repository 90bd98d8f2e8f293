"""Abbreviations a document defines: "neural tube defects (NTDs)", "EPA (eicosapentaenoic acid)".

Schwartz & Hearst's algorithm (Pac. Symp. Biocomput. 2003): a short form in parentheses after its
long form, or the reverse; the long form is the shortest run of words before the parenthesis that
holds every letter and digit of the short form in order, the short form's first character
starting a word. Two departures, both for how biomedical texts write abbreviations:

- digits ending a short form need not occur in the long form ("thyroxine (T4)": the digit counts
  iodine atoms, it is not spelled out);
- a short form holds a capital letter ("(calciferol)", "(e.g. milk)" are asides, not definitions).

Which entity a long form names is the entity matcher's business (entities.py); this module only
finds where definitions and later uses of a short form are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A parenthesised text with no nested parentheses; the text before it, back to a sentence or
# clause boundary, holds the long form.
_PARENTHESIS = re.compile(r"\(([^()]{1,80})\)")
_BOUNDARY = re.compile(r"[.;:!?()\[\]]\s")
_MAX_SHORT = 10  # characters: "MTHFR", "25(OH)D" fit; a longer text in parentheses is no short form


@dataclass(frozen=True)
class Definition:
    """One abbreviation defined in a text: its short form and where both forms stand."""

    short: str
    short_span: tuple[int, int]
    long_span: tuple[int, int]


def definitions(text: str) -> list[Definition]:
    """Every abbreviation `text` defines, left to right (offsets into `text`)."""
    found: list[Definition] = []
    for match in _PARENTHESIS.finditer(text):
        inner = match.group(1).split(";")[0].split(",")[0].strip()
        inner_start = text.index(inner, match.start(1)) if inner else match.start(1)
        before_end = match.start()
        while before_end > 0 and text[before_end - 1].isspace():
            before_end -= 1
        clause_start = _clause_start(text, before_end)
        if is_short_form(inner):  # "long form (SF)"
            long_span = _long_form(inner, text, clause_start, before_end)
            if long_span is not None:
                found.append(Definition(inner, (inner_start, inner_start + len(inner)), long_span))
            continue
        words = list(re.finditer(r"\S+", text[clause_start:before_end]))
        if words and is_short_form(words[-1].group()):  # "SF (long form)"
            short = words[-1].group()
            long_span = _long_form(short, text, inner_start, inner_start + len(inner))
            if long_span == (inner_start, inner_start + len(inner)):
                start = clause_start + words[-1].start()
                found.append(Definition(short, (start, start + len(short)), long_span))
    return found


def is_short_form(text: str) -> bool:
    """At most two words and ten characters, starting with a letter or digit, with a capital."""
    return (
        2 <= len(text) <= _MAX_SHORT
        and len(text.split()) <= 2
        and text[0].isalnum()
        and any(ch.isupper() for ch in text)
    )


def occurrences(text: str, short: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """Where `short` is written as a word in `text` from `start` on, with or without a plural -s
    ("NTDs" defined, "NTD" used; "NTD" defined, "NTDs" used). Case counts: "EPA" is not "epa"."""
    stem = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    pattern = re.compile(rf"(?<![\w-]){re.escape(stem)}s?(?![\w-])")
    for match in pattern.finditer(text, start):
        yield match.span()


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding text[:end] begins (after the last sentence or clause mark)."""
    last = 0
    for match in _BOUNDARY.finditer(text, max(0, end - 300), end):
        last = match.end()
    return last


def _long_form(short: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Schwartz & Hearst's best long form for `short` within text[start:end], as offsets."""
    window = text[start:end]
    chars = [ch.lower() for ch in short.rstrip("0123456789") if ch.isalnum()]
    at = len(window) - 1
    for index in range(len(chars) - 1, -1, -1):
        while at >= 0 and (
            window[at].lower() != chars[index] or (index == 0 and at > 0 and window[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return None
        at -= 1
    first = window.rfind(" ", 0, at + 1) + 1
    long_form = window[first:]
    words = long_form.split()
    if len(long_form) <= len(short) or len(words) > min(len(short) + 5, 2 * len(short)):
        return None
    if short.lower() in (w.lower() for w in words):
        return None
    return start + first, end
