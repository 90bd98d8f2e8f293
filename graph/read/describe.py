"""Paths in words: 'vitamin K2 -> activates -> matrix Gla protein -> inhibits deposition in ->
artery: net effect on artery: decrease', with the sentence behind every hop."""

from __future__ import annotations

from typing import Protocol

from nutrikg.graph.model import Sign
from nutrikg.graph.read.network import Pathway

EFFECT = {Sign.POSITIVE: "increase", Sign.NEGATIVE: "decrease", Sign.NOT_CAUSAL: "not causal"}


class Labeller(Protocol):
    def label(self, iri: str) -> str: ...


def predicate_words(predicate: str) -> str:
    """`inhibitsDepositionIn` -> `inhibits deposition in`."""
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in predicate)
    return words.strip()


def path_summary(labels: Labeller, path: Pathway) -> str:
    """One line: the chain and its net effect."""
    parts = [labels.label(path.hops[0].subject)]
    for hop in path.hops:
        parts += [predicate_words(hop.predicate), labels.label(hop.object)]
    last = path.hops[-1]
    effect = EFFECT[path.sign]
    return f"{' -> '.join(parts)}: net effect on {labels.label(last.object)}: {effect}"


def describe_path(labels: Labeller, path: Pathway, number: int) -> str:
    """The summary line, then each hop with its evidence sentences."""
    lines = [f"[{number}] {path_summary(labels, path)}"]
    for hop in path.hops:
        lines.append(
            f"    {labels.label(hop.subject)} {predicate_words(hop.predicate)} "
            f"{labels.label(hop.object)} ({hop.sign.value}, {len(hop.evidence)} sentence(s))"
        )
        for ev in hop.evidence[:3]:
            flag = " [hedged]" if ev.hedged else ""
            where = f"{ev.document} [{ev.start}:{ev.end}] ({ev.source_kind})"
            lines.append(f"      - {where}{flag}: {ev.sentence}")
    return "\n".join(lines)
