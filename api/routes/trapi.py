"""TRAPI 1.5 (the Translator Reasoner API): one-hop lookups and the meta knowledge graph, so the
field's reasoners can ask this graph as they ask any knowledge provider. Answered by
graph/read/trapi.py; errors take the service's one error shape."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from nutrikg.api.deps import KGDep
from nutrikg.graph.read.trapi import answer, meta_knowledge_graph

router = APIRouter(prefix="/trapi/v1.5", tags=["trapi"])

EXAMPLE = {
    "message": {
        "query_graph": {
            "nodes": {"n0": {"ids": ["CHEBI:16374"]}, "n1": {"categories": ["biolink:ChemicalEntity"]}},
            "edges": {"e0": {"subject": "n0", "object": "n1", "predicates": ["biolink:affects"]}},
        }
    }
}


@router.post("/query", summary="Answer a one-hop TRAPI query")
def query(
    kg: KGDep,
    request: Annotated[
        dict[str, Any],
        Body(openapi_examples={"affects": {"summary": "What vitamin K2 affects", "value": EXAMPLE}}),
    ],
) -> dict[str, Any]:
    """A TRAPI Response: the knowledge graph of the matching claims, one result per subject-object
    pair, and an auxiliary graph per result holding every claim (sentence) behind it.

    Raises InvalidQuery (400) for a query graph that is not one hop.
    """
    return answer(kg, request)


@router.get("/meta_knowledge_graph", summary="The categories and predicates this graph answers")
def get_meta_knowledge_graph(kg: KGDep) -> dict[str, Any]:
    return meta_knowledge_graph(kg)
