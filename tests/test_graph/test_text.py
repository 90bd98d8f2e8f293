"""Sentence splitting keeps exact offsets and tells content from chrome."""

from __future__ import annotations

from graph.model import Document
from graph.text import split_sentences


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
