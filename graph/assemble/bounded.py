"""Reading a document a client sent, within a time limit.

Parsing the file (a PDF, an XML article) and extraction (rules and a learned reader) run over
bytes the client chose; nothing bounds how long that takes. So a sent document is parsed and
read in a process of its own, killed when it runs past the limit: the write that would have
followed never starts, and nothing is half-written. A fresh (spawned) process, not a fork of the
server's threads; it loads the vocabulary again, which the limit has to allow for.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

from nutrikg.graph.errors import CorpusError, ExtractionTimeout, KGError
from nutrikg.graph.model import Document, Extraction

# What the child reads: a document in memory, or a sent file (name, bytes, sidecar metadata)
Sent = tuple[Path, bytes, dict[str, object]]

_CONTEXT = multiprocessing.get_context("spawn")


def extract_within(document: Document | Sent, seconds: float) -> Extraction:
    """The document's extraction, read in a child process given `seconds` at most; a sent file
    (its name, bytes and metadata) is parsed there too (graph.extract.corpus.parse_document).

    Raises ExtractionTimeout past the limit (the child is killed), CorpusError when the child
    fails (its error, or that it died, or the file is no readable document), KGError subclasses
    the extraction raises.
    """
    name = document.id if isinstance(document, Document) else document[0].stem
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_extract, args=(document, sending), name="extract", daemon=True)
    child.start()
    sending.close()  # ours: the child's end closes when it dies, so recv sees EOF
    try:
        if not receiving.poll(seconds):
            message = f"reading {name!r} took longer than {seconds:g} s; nothing was written"
            raise ExtractionTimeout(message)
        outcome = receiving.recv()
    except EOFError:
        raise CorpusError(f"reading {name!r} failed: the reader stopped") from None
    finally:
        child.kill()
        child.join()
        receiving.close()
    if isinstance(outcome, KGError):
        raise outcome
    if not isinstance(outcome, Extraction):
        raise CorpusError(f"reading {name!r} failed: {outcome}")
    return outcome


def _extract(document: Document | Sent, sending: Connection) -> None:
    from nutrikg.graph.assemble.build import extract_documents  # the extraction stack: in the child
    from nutrikg.graph.extract.corpus import parse_document

    try:
        parsed = document if isinstance(document, Document) else parse_document(*document)
        [extraction] = extract_documents([parsed])
        sending.send(extraction)
    except Exception as err:  # sent back as it is, or named when it cannot be pickled
        sending.send(err if isinstance(err, KGError) else f"{type(err).__name__}: {err}")
