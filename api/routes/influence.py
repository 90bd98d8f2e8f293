"""Competing influences: the signed routes from one entity to another, raising and lowering."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from nutrikg.api.deps import KGDep
from nutrikg.graph.model import State
from nutrikg.graph.read.influence import Influence, influence
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import InvalidParameter, resolve_entity_param

router = APIRouter(prefix="/api/v1", tags=["paths"])


@router.get("/influence", summary="Every route by which one entity raises or lowers another")
def get_influence(
    kg: KGDep,
    source: Annotated[
        str, Query(max_length=500, description="CURIE, IRI or label.", examples=["vitamin D3"])
    ],
    target: Annotated[str, Query(max_length=500, description="CURIE, IRI or label.", examples=["artery"])],
    max_hops: Annotated[int, Query(ge=1, le=6, description="Longest route, in hops.")] = 4,
    causal_only: Annotated[
        bool,
        Query(description="False: also through non-causal links (synergizesWith), which pass the effect on."),
    ] = True,
    limit: Annotated[int, Query(ge=1, le=100, description="Most routes listed per effect.")] = 20,
    state: Annotated[
        Literal["normal", "low", "high"],
        Query(description="low: what a lack of the source does (its deficiency); high: an excess of it."),
    ] = "normal",
) -> Influence:
    """Routes grouped by net effect on the target (`raises`, `lowers`), the most believed first,
    each hop with its sentences and belief, the route's belief the product of its hops'; the
    summary counts every route, whatever `limit` lists.

    Raises UnknownEntity (404) for an unknown source or target, InvalidParameter (400) for a
    missing one or max_hops outside 1..6.
    """
    found = influence(
        kg,
        _entity(kg, "source", source),
        _entity(kg, "target", target),
        max_hops,
        causal_only,
        None if state == "normal" else State(state),
    )
    return replace(found, raises=found.raises[:limit], lowers=found.lowers[:limit])


def _entity(kg: KnowledgeGraph, param: str, term: str) -> str:
    iri = resolve_entity_param(kg, param, term)
    if iri is None:
        raise InvalidParameter(param, "give an entity")
    return iri
