"""`nutrikg diff` and `nutrikg review`: after `nutrikg add` of one document the diff lists exactly
that document's claims, and a claim rejected by review stays rejected after `nutrikg build`."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from nutrikg.graph.assemble.build import build_graph
from nutrikg.graph.assemble.persist import is_current, save_build
from nutrikg.graph.read.belief import statement_key
from nutrikg.graph.read.curation import find_claim
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import PROJECT_ROOT, Settings
from nutrikg.graph.stores import OxigraphStore
from tests.test_api.test_cli import run_cli

DOCUMENTS = sorted((PROJECT_ROOT / "corpus").glob("*.txt"))
STATEMENT_BELIEF = """PREFIX nm: <https://w3id.org/nutrikg/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?belief WHERE {{ ?st a nm:Statement ; rdf:subject <{s}> ; rdf:predicate nm:{p} ;
                        rdf:object <{o}> ; nm:belief ?belief }}"""


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved build of the first two shipped documents (corpus and data folder)."""
    root = tmp_path_factory.mktemp("two")
    (root / "corpus").mkdir()
    for document in DOCUMENTS[:2]:
        for path in (document, document.with_name(document.stem + ".meta.json")):
            shutil.copyfile(path, root / "corpus" / path.name)
    settings = Settings(corpus_dir=root / "corpus", data_dir=root / "data")
    save_build(build_graph(settings.corpus_dir), settings)
    return root


@pytest.fixture
def built(two_documents: Path, tmp_path: Path) -> Settings:
    shutil.copytree(two_documents, tmp_path / "copy")
    return Settings(corpus_dir=tmp_path / "copy" / "corpus", data_dir=tmp_path / "copy" / "data")


def folders(settings: Settings) -> tuple[str, ...]:
    return ("--corpus", str(settings.corpus_dir), "--data-dir", str(settings.data_dir))


def test_diff_after_adding_one_document_lists_exactly_its_claims(
    built: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    added = DOCUMENTS[2]
    code, _, err = run_cli(monkeypatch, capsys, "add", str(added), *folders(built))
    assert code == 0, err
    theirs = {c.content_id for c in KnowledgeGraph.open(built).claims if c.evidence.doc_id == added.stem}
    assert len(theirs) > 10

    code, out, err = run_cli(monkeypatch, capsys, "diff", "--json", "--data-dir", str(built.data_dir))
    assert code == 0, err
    changes = json.loads(out)
    assert [d["document"] for d in changes["documents"]] == [added.stem]
    [document] = changes["documents"]
    assert {c["content_id"] for c in document["added"]} == theirs and document["removed"] == []
    assert (changes["added"], changes["removed"], changes["truncated"]) == (len(theirs), 0, False)
    assert changes["new"]["parent"] == changes["old"]["id"]

    code, out, _ = run_cli(monkeypatch, capsys, "diff", "--data-dir", str(built.data_dir))
    listed = [row for row in out.splitlines() if row.startswith("  + ")]
    assert code == 0 and f"\n{added.stem}:\n" in out and len(listed) == len(theirs)
    assert not [row for row in out.splitlines() if row.startswith("  - ")]


def test_a_claim_rejected_by_review_stays_rejected_after_build(
    built: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kg = KnowledgeGraph.open(built)
    counts = Counter(statement_key(c) for c in kg.claims)
    claim = next(c for c in kg.claims if counts[statement_key(c)] == 1 and not c.negated)
    assert find_claim(kg, claim.id).belief > 0

    comment = "the sentence names another protein"
    data = ("--data-dir", str(built.data_dir))
    code, out, err = run_cli(monkeypatch, capsys, "review", claim.id, "--reject", "--comment", comment, *data)
    assert code == 0, err
    assert "rejected" in out and not is_current(built)  # `build --if-needed` would build again
    code, _, err = run_cli(monkeypatch, capsys, "build", *folders(built))
    assert code == 0, err
    assert is_current(built)

    rebuilt = KnowledgeGraph.open(built)
    record = find_claim(rebuilt, claim.id)
    assert record.review is not None and (record.review.verdict, record.review.comment) == ("reject", comment)
    assert record.belief == 0.0
    evidence = [e.claim for _, _, data in rebuilt.view.net.edges(data=True) for e in data["evidence"]]
    assert record.iri not in evidence  # never asserted
    s, p, o = statement_key(claim)
    [row] = OxigraphStore(built.store_dir, read_only=True).select(STATEMENT_BELIEF.format(s=s, p=p, o=o))
    assert float(row["belief"]) == 0.0  # and so the RDF the build wrote says

    code, out, _ = run_cli(monkeypatch, capsys, "diff", "--json", "--data-dir", str(built.data_dir))
    changes = json.loads(out)
    assert (changes["added"], changes["removed"], changes["belief_changed"]) == (0, 0, 1)
    assert changes["beliefs"][0]["new"] == 0.0


def test_review_needs_one_verdict_and_names_an_unknown_claim(
    built: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ("--data-dir", str(built.data_dir))
    unknown = ("review", "0123456789abcdef", "--comment", "x")
    code, _, err = run_cli(monkeypatch, capsys, *unknown, *data)
    assert code == 2 and "one of --accept, --reject or --correct" in err
    code, _, err = run_cli(monkeypatch, capsys, *unknown, "--reject", *data)
    assert code == 4 and "no claim has the id '0123456789abcdef'" in err
    assert not built.reviews_file.exists()
