"""Content negotiation for SPARQL answers: Accept with q-values, wildcards and `?format=`.

Two kinds of answer exist: solution sequences and booleans (SELECT, ASK) are written
in a SPARQL results format; graphs (CONSTRUCT, DESCRIBE, the service description)
in an RDF format. Each kind has a server preference order, used to break ties
between media types the client rates equally, so that `*/*` gets JSON results or Turtle.

Besides each format's own media type, the generic ones clients send are understood:
`application/xml` means SPARQL XML results (RDF/XML for a graph), `text/plain` means TSV
results (N-Triples for a graph: both are line-based and readable as they come), and
`application/turtle`, `text/rdf+n3` the Turtle and N3 they name. A browser that asks for
HTML above every answer format gets the query page instead (`prefers_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from nutrikg.graph.errors import NotAcceptable

AnswerKind = Literal["results", "graph"]


@dataclass(frozen=True)
class Format:
    """One serialisation the endpoint can write."""

    key: str  # the `?format=` value and the name the worker knows it by
    media_type: str  # bare media type, as matched against Accept
    content_type: str  # what the Content-Type header says
    kind: AnswerKind
    iri: str  # W3C format IRI, for sd:resultFormat
    aliases: tuple[str, ...] = ()  # other media types clients send for it


_W3F = "http://www.w3.org/ns/formats/"

RESULT_FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        "application/sparql-results+json",
        "results",
        _W3F + "SPARQL_Results_JSON",
        ("application/json",),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        "application/sparql-results+xml",
        "results",
        _W3F + "SPARQL_Results_XML",
        ("application/xml",),
    ),
    Format("csv", "text/csv", "text/csv; charset=utf-8", "results", _W3F + "SPARQL_Results_CSV"),
    Format(
        "tsv",
        "text/tab-separated-values",
        "text/tab-separated-values; charset=utf-8",
        "results",
        _W3F + "SPARQL_Results_TSV",
        ("text/plain",),  # TSV keeps each term as written (IRI, language tag, datatype)
    ),
)
"""Formats for SELECT and ASK, most preferred first."""

GRAPH_FORMATS: tuple[Format, ...] = (
    Format(
        "turtle",
        "text/turtle",
        "text/turtle; charset=utf-8",
        "graph",
        _W3F + "Turtle",
        ("application/turtle", "application/x-turtle"),
    ),
    Format(
        "ntriples",
        "application/n-triples",
        "application/n-triples",
        "graph",
        _W3F + "N-Triples",
        ("text/plain",),
    ),
    Format("jsonld", "application/ld+json", "application/ld+json", "graph", _W3F + "JSON-LD"),
    Format(
        "rdfxml",
        "application/rdf+xml",
        "application/rdf+xml",
        "graph",
        _W3F + "RDF_XML",
        ("application/xml",),
    ),
    Format(
        "n3",
        "text/n3",
        "text/n3; charset=utf-8",
        "graph",
        _W3F + "N3",
        ("text/rdf+n3", "application/n3"),
    ),
    # A graph answer has no named graphs: in these dataset formats its triples are the default graph.
    Format("nquads", "application/n-quads", "application/n-quads", "graph", _W3F + "N-Quads"),
    Format("trig", "application/trig", "application/trig; charset=utf-8", "graph", _W3F + "TriG"),
)
"""Formats for CONSTRUCT, DESCRIBE and the service description, most preferred first."""

# Other spellings of our keys that clients send (SPARQLWrapper sends `rdf+xml`, `json-ld`).
_KEY_ALIASES = {"rdf+xml": "rdfxml", "json-ld": "jsonld", "nt": "ntriples", "n-triples": "ntriples"}
_KEY_ALIASES |= {"ttl": "turtle", "sparql-results+json": "json", "sparql-results+xml": "xml"}
_KEY_ALIASES |= {"nq": "nquads", "n-quads": "nquads", "rdf+n3": "n3"}
# `?format=json` on a CONSTRUCT means JSON-LD, `?format=xml` means RDF/XML, and back.
_CROSS_KIND_KEYS = {"json": "jsonld", "jsonld": "json", "xml": "rdfxml", "rdfxml": "xml"}


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """2 for an exact match, 1 for `type/*`, 0 for `*/*`, -1 for no match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def formats_for(kind: AnswerKind) -> tuple[Format, ...]:
    """All formats of one kind, most preferred first."""
    return RESULT_FORMATS if kind == "results" else GRAPH_FORMATS


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; malformed elements are skipped, a bad q counts as 1."""
    ranges: list[MediaRange] = []
    for element in (header or "").split(","):
        media, *params = (part.strip() for part in element.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub:
            continue
        ranges.append(MediaRange(main, sub, _quality(params)))
    return ranges


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 1.0
    return 1.0


def _score(fmt: Format, ranges: list[MediaRange]) -> float:
    """The q the client gives `fmt`: that of the most specific range matching it."""
    best_specificity, best_q = -1, 0.0
    for media_type in (fmt.media_type, *fmt.aliases):
        for media_range in ranges:
            specificity = media_range.specificity(media_type)
            if specificity < 0:
                continue
            if specificity > best_specificity or (specificity == best_specificity and media_range.q > best_q):
                best_specificity, best_q = specificity, media_range.q
    return best_q


def by_format_param(kind: AnswerKind, values: Sequence[str]) -> Format:
    """The format the first usable `?format=` value names: a key (`json`, ...) or a media type.

    Several values may come (some clients send a keyword and a media type); the first
    one this kind of answer can be written in wins.

    Raises:
        NotAcceptable: no value names a format this kind of answer can be written in.
    """
    for value in values:
        fmt = _named_format(kind, value.strip().lower())
        if fmt is not None:
            return fmt
    keys = ", ".join(fmt.key for fmt in formats_for(kind))
    shown = ", ".join(repr(v) for v in values)
    raise NotAcceptable(f"format {shown} is not available for this answer; use one of: {keys}")


def _named_format(kind: AnswerKind, wanted: str) -> Format | None:
    wanted = _KEY_ALIASES.get(wanted, wanted)
    if not any(fmt.key == wanted for fmt in formats_for(kind)):
        wanted = _CROSS_KIND_KEYS.get(wanted, wanted)
    for fmt in formats_for(kind):
        if wanted in (fmt.key, fmt.media_type, *fmt.aliases):
            return fmt
    return None


def negotiate(kind: AnswerKind, accept: str | None, format_params: Sequence[str] = ()) -> Format:
    """Choose the format of an answer: `?format=` first, then Accept, then our default.

    A missing or empty Accept gets the most preferred format. Among formats the client
    rates equally, the server's preference order decides.

    Raises:
        NotAcceptable: `?format=` names no usable format, or Accept rules out every one.
    """
    if any(value.strip() for value in format_params):
        return by_format_param(kind, [v for v in format_params if v.strip()])
    candidates = formats_for(kind)
    ranges = parse_accept(accept)
    if not ranges:
        return candidates[0]
    scored = [(_score(fmt, ranges), -rank, fmt) for rank, fmt in enumerate(candidates)]
    q, _, best = max(scored, key=lambda item: (item[0], item[1]))
    if q <= 0.0:
        offered = ", ".join(fmt.media_type for fmt in candidates)
        raise NotAcceptable(f"no acceptable media type in {accept!r}; this answer offers {offered}")
    return best


def format_by_key(key: str) -> Format:
    """The format with this key (`json`, `turtle`, ...). Raises KeyError for an unknown key."""
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        if fmt.key == key:
            return fmt
    raise KeyError(key)


PAGE_MEDIA_TYPES = ("text/html", "application/xhtml+xml")


def prefers_page(accept: str | None) -> bool:
    """True when Accept names HTML itself and rates it above every answer format it names.

    A browser's navigation (`text/html,...,application/xml;q=0.9,*/*;q=0.8`) is one; a client
    that names a results or RDF type as high as HTML gets data, and a wildcard never brings the
    page (curl's `*/*` gets JSON results).
    """
    ranges = parse_accept(accept)
    page_q = _named_q(PAGE_MEDIA_TYPES, ranges)
    answers = [t for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS) for t in (fmt.media_type, *fmt.aliases)]
    return page_q > 0.0 and page_q > _named_q(answers, ranges)


def _named_q(media_types: Sequence[str], ranges: list[MediaRange]) -> float:
    """The highest q given by a range that names one of `media_types` exactly (no wildcard)."""
    return max((r.q for r in ranges for t in media_types if r.specificity(t) == 2), default=0.0)
