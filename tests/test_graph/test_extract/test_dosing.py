"""A dose is its own clause's nutrient's, and only advice is a recommendation."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import SH, Graph
from rdflib.collection import Collection

from nutrikg.graph.extract.dosing import DOSE_KINDS
from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Document
from nutrikg.ontology import ONTOLOGY_DIR


def _doses(vocabulary: Vocabulary, text: str) -> list[tuple[str, str, str]]:
    extraction = DocumentReader(vocabulary).read(Document("d", "Dose test", text, "d.txt", "0"))
    return [(d.text, d.nutrient.rsplit("/", 1)[-1], d.kind) for d in extraction.doses]


def test_a_dose_is_the_nutrient_its_clause_doses_not_the_topic(vocabulary: Vocabulary) -> None:
    text = "Vitamin C helps you absorb iron. Women need 18 mg of iron per day."
    assert ("18 mg", "iron", "recommendation") in _doses(vocabulary, text)


def test_an_amount_of_one_nutrient_named_beside_another(vocabulary: Vocabulary) -> None:
    text = "Take folic acid together with 0.4 mg of vitamin B12 daily."
    assert [(t, n) for t, n, _ in _doses(vocabulary, text)] == [("0.4 mg", "vitamin_b12")]


def test_a_nutrient_earlier_in_the_clause_still_owns_its_dose(vocabulary: Vocabulary) -> None:
    text = "For vitamin K2, doses range from 45-180 mcg; folic acid is another matter."
    assert [n for _, n, _ in _doses(vocabulary, text)] == ["vitamin_k2"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I take 100 mg zinc every day and feel fine.", "reported_intake"),
        ("I've been taking 50 mg of zinc for a month.", "reported_intake"),
        ("The tolerable upper intake level for zinc is 40 mg per day.", "upper_limit"),
        ("Adults should not exceed 40 mg of zinc a day.", "upper_limit"),
        ("Zinc above 40 mg a day can cause copper deficiency.", "threshold"),
        ("In the trial, participants received 50 mg of zinc daily.", "research_dose"),
        ("Adults need 11 mg of zinc a day.", "recommendation"),
    ],
)
def test_only_advice_is_a_recommendation(vocabulary: Vocabulary, text: str, kind: str) -> None:
    doses = _doses(vocabulary, text)
    assert [(n, k) for _, n, k in doses] == [("zinc", kind)], doses


def test_the_shapes_allow_every_dose_kind_and_no_other() -> None:
    shapes = Graph().parse(Path(ONTOLOGY_DIR) / "shapes.ttl", format="turtle")
    lists = [Collection(shapes, node) for node in shapes.objects(None, SH["in"])]
    allowed = [
        {str(item) for item in members}
        for members in lists
        if any(str(i) == "reported_intake" for i in members)
    ]
    assert allowed == [set(DOSE_KINDS)]
