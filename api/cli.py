"""The `nutrikg` command: a thin layer over plain functions that tests call directly."""

from __future__ import annotations

import json
import sys
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from nutrikg.api.cli_curation import app as curation
from nutrikg.api.commands.common import CorpusOpt, DataOpt, console, out
from nutrikg.api.commands.common import progress as _progress
from nutrikg.api.commands.common import settings_for as _settings
from nutrikg.api.commands.quality import evaluate, train
from nutrikg.graph.assemble.build import BuildReport, build_graph
from nutrikg.graph.errors import KGError
from nutrikg.graph.files import write_atomic

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_enable=False)
app.add_typer(curation)  # diff, review


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


@app.command()
def build(
    corpus: CorpusOpt = None,
    data_dir: DataOpt = None,
    if_needed: Annotated[bool, typer.Option("--if-needed", help="Skip when nothing changed.")] = False,
    workers: Annotated[int, typer.Option(help="Extraction processes (0: one per core).")] = 0,
) -> None:
    """Build the graph from a corpus folder (default: the shipped corpus); the data folder keeps
    its own copy of the documents (`nutrikg add` writes there, never into the corpus folder).
    With --if-needed, a graph that is current is kept, and while the corpus folder is unchanged
    the data folder's copy is rebuilt, with the documents added to it since."""
    from nutrikg.graph.assemble.persist import folder_to_rebuild, save_build, up_to_date
    from nutrikg.graph.assemble.validate import validate_graph

    settings = _settings(corpus, data_dir)
    if if_needed and up_to_date(settings):
        console.print(f"graph is current: {settings.graph_file}")
        return
    with _progress() as bar:
        task = bar.add_task("extracting", total=None)
        result = build_graph(
            folder_to_rebuild(settings) if if_needed else settings.corpus_dir,
            workers,
            lambda done, total: bar.update(task, completed=done, total=total),
        )
    validation = validate_graph(result.rdf_graph)
    if not validation.conforms:
        console.print(validation.text)
        raise typer.Exit(7)
    dropped = save_build(result, settings)
    _print_report(result.report)
    if dropped:
        why = "added since the last build; add them again, or put them into the corpus folder"
        console.print(f"[yellow]dropped[/]: {escape(', '.join(dropped))} ({why})")
    console.print(f"wrote {settings.graph_file} and {settings.store_dir}")


def _print_report(report: BuildReport) -> None:
    table = Table(title="build report", show_header=False)
    for field in fields(report):
        if field.name not in ("corpus", "predicates", "problems"):
            table.add_row(field.name, str(getattr(report, field.name)))
    console.print(table)
    for problem in report.problems:
        console.print(f"[yellow]skipped[/]: {escape(problem)}")


@app.command()
def add(
    files: Annotated[
        list[Path], typer.Argument(help="Documents (.txt, .md, .html, .pdf, JATS or PubMed .xml) to add.")
    ],
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Folder to start from when the data folder has no build.")
    ] = None,
    data_dir: DataOpt = None,
) -> None:
    """Add documents to the built graph without rebuilding (a document with a known id is replaced);
    they are copied into the data folder's corpus, never into the corpus folder."""
    from nutrikg.graph.assemble.incremental import add_documents
    from nutrikg.graph.extract.corpus import load_documents

    settings = _settings(corpus, data_dir)
    result = add_documents(load_documents([path.expanduser() for path in files]), settings)
    _print_report(result.report)
    if result.rebuilt:
        console.print("the saved build did not match its corpus, so the corpus was built again")
    for label, ids in (("added", result.added), ("replaced", result.replaced)):
        if ids:
            console.print(f"{label}: {', '.join(ids)}")
    console.print(f"copied into {settings.corpus_copy}; wrote {settings.graph_file} and the store")


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


class QueryFormat(StrEnum):
    """What `nutrikg query` prints (any other --format is refused)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query.")],
    fmt: Annotated[QueryFormat, typer.Option("--format", help="How to print it.")] = QueryFormat.TABLE,
    data_dir: DataOpt = None,
) -> None:
    """Run a SPARQL query over the built graph (common prefixes predeclared)."""
    from nutrikg.graph.sparql.local import run_query

    result = run_query(_settings(data_dir=data_dir), sparql)
    if fmt is QueryFormat.JSON:
        out.print_json(json.dumps(result.as_json()))
    elif fmt is QueryFormat.CSV:
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


app.command()(evaluate)
app.command()(train)


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


# The command-line parser's errors, as this typer names them (it may carry its own copy of click)
_PARSER_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def main() -> None:
    """Entry point: every error is one line on stderr (`error: ...`) and a non-zero exit code,
    never a traceback: the service's own errors (graph.errors, each with its code), a command
    line that is wrong (an unknown option, a value not allowed: exit 2), and a file that cannot be
    read or written (exit 1)."""
    try:
        code = app(standalone_mode=False)
    except _PARSER_ERROR as err:
        _parser_error(err)
    except typer.Abort:
        _fail("interrupted", 130)
    except KGError as err:
        _fail(str(err), err.exit_code)
    except OSError as err:  # a path the command was given that cannot be read or written
        _fail(f"{err.filename}: {err.strerror}" if err.filename else str(err), 1)
    sys.exit(code if isinstance(code, int) else 0)


def _parser_error(err: Exception) -> NoReturn:
    """A command line that is wrong (unknown option, value not allowed): exit 2 with what to read;
    a bare `nutrikg` prints the help it asks for."""
    message = err.format_message()  # type: ignore[attr-defined]
    if type(err).__name__ == "NoArgsIsHelpError":
        console.print(message, markup=False, highlight=False)
        sys.exit(0)
    if isinstance(err, _USAGE_ERROR):
        context = getattr(err, "ctx", None)
        message += f" (see `{context.command_path if context is not None else 'nutrikg'} --help`)"
    _fail(message, getattr(err, "exit_code", 2))


def _fail(message: str, code: int) -> NoReturn:
    """Print `message` as one line on stderr, then exit with `code`."""
    console.print(f"[red]error[/]: {escape(' '.join(message.split()))}", highlight=False)
    sys.exit(code)
