"""The KGX export: Biolink nodes and edges in one archive, one edge per claim, checked by the
field's own validator (`kgx validate`) when the tools virtualenv is there."""

from __future__ import annotations

import csv
import io
import json
import tarfile
from pathlib import Path

import pytest

from nutrikg.graph.read.biolink import PREDICATES
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.kgx import EDGE_COLUMNS, NODE_COLUMNS, kgx_archive
from nutrikg.graph.read.queries import claim_index
from tests.tools.venv import TOOLS_DIR, json_report, run_tool

Rows = list[dict[str, str]]


@pytest.fixture(scope="module")
def archive(kg: KnowledgeGraph) -> bytes:
    return kgx_archive(kg)


@pytest.fixture(scope="module")
def tables(archive: bytes) -> dict[str, Rows]:
    found = {}
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        for member in tar.getmembers():
            text = tar.extractfile(member).read().decode()  # type: ignore[union-attr]
            found[member.name] = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    return found


def test_archive_holds_nodes_and_edges_with_kgx_columns(tables: dict[str, Rows]) -> None:
    assert set(tables) == {"nutrikg_nodes.tsv", "nutrikg_edges.tsv"}
    assert tuple(tables["nutrikg_nodes.tsv"][0]) == NODE_COLUMNS
    assert tuple(tables["nutrikg_edges.tsv"][0]) == EDGE_COLUMNS


def test_every_edge_is_a_claim_between_listed_nodes(kg: KnowledgeGraph, tables: dict[str, Rows]) -> None:
    nodes = {row["id"] for row in tables["nutrikg_nodes.tsv"]}
    edges = tables["nutrikg_edges.tsv"]
    mapped = [c for c in claim_index(kg).claims if c.predicate.iri.rsplit("/", 1)[-1] in PREDICATES]
    assert len(edges) == len(mapped) > 0
    for edge in edges:
        assert {edge["subject"], edge["object"], edge["publications"]} <= nodes
        assert edge["primary_knowledge_source"] == "infores:nutrikg"
        assert edge["agent_type"] == "text_mining_agent"
        assert edge["supporting_text"]


def test_nodes_are_named_by_standard_identifiers(tables: dict[str, Rows]) -> None:
    by_name = {row["name"]: row for row in tables["nutrikg_nodes.tsv"]}
    assert by_name["vitamin K2"]["id"] == "CHEBI:16374"
    assert by_name["vitamin K2"]["category"] == "biolink:SmallMolecule"
    assert "nm:vitamin_k2" in by_name["vitamin K2"]["xref"].split("|")
    assert by_name["osteocalcin"]["category"] == "biolink:Protein"


def test_finer_relations_become_qualified_affects(tables: dict[str, Rows]) -> None:
    edges = tables["nutrikg_edges.tsv"]
    absorption = [e for e in edges if e["original_predicate"] == "nm:increasesAbsorptionOf"]
    assert absorption
    for edge in absorption:
        assert edge["predicate"] == "biolink:affects"
        assert edge["qualified_predicate"] == "biolink:causes"
        assert (edge["object_aspect_qualifier"], edge["object_direction_qualifier"]) == (
            "absorption",
            "increased",
        )
    decreases = next(e for e in edges if e["original_predicate"] == "nm:decreases")
    assert decreases["object_direction_qualifier"] == "decreased"


def test_negated_and_hedged_claims_are_kept_and_marked(kg: KnowledgeGraph, tables: dict[str, Rows]) -> None:
    edges = {row["id"]: row for row in tables["nutrikg_edges.tsv"]}
    claims = claim_index(kg).claims
    for flag in ("negated", "hedged"):
        flagged = {c.iri.rsplit("/", 1)[-1] for c in claims if getattr(c, flag) and c.iri}
        marked = {i.split(":", 1)[1] for i, row in edges.items() if row[flag] == "true"}
        assert marked and marked <= flagged


def test_every_edge_carries_its_claims_belief(kg: KnowledgeGraph, tables: dict[str, Rows]) -> None:
    beliefs = {c.iri.rsplit("/", 1)[-1]: c.belief for c in claim_index(kg).claims}
    edges = tables["nutrikg_edges.tsv"]
    assert all(float(e["belief"]) == beliefs[e["id"].split(":", 1)[1]] for e in edges)
    assert any(float(e["belief"]) > 0.5 for e in edges) and {e["review"] for e in edges} == {""}


def test_archive_bytes_are_stable(kg: KnowledgeGraph, archive: bytes) -> None:
    assert kgx_archive(kg) == archive


@pytest.mark.slow
def test_kgx_validate_finds_only_our_own_prefixes(archive: bytes, tmp_path: Path) -> None:
    """The only errors `kgx validate` reports are the nm: and doc: prefixes of the entities and
    documents no standard vocabulary names (Biolink's context cannot know them)."""
    (tmp_path / "nutrikg.kgx.tar.gz").write_bytes(archive)
    run = run_tool(
        [str(TOOLS_DIR / "kgx_offline.py"), "validate", "-i", "tsv", "-c", "tar.gz", "nutrikg.kgx.tar.gz"],
        tmp_path,
    )
    report = json_report(run.stdout)
    assert run.returncode in (0, 1), run.stderr[-2000:]
    problems = [
        (level, code, message)
        for level, codes in report.items()
        for code, messages in codes.items()
        for message in messages
        if not ("with a CURIE prefix 'nm'" in message or "with a CURIE prefix 'doc'" in message)
    ]
    assert problems == []
    assert set(report) <= {"ERROR", "WARNING", "INFO"}


@pytest.mark.slow
def test_copied_biolink_tables_match_the_model(tmp_path: Path) -> None:
    """The predicate hierarchy, inverses, symmetric predicates and category ancestors that
    read/biolink.py copies agree with biolink-model's YAML, and no predicate we use is deprecated."""
    from nutrikg.graph.read import biolink

    tables = {
        "predicates": {p: list(a) for p, a in biolink.PREDICATE_ANCESTORS.items()},
        "inverses": biolink.INVERSES,
        "symmetric": sorted(biolink.SYMMETRIC),
        "categories": {c: list(a) for c, a in biolink.CATEGORY_ANCESTORS.items()},
    }
    (tmp_path / "tables.json").write_text(json.dumps(tables))
    run = run_tool([str(TOOLS_DIR / "biolink_tables.py"), "tables.json"], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
