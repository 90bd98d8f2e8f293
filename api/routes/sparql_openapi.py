"""How `/sparql` is described in the OpenAPI document: its parameters, the two POST bodies, and an
answer in every media type it writes (results and graph formats from graph.sparql.negotiation,
each example written by the workers' own writer), the query page, and its errors.

The handlers read the request themselves (the protocol allows repeated parameters and three ways
to send a query), so FastAPI cannot infer any of this: it is given as `openapi_extra`.
"""

from __future__ import annotations

import json
from typing import Any

from nutrikg.api.openapi import error_responses
from nutrikg.graph.prefixes import PREFIXES
from nutrikg.graph.sparql.negotiation import GRAPH_FORMATS, RESULT_FORMATS, Format
from nutrikg.graph.sparql.samples import SAMPLE_CONSTRUCT, SAMPLE_SELECT, sample_answers

_FORMAT_KEYS = [fmt.key for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS)]

_QUERY = {
    "name": "query",
    "in": "query",
    "required": False,
    "description": "The SPARQL 1.1 query. Without it, GET answers with the service description "
    f"(RDF). Predeclared prefixes need no PREFIX line: {', '.join(PREFIXES)}.",
    "schema": {"type": "string"},
    "examples": {
        "select": {"summary": "a SELECT (results)", "value": SAMPLE_SELECT},
        "construct": {"summary": "a CONSTRUCT (a graph)", "value": SAMPLE_CONSTRUCT},
    },
}
_DATASET = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"{what} IRI; may be repeated. With either list given the dataset is exactly "
        "what the lists name; without, the default graph is the built graph merged with every "
        "named graph.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }
    for name, what in (("default-graph-uri", "A default graph's"), ("named-graph-uri", "A named graph's"))
]
_FORMAT = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "Overrides Accept: a format key or a media type. Results: json, xml, csv, tsv; "
    "graphs: turtle, ntriples, jsonld, rdfxml, n3, nquads, trig.",
    "schema": {"type": "string", "enum": _FORMAT_KEYS},
}


def _example(fmt: Format, written: str) -> Any:
    return json.loads(written) if fmt.media_type.endswith("json") else written


def _answer_content() -> dict[str, Any]:
    """Every media type an answer comes in, each with the sample answer written in it."""
    written = sample_answers()
    content: dict[str, Any] = {}
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        schema = {"type": "object"} if fmt.media_type.endswith("json") else {"type": "string"}
        content[fmt.media_type] = {"schema": schema, "example": _example(fmt, written[fmt.key])}
    return content


_NEGOTIATION = (
    "The format follows `format`, else Accept (q-values and wildcards; `application/xml` means XML "
    "results or RDF/XML, `text/plain` TSV results or N-Triples, `text/n3` and `text/rdf+n3` N3, "
    "`application/turtle` Turtle); without either, JSON results or Turtle."
)


def _responses(with_page: bool) -> dict[int | str, Any]:
    content = _answer_content()
    if with_page:
        content["text/html"] = {
            "schema": {"type": "string"},
            "example": '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            "<title>nutrikg SPARQL query</title>\n...",
        }
    described = "SELECT and ASK answer in a results format, CONSTRUCT and DESCRIBE in a graph format."
    if with_page:
        described += " A browser asking for HTML gets the query page (text/html) instead."
    answers = {"200": {"description": described, "content": content}}
    return answers | error_responses(400, 403, 406, 413, 504)


GET_SUMMARY = "Run a SPARQL query given as ?query=; without one, the service description or query page"
GET_DESCRIPTION = (
    "SPARQL 1.1 Protocol, query by GET. " + _NEGOTIATION + " A browser (HTML asked for above every "
    "answer format) gets the query page, with the query filled in and run when one is given. "
    "HEAD answers as GET without the body; OPTIONS names the allowed methods."
)
POST_SUMMARY = "Run a SPARQL query sent form-encoded (query=) or as application/sparql-query"
POST_DESCRIPTION = (
    "SPARQL 1.1 Protocol, query by POST: a form (`query`, and the dataset parameters) or the query "
    "itself as the body (the dataset parameters then in the URL). Updates are refused. " + _NEGOTIATION
)


def get_operation() -> dict[str, Any]:
    """The GET operation's parameters and responses (OpenAPI)."""
    return {"parameters": [_QUERY, *_DATASET, _FORMAT], "responses": _responses(with_page=True)}


def post_operation() -> dict[str, Any]:
    """The POST operation's URL parameters, its two bodies and its responses (OpenAPI)."""
    form = {
        "type": "object",
        "required": ["query"],
        "properties": {
            "query": {"type": "string", "description": "The SPARQL 1.1 query."},
            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
            "format": {"type": "string", "enum": _FORMAT_KEYS},
        },
    }
    bodies = {
        "application/sparql-query": {"schema": {"type": "string"}, "example": SAMPLE_SELECT},
        "application/x-www-form-urlencoded": {"schema": form, "example": {"query": SAMPLE_SELECT}},
    }
    return {
        "parameters": [*_DATASET, _FORMAT],
        "requestBody": {"required": True, "content": bodies},
        "responses": _responses(with_page=False) | error_responses(415),
    }


def prefixes_responses() -> dict[int | str, dict[str, Any]]:
    """The prefix list's answer, with its first entries as the example."""
    listed = [{"prefix": p, "namespace": iri} for p, iri in list(PREFIXES.items())[:3]]
    described = "Each predeclared prefix and its namespace IRI, in a stable order."
    return {200: {"description": described, "content": {"application/json": {"example": listed}}}}
