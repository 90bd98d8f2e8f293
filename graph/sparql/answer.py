"""A query's answer as a query runner hands it to the HTTP layer: its format and its bytes.

Small answers come whole, so that their status and length are known before anything is sent.
A large one comes as its first bytes plus an iterator over the rest, read from the worker (or
the remote store) only as fast as the client takes them, so memory stays flat however many rows
the query returns. An error met while the rest is read is raised from the iterator: the HTTP
layer then breaks off the response, and the client sees an incomplete body, never a truncated
answer that looks whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# Answers up to this size come whole (status and length known before sending); larger ones stream.
STREAM_AFTER_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """A serialised answer in the results or RDF format named by `format_key`."""

    format_key: str  # a key of negotiation.RESULT_FORMATS or GRAPH_FORMATS
    head: bytes  # the first bytes; the whole answer when `rest` is None
    rest: Iterator[bytes] | None = None

    @property
    def complete(self) -> bool:
        """Whether `head` is the whole answer."""
        return self.rest is None

    def chunks(self) -> Iterator[bytes]:
        """The answer's bytes in order; consumes `rest`."""
        yield self.head
        if self.rest is not None:
            yield from self.rest

    def close(self) -> None:
        """Let go of the rest unread (a HEAD request): its worker or connection is freed at once."""
        close = getattr(self.rest, "close", None)
        if close is not None:
            close()

    def read(self) -> bytes:
        """The whole answer at once (for tests and small answers); consumes `rest`."""
        return b"".join(self.chunks())
