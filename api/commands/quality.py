"""`nutrikg evaluate` and `nutrikg train`: scoring the extractor against gold sets, and fitting
the learned reader. Their data sets default to the repository's `tests/data/`, found from any
working folder; without a checkout, the command says which option to give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from nutrikg.api.commands.common import CorpusOpt, out, progress, repository_data, settings_for
from nutrikg.graph.errors import KGError
from nutrikg.graph.files import write_atomic

GOLD = "tests/data/gold.jsonl"
READER_SET = "tests/data/reader"


def evaluate(
    gold: Annotated[
        Path | None, typer.Option(help=f"Gold relations (JSON Lines; default: the repository's {GOLD}).")
    ] = None,
    corpus: CorpusOpt = None,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    reader_set: Annotated[
        Path | None,
        typer.Option(help="A reader set folder (docs/, gold/, splits.json): surface-text gold, pair scores."),
    ] = None,
    split: Annotated[str, typer.Option(help="With --reader-set: train, dev or test.")] = "dev",
) -> None:
    """Precision, recall and F1 of extraction against a gold set."""
    if reader_set is not None:
        _evaluate_reader_set(repository_data(reader_set, READER_SET, "--reader-set"), split)
        return
    from nutrikg.graph.assemble.build import build_graph
    from nutrikg.graph.extract.evaluate import evaluate as score
    from nutrikg.graph.extract.evaluate import load_gold

    relations = load_gold(repository_data(gold, GOLD, "--gold"))
    result = build_graph(settings_for(corpus).corpus_dir)
    claims = [c for e in result.extractions for c in e.claims]
    evaluation = score(claims, relations)
    out.print_json(json.dumps(evaluation.as_dict()))
    if errors:
        for key in evaluation.false_positives:
            out.print(f"FP {key}")
        for key in evaluation.false_negatives:
            out.print(f"FN {key}")


def _evaluate_reader_set(folder: Path, split: str) -> None:
    """Pair and pair+sign scores on one split of a reader set (documents chosen by id prefix)."""
    from nutrikg.graph.assemble.build import extract_all
    from nutrikg.graph.extract.corpus import document_paths
    from nutrikg.graph.extract.scoring import load_surface_gold, score_surface, split_ids

    try:
        prefixes = split_ids(folder, split)
    except (OSError, ValueError) as err:
        raise KGError(str(err)) from err
    paths = [p for p in document_paths(folder / "docs") if p.stem.split("_")[0] in prefixes]
    read = list(extract_all(paths))
    unread = [f"{path}: {e}" for path, e in zip(paths, read, strict=True) if isinstance(e, KGError)]
    if unread:  # a document left out would score a different set than the split names
        raise KGError("these documents of the split could not be read: " + "; ".join(unread))
    extractions = [e for e in read if not isinstance(e, KGError)]
    scores = score_surface(extractions, load_surface_gold(folder, prefixes))
    out.print_json(json.dumps({"split": split, "documents": len(extractions), **scores.as_dict()}))


def train(
    reader_set: Annotated[
        Path | None,
        typer.Option(help=f"The annotated reader set (docs/, gold/, splits.json; default: {READER_SET})."),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Model file to write.")] = None,
) -> None:
    """Train the learned reader: fit on the reader set's train split, tune on its dev split
    (never the test split), and write the model the extractor ships."""
    from nutrikg.api.commands.common import console
    from nutrikg.graph.extract.reader.linear import MODEL_FILE
    from nutrikg.graph.extract.reader.training import train as fit_reader
    from nutrikg.graph.extract.vocabulary import load_vocabulary

    folder = repository_data(reader_set, READER_SET, "--reader-set")
    target = output or MODEL_FILE
    with progress() as bar:
        task = bar.add_task("training", total=None)
        step = lambda name: bar.update(task, description=name)  # noqa: E731
        result = fit_reader(folder, load_vocabulary(), progress=step)
    write_atomic(target, result.model.to_json().encode("utf-8"))
    summary = {
        "examples": result.examples,
        "labels": result.labels,
        "threshold": result.model.threshold,
        "dev_pair_f1": round(result.dev_f1[result.model.threshold], 3),
        "dev_learned_precision": round(result.dev_learned_precision[result.model.threshold], 3),
        "features": len(result.model.weights),
        "version": result.model.version,
    }
    out.print_json(json.dumps(summary))
    console.print(f"wrote {target}")
