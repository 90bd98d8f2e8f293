"""The rule-based extractor on sentence shapes it must handle, beyond the shipped corpus."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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
