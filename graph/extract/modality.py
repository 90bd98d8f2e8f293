"""How firmly a sentence states a claim: hedging cues and negation cues.

Cues are read from the stretch of the sentence that governs the claim: hedges anywhere before the
end of the claim's object ("research suggests that X may ..."), negation between the clause start
and the trigger ("X does not ...", "little evidence that X ...").
"""

from __future__ import annotations

import re

from nutrikg.graph.extract.prefilter import Prefiltered, fold_case

HEDGE_CUES = re.compile(
    r"\b(?:may|might|could|can help|possibly|potentially|potential|perhaps|(?<!more )(?<!less )likely|"
    r"suggests?|suggested|suggesting|appears? to|appeared to|seems? to|seemed to|linked|associated|"
    r"correlat\w*|observational|some (?:\w+\s+){0,2}(?:studies|trials|research|analyses)|"
    r"indicates?|indicated|believed|thought to|proposed|studied for|"
    r"promising|preliminary|is considered|are considered|generally considered|argue)\b",
    re.IGNORECASE,
)
# "can" with an effect verb is a possibility ("can cause", "can lower"), but not "can be found".
# (Written with a literal "can " so that its prefilter tests one word, not every verb.)
CAN_HEDGE = re.compile(
    r"\bcan (?:also |even |further |significantly )?(?:cause|lead|result|trigger|improve|"
    r"lower|reduce|raise|increase|decrease|slow|impair|interfere|accelerate|worsen|protect|prevent|"
    r"promote|boost|affect|inhibit|block|contribute|make a|enhance|strengthen|weaken|damage|harm|"
    r"speed|delay|stimulate|suppress|elevate|dampen|ease|antagoni[sz]e|disrupt|deplete|induce|"
    r"hinder|reverse)\b",
    re.IGNORECASE,
)
NEGATION_CUES = re.compile(
    r"\b(?:not|never|no longer|cannot|fails? to|failed to|neither|nor)\b|n't\b|"
    r"\b(?:little|no|insufficient|limited)\s+(?:\w+\s+)?evidence\s+(?:yet\s+)?(?:that|of|for)\b|"
    r"\bno (?:effect|association|link|benefit)\b",
    re.IGNORECASE,
)
# "not only ... but also" affirms; "does not prove causation" hedges the whole claim instead.
_NOT_NEGATING = re.compile(r"\bnot only\b|\bnot every\b|\bnot all\b", re.IGNORECASE)
_CAUSATION_DISCLAIMER = re.compile(r"(?:does|do) not prove\b|not (?:prove|establish) caus", re.I)


# The cue lists behind tests for their words: few sentences hold any, and a scan of a long
# case-insensitive alternation costs many substring tests.
_HEDGES = Prefiltered(HEDGE_CUES)
_CAN_HEDGES = Prefiltered(CAN_HEDGE)
_NEGATIONS = Prefiltered(NEGATION_CUES)
_NOT_NEGATING_CUE = Prefiltered(_NOT_NEGATING)
_CAUSATION_DISCLAIMER_CUE = Prefiltered(_CAUSATION_DISCLAIMER)


def is_hedged(governing_text: str, whole_sentence: str) -> bool:
    """True when the claim is stated tentatively."""
    folded = fold_case(governing_text)
    return bool(
        _HEDGES.search(governing_text, folded)
        or _CAN_HEDGES.search(governing_text, folded)
        or _CAUSATION_DISCLAIMER_CUE.search(whole_sentence)
    )


def is_negated(text_before_trigger: str) -> bool:
    """True when the words between the clause start and the trigger deny the claim."""
    cleaned = text_before_trigger
    if _NOT_NEGATING_CUE.may_match(cleaned):
        cleaned = _NOT_NEGATING.sub(" ", cleaned)
    if _CAUSATION_DISCLAIMER_CUE.may_match(cleaned):
        cleaned = _CAUSATION_DISCLAIMER.sub(" ", cleaned)
    return bool(_NEGATIONS.search(cleaned))
