"""Counts: instances per class, claims per predicate, triples, documents, and the last build."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.models import BuildInfo, Stats
from nutrikg.graph.read.per_graph import triple_total
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.read.stats import class_counts, predicate_counts

router = APIRouter(prefix="/api/v1", tags=["stats"])


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
        classes=class_counts(kg),
        predicates=predicate_counts(kg),
        build=_build_info(settings.report_file),
    )


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
