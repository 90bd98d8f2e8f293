"""Sentence splitting keeps exact offsets and tells content from chrome."""

from __future__ import annotations

from nutrikg.graph.extract.text import split_sentences
from nutrikg.graph.model import Document


def _doc(text: str, products: tuple[str, ...] = ()) -> Document:
    return Document(id="d", title="t", text=text, path="d.txt", sha256="0", product_names=products)


def test_offsets_point_into_the_document() -> None:
    doc = _doc("  • Vitamin K2 activates MGP. A study by Inaba et al. found more.\nNext line here.")
    sentences = split_sentences(doc)
    assert [s.text for s in sentences] == [
        "Vitamin K2 activates MGP.",
        "A study by Inaba et al. found more.",
        "Next line here.",
    ]
    for sentence in sentences:
        assert doc.text[sentence.span.start : sentence.span.end] == sentence.text


def test_page_chrome_is_recognised() -> None:
    doc = _doc(
        "m5czzEqoTz-tqGWLCUfxlA.png\nVIP GOLD\nVitamin K2 directs calcium into bones.\n"
        "Consider Bone Essential™ for your bones.\nAll rights reserved.\nTop Bottom",
        products=("Bone Essential",),
    )
    roles = [(s.text, s.role) for s in split_sentences(doc)]
    assert roles == [
        ("m5czzEqoTz-tqGWLCUfxlA.png", "chrome"),
        ("VIP GOLD", "chrome"),
        ("Vitamin K2 directs calcium into bones.", "content"),
        ("Consider Bone Essential™ for your bones.", "chrome"),
        ("All rights reserved.", "chrome"),
        ("Top Bottom", "chrome"),
    ]


def test_reference_lists_are_not_evidence() -> None:
    doc = _doc(
        "Vitamin D supports bone health.\nReferences:\n1. Holick M. F. (1996). Vitamin D and bone health."
    )
    roles = [s.role for s in split_sentences(doc)]
    assert roles[0] == "content"
    assert set(roles[1:]) == {"chrome"}


def test_citations_without_a_references_heading_are_chrome() -> None:
    references = (
        "Okoro T, Lindqvist B, Haddad R, et al. Zinc intake lowers copper status in adults.\n"
        "de Vries JP, Amato S. Vitamin K2 and arterial stiffness. Nutr Res. 2019;41:112–119.\n"
    )
    prose = "Vitamin A, Vitamin E and Vitamin K are stored in fat.\nNovak J, a dietitian, says zinc helps."
    sentences = split_sentences(_doc("Further reading\n" + references + prose))
    cited = [s for s in sentences if s.span.start < len("Further reading\n" + references)][1:]
    assert cited and {s.role for s in cited} == {"chrome"}
    assert [s.role for s in sentences if s.span.start >= len("Further reading\n" + references)] == [
        "content",
        "content",
    ]


def test_enumerated_tasks_assert_nothing() -> None:
    doc = _doc(
        "After this unit you can:\n  (a) explain how zinc lowers copper status;\n"
        "  (b) Magnesium activates vitamin D in the kidney.\n  2. Describe whether iron blocks zinc."
    )
    roles = {s.text: s.role for s in split_sentences(doc)}
    assert roles["explain how zinc lowers copper status;"] == "question"
    assert roles["Describe whether iron blocks zinc."] == "question"
    assert roles["Magnesium activates vitamin D in the kidney."] == "content"


def test_a_quoted_post_is_the_sentence_it_quotes() -> None:
    doc = _doc("Earlier post:\n> Zinc is needed for wound healing.\nI agree.")
    assert "Zinc is needed for wound healing." in [s.text for s in split_sentences(doc)]


def test_a_vitamin_letter_ends_a_sentence_but_an_initial_or_a_title_does_not() -> None:
    doc = _doc("Large doses of vitamin E antagonise vitamin K. Warfarin does too, said Prof. A. Lee today.")
    assert [s.text for s in split_sentences(doc)] == [
        "Large doses of vitamin E antagonise vitamin K.",
        "Warfarin does too, said Prof. A. Lee today.",
    ]
