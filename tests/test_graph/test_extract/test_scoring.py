"""Scoring against surface-text gold: pairs located by the words of the gold in its sentence."""

from __future__ import annotations

from nutrikg.graph.extract.scoring import SurfaceGold, agreement, score_surface
from nutrikg.graph.model import Claim, Document, Evidence, Extraction, Mention, Sign, SourceKind, Span

TEXT = "Excess zinc causes copper deficiency. Copper deficiency can cause anemia. It also lowers ferritin."
NM = "https://w3id.org/nutrikg/"


def _mention(words: str, entity: str, occurrence: int = 0) -> Mention:
    at = -1
    for _ in range(occurrence + 1):
        at = TEXT.index(words, at + 1)
    return Mention(NM + entity, Span(at, at + len(words)), words, 0, 0)


MENTIONS = [
    _mention("zinc", "zinc"),
    _mention("copper deficiency", "copper_deficiency"),
    _mention("Copper deficiency", "copper_deficiency"),
    _mention("anemia", "anemia"),
    _mention("ferritin", "ferritin"),
]


def _sentence(index: int) -> tuple[str, Span]:
    starts = [0, TEXT.index("Copper"), TEXT.index("It")]
    ends = [*starts[1:], len(TEXT)]
    return TEXT[starts[index] : ends[index]].strip(), Span(starts[index], ends[index] - 1)


def _claim(subject: str, predicate: str, obj: str, sign: Sign, sentence: int) -> Claim:
    text, span = _sentence(sentence)
    return Claim(NM + subject, predicate, NM + obj, sign, False, False, Evidence("d", text, span, "r", 0.8))


def _gold(
    sentence: int, subject: str, relation: str, obj: str, sign: int, resolved: bool = False
) -> SurfaceGold:
    return SurfaceGold(
        "d", _sentence(sentence)[0], subject, resolved, relation, obj, False, sign, False, False
    )


GOLD = [
    _gold(0, "Excess zinc", "increases risk of", "copper deficiency", 1),
    _gold(1, "Copper deficiency", "increases risk of", "anemia", 1),
    _gold(2, "copper deficiency", "decreases level of", "ferritin", -1, resolved=True),
]


def _extraction(claims: list[Claim]) -> Extraction:
    document = Document("d", "t", TEXT, "d.txt", "0", source_kind=SourceKind.ABSTRACT)
    return Extraction(document, mentions=MENTIONS, claims=claims)


def test_a_claim_matches_the_gold_words_that_name_its_entities() -> None:
    claims = [
        _claim("zinc", "increasesRiskOf", "copper_deficiency", Sign.POSITIVE, 0),
        _claim("copper_deficiency", "increasesRiskOf", "anemia", Sign.POSITIVE, 1),
        _claim("copper_deficiency", "decreases", "ferritin", Sign.NEGATIVE, 2),  # "It", resolved
    ]
    scores = score_surface([_extraction(claims)], GOLD)
    assert (scores.pair.true_positives, scores.pair.false_positives, scores.pair.false_negatives) == (3, 0, 0)
    assert scores.pair_sign.f1 == 1.0 and scores.inverted == []
    assert scores.by_kind["abstract"].f1 == 1.0


def test_an_inverted_sign_is_a_pair_but_not_a_pair_with_its_sign() -> None:
    """ "Copper deficiency can cause anemia" read as copper lowering anemia."""
    claims = [_claim("copper_deficiency", "prevents", "anemia", Sign.NEGATIVE, 1)]
    scores = score_surface([_extraction(claims)], GOLD)
    assert scores.pair.true_positives == 1 and scores.pair.false_negatives == 2
    assert scores.pair_sign.true_positives == 0 and scores.pair_sign.false_positives == 1
    assert len(scores.inverted) == 1 and "can cause anemia" in scores.inverted[0]


def test_a_pair_in_another_sentence_or_between_other_entities_is_no_match() -> None:
    claims = [
        _claim("zinc", "increasesRiskOf", "anemia", Sign.POSITIVE, 1),  # zinc is not named there
        _claim("copper_deficiency", "increasesRiskOf", "anemia", Sign.POSITIVE, 0),  # wrong sentence
    ]
    scores = score_surface([_extraction(claims)], GOLD)
    assert scores.pair.true_positives == 0 and scores.pair.false_positives == 2


def test_agreement_counts_the_same_pairs_named_in_other_words() -> None:
    second = [
        _gold(0, "zinc", "increases risk of", "copper deficiency", 1),  # shorter words, same pair
        _gold(1, "Copper deficiency", "increases risk of", "anemia", 1),
        _gold(1, "anemia", "associated with", "fatigue", 0),  # only the second annotator's
    ]
    score = agreement(GOLD, second)
    assert (score.true_positives, score.false_positives, score.false_negatives) == (2, 1, 1)


def test_a_lack_said_of_the_thing_itself_turns_the_expected_sign() -> None:
    """ "Copper deficiency can cause anemia" read as copper lowering anemia's risk is faithful;
    read as copper raising it, inverted."""
    gold = [_gold(1, "Copper deficiency", "increases risk of", "anemia", 1)]
    at = TEXT.index("Copper")
    copper = Mention(NM + "copper", Span(at, at + 6), "Copper", 0, 0)
    mentions = [copper, _mention("anemia", "anemia")]
    faithful = _claim("copper", "prevents", "anemia", Sign.NEGATIVE, 1)
    inverted = _claim("copper", "increasesRiskOf", "anemia", Sign.POSITIVE, 1)
    for claim, sign_tp, inversions in ((faithful, 1, 0), (inverted, 0, 1)):
        document = Document("d", "t", TEXT, "d.txt", "0")
        scores = score_surface([Extraction(document, mentions=mentions, claims=[claim])], gold)
        assert scores.pair.true_positives == 1
        assert (scores.pair_sign.true_positives, len(scores.inverted)) == (sign_tp, inversions)
