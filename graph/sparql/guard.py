"""Inspect a SPARQL query before it runs, and refuse what would leave the sandbox.

The store executes SERVICE clauses by calling the named endpoint over HTTP, so a
query is parsed (with rdflib's SPARQL grammar, whose algebra exposes SERVICE and the
dataset clauses) and checked before any worker sees it:

* updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: this endpoint only reads;
* SERVICE is refused unless its IRI is in `settings.service_allowlist` (a variable
  endpoint, `SERVICE ?x`, is always refused);
* FROM / FROM NAMED and the protocol's default-graph-uri / named-graph-uri may only
  name graphs the store holds (nothing is ever fetched to satisfy them);
* a malformed query is reported with its line and column.

Parsing with rdflib costs milliseconds, most of a short query's time. So a text in which the
letters of SERVICE and FROM appear nowhere (in any case, inside a word, a name, a string or a
comment alike) and that has no codepoint escape that could spell them takes a fast path: its form
is read from its first keyword and the store's own parser is the only one to parse it. The test
is on the raw text on purpose: the store's parser splits "falseSERVICE" into two tokens and reads
escapes in names ("nm:x\\#"), and a cleverer reading of the text would have to agree with it on
every such case. An update cannot take this path to harm: the store's query parser does not
accept one. If the store rejects a query, `explain_failure` parses it with rdflib after all, for
an error that says where.

Where the query workers have no network (see `graph.sparql.worker._cut_network`) the sandbox,
not this reading, is what keeps a query in: SERVICE is then refused by the clauses the parse
reads, so `?service`, "customer service" or `schema:serviceType` pass, and a text the store
reads as SERVICE where rdflib does not meets the sandbox (refused all the same). Without that
sandbox (another platform, an allowlist that needs the network, a remote store) the word is
refused wherever no clause was read.

Every query is also held to a nesting depth: the store's parser recurses on each group.

The predeclared prefixes are handed to both parsers rather than pasted in front of
the text, so the positions in error messages are those of the text the user wrote.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal, cast

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from nutrikg.graph.errors import InvalidQuery, KGError, QueryRefused
from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.sparql.algebra import dataset_clauses, services
from nutrikg.graph.sparql.negotiation import AnswerKind

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

UPDATE_REFUSED = "updates are not allowed on this endpoint"
_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
# rdflib's grammar objects are module-level state with no promise of thread safety.
_PARSE_LOCK = threading.RLock()
# An IRI as both parsers read it: no space of any kind, no backslash (escapes are expanded first).
_IRI = r"""<[^<>"{}|^`\\\s]*>"""
# IRIs, prefixed names (whose escapes may hold '#' or a quote) and string literals, or a comment.
# A prefixed name starts where no name character precedes it, and its letters are taken at once
# (possessive): a long run of letters with no colon is then read once, not once per position.
_TOKEN_OR_COMMENT = re.compile(
    _IRI + r"""|(?<![\w.-])(?:[A-Za-z][\w.-]*+)?:(?:[\w.:-]|\\[_~.\-!$&'()*+,;=/?#@%]|%[0-9A-Fa-f]{2})*+"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r"""|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|#[^\r\n]*"""  # a comment ends at CR or LF
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.I)
_UPDATE_START = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
# Letters that make a query need the full parse, wherever they stand: it may reach outside.
_NEEDS_PARSE = re.compile(r"service|from|\\u", re.IGNORECASE)
# Any of these letters where no SERVICE clause was parsed: refused. Counted in the text as it
# is, IRIs, comments and strings included: no reading of them can be trusted to agree with the
# store's own parser on every input.
_SERVICE_LETTERS = re.compile(r"service", re.IGNORECASE)
# Names of our own vocabulary that hold the letters of FROM but cannot start a clause: blanked
# for the fast path's letter test only (a name is read whole by both parsers).
_KNOWN_NAMES = re.compile(
    r"(?<![\w.:-])prov:wasDerivedFrom(?![\w.:-])|<http://www\.w3\.org/ns/prov#wasDerivedFrom>"
)
# Blanks and comments, and the declarations of a prologue, each read where the last one ended
_BLANKS = re.compile(r"(?:\s+|#[^\r\n]*)*")
_DECLARATION = re.compile(r"PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOAD = re.compile(r"\bLOAD\b", re.IGNORECASE)
TOO_DEEP = "the query is nested too deeply to be checked"
# rdflib's parse is quadratic in the text (3,000 triple patterns: half a minute); in a sandbox,
# longer texts are left to the store.
FULL_PARSE_MAX_CHARS = 20_000
MAX_NESTING = 64  # groups, sub-queries and brackets within each other
_OPENING = re.compile(r"[({\[]")
_NESTING = re.compile(r"[(){}\[\]]")
_FORM_START = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class QuerySyntaxError(InvalidQuery):
    """A query that does not parse; `detail` gives the position (1-based line and column)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column
        self.detail: dict[str, object] = {"line": line, "column": column}

    def __reduce__(self) -> tuple[type[QuerySyntaxError], tuple[str, int, int]]:
        # Exception pickling replays only args; keep the position across processes.
        return (QuerySyntaxError, (str(self), self.line, self.column))


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the guard, with what the endpoint needs to run and answer it."""

    text: str
    form: QueryForm
    from_graphs: tuple[str, ...]  # FROM
    from_named_graphs: tuple[str, ...]  # FROM NAMED
    services: tuple[str, ...]  # allowlisted SERVICE endpoints it calls

    @property
    def kind(self) -> AnswerKind:
        """Whether the answer is a results document or an RDF graph."""
        return "results" if self.form in ("SELECT", "ASK") else "graph"


def check_query(
    text: str,
    *,
    known_graphs: Collection[str],
    service_allowlist: Collection[str] = (),
    default_graph_uris: Collection[str] = (),
    named_graph_uris: Collection[str] = (),
    inspect: Inspector | None = None,
    network_sandboxed: bool = False,
) -> CheckedQuery:
    """Parse `text` and check it against the sandbox rules; nothing is executed.

    `inspect` makes the full parse when the fast path cannot be taken: `inspect_text` here by
    default; the worker pool's, which bounds it in time, when the service runs one.
    `network_sandboxed` says the query will run where no connection can be opened (the pool's
    workers, where the platform allows): SERVICE is then refused by the clauses the parse
    reads, and a text too long or deep for rdflib is left to the store, which cannot call out.
    Otherwise the guard is the boundary, and stays strict (see `_refuse_service_words`).

    Raises:
        QuerySyntaxError: (an InvalidQuery) the text does not parse; says line and column.
        InvalidQuery: the text is an update, or its algebra cannot be built.
        QueryRefused: SERVICE to an endpoint not allowlisted, or a FROM / FROM NAMED /
            default-graph-uri / named-graph-uri naming a graph the store does not hold;
            also LOAD, which would fetch a document.
        QueryTimeout, StoreError: from a bounded `inspect`.
    """
    text = normalise(text)  # what both parsers read, and what the store is given
    _check_nesting(text)
    found = _inspect_fast(text) or _inspect_full(text, inspect or inspect_text, network_sandboxed)
    if not network_sandboxed:
        _refuse_service_words(text, found)
    for endpoint in found.services:
        if endpoint is None:
            raise QueryRefused("SERVICE with a variable endpoint is not allowed")
        if endpoint not in service_allowlist:
            raise QueryRefused(f"SERVICE <{endpoint}> is not allowed on this endpoint")
    for iri in (*found.from_graphs, *found.from_named_graphs, *default_graph_uris, *named_graph_uris):
        if iri not in known_graphs:
            raise QueryRefused(
                f"graph <{iri}> is not in this store; FROM, FROM NAMED, default-graph-uri and "
                "named-graph-uri may only name graphs the store holds"
            )
    services = tuple(e for e in found.services if e is not None)
    return CheckedQuery(text, found.form, found.from_graphs, found.from_named_graphs, services)


@dataclass(frozen=True)
class Inspection:
    """What a query's text asks for, before any rule is applied."""

    form: QueryForm
    services: tuple[str | None, ...]  # endpoint IRIs; None for a variable endpoint
    from_graphs: tuple[str, ...]
    from_named_graphs: tuple[str, ...]


def inspect_text(text: str) -> Inspection:
    """Parse `text` with rdflib and list its SERVICE endpoints and dataset clauses.

    The parse takes time in proportion to the text (a fraction of a millisecond per byte) and
    is not interruptible: the service runs it in a query worker, under the query time limit.

    Raises:
        QuerySyntaxError, InvalidQuery, QueryRefused: see check_query.
    """
    algebra = _algebra(text)
    return Inspection(_FORMS[algebra.name], tuple(services(algebra)), *dataset_clauses(algebra))


Inspector = Callable[[str], Inspection]


class TooDeepToCheck(InvalidQuery):
    """rdflib's parser recursed past its limit: the text may be legal, only too deep for it."""


def _inspect_full(text: str, inspect: Inspector, network_sandboxed: bool) -> Inspection:
    """The full parse. In a sandbox, a text parsed only for the letters of SERVICE that rdflib
    cannot read (too long to finish in time: its parse is quadratic; or too deep for its
    recursion) is read for its form only: the sandbox answers for SERVICE. A FROM must be read."""
    only_service = not _NEEDS_PARSE.search(_KNOWN_NAMES.sub(" ", _SERVICE_LETTERS.sub(" ", text)))
    form_only = _form_only(text) if network_sandboxed and only_service else None
    if form_only is not None and len(text) > FULL_PARSE_MAX_CHARS:
        return form_only
    try:
        return inspect(text)
    except TooDeepToCheck:
        if form_only is None:
            raise
        return form_only


def _refuse_service_words(text: str, found: Inspection) -> None:
    """Without a sandbox: the store's parser is not ours, and parsers can disagree (on comments,
    strings, escapes, what is an IRI), so the letters of SERVICE where our parse found no clause
    are refused rather than trusted, wherever they stand."""
    if len(_SERVICE_LETTERS.findall(text)) > len(found.services):
        raise QueryRefused(
            "SERVICE is not allowed on this endpoint (query workers here have network access, so "
            "the word is refused wherever no SERVICE clause was read, even in an IRI, a variable, "
            "a string or a comment)"
        )


def _inspect_fast(text: str) -> Inspection | None:
    """The inspection of a text that cannot reach outside the store, read without parsing;
    None when the text needs the full parse (it might, or its form is not plain to see)."""
    if _SERVICE_LETTERS.search(text) or _NEEDS_PARSE.search(_KNOWN_NAMES.sub(" ", text)):
        return None
    return _form_only(text)


def _form_only(text: str) -> Inspection | None:
    """The text's form read from its first keyword, nothing else; None if it is not plain."""
    form = _FORM_START.match(text, _prologue_end(text))
    if form is None:
        return None
    return Inspection(cast(QueryForm, form.group(1).upper()), (), (), ())


def _prologue_end(text: str) -> int:
    """Where the query's form keyword should stand: after blanks, comments and PREFIX / BASE
    declarations. Each step is anchored where the last ended, so this reads the text once."""
    position = _BLANKS.match(text).end()  # type: ignore[union-attr]  # `*` always matches
    while declaration := _DECLARATION.match(text, position):
        position = _BLANKS.match(text, declaration.end()).end()  # type: ignore[union-attr]
    return position


def _check_nesting(text: str) -> None:
    """Raises InvalidQuery past MAX_NESTING levels (brackets in strings count too: a bound, not
    a parse). Cheap: texts with few brackets are not scanned one by one."""
    if len(_OPENING.findall(text)) <= MAX_NESTING:
        return
    depth = 0
    for bracket in _NESTING.finditer(text):
        depth = depth + 1 if bracket.group() in "({[" else max(depth - 1, 0)  # a stray closer opens nothing
        if depth > MAX_NESTING:
            raise InvalidQuery(f"the query is nested more than {MAX_NESTING} levels deep")


def explain_failure(
    text: str, error: InvalidQuery, inspect: Inspector | None = None
) -> InvalidQuery | QueryRefused:
    """The error to report for a query the store rejected: rdflib's, which names the line
    and column, when rdflib rejects it too; otherwise the store's own `error` (also when the
    parse itself cannot be made in time)."""
    try:
        (inspect or inspect_text)(text)
    except (InvalidQuery, QueryRefused) as ours:
        return ours
    except KGError:  # a bounded parse that ran out of time: the store's words will do
        return error
    return error


def update_refusal(text: str) -> InvalidQuery | QueryRefused:
    """The error that refuses update `text` (for the protocol's update operation).

    QueryRefused when the update contains LOAD (it would fetch a document), else InvalidQuery.
    """
    return _update_error(normalise(text))


def _algebra(text: str) -> CompValue:
    """The query's algebra (prefixed names resolved with our prefixes).

    Raises:
        QuerySyntaxError, InvalidQuery, QueryRefused: see check_query.
    """
    with _PARSE_LOCK:
        try:
            parsed = parseQuery(text)
        except RecursionError:
            raise TooDeepToCheck(TOO_DEEP) from None
        except ParseBaseException as exc:
            if _looks_like_update(text):
                raise _update_error(text) from None
            raise _syntax_error(exc) from None
        try:
            return translateQuery(parsed, initNs=dict(PREFIXES)).algebra
        except RecursionError:
            raise TooDeepToCheck(TOO_DEEP) from None
        except Exception as exc:  # rdflib raises a bare Exception for an unknown prefix
            raise InvalidQuery(f"invalid query: {exc}") from None


def strip_comments(text: str, *, strings: bool = False) -> str:
    """`text` with its `#` comments blanked (and string literals emptied, if `strings`).

    A `#` inside an IRI or a string does not start a comment.
    """

    def blank(match: re.Match[str]) -> str:
        token = match.group()
        if token.startswith("#"):
            return " "
        return '""' if strings and token[0] in "\"'" else token

    return _TOKEN_OR_COMMENT.sub(blank, text)


def _looks_like_update(text: str) -> bool:
    body = strip_comments(text)
    prologue = _PROLOGUE.match(body)
    rest = body[prologue.end() if prologue else 0 :]
    return _UPDATE_START.match(rest) is not None


def _update_error(text: str) -> InvalidQuery | QueryRefused:
    """Refused without a parse (an update is never run, and parsing one costs time in
    proportion to its length): LOAD, wherever it stands, is named as leaving the sandbox."""
    if _LOAD.search(text):  # anywhere, a comment too: refused either way, only the words differ
        return QueryRefused(f"{UPDATE_REFUSED} (LOAD would fetch a remote document)")
    return InvalidQuery(UPDATE_REFUSED)


def normalise(text: str) -> str:
    """The text both parsers read: codepoint escapes expanded, carriage returns as line ends.

    SPARQL expands \\u and \\U escapes before parsing, and rdflib does; the store expands them only
    inside strings and IRIs, so the two could read one text two ways. A carriage return ends a
    comment for the store but not for rdflib. Read from this text, they agree.
    """
    if "\\" in text:
        text = _CODEPOINT.sub(_codepoint, text)
        if _CODEPOINT.search(text):  # rdflib would expand them again, the store would not
            raise InvalidQuery("a codepoint escape may not spell another one")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _codepoint(match: re.Match[str]) -> str:
    value = int(match.group(1) or match.group(2), 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise InvalidQuery(f"invalid codepoint escape {match.group()!r}")
    return chr(value)


def _syntax_error(exc: ParseBaseException) -> QuerySyntaxError:
    near = exc.line.strip()[:60]
    message = f"syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}"
    return QuerySyntaxError(f"{message} (near {near!r})" if near else message, exc.lineno, exc.col)
