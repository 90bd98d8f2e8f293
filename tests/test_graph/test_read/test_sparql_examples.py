"""The query page's example questions: each file names its question and parses as SPARQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.read.sparql_examples import example_queries


def test_each_example_states_its_question_and_parses() -> None:
    examples = example_queries()
    assert [e.name for e in examples] == sorted(e.name for e in examples) and len(examples) >= 4
    for example in examples:
        assert example.title.endswith("?"), example.name
        assert example.query.startswith(f"# {example.title}\n")
        prepareQuery(example.query, initNs=dict(PREFIXES))  # raises on a syntax error


def test_a_file_without_its_question_is_named(tmp_path: Path) -> None:
    (tmp_path / "01_fine.rq").write_text("# Fine?\nASK {}\n", encoding="utf-8")
    (tmp_path / "02_bare.rq").write_text("ASK {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"02_bare\.rq: line 1 must be a comment"):
        example_queries(tmp_path)
