"""The curation commands of `nutrikg`: what changed between builds (`diff`) and a person's review
of a claim (`review`). Thin over graph/read/changes.py, graph/read/curation.py and graph.reviews."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from nutrikg.graph.errors import InvalidQuery
from nutrikg.graph.settings import Settings

app = typer.Typer(add_completion=False)
DataOpt = Annotated[Path | None, typer.Option("--data-dir", help="Where the built graph lives.")]


def _settings(data_dir: Path | None) -> Settings:
    return Settings() if data_dir is None else Settings(data_dir=data_dir.expanduser())


@app.command()
def diff(
    old: Annotated[str | None, typer.Argument(help="A build id (default: the build before NEW).")] = None,
    new: Annotated[str | None, typer.Argument(help="A build id (default: the current build).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Most claims, and most statements, listed.")] = 10_000,
    list_builds: Annotated[bool, typer.Option("--list", help="List the builds the history keeps.")] = False,
    data_dir: DataOpt = None,
) -> None:
    """What changed between two builds: claims added and removed, by document, and statements
    whose belief changed (the history keeps the last 20 builds)."""
    from nutrikg.graph.read.changes import build_history, compare_history, describe_changes

    settings = _settings(data_dir)
    if list_builds:
        for stamp in build_history(settings.builds_dir):
            typer.echo(f"{stamp.id}  {stamp.created}  {stamp.documents} documents, {stamp.claims} claims")
        return
    changes = compare_history(settings.builds_dir, settings.build_dir, old, new, limit)
    typer.echo(json.dumps(asdict(changes), indent=1) if as_json else describe_changes(changes))


@app.command()
def review(
    claim_id: Annotated[str, typer.Argument(help="The claim's id, CURIE or IRI, or its content id.")],
    comment: Annotated[str, typer.Option(help="Why (kept with the review).")],
    accept: Annotated[bool, typer.Option("--accept", help="The claim reads its sentence right.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The sentence does not say so.")] = False,
    correct: Annotated[
        bool, typer.Option("--correct", help="It says this instead (with the options below).")
    ] = False,
    subject: Annotated[
        str | None, typer.Option(help="With --correct: the subject (label, CURIE, IRI).")
    ] = None,
    predicate: Annotated[
        str | None, typer.Option(help="With --correct: the relation (e.g. inhibits).")
    ] = None,
    object: Annotated[
        str | None, typer.Option(help="With --correct: the object (label, CURIE, IRI).")
    ] = None,
    sign: Annotated[str | None, typer.Option(help="With --correct: Positive, Negative or NotCausal.")] = None,
    data_dir: DataOpt = None,
) -> None:
    """Accept, reject or correct a claim. The review is kept in the data folder, keyed by the
    claim's content, and applies again after every rebuild; a running service serves it at once."""
    from nutrikg.graph.read.curation import CorrectionRequest, find_claim, make_review
    from nutrikg.graph.read.kg import KnowledgeGraph
    from nutrikg.graph.reviews import Verdict, add_review

    chosen = [verdict for verdict, wanted in ((Verdict.ACCEPT, accept), (Verdict.REJECT, reject),
                                              (Verdict.CORRECT, correct)) if wanted]  # fmt: skip
    if len(chosen) != 1:
        raise InvalidQuery("give one of --accept, --reject or --correct")
    settings = _settings(data_dir)
    kg = KnowledgeGraph.open(settings)
    claim = find_claim(kg, claim_id)
    asked = CorrectionRequest(subject, predicate, object, sign)
    reviews = add_review(settings.reviews_file, make_review(kg, claim, chosen[0], comment, asked))
    served = find_claim(kg.with_reviews(reviews), claim.iri)
    said = f"{served.subject.curie} {served.predicate.curie} {served.object.curie} ({served.sign})"
    typer.echo(f"{served.iri}: {chosen[0]}ed; now {said}, belief {served.belief:.4f}")
    typer.echo(f"kept in {settings.reviews_file}")
