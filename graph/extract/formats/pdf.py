"""PDF: the text layer, page by page, its lines joined back into the paragraphs they were cut
from (a sentence is read within one line); the title from the document's information and a DOI
when its first page prints one. A scanned PDF without a text layer is refused, named."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats.record import ReadText, one_line

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]])")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)\]]?$")
_SHORT_LINE = 40  # a shorter line that ends without punctuation is a heading, not a cut sentence


def read(path: Path, raw: bytes) -> ReadText:
    """Raises CorpusError naming `path` when the bytes are no PDF, are encrypted, or hold no text."""
    from pypdf import PdfReader  # imported when a PDF is read: most corpora hold none
    from pypdf.errors import PyPdfError

    try:
        pdf = PdfReader(io.BytesIO(raw))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise CorpusError(f"{path}: the PDF is encrypted; nutrikg reads only unprotected PDFs")
        pages = [page.extract_text() or "" for page in pdf.pages]
        title = pdf.metadata.title if pdf.metadata is not None else None
    except CorpusError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error) as err:
        raise CorpusError(f"{path}: not a readable PDF ({type(err).__name__}: {err})") from err
    text = "\n".join(reflow(page) for page in pages if page.strip())
    if not text.strip():
        raise CorpusError(f"{path}: the PDF has no text layer (a scanned image?); nothing to read")
    doi = _DOI.search(pages[0] if pages else "")
    return ReadText(text=text, title=one_line(title), doi=doi.group(1) if doi else None)


def reflow(page: str) -> str:
    """A page's lines with each sentence that a line break cut put back on one line; a word
    hyphenated across two lines is joined again."""
    lines: list[str] = []
    for line in (" ".join(raw.split()) for raw in page.splitlines()):
        if not line:
            continue
        if lines and _continues(lines[-1], line):
            previous = lines[-1]
            hyphenated = previous.endswith("-") and line[:1].islower()
            lines[-1] = previous[:-1] + line if hyphenated else f"{previous} {line}"
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _continues(previous: str, line: str) -> bool:
    """Whether `line` goes on with the sentence `previous` ends in."""
    if _SENTENCE_END.search(previous):
        return False
    return line[:1].islower() or line[:1].isdigit() or len(previous) >= _SHORT_LINE
