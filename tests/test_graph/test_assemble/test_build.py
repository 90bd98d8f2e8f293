"""The whole pipeline on the shipped corpus: faithful claims, stable output, valid graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from nutrikg.graph.assemble.build import BuildResult, build_graph
from nutrikg.graph.assemble.validate import validate_graph
from nutrikg.graph.extract.evaluate import evaluate, load_gold
from nutrikg.graph.read.export import sorted_ntriples
from nutrikg.graph.settings import PROJECT_ROOT
from nutrikg.ontology.terms import NM

GOLD = PROJECT_ROOT / "tests" / "data" / "gold.jsonl"
# Floors we hold on the hand-annotated gold set (measured: P 0.95, R 0.76, F1 0.84).
PRECISION_FLOOR, RECALL_FLOOR, F1_FLOOR = 0.92, 0.72, 0.80


def test_extraction_scores_against_the_gold_set(built: BuildResult, tmp_path: Path) -> None:
    claims = [c for e in built.extractions for c in e.claims]
    scores = evaluate(claims, load_gold(GOLD))
    report = scores.as_dict()
    (tmp_path / "scores.json").write_text(json.dumps(report, indent=2))
    overall = scores.overall
    assert overall.precision >= PRECISION_FLOOR, report["overall"]
    assert overall.recall >= RECALL_FLOOR, report["overall"]
    assert overall.f1 >= F1_FLOOR, report["overall"]
    assert scores.flag_agreement["negated"] >= 0.95
    assert scores.flag_agreement["hedged"] >= 0.9


def test_every_claim_points_at_its_exact_sentence(built: BuildResult) -> None:
    for extraction in built.extractions:
        text = extraction.document.text
        for claim in extraction.claims:
            span = claim.evidence.span
            assert text[span.start : span.end] == claim.evidence.sentence


def test_key_mechanisms_are_in_the_graph(built: BuildResult) -> None:
    rdf_graph = built.rdf_graph
    assert (NM.vitamin_k2, NM.activates, NM.osteocalcin) in rdf_graph
    assert (NM.vitamin_k2, NM.activates, NM.matrix_gla_protein) in rdf_graph
    assert (NM.matrix_gla_protein, NM.inhibitsDepositionIn, NM.artery) in rdf_graph
    assert (NM.magnesium, NM.convertsToActiveForm, NM.vitamin_d) in rdf_graph
    absorbers = set(rdf_graph.subjects(NM.increasesAbsorptionOf, NM.calcium))
    assert {NM.vitamin_d, NM.vitamin_d3} <= absorbers


def test_negated_claims_are_kept_but_never_asserted(built: BuildResult) -> None:
    rdf_graph = built.rdf_graph
    negated = list(rdf_graph.subjects(NM.negated, Literal(True)))
    assert negated, "the corpus states at least one negated claim"
    for claim in negated:
        triple = (
            rdf_graph.value(claim, NM.subject),
            rdf_graph.value(claim, NM.predicate),
            rdf_graph.value(claim, NM.object),
        )
        asserted_elsewhere = any(
            rdf_graph.value(other, NM.negated) == Literal(False)
            for other in rdf_graph.subjects(NM.subject, triple[0])
            if rdf_graph.value(other, NM.predicate) == triple[1]
            and rdf_graph.value(other, NM.object) == triple[2]
        )
        assert (triple in rdf_graph) == asserted_elsewhere


def test_doses_are_normalised_per_source(built: BuildResult) -> None:
    rows = built.rdf_graph.query(
        """SELECT ?doc ?low ?high WHERE {
             nm:vitamin_d3 nm:hasRecommendedDose ?d .
             ?d nm:normalizedLow ?low ; nm:normalizedHigh ?high ; nm:unit "IU" ;
                prov:wasDerivedFrom ?doc }""",
        initNs={"nm": NM, "prov": URIRef("http://www.w3.org/ns/prov#")},
    )
    found = {(str(r[0]).rsplit("/", 1)[-1][:3], float(r[1]), float(r[2])) for r in rows}  # type: ignore[index]
    assert ("003", 25.0, 125.0) in found  # "1,000-5,000 IU daily"
    assert ("001", 25.0, 100.0) in found  # "1000 to 4000 IU daily"


def test_build_is_deterministic() -> None:
    first = sorted_ntriples(build_graph(PROJECT_ROOT / "corpus").rdf_graph)
    second = sorted_ntriples(build_graph(PROJECT_ROOT / "corpus").rdf_graph)
    assert first == second


def test_built_graph_satisfies_the_shapes(built: BuildResult) -> None:
    report = validate_graph(built.rdf_graph)
    assert report.conforms, report.text


def test_shapes_catch_a_broken_claim(built: BuildResult) -> None:
    broken = Graph()
    for triple in built.rdf_graph:
        broken.add(triple)
    claim = next(iter(broken.subjects(NM.rule, None)))
    broken.remove((claim, NM.sentence, None))
    assert not validate_graph(broken).conforms


HELDOUT = PROJECT_ROOT / "tests" / "data"
NO_FORMAT = "no document format nutrikg reads (.txt, .md, .html, .htm, .pdf, .xml)"


@pytest.mark.parametrize(
    ("folder", "min_precision", "min_recall"),
    [
        # Five documents (forum, HTML blog, vendor page, news, Markdown FAQ) on nutrients beyond
        # the shipped corpus. First, blind run: P 0.84, R 0.42; now P 1.00, R 0.83, F1 0.91.
        ("heldout", 0.95, 0.80),
        # Six more (forum thread, HTML blog, vendor page, press release, Markdown FAQ, lecture
        # notes). First, blind run: P 0.79, R 0.49, F1 0.61 (strict P 0.72, R 0.45); now P 0.98,
        # R 0.86, F1 0.92.
        ("heldout2", 0.95, 0.83),
        # Six more (forum, HTML blog on kidney disease, vendor page, review abstract, Markdown FAQ,
        # clinic newsletter). First, blind run: P 0.82, R 0.35, F1 0.49; now P 0.92, R 0.54.
        ("heldout3", 0.90, 0.50),
        # Six more (social thread, HTML news, supplement label, guideline with tables, podcast
        # transcript, textbook). First, blind run: P 0.64, R 0.34, F1 0.44; now P 0.70, R 0.36.
        ("heldout4", 0.67, 0.34),
    ],
)
def test_extraction_generalises_to_unseen_documents(
    folder: str, min_precision: float, min_recall: float
) -> None:
    """Documents in other styles, written and annotated without looking at the extractor (and
    used as development sets since their first runs); the floors keep them from getting worse."""
    result = build_graph(HELDOUT / folder)
    gold = HELDOUT / folder / "gold.jsonl"  # beside the documents: named as not read, nothing else
    assert result.report.problems == [f"{gold}: not read: '.jsonl' files are {NO_FORMAT}"]
    claims = [c for e in result.extractions for c in e.claims]
    scores = evaluate(claims, load_gold(HELDOUT / folder / "gold.jsonl"))
    assert scores.overall.precision >= min_precision, scores.as_dict()["overall"]
    assert scores.overall.recall >= min_recall, scores.as_dict()["overall"]


def test_pathological_text_does_not_stall_extraction(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(
        "vitamin K2 and " * 5000 + "osteocalcin. " + "a" * 100_000 + "\n" + ", which " * 3000,
        encoding="utf-8",
    )
    result = build_graph(tmp_path)
    assert result.report.documents == 1


def test_the_collector_is_paused_during_a_build_and_restored_after() -> None:
    import gc

    from nutrikg.graph.assemble.build import _collector_paused

    assert gc.isenabled()
    with _collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_the_build_fingerprint_covers_the_extraction_code_only() -> None:
    from nutrikg.graph.assemble.persist import extraction_sources

    names = {path.relative_to(PROJECT_ROOT / "graph").as_posix() for path in extraction_sources()}
    wanted = {"extract/cues.py", "extract/claims.py", "extract/arguments.py", "extract/entities.py"}
    assert wanted | {"extract/coreference.py", "assemble/rdf.py", "model.py"} <= names
    assert "extract/patterns/effect.py" in names
    assert not any(name.startswith(("sparql/", "read/", "stores/")) for name in names)


def test_the_build_fingerprint_covers_the_derived_vocabulary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changing data (not only code) rebuilds: the derived vocabulary is an input of a build."""
    from nutrikg.graph.assemble import persist

    table = tmp_path / "vocabulary.tsv.gz"
    table.write_bytes(b"one")
    monkeypatch.setattr(persist, "DERIVED_VOCABULARY", str(table))
    before = persist.fingerprint(PROJECT_ROOT / "corpus")
    table.write_bytes(b"two")
    assert persist.fingerprint(PROJECT_ROOT / "corpus") != before
