"""The trigger rules of the rule-based extractor, as data.

Each rule is a regular expression over a sentence in which every entity mention has been replaced by
a slot `⟦n⟧` (see graph.masking). A rule names which side its subject and object stand on, which
classes they may belong to, and which relation property it asserts, chosen by the object's class
("reduces" + a condition is `prevents`, "reduces" + a level is `decreases`). Rules run in order and a
stretch of text used by one rule is not read again by a later, more generic one.
"""

from __future__ import annotations

from nutrikg.graph.extract.patterns.association import ASSOCIATION
from nutrikg.graph.extract.patterns.effect import EFFECT
from nutrikg.graph.extract.patterns.molecular import MOLECULAR
from nutrikg.graph.extract.patterns.non_causal import NON_CAUSAL
from nutrikg.graph.extract.patterns.words import PROTEIN, SLOT
from nutrikg.graph.extract.rules import Rule

# In this order: a stretch of text used by a rule is not read again by a later one.
RULES: tuple[Rule, ...] = (*MOLECULAR, *ASSOCIATION, *EFFECT, *NON_CAUSAL)

__all__ = ["PROTEIN", "RULES", "SLOT"]
