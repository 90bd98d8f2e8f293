"""Entities: search by label or synonym, and everything the graph says of one entity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import KGDep
from api.models import EntityDetail, EntitySummary, Page, PageDep, page_fields
from graph.errors import InvalidQuery
from graph.identifiers import to_curie
from graph.kg import EntityRecord, KnowledgeGraph
from graph.queries import entity_detail

router = APIRouter(prefix="/api/v1/entities", tags=["entities"])


@router.get("", summary="Search entities by label or synonym")
def search_entities(
    kg: KGDep,
    window: PageDep,
    q: Annotated[str, Query(max_length=200, description="Label prefix or fragment.")] = "",
    category: Annotated[str | None, Query(description="Class name, e.g. Vitamer.")] = None,
) -> Page[EntitySummary]:
    """Entities whose label or a synonym starts with (then contains) `q`, case- and
    accent-insensitively; an empty `q` lists every entity.

    Raises InvalidQuery (400) for an unknown category.
    """
    _check_category(kg, category)
    found = kg.search(q, category or None, limit=len(kg.entities))
    return Page[EntitySummary].model_validate(page_fields([_summary(r) for r in found], window))


@router.get("/{term:path}", summary="One entity, its identifiers and relations")
def get_entity(kg: KGDep, term: str) -> EntityDetail:
    """`term` is a CURIE (`nm:osteocalcin`, `CHEBI:28940`), a URL-encoded IRI or a label.

    Raises UnknownEntity (404) when it names no entity.
    """
    return EntityDetail.model_validate(entity_detail(kg, term))


def _summary(record: EntityRecord) -> EntitySummary:
    return EntitySummary(
        iri=record.iri,
        curie=to_curie(record.iri),
        label=record.label,
        synonyms=list(record.synonyms),
        category=record.category,
    )


def _check_category(kg: KnowledgeGraph, category: str | None) -> None:
    known = sorted({record.category for record in kg.entities.values()})
    if category and category not in known:
        raise InvalidQuery(f"category: {category!r} is not one of {', '.join(known)}")
