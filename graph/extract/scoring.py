"""Score extraction against gold written as the text names things (the reader set's format,
tests/data/reader/README.md): a claim matches a gold relation when it was read from the same
sentence and its subject and object are what the gold's words name there.

- pair: sentence, subject and object agree (either order for symmetric relations);
- pair+sign: and the direction of effect agrees (+1 raises, -1 lowers, 0 neither).

A gold subject or object written in the sentence matches a claim's entity when a mention of that
entity overlaps those words ("low serum ferritin" is matched by a mention of ferritin: states are
part of the gold's words, not of the pair); one resolved by reference matches a mention of the
entity anywhere in the document with the same words. Doses and target levels are not claims and
are left out. Each claim counts once per (sentence, subject, object); so does each gold pair.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nutrikg.graph.extract.evaluate import Score
from nutrikg.graph.model import Claim, Extraction, Mention, Sign, Span

READERS = ("rules", "learned")  # a claim's first reader: the rules' claim stands where both read it
SYMMETRIC = frozenset({"synergizes with", "associated with"})
NOT_CLAIMS = frozenset({"has recommended dose", "has target level"})
SIGN_VALUES = {Sign.POSITIVE: 1, Sign.NEGATIVE: -1, Sign.NOT_CAUSAL: 0}
_SIGN_MARKS = {1: "+", -1: "-", 0: "0"}
# Words that name the lack of a thing: a claim about the thing itself then has the opposite sign.
_LACK = re.compile(
    r"\b(?:deficien\w*|lack\w*|low(?![- ](?:doses?|density)\b)|insufficien\w*|inadequate|shortage|"
    r"depletion|depleted|scarce)\b",
    re.I,
)


@dataclass(frozen=True)
class SurfaceGold:
    """One annotated relation, its two ends as the text names them."""

    doc: str
    sentence: str
    subject: str
    subject_resolved: bool
    relation: str
    object: str
    object_resolved: bool
    sign: int
    hedged: bool
    negated: bool

    @property
    def symmetric(self) -> bool:
        return self.relation in SYMMETRIC


@dataclass
class SurfaceScore:
    """Pair and pair+sign scores, per document kind too, and the claims whose sign inverts the
    gold's (+1 read as -1, or the reverse) with their sentences."""

    pair: Score = field(default_factory=Score)
    pair_sign: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=dict)
    # pair scores of each reader's claims alone: "rules" (alone or with the learned reader's
    # agreement), "learned" (the learned reader's where no rule read the pair)
    by_reader: dict[str, Score] = field(default_factory=dict)
    inverted: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "pair": self.pair.as_dict(),
            "pair_sign": self.pair_sign.as_dict(),
            "by_kind": {kind: score.as_dict() for kind, score in sorted(self.by_kind.items())},
            "by_reader": {name: score.as_dict() for name, score in sorted(self.by_reader.items())},
            "inverted": self.inverted,
        }


def split_ids(folder: Path, split: str) -> set[str]:
    """Document id prefixes (`r02`) of one split of `folder/splits.json`; ValueError if unknown."""
    splits = json.loads((folder / "splits.json").read_text(encoding="utf-8"))
    if split not in splits:
        raise ValueError(f"no split {split!r} in {folder / 'splits.json'}; one of {', '.join(splits)}")
    return set(splits[split])


def load_surface_gold(folder: Path, prefixes: Collection[str] | None = None) -> list[SurfaceGold]:
    """The relations of `folder/gold/*.jsonl` (those of documents whose id starts with one of
    `prefixes`, when given), doses and target levels left out."""
    found = []
    for path in sorted((folder / "gold").glob("*.jsonl")):
        if prefixes is not None and path.stem.split("_")[0] not in prefixes:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(_gold(json.loads(line)))
    return [gold for gold in found if gold.relation not in NOT_CLAIMS]


def _gold(row: dict[str, object]) -> SurfaceGold:
    return SurfaceGold(
        doc=str(row["doc"]),
        sentence=str(row["sentence"]),
        subject=str(row["subject"]),
        subject_resolved=bool(row.get("subject_resolved")),
        relation=str(row["relation"]),
        object=str(row["object"]),
        object_resolved=bool(row.get("object_resolved")),
        sign=int(str(row["sign"])),
        hedged=bool(row.get("hedged")),
        negated=bool(row.get("negated")),
    )


def score_surface(extractions: Iterable[Extraction], gold: list[SurfaceGold]) -> SurfaceScore:
    """Pair and pair+sign precision, recall and F1 of the extractions' claims against `gold`."""
    result = SurfaceScore()
    by_doc: dict[str, list[SurfaceGold]] = defaultdict(list)
    for relation in gold:
        by_doc[relation.doc].append(relation)
    for extraction in extractions:
        kind = extraction.document.source_kind.value
        document = GoldDocument(extraction, by_doc.get(extraction.document.id, []))
        for score in (result.pair, result.by_kind.setdefault(kind, Score())):
            document.count(score, signed=False)
        document.count(result.pair_sign, signed=True)
        for reader in READERS:
            document.count(result.by_reader.setdefault(reader, Score()), signed=False, reader=reader)
        result.inverted += document.inverted()
    return result


class GoldDocument:
    """One document's claims and gold, matched."""

    def __init__(self, extraction: Extraction, gold: list[SurfaceGold]) -> None:
        self.text = extraction.document.text
        self.mentions = extraction.mentions
        self.gold = [(g, self._locate(g.sentence)) for g in gold]
        self.gold_pairs = {
            (g.sentence, _fold(g.subject), _fold(g.object)): (g, span) for g, span in self.gold
        }
        self.claims = {(c.evidence.span.start, c.subject, c.object, c.sign): c for c in extraction.claims}

    def count(self, score: Score, *, signed: bool, reader: str | None = None) -> None:
        """Count the claims (of `reader` alone, when given: its first reader) against the gold."""
        claims = {
            key if signed else key[:3]: claim
            for key, claim in self.claims.items()
            if reader is None or claim.readers[0] == reader
        }
        units = {(g.sentence, _fold(g.subject), _fold(g.object), g.sign if signed else 0): (g, span)
                 for g, span in self.gold}  # fmt: skip
        matched_gold = set()
        for claim in claims.values():
            hits = [key for key, (g, span) in units.items() if self._matches(claim, g, span, signed)]
            score.true_positives += bool(hits)
            score.false_positives += not hits
            matched_gold.update(hits)
        score.false_negatives += len(units) - len(matched_gold)

    def label(self, first: str, second: str, sentence: Span) -> str:
        """What the gold says of two entities (first named before second) in a sentence: "none",
        or "forward"/"backward" (first -> second, or back) and the sign (+, -, 0)."""
        where = (sentence.start, sentence.end)
        found = "none"
        for gold, span in self.gold:
            if span is None or not _overlaps(where, span):
                continue
            subjects = self._entities(gold.subject, gold.subject_resolved, span)
            objects = self._entities(gold.object, gold.object_resolved, span)
            if first in subjects and second in objects:
                direction = "forward"
            elif first in objects and second in subjects:
                direction = "backward"
            else:
                continue
            found = f"{direction}{_SIGN_MARKS[gold.sign]}"
            if gold.sign:  # a relation with a direction of effect says more than one without
                break
        return found

    def expected_sign(self, claim: Claim, gold: SurfaceGold, span: tuple[int, int]) -> int:
        """The gold's sign, as it reads of the claim's entities: "copper deficiency causes anaemia"
        said of copper is copper lowering anaemia's risk (the claim names copper; the gold, its
        lack), so where exactly one end of the gold names a lack that the claim's mention of
        that entity does not, the sign turns."""
        flips = sum(
            self._names_a_lack(words, resolved, entity, span)
            for words, resolved, entity in (
                (gold.subject, gold.subject_resolved, claim.subject),
                (gold.object, gold.object_resolved, claim.object),
            )
        )
        return -gold.sign if flips % 2 else gold.sign

    def _names_a_lack(self, words: str, resolved: bool, entity: str, span: tuple[int, int]) -> bool:
        if not _LACK.search(words):
            return False
        where = None if resolved else self._find(words, span)
        said = [
            m.text
            for m in self.mentions
            if m.entity == entity and (where is None or _overlaps(_span(m), where))
        ]
        return not any(_LACK.search(text) for text in said)

    def inverted(self) -> list[str]:
        """Claims whose pair the gold has with the opposite direction of effect."""
        found = []
        for claim in self.claims.values():
            value = SIGN_VALUES[claim.sign]
            for g, span in self.gold:
                expected = self.expected_sign(claim, g, span) if span is not None else g.sign
                if value and expected == -value and self._matches(claim, g, span, signed=False):
                    found.append(
                        f"{claim.subject} {claim.predicate} {claim.object}: {claim.evidence.sentence}"
                    )
                    break
        return found

    def _matches(self, claim: Claim, gold: SurfaceGold, span: tuple[int, int] | None, signed: bool) -> bool:
        if span is None or not _overlaps((claim.evidence.span.start, claim.evidence.span.end), span):
            return False
        if signed and SIGN_VALUES[claim.sign] != self.expected_sign(claim, gold, span):
            return False
        subjects = self._entities(gold.subject, gold.subject_resolved, span)
        objects = self._entities(gold.object, gold.object_resolved, span)
        forward = claim.subject in subjects and claim.object in objects
        backward = gold.symmetric and claim.subject in objects and claim.object in subjects
        return forward or backward

    def _entities(self, words: str, resolved: bool, sentence: tuple[int, int] | None) -> set[str]:
        """The entities the gold's words name: mentions over them in the sentence, or (resolved
        by reference) mentions with the same words anywhere in the document."""
        if sentence is None:
            return set()
        if resolved:
            wanted = _fold(words)
            return {m.entity for m in self.mentions if _same_words(_fold(m.text), wanted)}
        where = self._find(words, sentence)
        return set() if where is None else {m.entity for m in self.mentions if _overlaps(_span(m), where)}

    def _locate(self, sentence: str) -> tuple[int, int] | None:
        at = self.text.find(sentence)
        if at < 0:
            match = re.search(r"\s+".join(map(re.escape, sentence.split())), self.text)
            return None if match is None else match.span()
        return at, at + len(sentence)

    def _find(self, words: str, sentence: tuple[int, int]) -> tuple[int, int] | None:
        window = self.text[sentence[0] : sentence[1]]
        at = window.find(words)
        if at < 0:
            at = window.lower().find(words.lower())
        return None if at < 0 else (sentence[0] + at, sentence[0] + at + len(words))


def _claim_key(claim: Claim) -> tuple[int, str, str, Sign]:
    return claim.evidence.span.start, claim.subject, claim.object, claim.sign


def _span(mention: Mention) -> tuple[int, int]:
    return mention.span.start, mention.span.end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _same_words(mention: str, wanted: str) -> bool:
    """The mention's words are the wanted ones, or stand whole inside them (or the reverse)."""
    if mention == wanted:
        return True
    inner, outer = sorted((mention, wanted), key=len)
    return bool(inner) and re.search(rf"\b{re.escape(inner)}\b", outer) is not None


def agreement(first: list[SurfaceGold], second: list[SurfaceGold]) -> Score:
    """Pair-level agreement of two annotators on the same documents: `second` scored against
    `first` (precision, recall, F1). Two relations agree when their sentences hold one another
    and their ends name the same words (either order when either calls it symmetric)."""
    score = Score()
    matched = set()
    for relation in second:
        hits = {at for at, other in enumerate(first) if _agree(relation, other)}
        score.true_positives += bool(hits)
        score.false_positives += not hits
        matched |= hits
    score.false_negatives = len(first) - len(matched)
    return score


def _agree(a: SurfaceGold, b: SurfaceGold) -> bool:
    if a.doc != b.doc or not _same_words(_fold(a.sentence), _fold(b.sentence)):
        return False
    ends = _same_words(_fold(a.subject), _fold(b.subject)) and _same_words(_fold(a.object), _fold(b.object))
    swapped = _same_words(_fold(a.subject), _fold(b.object)) and _same_words(
        _fold(a.object), _fold(b.subject)
    )
    return ends or ((a.symmetric or b.symmetric) and swapped)
