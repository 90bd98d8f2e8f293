"""The `nutrikg` command: a thin layer over plain functions that tests call directly."""

from __future__ import annotations

import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from nutrikg.api.cli_curation import app as curation
from nutrikg.graph.assemble.build import BuildReport, build_graph
from nutrikg.graph.errors import KGError
from nutrikg.graph.files import write_atomic
from nutrikg.graph.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_enable=False)
app.add_typer(curation)  # diff, review
console = Console(stderr=True, soft_wrap=True)
out = Console()


def _settings(corpus: Path | None = None, data_dir: Path | None = None) -> Settings:
    overrides: dict[str, object] = {}
    if corpus is not None:
        overrides["corpus_dir"] = corpus.expanduser()
    if data_dir is not None:
        overrides["data_dir"] = data_dir.expanduser()
    return Settings(**overrides)  # type: ignore[arg-type]


def _print_version(wanted: bool) -> None:
    if wanted:
        from nutrikg import __version__

        out.print(f"nutrikg {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """A knowledge graph of nutrient mechanisms, with the sentence behind every claim."""


CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Folder of documents to build from.")]
DataOpt = Annotated[Path | None, typer.Option("--data-dir", help="Where the built graph lives.")]


@app.command()
def build(
    corpus: CorpusOpt = None,
    data_dir: DataOpt = None,
    if_needed: Annotated[bool, typer.Option("--if-needed", help="Skip when nothing changed.")] = False,
    workers: Annotated[int, typer.Option(help="Extraction processes (0: one per core).")] = 0,
) -> None:
    """Build the graph from a corpus folder (default: the shipped corpus)."""
    from nutrikg.graph.assemble.persist import is_current, save_build
    from nutrikg.graph.assemble.validate import validate_graph

    settings = _settings(corpus, data_dir)
    if if_needed and is_current(settings):
        console.print(f"graph is current: {settings.graph_file}")
        return
    with _progress() as bar:
        task = bar.add_task("extracting", total=None)
        result = build_graph(
            settings.corpus_dir,
            workers,
            lambda done, total: bar.update(task, completed=done, total=total),
        )
    validation = validate_graph(result.rdf_graph)
    if not validation.conforms:
        console.print(validation.text)
        raise typer.Exit(7)
    save_build(result, settings)
    _print_report(result.report)
    console.print(f"wrote {settings.graph_file} and {settings.store_dir}")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _print_report(report: BuildReport) -> None:
    table = Table(title="build report", show_header=False)
    for field in fields(report):
        if field.name not in ("corpus", "predicates", "problems"):
            table.add_row(field.name, str(getattr(report, field.name)))
    console.print(table)
    for problem in report.problems:
        console.print(f"[yellow]skipped[/]: {problem}")


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="Documents (.txt, .md, .html) to add or replace.")],
    corpus: CorpusOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Add documents to the built graph without rebuilding (a document with a known id is replaced)."""
    from nutrikg.graph.assemble.incremental import add_documents
    from nutrikg.graph.extract.corpus import load_documents

    settings = _settings(corpus, data_dir)
    result = add_documents(load_documents([path.expanduser() for path in files]), settings)
    _print_report(result.report)
    if result.rebuilt:
        console.print("the saved build did not match the corpus, so the corpus was built again")
    for label, ids in (("added", result.added), ("replaced", result.replaced)):
        if ids:
            console.print(f"{label}: {', '.join(ids)}")
    console.print(f"copied into {settings.corpus_dir}; wrote {settings.graph_file} and the store")


@app.command()
def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .ttl, .nt, .nq, .rdf, .owl or .xml.")],
    graph_iri: Annotated[
        str | None, typer.Option("--graph", help="Named graph for every file (default: one per file).")
    ] = None,
    data_dir: DataOpt = None,
) -> None:
    """Load other RDF into the store beside the built graph, each file into its own named graph."""
    from nutrikg.graph.assemble.loading import load_files

    settings = _settings(data_dir=data_dir)
    for loaded in load_files([path.expanduser() for path in files], settings, graph_iri):
        graphs = ", ".join(f"<{name}>" for name in loaded.graphs)
        console.print(f"loaded {loaded.path}: {loaded.statements} statements into {graphs}")


@app.command()
def stats(data_dir: DataOpt = None) -> None:
    """Counts from the last build."""
    settings = _settings(data_dir=data_dir)
    if not settings.report_file.exists():
        raise KGErrorExit("no build report: run `nutrikg build` first", 6)
    out.print_json(settings.report_file.read_text(encoding="utf-8"))


class KGErrorExit(typer.Exit):
    def __init__(self, message: str, code: int) -> None:
        console.print(f"[red]error[/]: {message}")
        super().__init__(code)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query.")],
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
    data_dir: DataOpt = None,
) -> None:
    """Run a SPARQL query over the built graph (common prefixes predeclared)."""
    from nutrikg.graph.sparql.local import run_query

    result = run_query(_settings(data_dir=data_dir), sparql)
    if fmt == "json":
        out.print_json(json.dumps(result.as_json()))
    elif fmt == "csv":
        sys.stdout.write(result.as_csv())
    else:
        table = Table(*result.variables)
        for row in result.rows:
            table.add_row(*(cell or "" for cell in row))
        out.print(table)


@app.command()
def path(
    source: str,
    target: str,
    max_hops: Annotated[int, typer.Option(help="Longest path, in hops.")] = 4,
    all_relations: Annotated[bool, typer.Option("--all", help="Also walk non-causal relations.")] = False,
    limit: int = 5,
    data_dir: DataOpt = None,
) -> None:
    """Pathways from one entity to another, grouped by what they do to it (raise, lower), the
    most believed first, with the sentence behind every hop."""
    from nutrikg.graph.read.describe import describe_influence
    from nutrikg.graph.read.influence import influence
    from nutrikg.graph.read.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(_settings(data_dir=data_dir))
    start, end = kg.resolve(source), kg.resolve(target)
    found = influence(kg, start, end, max_hops, not all_relations)
    if not found.raises and not found.lowers:
        console.print(f"no path from {kg.label(start)} to {kg.label(end)} within {max_hops} hops")
        raise typer.Exit(1)
    out.print(describe_influence(found, limit), markup=False, highlight=False, soft_wrap=True)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option("--format", help="turtle, ntriples, jsonld, graphml, claims-jsonl, claims-csv, kgx"),
    ] = "turtle",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default stdout).")
    ] = None,
    data_dir: DataOpt = None,
) -> None:
    """Export the built graph."""
    from nutrikg.graph.read.export import serialize_kg
    from nutrikg.graph.read.kg import KnowledgeGraph

    kg = KnowledgeGraph.open(_settings(data_dir=data_dir))
    data = serialize_kg(kg, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)
        console.print(f"wrote {output} ({len(data)} bytes)")


@app.command()
def validate(data_dir: DataOpt = None) -> None:
    """Check the built graph against the SHACL shapes."""
    from nutrikg.graph.assemble.validate import validate_graph
    from nutrikg.graph.read.kg import KnowledgeGraph

    # The saved N-Triples, read into memory: SHACL walks the whole graph, faster there than in a store.
    kg = KnowledgeGraph.load(_settings(data_dir=data_dir).graph_file)
    report = validate_graph(kg.rdf)
    console.print(report.text)
    raise typer.Exit(0 if report.conforms else 7)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Gold relations (JSON Lines).")] = Path("tests/data/gold.jsonl"),
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
        _evaluate_reader_set(reader_set, split)
        return
    from nutrikg.graph.extract.evaluate import evaluate as score
    from nutrikg.graph.extract.evaluate import load_gold

    result = build_graph(_settings(corpus).corpus_dir)
    claims = [c for e in result.extractions for c in e.claims]
    evaluation = score(claims, load_gold(gold))
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
    extractions = [e for e in extract_all(paths) if not isinstance(e, KGError)]
    scores = score_surface(extractions, load_surface_gold(folder, prefixes))
    out.print_json(json.dumps({"split": split, "documents": len(extractions), **scores.as_dict()}))


READER_SET = Path("tests/data/reader")


@app.command()
def train(
    reader_set: Annotated[
        Path, typer.Option(help="The annotated reader set (docs/, gold/, splits.json).")
    ] = Path("tests/data/reader"),
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Model file to write.")] = None,
) -> None:
    """Train the learned reader: fit on the reader set's train split, tune on its dev split
    (never the test split), and write the model the extractor ships."""
    from nutrikg.graph.extract.reader.linear import MODEL_FILE
    from nutrikg.graph.extract.reader.training import train as fit_reader
    from nutrikg.graph.extract.vocabulary import load_vocabulary

    target = output or MODEL_FILE
    with _progress() as bar:
        task = bar.add_task("training", total=None)
        result = fit_reader(
            reader_set, load_vocabulary(), progress=lambda step: bar.update(task, description=step)
        )
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


@app.command()
def viz(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("graph.html"),
    data_dir: DataOpt = None,
) -> None:
    """Write the explorer as one self-contained HTML file (works from file://, no network)."""
    from nutrikg.graph.files import write_atomic
    from nutrikg.graph.read.kg import KnowledgeGraph
    from nutrikg.viz.export import standalone_html

    settings = _settings(data_dir=data_dir)
    html = standalone_html(KnowledgeGraph.open(settings), settings)
    write_atomic(output, html.encode("utf-8"))
    console.print(f"wrote {output} ({len(html)} characters)")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    data_dir: DataOpt = None,
) -> None:
    """Serve the SPARQL endpoint, the JSON API and the explorer."""
    from nutrikg.api.server import serve as run_server

    settings = _settings(data_dir=data_dir)
    overrides = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    run_server(settings.model_copy(update=overrides))


def main() -> None:
    """Entry point: every KGError becomes a message and its exit code, never a traceback."""
    try:
        app()
    except KGError as err:
        console.print(f"[red]error[/]: {err}")
        sys.exit(err.exit_code)
