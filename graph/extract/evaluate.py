"""Score extracted claims against a hand-annotated gold set (precision, recall, F1).

Gold lines are JSON objects: doc, sentence (verbatim), subject, predicate, object (ontology local
names), sign, hedged, negated. A claim matches a gold line when document, sentence, subject,
predicate and object agree (`synergizesWith` in either direction). Flags (hedged, negated) are
scored separately on the matched pairs, and strictly, as part of the key.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.model import Claim
from nutrikg.graph.namespaces import NM_BASE

SYMMETRIC = frozenset({"synergizesWith"})
Key = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class GoldRelation:
    doc: str
    sentence: str
    subject: str
    predicate: str
    object: str
    hedged: bool
    negated: bool


@dataclass
class Score:
    """Counts and the measures derived from them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Evaluation:
    overall: Score = field(default_factory=Score)
    strict: Score = field(default_factory=Score)  # hedged and negated must agree too
    per_predicate: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    flag_agreement: dict[str, float] = field(default_factory=dict)
    false_positives: list[Key] = field(default_factory=list)
    false_negatives: list[Key] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall.as_dict(),
            "strict": self.strict.as_dict(),
            "flag_agreement": self.flag_agreement,
            "per_predicate": {p: s.as_dict() for p, s in sorted(self.per_predicate.items())},
        }


def load_gold(path: Path) -> list[GoldRelation]:
    """Read a gold file; raises CorpusError naming the line of a malformed entry."""
    relations = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            relations.append(
                GoldRelation(
                    row["doc"],
                    row["sentence"],
                    row["subject"],
                    row["predicate"],
                    row["object"],
                    bool(row.get("hedged", False)),
                    bool(row.get("negated", False)),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise CorpusError(f"{path}:{number}: malformed gold line ({err})") from err
    return relations


def _norm(sentence: str) -> str:
    return " ".join(sentence.split())


def _key(doc: str, sentence: str, subject: str, predicate: str, obj: str) -> Key:
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return (doc, _norm(sentence), subject, predicate, obj)


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _judgeable(claim: Claim) -> bool:
    """Whether a gold set keyed by nm: local names can judge the claim: one about a term of the
    derived vocabulary (a standard IRI such as CHEBI_26195) is outside what it annotates."""
    return claim.subject.startswith(NM_BASE) and claim.object.startswith(NM_BASE)


def claim_key(claim: Claim) -> Key:
    ev = claim.evidence
    return _key(ev.doc_id, ev.sentence, _local(claim.subject), claim.predicate, _local(claim.object))


def evaluate(claims: Iterable[Claim], gold: list[GoldRelation]) -> Evaluation:
    """Compare extracted claims with the gold set (only documents the gold set covers)."""
    gold_docs = {g.doc for g in gold}
    predicted: dict[Key, tuple[bool, bool]] = {}
    for claim in claims:
        if claim.evidence.doc_id in gold_docs and _judgeable(claim):
            predicted.setdefault(claim_key(claim), (claim.hedged, claim.negated))
    expected = {
        _key(g.doc, g.sentence, g.subject, g.predicate, g.object): (g.hedged, g.negated) for g in gold
    }
    result = Evaluation()
    _count(result, predicted, expected)
    matched = predicted.keys() & expected.keys()
    for index, flag in enumerate(("hedged", "negated")):
        agree = sum(predicted[k][index] == expected[k][index] for k in matched)
        result.flag_agreement[flag] = round(agree / len(matched), 3) if matched else 0.0
    strict_tp = sum(predicted[k] == expected[k] for k in matched)
    result.strict = Score(strict_tp, len(predicted) - strict_tp, len(expected) - strict_tp)
    return result


def _count(
    result: Evaluation,
    predicted: dict[Key, tuple[bool, bool]],
    expected: dict[Key, tuple[bool, bool]],
) -> None:
    for key in predicted.keys() | expected.keys():
        score = result.per_predicate[key[3]]
        if key in predicted and key in expected:
            result.overall.true_positives += 1
            score.true_positives += 1
        elif key in predicted:
            result.overall.false_positives += 1
            score.false_positives += 1
            result.false_positives.append(key)
        else:
            result.overall.false_negatives += 1
            score.false_negatives += 1
            result.false_negatives.append(key)
    result.false_positives.sort()
    result.false_negatives.sort()
