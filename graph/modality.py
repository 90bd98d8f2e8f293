"""How firmly a sentence states a claim: hedging cues and negation cues.

Cues are read from the stretch of the sentence that governs the claim: hedges anywhere before the
end of the claim's object ("research suggests that X may ..."), negation between the clause start
and the trigger ("X does not ...", "little evidence that X ...").
"""

from __future__ import annotations

import re

from graph.prefilter import Prefiltered

HEDGE_CUES = re.compile(
    r"\b(?:may|might|could|can help|possibly|potentially|potential|perhaps|likely|"
    r"suggests?|suggested|suggesting|appears? to|seems? to|linked|associated|correlat\w*|"
    r"observational|some studies|some research|indicates?|indicated|believed|thought to|"
    r"promising|preliminary|is considered|are considered|generally considered|argue)\b",
    re.IGNORECASE,
)
NEGATION_CUES = re.compile(
    r"\b(?:not|never|no longer|cannot|fails? to|failed to|neither|nor)\b|n't\b|"
    r"\b(?:little|no|insufficient|limited) evidence (?:that|of|for)\b|"
    r"\bno (?:effect|association|link|benefit)\b",
    re.IGNORECASE,
)
# "not only ... but also" affirms; "does not prove causation" hedges the whole claim instead.
_NOT_NEGATING = re.compile(r"\bnot only\b|\bnot every\b|\bnot all\b", re.IGNORECASE)
_CAUSATION_DISCLAIMER = re.compile(r"(?:does|do) not prove\b|not (?:prove|establish) caus", re.I)


# The cue lists behind tests for their words: few sentences hold any, and a scan of a long
# case-insensitive alternation costs many substring tests.
_HEDGES = Prefiltered(HEDGE_CUES)
_NEGATIONS = Prefiltered(NEGATION_CUES)
_NOT_NEGATING_CUE = Prefiltered(_NOT_NEGATING)
_CAUSATION_DISCLAIMER_CUE = Prefiltered(_CAUSATION_DISCLAIMER)


def is_hedged(governing_text: str, whole_sentence: str) -> bool:
    """True when the claim is stated tentatively."""
    return bool(_HEDGES.search(governing_text) or _CAUSATION_DISCLAIMER_CUE.search(whole_sentence))


def is_negated(text_before_trigger: str) -> bool:
    """True when the words between the clause start and the trigger deny the claim."""
    cleaned = text_before_trigger
    if _NOT_NEGATING_CUE.may_match(cleaned):
        cleaned = _NOT_NEGATING.sub(" ", cleaned)
    if _CAUSATION_DISCLAIMER_CUE.may_match(cleaned):
        cleaned = _CAUSATION_DISCLAIMER.sub(" ", cleaned)
    return bool(_NEGATIONS.search(cleaned))
