"""Masking: every mention of a sentence becomes a numbered slot `⟦n⟧`, so that rules read
"X activates Y" as `⟦0⟧ activates ⟦1⟧` whatever X and Y are called."""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.model import Mention, Sentence


@dataclass(frozen=True)
class Masked:
    """A sentence with each mention replaced by a numbered slot."""

    text: str  # lower-cased, slots in place of mentions
    slots: tuple[tuple[int, int, Mention], ...]  # (start, end) in `text`, and the mention


def mask(sentence: Sentence, mentions: list[Mention]) -> Masked:
    """Replace mentions by slots; the referents of one anaphor share one slot position."""
    pieces: list[str] = []
    slots: list[tuple[int, int, Mention]] = []
    cursor = 0
    length = 0
    for mention in sorted(mentions, key=lambda m: (m.span.start, m.entity)):
        local_start = mention.span.start - sentence.span.start
        local_end = mention.span.end - sentence.span.start
        if local_start < cursor:  # a second referent of the same anaphor
            start, end, _ = slots[-1]
            slots.append((start, end, mention))
            continue
        gap = sentence.text[cursor:local_start].lower()
        pieces.append(gap)
        length += len(gap)
        token = f"⟦{len(slots)}⟧"
        pieces.append(token)
        slots.append((length, length + len(token), mention))
        length += len(token)
        cursor = local_end
    pieces.append(sentence.text[cursor:].lower())
    return Masked("".join(pieces), tuple(slots))
