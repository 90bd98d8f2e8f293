"""Abbreviations a document defines (Schwartz & Hearst) name what their long form names."""

from __future__ import annotations

from nutrikg.graph.extract.abbreviations import Definition, definitions, is_short_form, occurrences
from nutrikg.graph.extract.entities import EntityMatcher
from nutrikg.graph.extract.vocabulary import Vocabulary


def _forms(text: str) -> list[tuple[str, str]]:
    return [(d.short, text[d.long_span[0] : d.long_span[1]]) for d in definitions(text)]


def test_long_form_before_the_parenthesis() -> None:
    text = "Folic acid prevents neural tube defects (NTDs) in infants."
    assert _forms(text) == [("NTDs", "neural tube defects")]
    assert definitions(text) == [Definition("NTDs", (41, 45), (20, 39))]


def test_short_form_before_the_parenthesis() -> None:
    text = "Fish oil supplies EPA (eicosapentaenoic acid) and more."
    assert _forms(text) == [("EPA", "eicosapentaenoic acid")]


def test_trailing_digits_need_not_be_spelled_out() -> None:
    assert _forms("Iodine is part of thyroxine (T4).") == [("T4", "thyroxine")]


def test_asides_in_parentheses_define_nothing() -> None:
    for text in (
        "Vitamin D (calciferol) is made in skin.",
        "Dairy foods (e.g. milk, cheese) supply calcium.",
        "Zinc status (see below) matters.",
        "Levels rose (P < 0.05) in the treated group.",
    ):
        assert all(len(long) > len(short) for short, long in _forms(text)), text
    assert _forms("Vitamin D (calciferol) is made in skin.") == []
    assert not is_short_form("e.g. milk") and not is_short_form("calciferol") and is_short_form("MTHFR")


def test_the_long_form_is_the_shortest_that_holds_the_letters() -> None:
    text = "Mutations in the gene for methylenetetrahydrofolate reductase (MTHFR) raise homocysteine."
    assert _forms(text) == [("MTHFR", "methylenetetrahydrofolate reductase")]


def test_uses_are_whole_words_in_either_number() -> None:
    text = "NTDs fell; one NTD; not NTDsX or pre-NTD or ntds."
    assert [text[s:e] for s, e in occurrences(text, "NTDs")] == ["NTDs", "NTD"]
    assert [text[s:e] for s, e in occurrences(text, "NTDs", 5)] == ["NTD"]


def test_a_defined_short_form_names_its_long_forms_entity_after_the_definition(
    vocabulary: Vocabulary,
) -> None:
    matcher = EntityMatcher(vocabulary)
    text = "NTD risk is high. Folate prevents neural tube defects (NTDs). NTDs are common."
    found = [(m.text, m.entity) for m in matcher.find_in_document("d", text)]
    entity = dict(found)["neural tube defects"]
    assert found.count(("NTDs", entity)) == 1  # after the definition, not in it
    assert "NTD" not in dict(found)  # before the definition the short form means nothing yet
    assert matcher.defined_abbreviations(text) == {"NTDs": entity}


def test_an_undefined_short_form_names_nothing_and_a_definition_stays_in_its_document(
    vocabulary: Vocabulary,
) -> None:
    matcher = EntityMatcher(vocabulary)
    assert not [m for m in matcher.find_in_document("d", "NTDs are common.") if m.text == "NTDs"]
    assert matcher.defined_abbreviations("The Zorblat Protein (ZBP) binds. ZBP acts.") == {}
