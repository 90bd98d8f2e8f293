"""Example SPARQL queries for the query page: the questions the graph is built to answer, written
with its own predicates and the predeclared prefixes (`example_queries/*.rq`, in file-name order).

Each file opens with comment lines: the first is the question (the example's title), the others
say how the query answers it. The whole file, comments included, is what the page runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent / "example_queries"


@dataclass(frozen=True)
class ExampleQuery:
    """One example: its question and the SPARQL text that answers it."""

    name: str  # the file's stem, stable for links and tests
    title: str
    query: str


def example_queries(folder: Path = EXAMPLES_DIR) -> tuple[ExampleQuery, ...]:
    """Every `*.rq` file of `folder`, in name order.

    Raises:
        ValueError: a file does not open with a `# question` comment line (the message names it).
        OSError: a file cannot be read.
    """
    return tuple(_read(path) for path in sorted(folder.glob("*.rq")))


def _read(path: Path) -> ExampleQuery:
    text = path.read_text(encoding="utf-8")
    first = text.partition("\n")[0]
    if not first.startswith("#") or not first.lstrip("# ").strip():
        raise ValueError(f"{path}: line 1 must be a comment stating the question the query answers")
    return ExampleQuery(name=path.stem, title=first.lstrip("# ").strip(), query=text.strip() + "\n")
