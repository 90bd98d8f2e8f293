"""The rule-based extractor on sentence shapes it must handle, beyond the shipped corpus."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.test_graph.test_extract.relation_cases import CONSTRUCTIONS, Row

Read = Callable[[str], set[tuple[str, str, str, bool, bool]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vitamin K2 activates osteocalcin and matrix Gla protein.",
            {
                ("vitamin_k2", "activates", "osteocalcin", False, False),
                ("vitamin_k2", "activates", "matrix_gla_protein", False, False),
            },
        ),
        (
            "Vitamin D boosts calcium absorption from the intestines.",
            {("vitamin_d", "increasesAbsorptionOf", "calcium", False, False)},
        ),
        (
            "Matrix Gla protein, which requires vitamin K2 for activation, "
            "helps inhibit calcium deposition in arteries.",
            {
                ("vitamin_k2", "activates", "matrix_gla_protein", False, False),
                ("matrix_gla_protein", "inhibitsDepositionIn", "artery", False, False),
            },
        ),
        (
            "Vitamin K2 directs calcium into bones, preventing arterial calcification.",
            {
                ("vitamin_k2", "directsTo", "bone", False, False),
                ("vitamin_k2", "prevents", "arterial_calcification", False, False),
            },
        ),
        (
            "Osteocalcin is activated by vitamin K2.",
            {("vitamin_k2", "activates", "osteocalcin", False, False)},
        ),
        (
            "Magnesium is necessary for converting vitamin D into its active form.",
            {("magnesium", "convertsToActiveForm", "vitamin_d", False, False)},
        ),
        ("Natto is particularly rich in MK-7.", {("natto", "sourceOf", "mk7", False, False)}),
        # a vitamin letter right before the full stop is still a vitamin
        ("Magnesium activates vitamin D.", {("magnesium", "activates", "vitamin_d", False, False)}),
    ],
)
def test_mechanism_sentences(
    read_text: Read, text: str, expected: set[tuple[str, str, str, bool, bool]]
) -> None:
    assert read_text(text) == expected


def test_hedging_is_kept(read_text: Read) -> None:
    claims = read_text("Research suggests that vitamin K2 may reduce arterial calcification.")
    assert claims == {("vitamin_k2", "prevents", "arterial_calcification", True, False)}


def test_negation_is_a_claim_not_an_assertion(read_text: Read) -> None:
    claims = read_text("There is little evidence that vitamin D alone causes harmful calcification.")
    assert {(s, p, n) for s, p, _, _, n in claims} == {("vitamin_d", "increasesRiskOf", True)}


def test_anaphora_resolves_to_the_previous_subject(read_text: Read) -> None:
    claims = read_text("Vitamin K2 is a fat-soluble vitamin found in natto. It activates osteocalcin.")
    assert ("vitamin_k2", "activates", "osteocalcin", False, False) in claims


def test_these_proteins_resolve_to_the_proteins_named(read_text: Read) -> None:
    claims = read_text(
        "Two important proteins are osteocalcin and matrix Gla protein. "
        "Without adequate vitamin K2, these proteins remain inactive."
    )
    assert {c for c in claims if c[1] == "activates"} == {
        ("vitamin_k2", "activates", "osteocalcin", False, False),
        ("vitamin_k2", "activates", "matrix_gla_protein", False, False),
    }


def test_grounding_is_neither_more_nor_less_specific(read_text: Read) -> None:
    claims = read_text("Vitamin K activates osteocalcin. Vitamin D3 boosts calcium absorption.")
    assert ("vitamin_k", "activates", "osteocalcin", False, False) in claims
    assert ("vitamin_d3", "increasesAbsorptionOf", "calcium", False, False) in claims


def test_page_chrome_and_advertising_give_no_claims(read_text: Read) -> None:
    assert (
        read_text("Top Bottom\nConsider our products like Bone Essential™, which activates osteocalcin.")
        == set()
    )


def test_unrelated_sentences_give_no_claims(read_text: Read) -> None:
    assert read_text("Bone health remains one of the most overlooked aspects of wellness.") == set()


# Constructions of web text on nutrients, each with a sentence that must not give the claim.


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTIONS)
def test_constructions(read_text: Read, text: str, expected: set[Row]) -> None:
    assert read_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a verb with no subject of its own shares the clause's subject ...
        (
            "Vitamin E makes platelets less sticky and so slows blood clotting.",
            ("vitamin_e", "decreases", "blood_coagulation", False, False),
            ("platelet", "decreases", "blood_coagulation", False, False),
        ),
        (
            "Vitamin D supports the immune system, but it did not reduce fractures in the trial.",
            ("vitamin_d", "prevents", "bone_fracture", False, True),
            ("immune_response", "prevents", "bone_fracture", False, True),
        ),
        (
            "Vitamin K2 helps keep calcium in the bones, improving bone density and reducing fracture risk.",
            ("vitamin_k2", "prevents", "bone_fracture", False, False),
            ("calcium", "prevents", "bone_fracture", False, False),
        ),
        # ... and so does "it" after the nearest mention
        (
            "Vitamin E interferes with clotting factors, and it may also antagonise vitamin K.",
            ("vitamin_e", "decreases", "vitamin_k", True, False),
            ("clotting_factor", "decreases", "vitamin_k", True, False),
        ),
    ],
)
def test_shared_subjects(read_text: Read, text: str, expected: Row, absent: Row) -> None:
    claims = read_text(text)
    assert expected in claims
    assert absent not in claims


def test_can_with_an_effect_verb_is_a_hedge(read_text: Read) -> None:
    hedged = read_text("Too much zinc can cause anaemia.")
    assert hedged == {("zinc_excess", "increasesRiskOf", "anemia", True, False)}
    plain = read_text("Vitamin K2 can be found in natto.")
    assert plain == {("natto", "sourceOf", "vitamin_k2", False, False)}


def test_denials_of_evidence_negate(read_text: Read) -> None:
    claims = read_text("There is no good evidence that selenium improves thyroid function.")
    assert claims == {("selenium", "increases", "thyroid_function", False, True)}


def test_a_hedge_before_a_contrast_does_not_reach_past_it(read_text: Read) -> None:
    claims = read_text(
        "Vitamin K2 may protect against arterial stiffness, but there is no evidence that it lowers "
        "the risk of strokes."
    )
    assert ("vitamin_k2", "prevents", "arterial_stiffness", True, False) in claims
    assert ("vitamin_k2", "prevents", "stroke", False, True) in claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "supply it": the object of a source verb is the one nutrient of the sentence before
        (
            "Selenium is found in many foods. Brazil nuts and tuna supply it in plenty.",
            {
                ("brazil_nuts", "sourceOf", "selenium", False, False),
                ("tuna", "sourceOf", "selenium", False, False),
            },
        ),
        ("Selenium and iodine are found in many foods. Tuna supplies it in plenty.", set()),
        # ... unless its own sentence names one before it
        (
            "Iodine matters for the thyroid. Selenium is plentiful in food: tuna and sardines provide it.",
            {
                ("tuna", "sourceOf", "selenium", False, False),
                ("sardine", "sourceOf", "selenium", False, False),
            },
        ),
        # "they" for one thing named in the plural in the sentence before
        (
            "Fish oil capsules were given to older adults for three years. They did not prevent strokes.",
            {("fish_oil", "prevents", "stroke", False, True)},
        ),
        ("Fish oil and sardines were compared in the trial. They did not prevent strokes.", set()),
        # "found that it": a reported clause about the last subject
        (
            "Vitamin K2 was given for three years. The trial found that it reduced arterial stiffness.",
            {("vitamin_k2", "prevents", "arterial_stiffness", False, False)},
        ),
        ("Two supplements were tested. The trial found that it reduced arterial stiffness.", set()),
        # "this action": what the previous subject does
        (
            "Vitamin K2 activates matrix Gla protein. This action helps prevent vascular calcification.",
            {
                ("vitamin_k2", "activates", "matrix_gla_protein", False, False),
                ("vitamin_k2", "prevents", "vascular_calcification", False, False),
            },
        ),
        # an answer's "it" is what the question asks about, when it asks about one thing
        (
            "How does vitamin E protect cell membranes?\nIt shields them from oxidative stress.",
            {("vitamin_e", "prevents", "oxidative_stress", False, False)},
        ),
        ("How do vitamin E and vitamin C work?\nIt shields cell membranes from oxidative stress.", set()),
        # a bullet's label may name something itself: "it" is still the pronoun
        (
            "Vitamin E protects cell membranes.\nPlatelets: it makes them less sticky and so slows clotting.",
            {("vitamin_e", "decreases", "blood_coagulation", False, False)},
        ),
    ],
)
def test_anaphora_across_sentences(read_text: Read, text: str, expected: set[Row]) -> None:
    assert read_text(text) == expected
