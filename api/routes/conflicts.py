"""Conflicts: pairs of statements the sources disagree on, each side with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nutrikg.api.deps import KGDep
from nutrikg.api.models import Page, PageDep, page_fields
from nutrikg.api.routes.relations import check_choice
from nutrikg.graph.read.conflicts import CONFLICT_KINDS, Conflict, find_conflicts

router = APIRouter(prefix="/api/v1/conflicts", tags=["conflicts"])


@router.get("", summary="Statements the sources disagree on")
def get_conflicts(
    kg: KGDep,
    window: PageDep,
    min_belief: Annotated[
        float,
        Query(
            ge=0,
            le=1,
            description="Least support each side needs (its own sources' belief, before the other "
            "side is weighed against it), so one unsure reading does not make a conflict.",
        ),
    ] = 0.1,
    kind: Annotated[str | None, Query(description="denied, contrast or opposite_signs.")] = None,
) -> Page[Conflict]:
    """Pairs of statements that cannot both hold: one asserted and one denied (`denied`), a
    relation denied of one object for another in the same sentence (`contrast`), or one subject
    said to raise and to lower the same object (`opposite_signs`); each side with its sources,
    source kinds, sentences, support and belief. Most evenly matched first.

    Raises InvalidParameter (400) for an unknown kind.
    """
    wanted = check_choice("kind", kind or None, CONFLICT_KINDS)
    return Page[Conflict].model_validate(page_fields(find_conflicts(kg, min_belief, wanted), window))
