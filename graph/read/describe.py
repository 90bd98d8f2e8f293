"""Paths in words: 'vitamin K2 -> activates -> matrix Gla protein -> inhibits deposition in ->
artery: net effect on artery: decrease', with the sentence behind every hop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from nutrikg.graph.model import Sign
from nutrikg.graph.read.network import EvidenceRef, Pathway

if TYPE_CHECKING:  # influence.py reads predicate words from here
    from nutrikg.graph.read.influence import Influence, Route

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
        lines += _evidence_lines(hop.evidence)
    return "\n".join(lines)


def describe_influence(found: Influence, limit: int = 5) -> str:
    """The summary, then the routes that raise the target and those that lower it, the most
    believed first (at most `limit` of each), each hop with its belief and sentences."""
    lines = [found.summary]
    for heading, routes in (("Raise", found.raises), ("Lower", found.lowers)):
        if routes:
            lines.append(f"{heading} {found.target.label} ({len(routes)}):")
            lines += [_describe_route(route, number) for number, route in enumerate(routes[:limit], start=1)]
    return "\n".join(lines)


def _describe_route(route: Route, number: int) -> str:
    lines = [f"[{number}] {route.summary} (belief {route.belief:.2f})"]
    for hop in route.hops:
        lines.append(
            f"    {hop.subject.label} {hop.predicate_words} {hop.object.label} "
            f"({hop.sign.value}, belief {hop.belief:.2f}, {len(hop.evidence)} sentence(s))"
        )
        lines += _evidence_lines(hop.evidence)
    return "\n".join(lines)


def _evidence_lines(evidence: tuple[EvidenceRef, ...]) -> list[str]:
    lines = []
    for ev in evidence[:3]:
        flag = " [hedged]" if ev.hedged else ""
        where = f"{ev.document} [{ev.start}:{ev.end}] ({ev.source_kind})"
        lines.append(f"      - {where}{flag}: {ev.sentence}")
    return lines
