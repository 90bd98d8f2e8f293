"""The trigger rules of the rule-based extractor, as data.

Each rule is a regular expression over a sentence in which every entity mention has been replaced by
a slot `⟦n⟧` (see graph.relations). A rule names which side its subject and object stand on, which
classes they may belong to, and which relation property it asserts, chosen by the object's class
("reduces" + a condition is `prevents`, "reduces" + a level is `decreases`). Rules run in order and a
stretch of text used by one rule is not read again by a later, more generic one.
"""

from __future__ import annotations

from graph.rules import Layout, Rule

SLOT = r"⟦\d+⟧"
_THE = r"(?:(?:the|your|this|that|its|their|a|an)\s+)?"


DIRECTOR = ("Vitamin", "Vitamer", "ChemicalEntity", "Protein", "ProteinGroup")
ACTIVATABLE = ("Protein", "ProteinGroup", "Vitamin", "Vitamer", "Cell")
AGENT = ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup", "Food", "Exposure")
MOLECULE = ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup")
_RISK_AGENT = (*MOLECULE, "Condition", "Biomarker", "BiologicalProcess")
PROTEIN = ("Protein", "ProteinGroup")
SITE = ("AnatomicalSite",)
CONDITION = ("Condition",)
OUTCOME = ("BiologicalProcess", "Biomarker", "HealthOutcome", "Cell")
ANY = (
    "Nutrient",
    "ChemicalEntity",
    "Protein",
    "ProteinGroup",
    "Cell",
    "AnatomicalSite",
    "BiologicalProcess",
    "Condition",
    "HealthOutcome",
    "Biomarker",
    "Food",
    "Exposure",
)


def _one(classes: tuple[str, ...], predicate: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    return ((classes, predicate),)


_DEPOSIT_VERB = r"(?:depositing|being deposited|building up|build(?:ing)? up|accumulating|settling)"
_SETTLE_VERB = r"(?:settle|deposit|build\s+up|accumulate|end\s+up|get\s+deposited|stick)"
# Verbs after "needed to" whose object is not what is needed, or only when it follows at once.
_OWN_VERB = (
    r"(?:convert|recycle|remove|absorb|activate|carboxylate|reduce|lower|decrease|prevent|inhibit|block|"
    r"clear|break|turn|transport|move|carry|regulate|make|produce|form|build|synthesi[sz]e|create)\b"
)
# "a roughly 30% ", "a 1.9-fold ", "an ": what may stand between "linked with" and "higher".
_AMOUNT = (
    r"(?:(?:a|an)\s+)?(?:(?:roughly|about|approximately|around|nearly|almost|up\s+to|slightly|"
    r"significantly|substantially|much|far)\s+)?(?:[\d.,–-]+\s*(?:%|-?fold|percent|times)?\s+)?"
)
# "essential for building and keeping bone mass" is essential for bone mass
_KEEPING = r"(?:building|maintaining|keeping|making|forming|producing|supporting|preserving)\b"
# "people with a high intake of X (levels) ...", "rats given X ...": the agent is X (a slot inside)
_GROUP_WITH = (
    r"\b(?:people|those|individuals|adults|women|men|patients|participants|subjects|children|rats|mice|"
    r"animals)\s+(?:with|given|taking|receiving|fed|treated\s+with|supplemented\s+with)\s+"
    r"(?:an?\s+)?(?:(?:high|higher|low|lower|adequate|good|more|greater|the\s+highest|the\s+lowest)\s+)?"
    r"(?:(?:intake|intakes|levels?|amounts?|doses?)\s+of\s+)?(?P<agent>⟦\d+⟧)\s+"
    r"(?:(?:intake|intakes|levels?|status|consumption|supplements?)\s+)?(?:[\w,]+\s+){0,3}?"
)
_THAN = r"(?:than\s+[^,;]{1,40}?\s+)?"
_SUFFER = r"(?:develop|have|get|suffer|experience|be\s+diagnosed)\b"
_PREVENT_VERB = r"(?:prevent(?:s|ing)?|inhibit(?:s|ing)?|keep(?:s|ing)?|stop(?:s|ping)?|block(?:s|ing)?)"

RULES: tuple[Rule, ...] = (
    # --- where calcium goes ------------------------------------------------------------------
    Rule(
        "inhibit-deposition-from",
        rf"\b{_PREVENT_VERB}\s+{_THE}(?P<cargo>{SLOT}|it)\s+from\s+{_DEPOSIT_VERB}\s+(?:in|into|on)\b",
        DIRECTOR,
        _one(SITE, "inhibitsDepositionIn"),
    ),
    Rule(
        "inhibit-deposits-in",
        rf"\b(?:{_PREVENT_VERB}|reduc(?:e|es|ing)|help(?:s|ing)? (?:to )?(?:prevent|inhibit))\s+"
        rf"(?:harmful\s+)?(?P<cargo>{SLOT})\s+(?:deposits?|deposition|build-?up|accumulation)\s+(?:in|into|on)\b",
        DIRECTOR,
        _one(SITE, "inhibitsDepositionIn"),
    ),
    Rule(
        "keep-out-of",
        rf"\bkeep(?:s|ing)?\s+{_THE}(?P<cargo>{SLOT}|it)\s+(?:out\s+of|away\s+from)\b|"
        rf"\b(?:ensur(?:e|es|ing)|mak(?:e|es|ing)\s+sure)(?:\s+that)?\s+"
        rf"(?:(?:this|the|that|your|any|extra|excess|surplus)\s+){{0,3}}{SLOT}\s+"
        rf"(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't)\s+{_SETTLE_VERB}\s+(?:in|into|on)\b",
        DIRECTOR,
        _one(SITE, "inhibitsDepositionIn"),
    ),
    Rule(
        "direct-away-from",
        r"\b(?:away from|instead of(?: in| into| accumulating in)?|rather than(?: in| into| accumulating in)?"
        r"|(?:and |, ?)not (?:in|into))\b",
        DIRECTOR,
        _one(SITE, "inhibitsDepositionIn"),
        confidence=0.75,
    ),
    Rule(
        "direct-to",
        rf"\b(?:direct(?:s|ing)?|guid(?:e|es|ing)|driv(?:e|es|ing)|help(?:s|ing)? direct|"
        rf"ensur(?:e|es|ing)(?: that)?|make(?:s)? sure(?: that)?|help(?:s|ing)?)\s+{_THE}"
        rf"(?P<cargo>{SLOT}|it)\s+(?:is\s+)?(?:properly\s+|efficiently\s+)?"
        rf"(?:(?:reaches|reach)\s+(?={_THE}{SLOT})|(?:ends up|end up|stays|remains|is deposited)\s+in\b|"
        rf"(?:(?:is )?directed|goes|go|gets|get|reaches|reach|ends up|stays|stick|sticks|moves|"
        rf"properly integrates)?\s*(?:exactly\s+)?(?:where it(?:'s| is) needed,?\s*)?(?:in)?to\b)|"
        r"\bensur(?:e|es|ing)\s+(?:its\s+)?(?:proper|correct|healthy)\s+(?:deposition|incorporation)\s+"
        r"in(?:to)?\b",
        DIRECTOR,
        _one(SITE, "directsTo"),
    ),
    Rule(
        "deposited-in",
        r"\b(?:(?:be|is|are|being|gets?)\s+)?(?<!instead of )(?<!rather than )(?<!from )"
        r"(?:deposited|building up|builds up|accumulat(?:es|ing))\s+(?:in|into)\b",
        ("Mineral",),
        _one(SITE, "depositsIn"),
        confidence=0.75,
    ),
    # --- activation, carboxylation, expression ------------------------------------------------
    Rule(
        "requires-for-activation",
        rf"\brequir(?:e|es|ing)\s+(?P<agent>{SLOT})\s+for\s+(?:its\s+|their\s+)?activation\b",
        MOLECULE,
        _one(ACTIVATABLE, "activates"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "activated-by",
        r"\b(?:is|are|be|being|gets|get)\s+(?:\w+\s+)?activated\s+by\b",
        AGENT,
        _one(ACTIVATABLE, "activates"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "activates",
        r"\b(?:activat(?:es|e|ing)|(?:highly\s+)?(?:\w+\s+){0,2}activators?\s+of|activation\s+of)\b",
        MOLECULE,
        _one(ACTIVATABLE, "activates"),
    ),
    Rule(
        "carboxylation-dependent",
        rf"\bcarboxylation\s+of\s+(?P<target>{SLOT})\s+is\s+an?\s+",
        MOLECULE,
        _one(PROTEIN, "carboxylates"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "carboxylated-by",
        r"\b(?:is|are|be|being|gets|get)\s+(?:\w+\s+)?carboxylated\s+by\b",
        MOLECULE,
        _one(PROTEIN, "carboxylates"),
        layout=Layout.PASSIVE,
    ),
    Rule("carboxylates", r"\bcarboxylat(?:es|e|ing)\b", MOLECULE, _one(PROTEIN, "carboxylates")),
    Rule(
        "upregulates-expression",
        r"\b(?:upregulat\w*|up-regulat\w*|increas\w*|stimulat\w*|induc\w*|promot\w*)\s+"
        r"(?:\w+\s+){0,2}(?:expression|production|synthesis)\s+of\b",
        MOLECULE,
        _one(PROTEIN, "upregulatesExpressionOf"),
    ),
    # --- working against another molecule ------------------------------------------------------
    Rule(
        "antagonises",
        r"\b(?:antagoni[sz](?:e|es|ed|ing)|interfer(?:e|es|ed|ing)\s+with|counteract(?:s|ed|ing)?)\b|"
        r"\bblock(?:s|ed|ing)?\b(?=\s+⟦\d+⟧(?!\s+(?:\w+\s+)?from\b))|"  # not "blocks X from forming"
        r"\b(?:reduc|lower|decreas|block|inhibit|impair|weaken|blunt)\w*\s+(?:the\s+)?"
        r"(?:effects?|activity|action|actions)\s+of\b|"
        r"\b(?:speed(?:s|ed|ing)?\s+up|increas\w*|accelerat\w*|enhanc\w*|promot\w*)\s+(?:the\s+)?"
        r"(?:breakdown|degradation|excretion|clearance)\s+of\b",
        (*MOLECULE, "Food"),
        ((CONDITION, "prevents"), (OUTCOME + MOLECULE, "decreases")),
    ),
    Rule(
        "reduces-activity",
        rf"\b(?:reduc|lower|decreas|block|inhibit|impair|weaken|blunt)\w*\s+(?P<target>{SLOT})\s+"
        rf"(?:activity|action|function)\b",
        (*MOLECULE, "Food"),
        _one(MOLECULE, "decreases"),
    ),
    # --- absorption -----------------------------------------------------------------------------
    Rule(
        "reduces-absorption-of",
        rf"\b(?:reduc|lower|decreas|block|inhibit|impair|interfer|hinder|limit)\w*\s+(?:with\s+)?"
        rf"(?:the\s+)?(?:body'?s\s+)?(?:(?:absorption|uptake)\s+of\b|(?P<target>{SLOT})\s+(?:absorption|uptake)\b)",
        (*MOLECULE, "Food"),
        _one(("Nutrient",), "decreases"),
    ),
    Rule(
        "absorption-of",
        r"\b(?:increas|boost|enhanc|improv|support|aid|promot|help|rais|optimi[sz]|facilitat)\w*\s+"
        r"(?:\w+\s+){0,3}(?:absorption|re-?absorption|uptake)\s+of\b",
        MOLECULE,
        _one(("Mineral", "Nutrient"), "increasesAbsorptionOf"),
    ),
    Rule(
        "help-absorb",
        r"\b(?:help(?:s|ing)?|allow(?:s|ing)?|enabl(?:e|es|ing)|work(?:s|ing)? together to)\s+"
        r"(?:[\w⟦⟧]+\s+){0,2}(?:absorb|take up)\b|\b(?:to|help) absorb\b",
        MOLECULE,
        _one(("Mineral", "Nutrient"), "increasesAbsorptionOf"),
    ),
    # --- associations (before the generic verbs: 'linked to reduced risk' is one claim) ----
    Rule(
        "have-linked",
        r"\b(?:has|have)\s+(?:been\s+)?linked\b(?=.*\bwith\b)",
        ANY,
        _one(ANY, "associatedWith"),
        layout=Layout.BOTH_RIGHT,
        always_hedged=True,
    ),
    Rule(
        "association-between",
        r"\b(?:an?|no|any|the|some|strong|weak|clear|consistent)\s+(?:(?!synerg)\w+\s+)?"
        r"(?:association|link|relationship|correlation|connection)\s+between\b",
        ANY,
        _one(ANY, "associatedWith"),
        layout=Layout.BOTH_RIGHT,
        always_hedged=True,
        joiner=" and ",
    ),
    Rule(
        "linked-to-lower",
        r"\b(?:is|are|was|were|has been|have been|been)?\s*(?:strongly\s+|closely\s+)?"
        rf"(?:linked|associated|correlated|connected|tied)\s+(?:to|with)\s+{_AMOUNT}"
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
        rf"(?:linked|associated|correlated|connected|tied)\s+(?:to|with)\s+{_AMOUNT}"
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
        _one(ANY, "associatedWith"),
        always_hedged=True,
        confidence=0.75,
    ),
    # --- groups compared: "people with a higher X intake were less likely to develop Y" --------
    Rule(
        "group-with-more",
        rf"{_GROUP_WITH}(?:(?:are|were|is|was)\s+(?:\w+\s+)?more\s+likely\s+{_THAN}to\s+{_SUFFER}|"
        r"(?:have|had|has|show|showed|shows)\s+(?:\w+\s+)?(?:better|stronger|healthier|higher|greater|"
        r"improved|more)\b|gained\b)",
        AGENT,
        ((CONDITION, "increasesRiskOf"), (OUTCOME, "increases")),
    ),
    Rule(
        "group-with-less",
        rf"{_GROUP_WITH}(?:(?:are|were|is|was)\s+(?:\w+\s+)?less\s+likely\s+{_THAN}to\s+{_SUFFER}|"
        r"(?:have|had|has|show|showed|shows)\s+(?:\w+\s+)?(?:lower|less|fewer|reduced|weaker)\b)",
        AGENT,
        ((CONDITION, "prevents"), (OUTCOME, "decreases")),
    ),
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
        r"\bcaus(?:e|es|ing)\b|\bpromot\w*\b|"
        r"\b(?:accelerat|worsen|exacerbat|aggravat|hasten)\w*\b|\bspeed(?:s|ed|ing)?\s+up\b|"
        r"\b(?:risk\s+factors?|drivers?|causes?)\s+(?:for|of)\b",
        _RISK_AGENT,
        _one(CONDITION, "increasesRiskOf"),
    ),
    Rule(
        "prevents",
        r"\b(?:prevent(?:s|ing)?|ward(?:s|ing)? off|guard(?:s|ing)? against)\b|"
        # "protects the gland against X", "shields the fats in cell membranes from X"
        r"\b(?:protect|shield)(?:s|ed|ing)?\s+(?:[\w⟦⟧]+\s+){0,5}?(?:against|from)\b",
        (*AGENT, "Cell"),
        _one(CONDITION, "prevents"),
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
        _one(OUTCOME + PROTEIN, "increases"),
    ),
    # --- requirement ----------------------------------------------------------------------------
    Rule(
        "needs",
        rf"\b(?:need(?:s)?|requir(?:e|es))\s+(?:adequate\s+|sufficient\s+|enough\s+)?(?P<agent>{SLOT})",
        MOLECULE,
        _one(ANY, "requiredFor"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "depends-on",
        rf"\bdepend(?:s|ing)?\s+(?:\w+\s+)?on\s+(?:adequate\s+|sufficient\s+)?(?P<agent>{SLOT})",
        MOLECULE,
        _one(ANY, "requiredFor"),
        layout=Layout.PASSIVE,
    ),
    Rule(
        "required-for",
        r"\b(?:required|essential|necessary|needed|crucial|critical|vital|indispensable)\s+"
        rf"(?:for\b(?!\s+(?!{_KEEPING})\w+ing\b)|to\b(?!\s+{_OWN_VERB}))|"
        # "needed to make X" is needed for X; "needed to recycle X" is read by the verb's own rule
        r"\b(?:required|essential|necessary|needed|crucial|vital)\s+(?:by\s+(?:the\s+)?[\w⟦⟧]+\s+)?"
        r"to\s+(?:make|produce|form|build|"
        r"synthesi[sz]e)\b(?=\s+(?:(?:the|new|more|enough|healthy)\s+)?⟦)|"
        r"\b(?:is|are)\s+(?:the|a|an)\s+(?:\w+\s+)?(?:raw\s+material|building\s+blocks?|substrate)s?\s+"
        r"(?:for|of)\b",
        MOLECULE,
        _one(ANY, "requiredFor"),
    ),
    Rule(
        "converts-active-form",
        r"\bconvert(?:s|ing)?\b(?=.*\binto\s+(?:its|their|the)\s+active\s+form)|"
        r"\b(?:turns?|converts?)\b(?=\s+⟦\d+⟧\s+into\s+⟦\d+⟧)",
        MOLECULE,
        _one(("Nutrient",), "convertsToActiveForm"),
    ),
    # --- cells and tissue -------------------------------------------------------------------------
    Rule("builds", r"\bbuild(?:s|ing)?\b(?:\s+new)?", ("Cell",), _one(SITE, "builds")),
    Rule(
        "breaks-down",
        r"\b(?:break(?:s|ing)?\s+down|resorb(?:s|ing)?|degrad(?:e|es|ing))\b",
        ("Cell",),
        _one(SITE, "breaksDown"),
    ),
    Rule(
        "binds",
        r"\b(?:bind(?:s|ing)?|bound\s+to)\b",
        PROTEIN,
        _one(("Mineral",), "binds"),
    ),
    # --- non-causal ------------------------------------------------------------------------------
    Rule(
        "marker-for",
        r"\b(?:is\s+|as\s+)?(?:a\s+|an\s+)?(?:\w+\s+)?(?:bio)?markers?\s+(?:for|of)\b",
        ("Biomarker", "Protein"),
        # "a marker of vitamin B12 status" is a marker for the vitamin
        _one(OUTCOME + CONDITION + ("Nutrient",), "biomarkerFor"),
    ),
    Rule(
        "found-in",
        rf"\b(?:is|are|be)\s+(?:\w+\s+)?(?:found|present|abundant|available|plentiful)\s+"
        rf"(?:(?:almost|mostly|mainly|only|\w+ly)\s+){{0,2}}in\b|"
        rf"\b(?:obtained|derived)\s+from\b|\bsources?\s+of\s+(?P<target>{SLOT})\s+include\b",
        ("Food", "Exposure"),
        _one(("Nutrient",), "sourceOf"),
        layout=Layout.PASSIVE,
        all_objects=True,
    ),
    Rule(
        "find-in",
        rf"\bfind\s+(?P<target>{SLOT})\s+(?:\w+ly\s+)?in\b",
        ("Food", "Exposure"),
        _one(("Nutrient",), "sourceOf"),
        layout=Layout.PASSIVE,
        all_objects=True,
    ),
    Rule(
        "amount-per-serving",
        rf"\b(?:mg|µg|mcg|g|iu|milligrams?|micrograms?|grams?)\s+of\s+(?P<target>{SLOT})\s+per\b",
        ("Food", "Exposure"),
        _one(("Nutrient",), "sourceOf"),
    ),
    Rule(
        "sources-of-topic",
        r"\b(?:are|is)\s+(?:all\s+)?(?:(?:very|particularly|especially)\s+)?(?:good|excellent|great|rich|"
        r"best|main|top|richest|natural|important)\s+sources?\b(?!\s+of\b)",
        ("Food", "Exposure"),
        _one(("Nutrient",), "sourceOf"),
        topic_object=True,
    ),
    Rule(
        "source-of",
        r"\bsources?\s+of\b|\b(?:particularly\s+|especially\s+)?rich\s+in\b|\bcontains?\b|"
        r"\b(?:has|have)\s+(?:high|good|significant)\s+(?:levels|amounts)\s+of\b|"
        r"\b(?:is|are)\s+(?:packed|loaded)\s+with\b|"
        r"\b(?:suppl(?:y|ies)|provid(?:e|es))\b(?!\s+(?:very\s+|relatively\s+)?(?:little|no)\b)",
        ("Food", "Exposure"),
        _one(("Nutrient",), "sourceOf"),
    ),
    Rule(
        "in-its-form",
        r"\b(?:in its|in their)\s+(?:\w+\s+)?forms?,?\s+(?=⟦)",
        ("Nutrient",),
        _one(("Nutrient",), "formOf"),
        layout=Layout.PASSIVE,
        confidence=0.8,
    ),
    Rule(
        "form-of",
        r"\b(?:is\s+|are\s+)?(?:(?:a|an|one|the)\s+(?:\w+\s+)?form|(?:\w+\s+)?forms)\s+of\b",
        ("Nutrient",),
        _one(("Nutrient",), "formOf"),
        confidence=0.8,
    ),
    Rule(
        "synergy-between",
        r"\bsynergi(?:stic|c)\s+(?:\w+\s+)?(?:relationship|partnership|interaction|effect)\s+between\b|"
        r"\bsynergy\s+between\b",
        ("Nutrient",),
        _one(("Nutrient",), "synergizesWith"),
        layout=Layout.BOTH_RIGHT,
        confidence=0.75,
        joiner=" and ",
    ),
    Rule(
        "works-with",
        r"\bwork(?:s|ing)?\s+(?:closely\s+|together\s+|synergistically\s+)?with\b|"
        r"\bsynergi\w*\s+with\b|\bpartner\w*\s+with\b",
        ("Nutrient",),
        _one(("Nutrient",), "synergizesWith"),
        confidence=0.75,
    ),
)
