"""Rules about molecules acting on molecules and sites: where calcium goes, activation,
carboxylation and expression, antagonism, absorption."""

from __future__ import annotations

from nutrikg.graph.extract.patterns.words import (
    ACTIVATABLE,
    AGENT,
    CONDITION,
    DEPOSIT_VERB,
    DIRECTOR,
    MOLECULE,
    OUTCOME,
    PREVENT_VERB,
    PROTEIN,
    SETTLE_VERB,
    SITE,
    SLOT,
    THE,
    one_predicate,
)
from nutrikg.graph.extract.rules import Layout, Rule

MOLECULAR: tuple[Rule, ...] = (
    # --- where calcium goes ------------------------------------------------------------------
    Rule(
        "inhibit-deposition-from",
        rf"\b{PREVENT_VERB}\s+{THE}(?P<cargo>{SLOT}|it)\s+from\s+{DEPOSIT_VERB}\s+(?:in|into|on)\b",
        DIRECTOR,
        one_predicate(SITE, "inhibitsDepositionIn"),
    ),
    Rule(
        "inhibit-deposits-in",
        rf"\b(?:{PREVENT_VERB}|reduc(?:e|es|ing)|help(?:s|ing)? (?:to )?(?:prevent|inhibit))\s+"
        rf"(?:harmful\s+)?(?P<cargo>{SLOT})\s+(?:deposits?|deposition|build-?up|accumulation)\s+(?:in|into|on)\b",
        DIRECTOR,
        one_predicate(SITE, "inhibitsDepositionIn"),
    ),
    Rule(
        "keep-out-of",
        rf"\bkeep(?:s|ing)?\s+{THE}(?P<cargo>{SLOT}|it)\s+(?:out\s+of|away\s+from)\b|"
        rf"\b(?:ensur(?:e|es|ing)|mak(?:e|es|ing)\s+sure)(?:\s+that)?\s+"
        rf"(?:(?:this|the|that|your|any|extra|excess|surplus)\s+){{0,3}}{SLOT}\s+"
        rf"(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't)\s+{SETTLE_VERB}\s+(?:in|into|on)\b",
        DIRECTOR,
        one_predicate(SITE, "inhibitsDepositionIn"),
    ),
    Rule(
        "direct-away-from",
        r"\b(?:away from|instead of(?: in| into| accumulating in)?|rather than(?: in| into| accumulating in)?"
        r"|(?:and |, ?)not (?:in|into))\b",
        DIRECTOR,
        one_predicate(SITE, "inhibitsDepositionIn"),
        confidence=0.75,
    ),
    Rule(
        "direct-to",
        rf"\b(?:direct(?:s|ing)?|guid(?:e|es|ing)|driv(?:e|es|ing)|help(?:s|ing)? direct|"
        rf"ensur(?:e|es|ing)(?: that)?|make(?:s)? sure(?: that)?|help(?:s|ing)?)\s+{THE}"
        rf"(?P<cargo>{SLOT}|it)\s+(?:is\s+)?(?:properly\s+|efficiently\s+)?"
        rf"(?:(?:reaches|reach)\s+(?={THE}{SLOT})|(?:ends up|end up|stays|remains|is deposited)\s+in\b|"
        rf"(?:(?:is )?directed|goes|go|gets|get|reaches|reach|ends up|stays|stick|sticks|moves|"
        rf"properly integrates)?\s*(?:exactly\s+)?(?:where it(?:'s| is) needed,?\s*)?(?:in)?to\b)|"
        r"\bensur(?:e|es|ing)\s+(?:its\s+)?(?:proper|correct|healthy)\s+(?:deposition|incorporation)\s+"
        r"in(?:to)?\b",
        DIRECTOR,
        one_predicate(SITE, "directsTo"),
    ),
    Rule(
        "deposited-in",
        r"\b(?:(?:be|is|are|being|gets?)\s+)?(?<!instead of )(?<!rather than )(?<!from )"
        r"(?:deposited|building up|builds up|accumulat(?:es|ing))\s+(?:in|into)\b",
        ("Mineral",),
        one_predicate(SITE, "depositsIn"),
        confidence=0.75,
    ),
    # --- activation, carboxylation, expression ------------------------------------------------
    Rule(
        "requires-for-activation",
        rf"\brequir(?:e|es|ing)\s+(?P<agent>{SLOT})\s+for\s+(?:its\s+|their\s+)?activation\b",
        MOLECULE,
        one_predicate(ACTIVATABLE, "activates"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "activated-by",
        r"\b(?:is|are|be|being|gets|get)\s+(?:\w+\s+)?activated\s+by\b",
        AGENT,
        one_predicate(ACTIVATABLE, "activates"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "blocks-activation",  # before "activates": the activation of X is what is blocked
        r"\b(?:block|inhibit|prevent|impair|suppress|reduc|interfer\w*\s+with)\w*\s+"
        r"(?:the\s+|its\s+|their\s+)?activation\s+of\b",
        MOLECULE,
        one_predicate(ACTIVATABLE, "decreases"),
    ),
    Rule(
        "activates",
        r"\b(?:activat(?:es|e|ing)|(?:highly\s+)?(?:\w+\s+){0,2}activators?\s+of|activation\s+of)\b",
        MOLECULE,
        one_predicate(ACTIVATABLE, "activates"),
    ),
    Rule(
        "carboxylation-dependent",
        rf"\bcarboxylation\s+of\s+(?P<target>{SLOT})\s+is\s+an?\s+",
        MOLECULE,
        one_predicate(PROTEIN, "carboxylates"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "carboxylated-by",
        r"\b(?:is|are|be|being|gets|get)\s+(?:\w+\s+)?carboxylated\s+by\b",
        MOLECULE,
        one_predicate(PROTEIN, "carboxylates"),
        layout=Layout.PASSIVE,
    ),
    Rule("carboxylates", r"\bcarboxylat(?:es|e|ing)\b", MOLECULE, one_predicate(PROTEIN, "carboxylates")),
    Rule(
        "upregulates-expression",
        r"\b(?:upregulat\w*|up-regulat\w*|increas\w*|stimulat\w*|induc\w*|promot\w*)\s+"
        r"(?:\w+\s+){0,2}(?:expression|production|synthesis)\s+of\b",
        MOLECULE,
        one_predicate(PROTEIN, "upregulatesExpressionOf"),
    ),
    # --- working against another molecule ------------------------------------------------------
    Rule(
        "antagonises",
        r"\b(?:antagoni[sz](?:e|es|ed|ing)|interfer(?:e|es|ed|ing)\s+with|counteract(?:s|ed|ing)?)\b|"
        r"\bblock(?:s|ed|ing)?\b(?=\s+⟦\d+⟧(?!\s+(?:\w+\s+)?from\b))|"  # not "blocks X from forming"
        r"\b(?:reduc|lower|decreas|block|inhibit|impair|weaken|blunt|revers)\w*\s+(?:the\s+)?"
        r"(?:effects?|activity|action|actions)\s+of\b|"
        r"\b(?:speed(?:s|ed|ing)?\s+up|increas\w*|accelerat\w*|enhanc\w*|promot\w*)\s+(?:the\s+)?"
        r"(?:breakdown|degradation|excretion|clearance)\s+of\b",
        (*MOLECULE, "Food"),
        ((CONDITION, "prevents"), (OUTCOME + MOLECULE, "decreases")),
    ),
    Rule(
        "makes-less-effective",  # "K2 supplements make warfarin less effective", "stop warfarin working"
        rf"\b(?:mak(?:e|es|ing)|stop(?:s|ping)?)\s+(?P<target>{SLOT})\s+"
        r"(?:(?:much|far)\s+)?(?:less\s+(?:effective|active|potent)|(?:from\s+)?working)\b",
        (*MOLECULE, "Food"),
        one_predicate(MOLECULE, "decreases"),
    ),
    Rule(
        "reduces-activity",
        rf"\b(?:reduc|lower|decreas|block|inhibit|impair|weaken|blunt)\w*\s+(?P<target>{SLOT})\s+"
        rf"(?:activity|action|function)\b",
        (*MOLECULE, "Food"),
        one_predicate(MOLECULE, "decreases"),
    ),
    # --- absorption -----------------------------------------------------------------------------
    Rule(
        "reduces-absorption-of",
        rf"\b(?:reduc|lower|decreas|block|inhibit|impair|interfer|hinder|limit)\w*\s+(?:with\s+)?"
        rf"(?:the\s+)?(?:body'?s\s+)?(?:(?:absorption|uptake)\s+of\b|(?P<target>{SLOT})\s+(?:absorption|uptake)\b)",
        (*MOLECULE, "Food"),
        one_predicate(("Nutrient",), "decreases"),
    ),
    Rule(
        "absorption-of",
        r"\b(?:increas|boost|enhanc|improv|support|aid|promot|help|rais|optimi[sz]|facilitat)\w*\s+"
        rf"(?:(?:\w+\s+){{0,3}}(?:absorption|re-?absorption|uptake)\s+of\b|"
        # "improves iron absorption", as "reduces iron absorption" is read
        rf"(?:the\s+)?(?:body'?s\s+)?(?P<target>{SLOT})\s+(?:absorption|uptake)\b)",
        MOLECULE,
        one_predicate(("Mineral", "Nutrient"), "increasesAbsorptionOf"),
    ),
    # --- levels -------------------------------------------------------------------------------
    # "zinc lowers copper levels", "raises serum magnesium": a nutrient's amount, named as such
    Rule(
        "lowers-level-of",
        rf"\b(?:reduc|lower|decreas|deplet|drain|exhaust)\w*\s+(?:the\s+)?(?:body'?s\s+)?"
        rf"(?:(?:blood|serum|plasma|tissue|circulating)\s+)?(?P<target>{SLOT})\s+"
        r"(?:levels?|status|concentrations?|stores)\b",
        (*MOLECULE, "Food"),
        one_predicate(("Nutrient",), "decreases"),
    ),
    Rule(
        "raises-level-of",
        rf"\b(?:increas|rais|boost|elevat|restor|replenish)\w*\s+(?:the\s+)?(?:body'?s\s+)?"
        rf"(?:(?:blood|serum|plasma|tissue|circulating)\s+)?(?P<target>{SLOT})\s+"
        r"(?:levels?|status|concentrations?|stores)\b",
        (*MOLECULE, "Food"),
        one_predicate(("Nutrient",), "increases"),
    ),
    Rule(
        "help-absorb",
        r"\b(?:help(?:s|ing)?|allow(?:s|ing)?|enabl(?:e|es|ing)|work(?:s|ing)? together to)\s+"
        r"(?:[\w⟦⟧]+\s+){0,2}(?:absorb|take up)\b|\b(?:to|help) absorb\b",
        MOLECULE,
        one_predicate(("Mineral", "Nutrient"), "increasesAbsorptionOf"),
    ),
)
