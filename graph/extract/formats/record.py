"""What a format reader takes out of a file."""

from __future__ import annotations

from dataclasses import dataclass

from nutrikg.graph.model import SourceKind


@dataclass(frozen=True)
class ReadText:
    """A file's text and the metadata the file itself states (None: it does not say).

    A `.meta.json` sidecar beside the file overrides any of them (graph.extract.corpus).
    """

    text: str
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    publisher: str | None = None
    source_kind: SourceKind | None = (
        None  # what the format tells of its source: a PubMed record is an abstract
    )


def one_line(value: str | None, limit: int = 500) -> str | None:
    """Metadata text on one line, its runs of white space collapsed; None when empty."""
    if value is None:
        return None
    text = " ".join(value.split())[:limit]
    return text or None
