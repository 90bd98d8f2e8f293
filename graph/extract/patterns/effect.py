"""Rules about effects on health: risk, prevention, generic increase and decrease,
requirement, cells and tissue."""

from __future__ import annotations

from nutrikg.graph.extract.patterns.words import (
    AGENT,
    ANY,
    CONDITION,
    KEEPING,
    LACKABLE,
    MOLECULE,
    OUTCOME,
    OWN_VERB,
    PROTEIN,
    RISK_AGENT,
    SITE,
    SLOT,
    one_predicate,
)
from nutrikg.graph.extract.rules import Layout, Rule

EFFECT: tuple[Rule, ...] = (
    # --- risk, prevention, generic increase/decrease -----------------------------------------------
    Rule(
        "leads-to",
        r"\blead(?:s|ing)?\s+to\b|\bcontribut\w*\s+to\b|\bresult(?:s|ed|ing)?\s+in\b",
        (*MOLECULE, "Condition", "Biomarker"),
        ((CONDITION, "increasesRiskOf"), (OUTCOME, "increases")),
    ),
    Rule(
        "increases-risk",
        rf"\b(?:increas\w*|rais\w*|heighten\w*|elevat\w*|doubl\w*)\s+(?:the\s+)?"
        rf"(?:risk\s+(?:of|for)\b|(?P<target>{SLOT})\s+risks?\b)|"
        r"\bcaus(?:e|es|ing)\b|\binduc(?:e|es|ed|ing)\b|\bpromot\w*\b|"
        r"\b(?:accelerat|worsen|exacerbat|aggravat|hasten)\w*\b|\bspeed(?:s|ed|ing)?\s+up\b|"
        r"\b(?:risk\s+factors?|drivers?|causes?)\s+(?:for|of)\b",
        RISK_AGENT,
        # "zinc induces copper deficiency": a nutrient's lack, caused (the claim turns it: zinc
        # lowers copper)
        ((CONDITION, "increasesRiskOf"), (LACKABLE, "increases")),
    ),
    Rule(
        "prevents",
        r"\b(?:prevent(?:s|ing)?|ward(?:s|ing)? off|guard(?:s|ing)? against)\b|"
        # "protects the gland against X", "shields the fats in cell membranes from X"
        r"\b(?:protect|shield)(?:s|ed|ing)?\s+(?:[\w⟦⟧]+\s+){0,5}?(?:against|from)\b|"
        # a treatment lowers its condition: "treats X", "prescribed for X", "drugs for X"
        r"\btreat(?:s|ed|ing)?\b|\b(?:prescribed|approved|indicated)\s+(?:\w+\s+){0,2}?(?:for|to\s+treat)\b|"
        r"\bdrugs?\s+for\b",
        (*AGENT, "Cell"),
        one_predicate(CONDITION, "prevents"),
    ),
    Rule(
        "decreases",
        r"\b(?:reduc(?:e|es|ed|ing)|(?<!higher and )(?<!higher or )(?<!with )lower(?:s|ed|ing)?|"
        r"decreas(?:e|es|ed|ing)|moderat(?:e|es|ing)|"
        r"inhibit(?:s|ing)?|suppress(?:es|ing)?|diminish(?:es|ing)?|minimi[sz](?:e|es|ing)|"
        r"slow(?:s|ed|ing)?|combat(?:s|ing)?|fight(?:s|ing)?|block(?:s|ed|ing)?|dampen(?:s|ed|ing)?|"
        r" eas(?:e|es|ed|ing)|alleviat(?:e|es|ed|ing)|reliev(?:e|es|ed|ing)|mitigat(?:e|es|ed|ing)|"
        r"lessen(?:s|ed|ing)?|attenuat(?:e|es|ed|ing)|recycl(?:e|es|ing)|remov(?:e|es|ing)|"
        r"impair(?:s|ed|ing)?|weaken(?:s|ed|ing)?|hamper(?:s|ed|ing)?)\b",
        (*AGENT, "Cell", "Biomarker", "Condition"),
        ((CONDITION, "prevents"), (OUTCOME + PROTEIN, "decreases")),
    ),
    Rule(
        "increases",
        r"\b(?:increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|boost(?:s|ed|ing)?|promot(?:e|es|ed|ing)|"
        r"enhanc(?:e|es|ed|ing)|improv(?:e|es|ed|ing)|support(?:s|ed|ing)?|optimi[sz](?:e|es|ing)|"
        r"strengthen(?:s|ing)?|encourag(?:e|es|ing)|stimulat(?:e|es|ing)|"
        r"initiat(?:e|es|ing))\b(?!\s+roles?\b)|"
        # "roles in maintaining bone density", "partnerships for maintaining bone health"
        r"\b(?:roles?|partnerships?)\s+(?:\w+\s+){0,3}(?:in|for)\s+maintaining\b",
        (*AGENT, "Cell"),
        one_predicate(OUTCOME + PROTEIN, "increases"),
    ),
    # --- requirement ----------------------------------------------------------------------------
    Rule(
        "needs",
        rf"\b(?:need(?:s)?|requir(?:e|es))\s+(?:adequate\s+|sufficient\s+|enough\s+)?(?P<agent>{SLOT})",
        MOLECULE,
        one_predicate(ANY, "requiredFor"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "depends-on",
        rf"\bdepend(?:s|ing)?\s+(?:\w+\s+)?on\s+(?:adequate\s+|sufficient\s+)?(?P<agent>{SLOT})",
        MOLECULE,
        one_predicate(ANY, "requiredFor"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "required-for",
        r"\b(?:required|essential|necessary|needed|crucial|critical|vital|indispensable)\s+"
        rf"(?:for\b(?!\s+(?!{KEEPING})\w+ing\b)|to\b(?!\s+{OWN_VERB}))|"
        # "needed to make X" is needed for X; "needed to recycle X" is read by the verb's own rule
        r"\b(?:required|essential|necessary|needed|crucial|vital)\s+(?:by\s+(?:the\s+)?[\w⟦⟧]+\s+)?"
        r"to\s+(?:make|produce|form|build|"
        r"synthesi[sz]e)\b(?=\s+(?:(?:the|new|more|enough|healthy)\s+)?⟦)|"
        r"\b(?:is|are)\s+(?:the|a|an)\s+(?:\w+\s+)?(?:raw\s+material|building\s+blocks?|substrate)s?\s+"
        r"(?:for|of)\b",
        MOLECULE,
        one_predicate(ANY, "requiredFor"),
    ),
    Rule(
        "converts-active-form",
        r"\bconvert(?:s|ing)?\b(?=.*\binto\s+(?:its|their|the)\s+active\s+form)|"
        r"\b(?:turns?|converts?)\b(?=\s+⟦\d+⟧\s+into\s+⟦\d+⟧)",
        MOLECULE,
        one_predicate(("Nutrient",), "convertsToActiveForm"),
    ),
    # --- cells and tissue -------------------------------------------------------------------------
    Rule("builds", r"\bbuild(?:s|ing)?\b(?:\s+new)?", ("Cell",), one_predicate(SITE, "builds")),
    Rule(
        "breaks-down",
        r"\b(?:break(?:s|ing)?\s+down|resorb(?:s|ing)?|degrad(?:e|es|ing))\b",
        ("Cell",),
        one_predicate(SITE, "breaksDown"),
    ),
    Rule(
        "binds",
        r"\b(?:bind(?:s|ing)?|bound\s+to)\b",
        MOLECULE,
        ((("Mineral",), "binds"), (PROTEIN, "binds")),
        own_noun_subject=True,
    ),
)
