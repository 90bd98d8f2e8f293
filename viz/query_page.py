"""The SPARQL query page: an editor, the predeclared prefixes, example questions, and the answer as
a table. The page is served by the SPARQL router when a browser asks `/sparql` for HTML.

It is the explorer's kind of page: one autoescaped template, data only as a JSON block
(`json_for_script`), the service's own script and style under the explorer's
Content-Security-Policy, and every value put into the page by the script as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nutrikg.graph.read.sparql_examples import ExampleQuery
from nutrikg.viz.assets import QUERY_PAGE_SCRIPT, QUERY_PAGE_STYLE
from nutrikg.viz.page import TEMPLATES, json_for_script

MAX_SHOWN_ROWS = 1000  # rows drawn in the table; the downloads hold every row


@dataclass(frozen=True)
class QueryPageRequest:
    """What one query page shows: the query to fill in (and run), and the dataset to run it on."""

    endpoint: str  # the path the page sends its query to, and its assets live under
    query: str | None = None
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    examples: Sequence[ExampleQuery] = ()
    prefixes: Mapping[str, str] = field(default_factory=dict)


def render_query_page(request: QueryPageRequest) -> str:
    """The page's HTML. With `query` given, the page fills it in and runs it as it opens; without,
    it shows the first example, not yet run."""
    examples = [{"name": e.name, "title": e.title, "query": e.query} for e in request.examples]
    shown = request.query if request.query is not None else (examples[0]["query"] if examples else "")
    config = {
        "endpoint": request.endpoint,
        "run": request.query is not None and bool(request.query.strip()),
        "examples": examples,
        "prefixes": dict(request.prefixes),
        "dataset": {
            "default-graph-uri": list(request.default_graph_uris),
            "named-graph-uri": list(request.named_graph_uris),
        },
        "max_rows": MAX_SHOWN_ROWS,
    }
    return TEMPLATES.get_template("sparql-query.html").render(
        endpoint=request.endpoint,
        query=shown,
        examples=examples,
        prefixes=list(request.prefixes.items()),
        config_json=json_for_script(config),
        script=f"{request.endpoint}/static/{QUERY_PAGE_SCRIPT}",
        style=f"{request.endpoint}/static/{QUERY_PAGE_STYLE}",
    )
