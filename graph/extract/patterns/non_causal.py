"""Rules for non-causal relations: biomarkers, binding, sources, forms, synergy."""

from __future__ import annotations

from nutrikg.graph.extract.patterns.words import (
    CONDITION,
    OUTCOME,
    SLOT,
    one_predicate,
)
from nutrikg.graph.extract.rules import Layout, Rule

NON_CAUSAL: tuple[Rule, ...] = (
    # --- non-causal ------------------------------------------------------------------------------
    Rule(
        "marker-for",
        r"\b(?:is\s+|as\s+)?(?:a\s+|an\s+)?(?:\w+\s+)?(?:bio)?markers?\s+(?:for|of)\b",
        ("Biomarker", "Protein"),
        # "a marker of vitamin B12 status" is a marker for the vitamin
        one_predicate(OUTCOME + CONDITION + ("Nutrient",), "biomarkerFor"),
    ),
    Rule(
        "found-in",
        rf"\b(?:is|are|be)\s+(?:\w+\s+)?(?:found|present|abundant|available|plentiful)\s+"
        rf"(?:(?:almost|mostly|mainly|only|\w+ly)\s+){{0,2}}in\b|"
        rf"\b(?:obtained|derived)\s+from\b|\bsources?\s+of\s+(?P<target>{SLOT})\s+include\b",
        ("Food", "Exposure"),
        one_predicate(("Nutrient",), "sourceOf"),
        layout=Layout.PASSIVE,
        all_objects=True,
    ),
    Rule(
        "find-in",
        rf"\bfind\s+(?P<target>{SLOT})\s+(?:\w+ly\s+)?in\b",
        ("Food", "Exposure"),
        one_predicate(("Nutrient",), "sourceOf"),
        layout=Layout.PASSIVE,
        all_objects=True,
    ),
    Rule(
        "amount-per-serving",
        rf"\b(?:mg|µg|mcg|g|iu|milligrams?|micrograms?|grams?)\s+of\s+(?P<target>{SLOT})\s+per\b",
        ("Food", "Exposure"),
        one_predicate(("Nutrient",), "sourceOf"),
    ),
    Rule(
        "sources-of-topic",
        r"\b(?:are|is)\s+(?:all\s+)?(?:(?:very|particularly|especially)\s+)?(?:good|excellent|great|rich|"
        r"best|main|top|richest|natural|important)\s+sources?\b(?!\s+of\b)",
        ("Food", "Exposure"),
        one_predicate(("Nutrient",), "sourceOf"),
        topic_object=True,
    ),
    Rule(
        "source-of",
        r"\bsources?\s+of\b|\b(?:particularly\s+|especially\s+)?rich\s+in\b|\bcontains?\b|"
        r"\b(?:is|are)\s+(?:\w+\s+)?high\s+in\b|"
        r"\b(?:has|have)\s+(?:high|good|significant)\s+(?:levels|amounts)\s+of\b|"
        r"\b(?:is|are)\s+(?:packed|loaded)\s+with\b|"
        r"\b(?:suppl(?:y|ies)|provid(?:e|es))\b(?!\s+(?:very\s+|relatively\s+)?(?:little|no)\b)",
        ("Food", "Exposure"),
        one_predicate(("Nutrient",), "sourceOf"),
    ),
    Rule(
        "rich-foods",  # "calcium-rich foods such as milk and cheese", "K2-rich foods include natto"
        rf"(?P<target>{SLOT})-(?:rich|dense|containing)\s+(?:foods?|sources?|options?|choices?)\s*,?\s*"
        r"(?:such\s+as|like|including|include|e\.g\.)",
        ("Food", "Exposure"),
        one_predicate(("Nutrient",), "sourceOf"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "in-its-form",
        r"\b(?:in its|in their)\s+(?:\w+\s+)?forms?,?\s+(?=⟦)",
        ("Nutrient",),
        one_predicate(("Nutrient",), "formOf"),
        layout=Layout.PASSIVE,
        confidence=0.8,
    ),
    Rule(
        "form-of",
        r"\b(?:is\s+|are\s+)?(?:(?:a|an|one|the)\s+(?:\w+\s+)?form|(?:\w+\s+)?forms)\s+of\b",
        ("Nutrient",),
        one_predicate(("Nutrient",), "formOf"),
        confidence=0.8,
    ),
    Rule(
        "synergy-between",
        r"\bsynergi(?:stic|c)\s+(?:\w+\s+)?(?:relationship|partnership|interaction|effect)\s+between\b|"
        r"\bsynergy\s+between\b",
        ("Nutrient",),
        one_predicate(("Nutrient",), "synergizesWith"),
        layout=Layout.BOTH_RIGHT,
        confidence=0.75,
        joiner=" and ",
    ),
    Rule(
        "works-with",
        r"\bwork(?:s|ing)?\s+(?:closely\s+|together\s+|synergistically\s+)?with\b|"
        r"\bsynergi\w*\s+with\b|\bpartner\w*\s+with\b",
        ("Nutrient",),
        one_predicate(("Nutrient",), "synergizesWith"),
        confidence=0.75,
    ),
)
