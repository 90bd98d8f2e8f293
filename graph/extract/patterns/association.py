"""Rules about what studies link: associations (read before the generic verbs, so that
'linked to reduced risk' is one claim) and groups compared ('people with a higher X intake were
less likely to develop Y')."""

from __future__ import annotations

from nutrikg.graph.extract.patterns.words import (
    AGENT,
    AMOUNT,
    ANY,
    CONDITION,
    GROUP_WITH,
    OUTCOME,
    PROTEIN,
    SUFFER,
    THAN,
    one_predicate,
)
from nutrikg.graph.extract.rules import Layout, Rule

ASSOCIATION: tuple[Rule, ...] = (
    # --- associations (before the generic verbs: 'linked to reduced risk' is one claim) ----
    Rule(
        "have-linked",
        r"\b(?:has|have)\s+(?:been\s+)?linked\b(?=.*\bwith\b)",
        ANY,
        one_predicate(ANY, "associatedWith"),
        layout=Layout.BOTH_RIGHT,
        always_hedged=True,
    ),
    Rule(
        "association-between",
        r"\b(?:an?|no|any|the|some|strong|weak|clear|consistent)\s+(?:(?!synerg)\w+\s+)?"
        r"(?:association|link|relationship|correlation|connection)\s+between\b",
        ANY,
        one_predicate(ANY, "associatedWith"),
        layout=Layout.BOTH_RIGHT,
        always_hedged=True,
        joiner=" and ",
    ),
    Rule(
        "linked-to-lower",
        r"\b(?:is|are|was|were|has been|have been|been)?\s*(?:strongly\s+|closely\s+)?"
        rf"(?:linked|associated|correlated|connected|tied)\s+(?:to|with)\s+{AMOUNT}"
        r"(?:(?:lower|reduced|decreased|less|fewer|smaller)\b(?:\s+risk\s+(?:of|for))?|"
        r"(?:reduction|decrease|drop|fall|decline)\s+in\b)",
        ANY,
        ((CONDITION, "prevents"), (OUTCOME + PROTEIN, "decreases")),
        always_hedged=True,
        confidence=0.75,
    ),
    Rule(
        "linked-to-higher",
        r"\b(?:is|are|was|were|has been|have been|been)?\s*(?:strongly\s+|closely\s+)?"
        rf"(?:linked|associated|correlated|connected|tied)\s+(?:to|with)\s+{AMOUNT}"
        r"(?:(?:higher|increased|greater|more|elevated|raised)\b(?:\s+risk\s+(?:of|for))?|"
        r"(?:increase|rise)\s+in\b)",
        ANY,
        ((CONDITION, "increasesRiskOf"), (OUTCOME + PROTEIN, "increases")),
        always_hedged=True,
        confidence=0.75,
    ),
    Rule(
        "linked-to",
        r"\b(?:is|are|was|were|has been|have been|been)?\s*(?:strongly\s+|closely\s+)?"
        r"(?:linked|associated|correlated|connected|tied)\s+(?:to|with)\b",
        ANY,
        one_predicate(ANY, "associatedWith"),
        always_hedged=True,
        confidence=0.75,
    ),
    # --- groups compared: "people with a higher X intake were less likely to develop Y" --------
    Rule(
        "group-with-more",
        rf"{GROUP_WITH}(?:(?:are|were|is|was)\s+(?:\w+\s+)?more\s+likely\s+{THAN}to\s+{SUFFER}|"
        r"(?:have|had|has|show|showed|shows)\s+(?:\w+\s+)?(?:better|stronger|healthier|higher|greater|"
        r"improved|more)\b|gained\b)",
        AGENT,
        ((CONDITION, "increasesRiskOf"), (OUTCOME, "increases")),
    ),
    Rule(
        "group-with-less",
        rf"{GROUP_WITH}(?:(?:are|were|is|was)\s+(?:\w+\s+)?less\s+likely\s+{THAN}to\s+{SUFFER}|"
        r"(?:have|had|has|show|showed|shows)\s+(?:\w+\s+)?(?:lower|less|fewer|reduced|weaker)\b)",
        AGENT,
        ((CONDITION, "prevents"), (OUTCOME, "decreases")),
    ),
)
