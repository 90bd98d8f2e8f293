"""What the commands share: the two consoles, the settings a command's options give, the
progress bar, the options every command takes, and where the repository's data sets are."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.settings import PROJECT_ROOT, Settings

console = Console(stderr=True, soft_wrap=True)  # messages, progress and reports: stderr
out = Console()  # answers: stdout

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Folder of documents to build from.")]
DataOpt = Annotated[Path | None, typer.Option("--data-dir", help="Where the built graph lives.")]


def settings_for(corpus: Path | None = None, data_dir: Path | None = None) -> Settings:
    """The settings (NUTRIKG_* variables and defaults) with the command's own options over them."""
    overrides: dict[str, object] = {}
    if corpus is not None:
        overrides["corpus_dir"] = corpus.expanduser()
    if data_dir is not None:
        overrides["data_dir"] = data_dir.expanduser()
    return Settings(**overrides)  # type: ignore[arg-type]


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def repository_data(given: Path | None, relative: str, option: str) -> Path:
    """A data set a command reads: `given`, else the repository's own (tests/data/...), found
    from any working folder. Raises CorpusError saying what to give when there is none (an
    installed package ships no test data)."""
    found = given.expanduser() if given is not None else PROJECT_ROOT / relative
    if not found.exists():
        origin = "" if given is not None else " (the source repository's; an installed package has none)"
        raise CorpusError(f"{found}: not found{origin}; give {option} PATH")
    return found
