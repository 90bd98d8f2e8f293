"""Counts: instances per class, claims per predicate, triples, documents, and the last build."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.models import BuildInfo, PredicateCounts, Stats
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.per_graph import per_graph, triple_total
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.tables import select
from nutrikg.ontology.terms import NM

router = APIRouter(prefix="/api/v1", tags=["stats"])
_NM = str(NM)


@router.get("/stats", summary="Counts per class and per predicate, and the last build")
def get_stats(kg: KGDep, settings: SettingsDep) -> Stats:
    """Instances per nm: class, claims per predicate (asserted, negated, hedged), triples,
    documents, and the build report when one is on disk (`build` is null otherwise)."""
    index = claim_index(kg)
    return Stats(
        triples=triple_total(kg),
        entities=len(kg.entities),
        documents=len(index.documents),
        claims=len(index.claims),
        classes=_class_counts(kg),
        predicates=_predicate_counts(kg),
        build=_build_info(settings.report_file),
    )


def _class_counts(kg: KnowledgeGraph) -> dict[str, int]:
    """Instances per nm: class, counted once per loaded graph, by the store when there is one."""
    return per_graph(kg, "class-counts", _count_classes)


def _count_classes(kg: KnowledgeGraph) -> dict[str, int]:
    query = "SELECT ?class (COUNT(*) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"
    counts = {cls[len(_NM) :]: int(n or 0) for cls, n in select(kg.rdf, query) if cls and cls.startswith(_NM)}
    return dict(sorted(counts.items()))


def _predicate_counts(kg: KnowledgeGraph) -> dict[str, PredicateCounts]:
    """Claims per predicate, counted once per loaded graph (a pass over every claim)."""
    return per_graph(kg, "predicate-counts", _count_predicates)


def _count_predicates(kg: KnowledgeGraph) -> dict[str, PredicateCounts]:
    tally: dict[str, Counter[str]] = {}
    for claim in claim_index(kg).claims:
        counts = tally.setdefault(claim.predicate.iri.rsplit("/", 1)[-1], Counter())
        counts["negated" if claim.negated else "asserted"] += 1
        counts["hedged"] += int(claim.hedged)
    return {
        name: PredicateCounts(asserted=c["asserted"], negated=c["negated"], hedged=c["hedged"])
        for name, c in sorted(tally.items())
    }


def _build_info(report_file: Path) -> BuildInfo | None:
    """The build report, or None when there is none or it cannot be read (stats still answer)."""
    try:
        report = json.loads(report_file.read_text(encoding="utf-8"))
        built = datetime.fromtimestamp(report_file.stat().st_mtime, tz=UTC)
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict):
        return None
    seconds = report.get("seconds")
    return BuildInfo(
        corpus=str(report["corpus"]) if report.get("corpus") else None,
        built_at=built.isoformat(timespec="seconds"),
        seconds=float(seconds) if isinstance(seconds, int | float) else None,
        fingerprint=str(report["fingerprint"]) if report.get("fingerprint") else None,
    )
