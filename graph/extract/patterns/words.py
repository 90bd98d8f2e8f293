"""The pieces the rules are made of: the slot, entity-class groups, and shared regular-expression
fragments."""

from __future__ import annotations

SLOT = r"⟦\d+⟧"
THE = r"(?:(?:the|your|this|that|its|their|a|an)\s+)?"


DIRECTOR = ("Vitamin", "Vitamer", "ChemicalEntity", "Protein", "ProteinGroup")
ACTIVATABLE = ("Protein", "ProteinGroup", "Vitamin", "Vitamer", "Cell")
AGENT = ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup", "Food", "Exposure")
MOLECULE = ("Nutrient", "ChemicalEntity", "Protein", "ProteinGroup")
RISK_AGENT = (*MOLECULE, "Condition", "Biomarker", "BiologicalProcess", "Food", "Exposure")
PROTEIN = ("Protein", "ProteinGroup")
LACKABLE = ("Nutrient",)  # what a text says runs short ("copper deficiency"): said of, the rule turns
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


def one_predicate(classes: tuple[str, ...], predicate: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    return ((classes, predicate),)


DEPOSIT_VERB = r"(?:depositing|being deposited|building up|build(?:ing)? up|accumulating|settling)"
SETTLE_VERB = r"(?:settle|deposit|build\s+up|accumulate|end\s+up|get\s+deposited|stick)"
# Verbs after "needed to" whose object is not what is needed, or only when it follows at once.
OWN_VERB = (
    r"(?:convert|recycle|remove|absorb|activate|carboxylate|reduce|lower|decrease|prevent|inhibit|block|"
    r"clear|break|turn|transport|move|carry|regulate|make|produce|form|build|synthesi[sz]e|create)\b"
)
# "a roughly 30% ", "a 1.9-fold ", "an ": what may stand between "linked with" and "higher".
AMOUNT = (
    r"(?:(?:a|an)\s+)?(?:(?:roughly|about|approximately|around|nearly|almost|up\s+to|slightly|"
    r"significantly|substantially|much|far)\s+)?(?:[\d.,–-]+\s*(?:%|-?fold|percent|times)?\s+)?"
)
# "essential for building and keeping bone mass" is essential for bone mass
KEEPING = r"(?:building|maintaining|keeping|making|forming|producing|supporting|preserving)\b"
# "people with a high intake of X (levels) ...", "rats given X ...": the agent is X (a slot inside)
GROUP_WITH = (
    r"\b(?:people|those|individuals|adults|women|men|patients|participants|subjects|children|rats|mice|"
    r"animals)\s+(?:with|given|taking|receiving|fed|treated\s+with|supplemented\s+with)\s+"
    r"(?:an?\s+)?(?:(?:high|higher|low|lower|adequate|good|more|greater|the\s+highest|the\s+lowest)\s+)?"
    r"(?:(?:intake|intakes|levels?|amounts?|doses?)\s+of\s+)?(?P<agent>⟦\d+⟧)\s+"
    r"(?:(?:intake|intakes|levels?|status|consumption|supplements?)\s+)?(?:[\w,]+\s+){0,3}?"
)
THAN = r"(?:than\s+[^,;]{1,40}?\s+)?"
SUFFER = r"(?:develop|have|get|suffer|experience|be\s+diagnosed)\b"
PREVENT_VERB = r"(?:prevent(?:s|ing)?|inhibit(?:s|ing)?|keep(?:s|ing)?|stop(?:s|ping)?|block(?:s|ing)?)"
