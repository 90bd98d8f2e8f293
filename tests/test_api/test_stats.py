"""GET /api/v1/stats: counts per class and predicate, triples, documents and the build."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_stats_count_what_the_graph_holds(client: TestClient, kg: KnowledgeGraph) -> None:
    body = client.get("/api/v1/stats").json()
    assert body["triples"] == len(kg.rdf)
    assert body["entities"] == len(kg.entities)
    assert body["documents"] == body["classes"]["Document"] == 4
    assert body["claims"] == body["classes"]["Claim"]
    assert body["classes"]["Protein"] >= 2 and body["classes"]["Vitamer"] >= 4


def test_predicate_counts_add_up_to_the_claims(client: TestClient) -> None:
    body = client.get("/api/v1/stats").json()
    counts = body["predicates"]
    assert counts["activates"]["asserted"] >= 2
    total = sum(c["asserted"] + c["negated"] for c in counts.values())
    assert total == body["claims"]
    assert (
        sum(c["negated"] for c in counts.values())
        == client.get("/api/v1/relations", params={"negated": "true"}).json()["total"]
    )
    assert all(c["hedged"] <= c["asserted"] + c["negated"] for c in counts.values())


def test_stats_report_the_build(client: TestClient, settings: Settings) -> None:
    build = client.get("/api/v1/stats").json()["build"]
    report = json.loads(settings.report_file.read_text(encoding="utf-8"))
    assert build["corpus"] == report["corpus"] == str(settings.corpus_dir)
    assert build["seconds"] == report["seconds"] and build["built_at"]
    assert build["fingerprint"] == report["fingerprint"]
