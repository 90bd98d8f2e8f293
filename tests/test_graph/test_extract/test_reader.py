"""The learned reader: candidates, the model's answers, merging with the rules, training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nutrikg.graph.extract.reader.candidates import candidates
from nutrikg.graph.extract.reader.learned import LEARNED, LearnedReader, merge
from nutrikg.graph.extract.reader.linear import CLASSES, LinearModel, load_model
from nutrikg.graph.extract.reader.training import examples, fit, train
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Claim, Evidence, Mention, Sentence, Sign, Span
from nutrikg.graph.settings import PROJECT_ROOT

NM = "https://w3id.org/nutrikg/"
TEXT = "Zinc lowers copper absorption."
SENTENCE = Sentence("d", 0, Span(0, len(TEXT)), TEXT)
ZINC = Mention(NM + "zinc", Span(0, 4), "Zinc", 0, 1)
COPPER = Mention(NM + "copper", Span(12, 18), "copper", 2, 3)
READER_SET = PROJECT_ROOT / "tests" / "data" / "reader"


def _claim(subject: str, sign: Sign, confidence: float, readers: tuple[str, ...] = ("rules",)) -> Claim:
    other = "copper" if subject == "zinc" else "zinc"
    evidence = Evidence("d", TEXT, SENTENCE.span, "r", confidence)
    return Claim(NM + subject, "decreases", NM + other, sign, False, False, evidence, readers=readers)


def _model(label: str, strength: float) -> LinearModel:
    """A model that answers `label` for any pair the between-word "lowers" describes."""
    row = tuple(strength if name == label else 0.0 for name in CLASSES)
    return LinearModel(CLASSES, {"w=lowers": row}, (0.0,) * len(CLASSES), 0.5)


def test_a_pair_is_described_by_the_words_between_and_the_classes(vocabulary: Vocabulary) -> None:
    found = candidates(SENTENCE, [ZINC, COPPER], [], lambda iri: vocabulary.entities[iri].category)
    assert len(found) == 1
    features = found[0].features
    assert "w=lowers" in features and "stem=lower" in features and "classes=Mineral|Mineral" in features


def test_a_sure_answer_becomes_a_claim_of_its_direction_and_sign(vocabulary: Vocabulary) -> None:
    reader = LearnedReader(vocabulary, _model("forward-", 10.0))
    [claim] = reader.claims(SENTENCE, [ZINC, COPPER], [])
    assert (claim.subject, claim.predicate, claim.object, claim.sign) == (
        NM + "zinc",
        "decreases",
        NM + "copper",
        Sign.NEGATIVE,
    )
    assert claim.readers == (LEARNED,) and claim.evidence.confidence > 0.99
    backward = LearnedReader(vocabulary, _model("backward+", 10.0)).claims(SENTENCE, [ZINC, COPPER], [])
    assert (backward[0].subject, backward[0].sign) == (NM + "copper", Sign.POSITIVE)


def test_an_unsure_answer_says_nothing(vocabulary: Vocabulary) -> None:
    assert LearnedReader(vocabulary, _model("none", 5.0)).claims(SENTENCE, [ZINC, COPPER], []) == []


def test_the_rules_claim_stands_and_the_learned_reader_weighs_in() -> None:
    rule = _claim("zinc", Sign.NEGATIVE, 0.6)
    agreeing = _claim("zinc", Sign.NEGATIVE, 0.5, readers=(LEARNED,))
    [merged] = merge([rule], [agreeing])
    assert merged.readers == ("rules", LEARNED) and merged.evidence.confidence == 0.8
    disagreeing = _claim("zinc", Sign.POSITIVE, 0.9, readers=(LEARNED,))
    [kept] = merge([rule], [disagreeing])
    assert kept.sign == Sign.NEGATIVE and kept.readers == ("rules",) and kept.dissent is not None
    alone = _claim("copper", Sign.POSITIVE, 0.9, readers=(LEARNED,))
    assert merge([], [alone]) == [alone]


def test_the_model_keeps_its_weights_in_json_and_answers_probabilities() -> None:
    model = _model("forward+", 2.0)
    again = LinearModel.from_json(model.to_json())
    assert again == model and again.version == model.version
    answer = again.probabilities(("w=lowers", "unknown"))
    assert abs(sum(answer.values()) - 1) < 1e-9 and max(answer, key=answer.__getitem__) == "forward+"


def test_the_shipped_model_is_trained_on_the_reader_sets_train_split() -> None:
    model = load_model()
    assert model is not None and model.classes == CLASSES and 0 < model.threshold < 1
    assert model.trained_on == "reader:train" and len(model.weights) > 500


@pytest.mark.slow
def test_training_on_a_slice_is_deterministic(vocabulary: Vocabulary, tmp_path: Path) -> None:
    """Two documents of the train split, fitted twice: the same weights to the byte."""
    slice_ = tmp_path / "slice"
    (slice_ / "docs").mkdir(parents=True)
    (slice_ / "gold").mkdir()
    for stem in ("r01_abstract", "r04_review"):
        for path in (READER_SET / "docs").glob(f"{stem}*"):
            (slice_ / "docs" / path.name).write_bytes(path.read_bytes())
        (slice_ / "gold" / f"{stem}.jsonl").write_bytes((READER_SET / "gold" / f"{stem}.jsonl").read_bytes())
    (slice_ / "splits.json").write_text(json.dumps({"train": ["r01"], "dev": ["r04"], "test": []}))
    labelled = examples(slice_, {"r01"}, vocabulary)
    assert any(e.label != "none" for e in labelled) and any(e.label == "none" for e in labelled)
    assert fit(labelled).to_json() == fit(labelled).to_json()
    trained = train(slice_, vocabulary)
    assert trained.model.threshold in trained.dev_f1


def test_the_test_split_never_trains_or_tunes(vocabulary: Vocabulary) -> None:
    with pytest.raises(ValueError, match="test split"):
        train(READER_SET, vocabulary, tune_on="test")
