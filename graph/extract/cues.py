"""Cues the masked-sentence reader (graph.relations) looks for around a trigger: where a clause
or an aside ends, which mentions are coordinated, which are not the agent ("than MK-4", "without
vitamin D", "By lowering X, ..."), who a pronoun or a participle stands for, and which words turn a
claim's direction ("linked to lower risk", "a lack of it causes", "Reducing X lowers Y").

Texts are masked (lower-cased, mentions as `⟦n⟧`); patterns anchored with `$` read the words just
before a position.
"""

from __future__ import annotations

import re

from nutrikg.graph.extract.prefilter import Prefiltered

CLAUSE_BREAK = re.compile(
    r";|:\s|,\s*(?:while|whereas|but|though|although|so|yet)\b|"
    r"\b(?:while|whereas|though|although|however)\b|,\s+and\s+(?=⟦\d+⟧\s+\w+s\b)|\.\s"
)
RELATIVE_ZONE = re.compile(r",\s*(?:which|who|in (?:its|their))\b[^,]*(?:,|$)|\([^)]*\)")
# A plain word that may stand in a list: not a verb in -ing, a number or a connective
_PLAIN_WORD = (
    r"(?!(?:which|that|who|whose|where|when|while|since|because|so|although|though|whereas|if|"
    r"unless|until|after|before|then|than|thus|hence|however|but|and|or|is|are|was|were|it|they|this|"
    r"these|also|can|may|not|as|to|in|on|for|with|by|from|of|one|two|three|four|both|all|each|several|"
    r"many|some|most)\b|\w+ing\b)[a-z][\w'-]*"
)
# List items that name no entity ("citrus fruits, kiwi, bell peppers and broccoli"): up to three
# plain words after a comma, and a separator after them
_LIST_ITEMS = rf"(?:,\s*{_PLAIN_WORD}(?:\s+{_PLAIN_WORD}){{0,2}})+(?=\s*(?:,|and\b|or\b))"
COORDINATION_GAP = re.compile(
    r"^(?:\s+with\s+(?:their|its)\s+[\w⟦⟧]+)?"  # "sardines with their bones, and kale"
    rf"(?:{_LIST_ITEMS})?\s*"
    r"(?:,|and|or|&|/|-|–|,\s*and|,\s*or|as well as|plus|with|combined with|together with|"
    r"along with|and for|or for|,?\s*(?:like|such as|including|especially|particularly|e\.g\.))?\s*"
    r"(?:the\s+|your\s+|other\s+|also\s+|healthy\s+|normal\s+)?"
    r"(?:(?:lower|higher|reduced|increased|decreased|elevated|less|more|fewer|greater|better|stronger|"
    r"improved)\s+|(?!increas|reduc|decreas|elevat|rais|lower|improv|impair)\w+ed\s+|\w+-\w+\s+)?$"
)
# "vitamin D2 rather than D3": the alternative named after the object is denied
REJECTED = re.compile(r"\s*,?\s*(?:rather\s+than|instead\s+of|but\s+not|and\s+not|not)\s+(?:the\s+|from\s+)?")
# where calcium goes: "to bones instead of arteries" has rules of its own
PLACEMENT = frozenset({"directsTo", "inhibitsDepositionIn", "depositsIn"})
ASIDE = re.compile(r"\s*\([^)]*\)")
DEFICIENCY_CUE = re.compile(
    r"(?:low levels of|deficiency of|deficient in|lack of|inadequate|insufficient|"
    r"without adequate|\blow|\bpoor)\s+(?:\w+\s+)?$"
)
# "iodine deficiency", "copper depletion": the lack named after the thing
DEFICIENCY_AFTER = re.compile(r"^\s*(?:deficiency|deficiencies|insufficiency|depletion|deficit)\b", re.I)
SLOT = re.compile(r"⟦(\d+)⟧")
# ", preventing X" / "and has been linked to X" / "... to support X": the verb shares the subject
# of the clause it hangs on.
SHARED_SUBJECT = re.compile(
    r",\s*(?:also\s+)?(?:help(?:s|ing)?\s+(?:to\s+)?)?$|"
    r"\band\s+(?:also\s+)?(?:(?:has|have)\s+been|is|are|can|may|helps?)\s+(?:\w+\s+)?$|\bto\s+$"
)
# "more effective than MK-4", "taken without vitamin D", "compared with calcium": not the agent.
NOT_AGENT = re.compile(
    r"\b(?:than|without|unlike|versus|vs\.?|compared (?:with|to))\s+"
    r"(?:(?:the|a|an|its|their|your|adequate|enough|sufficient)\s+)?$"
)
NOT_AGENT_CUE = Prefiltered(NOT_AGENT)
# "a diet rich in fruit, beans and dairy lowered ...": the diet acts, not the foods it is rich in
DIET_ITEM = re.compile(r"\bdiets?\s+(?:rich|high|low|poor)\s+in\s+(?:[^,;:.]*,\s*)*[^,;:.]*$")
# "Beans and lentils: about 700 mg of potassium per cup": a label of mentions names the subject.
LABEL = re.compile(r"^\s*⟦\d+⟧(?:\s*(?:,|and|or|&)\s*⟦\d+⟧)*\s*$")
# "Lower doses of MK-7 ...": an adjective, not a verb-first line about the topic.
ADJECTIVE_USE = re.compile(r"\s*(?:doses?|levels?|amounts?|intakes?|concentrations?|risks?)\b")
CLAUSE_PRONOUN = re.compile(r"(?:,|\band|\bbut|\bso|\bbecause|\bwhile)\s+(?:it|they)\s+(?:\w+\s+){0,3}$")
# "... and so slightly slows Z", "X lowered Y but did not reduce Z": a verb without its own subject
AND_VERB = re.compile(
    r"\b(?:and|but)\s+(?:(?:so|thus|therefore|then|hence|even)\s+)?(?:\w+ly\s+)?"
    r"(?:(?:did|does|do|could|would|will)\s+not\s+|(?:didn't|doesn't|don't|couldn't|won't)\s+)?$"
)
MIXED = re.compile(r"\b(?:higher|increased|greater)\b.*\b(?:lower|reduced|decreased)\b|\bboth\b")
CARBOXYLATION = "/protein_carboxylation"
OF = re.compile(r"\s+of\s+(?:the\s+)?")
# Hedges before a contrast ("X has been proposed to ..., but there is no evidence that it ...")
# do not reach the claim after it.
CONTRASTS = Prefiltered(re.compile(r",\s*(?:but|whereas|yet)\s"))
DETERMINER = re.compile(r"(?:is\s+|are\s+)?(?:the|a|an|one)\b")
LACK_OF_IT = re.compile(
    r"\b(?:lack|deficiency|shortage|absence|low\s+levels?)\s+of\s+(?:it|them)\s+(?:\w+\s+){0,2}$"
)
# ", improving A and reducing B": a second participle shares the subject of the first
PARTICIPLES = re.compile(r",\s+\w+ing\s+[^,;]*\band\s+$")
REDUCING = r"(?:reduc|lower|decreas|prevent|inhibit|limit|minimi[sz]|cut)\w*"
REDUCED = re.compile(rf"\b{REDUCING}\s+(?:the\s+)?$")
# a clause that opens with "Reducing X ...": its subject is the reduction, not X
GERUND_SUBJECT = re.compile(
    r"^[\s,;:]*(?:reducing|lowering|decreasing|preventing|limiting|cutting)\s+(?:\w+\s+)?$"
)
BY_GERUND = re.compile(r"(?:[^:]{0,40}:\s+)?by\s+\w+ing\b[^,;]*,")
# A relative pronoun right before a trigger ("... a protein in the gut that binds"), and what may
# stand between a mention and it for the mention to stay its noun ("X, a protein that", "X is one")
RELATIVE_BEFORE_TRIGGER = re.compile(r"\b(?:that|which|who)\s+(?:\w+\s+){0,2}$")
SAME_NOUN = re.compile(
    r"\s*,?\s*(?:(?:is|are|was|were)\s+)?(?:(?:a|an|the|one)\s+(?:[\w-]+\s+){0,3})?"
    r"(?:(?:in|of|from|made\s+(?:in|by)|found\s+in)\s+(?:the\s+)?[\w⟦⟧-]+\s+)?"  # "a protein in bone"
)
OPENING_PRONOUN = re.compile(r"\W*(?:it|they)\s")
PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:\w+\s+){0,3}$")
# "lower X", "a weaker Y", "a higher risk of Y": the direction said of what follows
_OF_AMOUNT = r"(?:(?:risk|rates?|incidence|odds|chance|levels?)\s+of\s+)?"
LOWER = re.compile(
    rf"\b(?:lower|reduced|less|fewer|decreased|smaller|weaker|poorer)\s+(?:\w+\s+)?{_OF_AMOUNT}$"
)
HIGHER = re.compile(rf"\b(?:higher|increased|greater|more|elevated)\s+(?:\w+\s+)?{_OF_AMOUNT}$")
FLIP_DOWN = {"increases": "decreases", "increasesRiskOf": "prevents"}
FLIP_UP = {"decreases": "increases", "prevents": "increasesRiskOf"}
CONTRAPOSITIVE = {
    "increases": "decreases",
    "decreases": "increases",
    "increasesRiskOf": "prevents",
    "prevents": "increasesRiskOf",
}
