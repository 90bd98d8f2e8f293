"""Entities: search by label or synonym, and everything the graph says of one entity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from nutrikg.api.deps import KGDep
from nutrikg.api.models import Page, PageDep, page_fields
from nutrikg.graph.read.entities import EntityDetail, EntitySummary, entity_detail_of, entity_summary
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import InvalidParameter

router = APIRouter(prefix="/api/v1/entities", tags=["entities"])


@router.get("", summary="Search entities by label or synonym")
def search_entities(
    kg: KGDep,
    window: PageDep,
    q: Annotated[
        str, Query(max_length=200, description="Label prefix or fragment.", examples=["vitamin K"])
    ] = "",
    category: Annotated[str | None, Query(description="Class name, e.g. Vitamer.")] = None,
) -> Page[EntitySummary]:
    """Entities whose label or a synonym starts with (then contains) `q`, case- and
    accent-insensitively; an empty `q` lists every entity.

    Raises InvalidParameter (400) for an unknown category.
    """
    _check_category(kg, category)
    found = kg.search(q, category or None, limit=len(kg.entities))
    return Page[EntitySummary].model_validate(page_fields([entity_summary(kg, r.iri) for r in found], window))


@router.get("/{term:path}", summary="One entity, its identifiers and relations")
def get_entity(
    kg: KGDep,
    term: Annotated[
        str,
        Path(description="A CURIE, an IRI (URL-encoded), a label or a synonym.", examples=["vitamin K2"]),
    ],
) -> EntityDetail:
    """`term` is a CURIE (`nm:osteocalcin`, or a standard one such as `CHEBI:28940`), a
    URL-encoded IRI, a label or a synonym.

    Raises UnknownEntity (404) when it names no entity.
    """
    return entity_detail_of(kg, term)


def _check_category(kg: KnowledgeGraph, category: str | None) -> None:
    known = sorted({record.category for record in kg.entities.values()})
    if category and category not in known:
        raise InvalidParameter("category", f"{category!r} is not one of {', '.join(known)}")
