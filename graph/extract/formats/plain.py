"""Plain text and Markdown: the text as written, in UTF-8."""

from __future__ import annotations

from pathlib import Path

from nutrikg.graph.errors import CorpusError
from nutrikg.graph.extract.formats.record import ReadText


def read(path: Path, raw: bytes) -> ReadText:
    """Raises CorpusError naming `path` when the bytes are binary or not UTF-8."""
    return ReadText(text=decode_utf8(path, raw))


def decode_utf8(path: Path, raw: bytes) -> str:
    """`raw` as UTF-8 text; raises CorpusError naming `path` for binary bytes or another encoding."""
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{path}: document looks binary (NUL bytes), expected text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: document is not UTF-8 (invalid byte at offset {err.start})") from err
