"""The pattern query: triple patterns in JSON, compiled to SPARQL and run in the query pool."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request

from nutrikg.api.deps import KGDep
from nutrikg.api.models import PatternAnswer, PatternQueryBody
from nutrikg.graph.errors import InvalidQuery
from nutrikg.graph.read.pattern_query import PatternQuery, run_pattern
from nutrikg.graph.sparql.runner import QueryRunner

router = APIRouter(prefix="/api/v1", tags=["query"])
EXAMPLE_SUMMARY = "Which vitamers activate a protein"
EXAMPLE = {
    "where": [["?n", "activates", "?p"], ["?p", "type", "Protein"]],
    "filters": {"?n": {"category": "Vitamer"}},
    "select": ["?n", "?p"],
    "order_by": "?n",
    "limit": 100,
    "offset": 0,
}

_DESCRIPTION = """
Triple patterns over the graph, like a small SPARQL:

```json
{"where": [["?n", "activates", "?p"], ["?p", "type", "Protein"]],
 "filters": {"?n": {"category": "Vitamer"}},
 "select": ["?n", "?p"], "order_by": "?n", "limit": 100, "offset": 0}
```

- `?name` is a variable.
- Predicates: `type` (instance of; a constant class includes its subclasses), `label` (preferred
  label; a constant matches case-insensitively), a relation name (`activates`), or the CURIE or
  IRI of any predicate in the graph.
- Subjects and objects: an entity label, synonym, CURIE or IRI; after `type` a class name
  (`Protein`); numbers and booleans are typed literals.
- `filters` per variable: `category` (class or subclass) and `label_contains` (text).
- `order_by`: a variable, `-?var` for descending; by default all selected variables.

Every constant is resolved first (an unknown one is a 400 naming its position) and written
into the query only as an IRI or escaped literal. The answer carries the compiled SPARQL.
"""


@router.post(
    "/query",
    summary="Pattern query (compiled to SPARQL)",
    description=_DESCRIPTION,
    response_model_exclude_none=True,
)
def post_query(
    kg: KGDep,
    request: Request,
    body: Annotated[
        PatternQueryBody, Body(openapi_examples={"vitamers": {"summary": EXAMPLE_SUMMARY, "value": EXAMPLE}})
    ],
) -> PatternAnswer:
    """Raises InvalidQuery (400) for an unknown term or malformed pattern, QueryTimeout (504)
    past the time limit, ResultTooLarge (413) past the row cap."""
    pool: QueryRunner = request.app.state.pool
    refuse_lone_surrogates(body.model_dump(mode="python"), "body")
    query = PatternQuery(
        where=body.where,
        filters=body.filters,
        select=body.select,
        order_by=body.order_by,
        limit=body.limit,
        offset=body.offset,
    )
    result = run_pattern(kg, query, lambda sparql: pool.execute(sparql, "json").read())
    return PatternAnswer.model_validate(
        {
            "variables": result.variables,
            "bindings": result.bindings,
            "total": result.total,
            "limit": body.limit,
            "offset": body.offset,
            "sparql": result.sparql,
        }
    )


def refuse_lone_surrogates(value: object, where: str) -> None:
    """Raises InvalidQuery (400) naming the first string in `value` that is not Unicode text.

    JSON may spell a lone surrogate (`"\\ud800"`) and Python's decoder accepts it, but it is no
    character: it cannot be written as UTF-8, so the store, and the compiler before it, fail on it
    (a 500 until this check).
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidQuery(
                f"{where} holds a lone surrogate (\\u{ord(value[exc.start]):04x}), not text"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_lone_surrogates(key, where)
            refuse_lone_surrogates(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            refuse_lone_surrogates(item, f"{where}[{index}]")
