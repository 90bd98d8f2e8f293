"""Fitting the learned reader on an annotated reader set (`nutrikg train`).

Each content sentence of a training document gives one example per candidate pair of mentions
(graph.extract.reader.candidates), labelled by the gold: no relation, or its direction and sign
(graph.extract.scoring.GoldDocument.label). A multinomial logistic regression (scikit-learn,
L2, lbfgs: deterministic for the same examples) is fitted on the training split; the probability
of a relation above which the reader speaks is the one that gives the best pair F1 on the dev
split, the whole pipeline (rules and merging) run on it. The test split is never read here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nutrikg.graph.extract.corpus import document_paths, load_document
from nutrikg.graph.extract.evaluate import load_gold
from nutrikg.graph.extract.pipeline import DocumentReader
from nutrikg.graph.extract.reader.candidates import candidates
from nutrikg.graph.extract.reader.linear import CLASSES, LinearModel
from nutrikg.graph.extract.scoring import GoldDocument, load_surface_gold, score_surface, split_ids
from nutrikg.graph.extract.vocabulary import Vocabulary
from nutrikg.graph.model import Claim, Mention, Sentence, Sign
from nutrikg.graph.namespaces import NM_BASE

_SIGN_MARKS = {Sign.POSITIVE: "+", Sign.NEGATIVE: "-", Sign.NOT_CAUSAL: "0"}
# scikit-learn's C, on dev (14 documents, 40 training): 0.1 and 0.3 give pair F1 0.295 and 0.300
# at their chosen thresholds (learned-only precision 0.56, 0.62), a difference within noise; 0.3
# costs precision on the older held-out sets (heldout3 0.92 -> 0.89), so the stronger prior stays.
REGULARISATION = 0.1
MIN_COUNT = 2  # a feature seen in fewer training examples is left out (noise, and model size)
THRESHOLDS = tuple(round(0.05 * step, 2) for step in range(4, 19))  # 0.2 .. 0.9
# The learned reader speaks only where it is right more often than wrong: of the thresholds whose
# learned-only claims are at least this precise on dev, the one with the best pair F1.
MIN_LEARNED_PRECISION = 0.5
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Training:
    model: LinearModel
    examples: int
    labels: dict[str, int]
    dev_f1: dict[float, float]  # pair F1 on dev at each threshold tried
    dev_learned_precision: dict[float, float]  # precision of the learned reader's own claims there


def examples(folder: Path, prefixes: set[str], vocabulary: Vocabulary) -> list[Example]:
    """The labelled candidate pairs of the documents of `folder/docs` whose id starts with one
    of `prefixes`."""
    gold = load_surface_gold(folder, prefixes)
    seen: list[tuple[Sentence, list[Mention], list[Claim]]] = []
    reader = DocumentReader(vocabulary, learned=False, observe=lambda *args: seen.append(args))
    category = _categories(vocabulary)
    found: list[Example] = []
    for path in _documents(folder, prefixes):
        seen.clear()
        extraction = reader.read(load_document(path))
        labeller = GoldDocument(extraction, [g for g in gold if g.doc == path.stem])
        for sentence, mentions, claims in seen:
            for candidate in candidates(sentence, mentions, claims, category):
                label = labeller.label(candidate.first.entity, candidate.second.entity, sentence.span)
                found.append(Example(candidate.features, label))
    return found


def named_examples(corpus_dir: Path, gold_path: Path, vocabulary: Vocabulary) -> list[Example]:
    """Labelled candidate pairs of an older gold set, whose relations name entities by the
    ontology's local names (tests/data/gold.jsonl and the held-out sets): a pair is labelled by
    the entities themselves, in the sentence the gold quotes."""
    relations: dict[str, list[tuple[str, str, str, str]]] = {}
    for relation in load_gold(gold_path):
        sign = _SIGN_MARKS[vocabulary.predicate(relation.predicate).sign]
        relations.setdefault(relation.doc, []).append(
            (relation.sentence, relation.subject, relation.object, sign)
        )
    seen: list[tuple[Sentence, list[Mention], list[Claim]]] = []
    reader = DocumentReader(vocabulary, learned=False, observe=lambda *args: seen.append(args))
    category = _categories(vocabulary)
    found: list[Example] = []
    for path in document_paths(corpus_dir):
        seen.clear()
        document = load_document(path)
        reader.read(document)
        located = [
            (_locate(document.text, s), a, b, sign) for s, a, b, sign in relations.get(document.id, [])
        ]
        for sentence, mentions, claims in seen:
            for candidate in candidates(sentence, mentions, claims, category):
                if not (_core(candidate.first.entity) and _core(candidate.second.entity)):
                    continue  # those sets annotated only what the hand-written ontology names
                label = _named_label(candidate.first.entity, candidate.second.entity, sentence, located)
                found.append(Example(candidate.features, label))
    return found


def _core(iri: str) -> bool:
    return iri.startswith(NM_BASE)


def _locate(text: str, sentence: str) -> tuple[int, int] | None:
    at = text.find(sentence)
    return None if at < 0 else (at, at + len(sentence))


def _named_label(
    first: str, second: str, sentence: Sentence, located: list[tuple[tuple[int, int] | None, str, str, str]]
) -> str:
    a, b = first.rsplit("/", 1)[-1], second.rsplit("/", 1)[-1]
    found = "none"
    for span, subject, obj, sign in located:
        if span is None or not (span[0] < sentence.span.end and sentence.span.start < span[1]):
            continue
        if (subject, obj) in ((a, b), (b, a)):
            found = ("forward" if (subject, obj) == (a, b) else "backward") + sign
            if sign != "0":
                break
    return found


def fit(train: list[Example], *, c: float = REGULARISATION, trained_on: str = "") -> LinearModel:
    """The logistic regression over `train` (threshold 0.5 until tuned)."""
    from sklearn.feature_extraction import DictVectorizer  # training only: not a run-time need
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for example in train for f in set(example.features))
    kept = [{f: 1.0 for f in example.features if counts[f] >= MIN_COUNT} for example in train]
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(kept)
    labels = [example.label for example in train]
    regression = LogisticRegression(C=c, max_iter=5000)
    regression.fit(matrix, labels)
    order = [
        list(regression.classes_).index(name) if name in regression.classes_ else None for name in CLASSES
    ]
    names = vectoriser.get_feature_names_out()
    weights = {
        str(name): tuple(float(regression.coef_[i, column]) if i is not None else -30.0 for i in order)
        for column, name in enumerate(names)
    }
    bias = tuple(float(regression.intercept_[i]) if i is not None else -30.0 for i in order)
    return LinearModel(CLASSES, weights, bias, 0.5, trained_on)


def train(
    folder: Path,
    vocabulary: Vocabulary,
    *,
    fit_on: str = "train",
    tune_on: str = "dev",
    also: tuple[tuple[Path, Path], ...] = (),
    progress: Progress | None = None,
) -> Training:
    """Fit on one split (and the older gold sets `also`: (corpus folder, gold file) pairs), tune
    the threshold on another split (never the test split)."""
    say = progress or (lambda _: None)
    if "test" in (fit_on, tune_on):
        raise ValueError("the test split scores the reader; it never trains or tunes it")
    say(f"reading the {fit_on} split")
    train_examples = examples(folder, split_ids(folder, fit_on), vocabulary)
    for corpus_dir, gold_path in also:
        say(f"reading {gold_path}")
        train_examples += named_examples(corpus_dir, gold_path, vocabulary)
    say(f"fitting on {len(train_examples)} candidate pairs")
    model = fit(train_examples, trained_on=f"{folder.name}:{fit_on}")
    say(f"tuning the threshold on the {tune_on} split")
    f1, precision = tune(model, folder, split_ids(folder, tune_on), vocabulary)
    tuned = LinearModel(model.classes, model.weights, model.bias, choose(f1, precision), model.trained_on)
    labels = Counter(example.label for example in train_examples)
    return Training(tuned, len(train_examples), dict(sorted(labels.items())), f1, precision)


def choose(f1: dict[float, float], learned_precision: dict[float, float]) -> float:
    """The threshold with the best pair F1 among those where the learned reader's own claims are
    precise enough (MIN_LEARNED_PRECISION); the most precise one when none is."""
    precise = [t for t in f1 if learned_precision[t] >= MIN_LEARNED_PRECISION]
    if not precise:
        return max(f1, key=lambda t: (learned_precision[t], t))
    return max(precise, key=lambda t: (f1[t], -t))


def tune(
    model: LinearModel, folder: Path, prefixes: set[str], vocabulary: Vocabulary
) -> tuple[dict[float, float], dict[float, float]]:
    """Pair F1 of the whole pipeline on the documents of `prefixes`, and the precision of the
    learned reader's own claims, at each threshold."""
    gold = load_surface_gold(folder, prefixes)
    documents = [load_document(path) for path in _documents(folder, prefixes)]
    f1, precision = {}, {}
    for threshold in THRESHOLDS:
        at = LinearModel(model.classes, model.weights, model.bias, threshold, model.trained_on)
        reader = DocumentReader(vocabulary, model=at)
        scores = score_surface([reader.read(d) for d in documents], gold)
        f1[threshold] = scores.pair.f1
        precision[threshold] = scores.by_reader["learned"].precision
    return f1, precision


def _documents(folder: Path, prefixes: set[str]) -> list[Path]:
    return [p for p in document_paths(folder / "docs") if p.stem.split("_")[0] in prefixes]


def _categories(vocabulary: Vocabulary) -> Callable[[str], str]:
    def category(iri: str) -> str:
        entity = vocabulary.entities.get(iri)
        return entity.category if entity is not None else "Entity"

    return category
