"""Readers of the document formats a corpus may hold, one module per format: a file's name and
bytes in, a `ReadText` out (its text, and whatever metadata the file itself states).

| suffix      | module      | text                                 | metadata from the file          |
|-------------|-------------|--------------------------------------|---------------------------------|
| .txt, .md   | plain.py    | as written (UTF-8)                   | none                            |
| .html, .htm | html.py     | visible article text, a block a line | <title>/<h1>, citation_* tags   |
| .pdf        | pdf.py      | the text layer, lines made prose     | its Title, a DOI in its text    |
| .xml        | xml_file.py | JATS (jats.py) or PubMed (pubmed.py) | title, journal, year, PMID, DOI |

Each reader raises CorpusError naming the file and saying why it cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats import html, pdf, plain, xml_file
from nutrikg.graph.extract.formats.record import ReadText

__all__ = ["DOCUMENT_SUFFIXES", "ReadText", "read_file"]

Reader = Callable[[Path, bytes], ReadText]
_READERS: dict[str, Reader] = {
    ".txt": plain.read,
    ".md": plain.read,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
    ".xml": xml_file.read,
}
DOCUMENT_SUFFIXES = tuple(_READERS)


def read_file(path: Path, raw: bytes) -> ReadText:
    """The text and stated metadata of the file `path` holding `raw` (it need not exist: the
    suffix picks the reader). Raises CorpusError naming `path` when no reader knows its suffix or
    the bytes are not a readable document of that format."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise CorpusError(f"{path}: {unknown_format(path)}")
    if not raw.strip():
        raise CorpusError(f"{path}: document is empty")
    found = reader(path, raw)
    if not found.text.strip():
        raise CorpusError(f"{path}: document is empty")
    return found


def unknown_format(path: Path) -> str:
    """Why a file of that name is not read, and what is."""
    kind = f"'{path.suffix}' files are" if path.suffix else "a file without a suffix is"
    return f"not read: {kind} no document format nutrikg reads ({', '.join(DOCUMENT_SUFFIXES)})"
