"""Entity states: "copper deficiency", "low serum ferritin", "too much zinc" name a lack or an
excess of a thing, not the thing. Each such mention becomes a mention of the state, an entity of
its own linked to the thing (nm:deficiencyOf, nm:excessOf), whose span takes in the state words.

A claim about a state then keeps the direction the text gives it ("copper deficiency causes
anaemia": the deficiency raises anaemia's risk), and a path through the thing composes its sign
through the link (zinc lowers copper; less copper is more copper deficiency; which raises
anaemia's risk: zinc raises it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Mention, Span, State

# Words between the state word and the name: "low serum ferritin", "a lack of dietary iodine".
_MODIFIER = r"(?:(?:the|serum|plasma|blood|dietary|circulating|body|tissue|cellular|red[- ]cell)\s+)?"
# "low-dose vitamin D" and "low doses of" are doses, not states: the word must end at the name.
# ("Without adequate K2, these proteins remain inactive" is read by a rule of its own: K2 activates.)
_BEFORE = {
    State.LOW: re.compile(
        r"(?:\b(?:low|inadequate|insufficient|poor|suboptimal|marginal|deficient)"
        r"(?:\s+(?:levels?|concentrations?|amounts?|intakes?|status|stores)\s+of)?"
        r"|\b(?:lack|deficiency|deficiencies|depletion|shortage|insufficiency|inadequacy)\s+of"
        r"|\bdeficient\s+in|\btoo\s+little)"
        r"(?:\s+|-)" + _MODIFIER + r"$",
        re.I,
    ),
    State.HIGH: re.compile(
        r"(?:\b(?:excess(?:ive)?|surplus)(?:\s+(?:levels?|amounts?|intakes?)\s+of)?"
        r"|\bexcess\s+of|\btoo\s+much|\boverload\s+of)\s+" + _MODIFIER + r"$",
        re.I,
    ),
}
_AFTER = {
    State.LOW: re.compile(
        r"^(?:\s+|-)(?:deficiency|deficiencies|insufficiency|depletion|deficit|inadequacy|deficient)\b", re.I
    ),
    State.HIGH: re.compile(r"^(?:\s+|-)(?:toxicity|overload|excess|poisoning|overdose)\b", re.I),
}
_REACH = 48  # characters looked at on each side of a name


def with_states(text: str, mentions: list[Mention], vocabulary: Vocabulary) -> list[Mention]:
    """`mentions` of a text (document offsets), each one named as lacking or in excess replaced by
    a mention of that state, spanning its words too ("low blood calcium" takes in blood)."""
    stated = [(mention, _stated(text, mention, vocabulary)) for mention in mentions]
    spans = [(state.span.start, state.span.end) for _, state in stated if state is not None]
    kept = [state or mention for mention, state in stated]
    return [
        m
        for m in kept
        if not any(
            s <= m.span.start and m.span.end <= e and (s, e) != (m.span.start, m.span.end) for s, e in spans
        )
    ]


def _stated(text: str, mention: Mention, vocabulary: Vocabulary) -> Mention | None:
    start, end = mention.span.start, mention.span.end
    before, after = text[max(0, start - _REACH) : start], text[end : end + _REACH]
    for state in State:
        words_before = _BEFORE[state].search(before)
        words_after = _AFTER[state].match(after)
        if words_before is None and words_after is None:
            continue
        entity = vocabulary.state_entity(mention.entity, state)
        if entity is None:
            return None
        first = start - (len(before) - words_before.start()) if words_before else start
        last = end + words_after.end() if words_after else end
        return replace(mention, entity=entity.iri, span=Span(first, last), text=text[first:last])
    return None
