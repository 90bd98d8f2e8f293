"""Claims: one item per sentence that states a relation, with its evidence and statistics."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Query

from nutrikg.api.deps import KGDep
from nutrikg.api.models import Page, PageDep, page_fields
from nutrikg.graph.model import SourceKind
from nutrikg.graph.read.queries import (
    InvalidParameter,
    RelationFilter,
    claim_index,
    list_relations,
    resolve_entity_param,
    resolve_predicate,
)
from nutrikg.graph.read.records import SIGNS, ClaimRecord

router = APIRouter(prefix="/api/v1/relations", tags=["relations"])
SOURCE_KINDS = tuple(kind.value for kind in SourceKind)
SubjectParam = Annotated[
    str | None, Query(max_length=500, description="CURIE, IRI or label.", examples=["vitamin K2"])
]
ObjectParam = Annotated[
    str | None, Query(max_length=500, description="CURIE, IRI or label.", examples=["osteocalcin"])
]


@router.get("", summary="Claims, filtered by subject, predicate, object, sign and source")
def get_relations(
    kg: KGDep,
    window: PageDep,
    subject: SubjectParam = None,
    predicate: Annotated[str | None, Query(max_length=200, description="e.g. activates.")] = None,
    object: ObjectParam = None,
    sign: Annotated[str | None, Query(description="Positive, Negative or NotCausal.")] = None,
    hedged: Annotated[
        bool | None, Query(description="Only hedged (true) or only firm (false) claims.")
    ] = None,
    negated: Annotated[
        bool | None, Query(description="Only denied (true) or only asserted (false) claims.")
    ] = None,
    source: Annotated[str | None, Query(description="Document id.")] = None,
    source_kind: Annotated[str | None, Query(description="retailer, forum, blog...")] = None,
) -> Page[ClaimRecord]:
    """Every claim matching all the filters given, negated ones included unless
    `negated=false`, ordered by document and offset.

    Raises UnknownEntity (404) when subject or object names no entity, and InvalidParameter (400)
    for an unknown predicate, sign, source or source_kind (the message names the parameter).
    """
    wanted = RelationFilter(
        subject=resolve_entity_param(kg, "subject", subject),
        predicate=resolve_predicate(kg, predicate) if predicate else None,
        object=resolve_entity_param(kg, "object", object),
        sign=parse_sign(sign),
        hedged=hedged,
        negated=negated,
        source=check_choice("source", source or None, claim_index(kg).documents),
        source_kind=check_choice("source_kind", source_kind or None, SOURCE_KINDS),
    )
    return Page[ClaimRecord].model_validate(page_fields(list_relations(kg, wanted), window))


def parse_sign(value: str | None) -> str | None:
    """`positive`, `Negative`, `not_causal`... as a Sign value.

    Raises:
        InvalidParameter: the value is not a sign (the message names the `sign` parameter).
    """
    if value is None or not value.strip():
        return None
    wanted = value.replace("_", "").replace(" ", "").replace("-", "").lower()
    for sign in SIGNS:
        if sign.lower() == wanted:
            return sign
    raise InvalidParameter("sign", f"{value!r} is not one of {', '.join(SIGNS)}")


def check_choice(param: str, value: str | None, choices: Iterable[str]) -> str | None:
    """`value` when it is one of `choices` (or None).

    Raises:
        InvalidParameter: it is not (the message names `param` and the choices).
    """
    options = sorted(choices)
    if value is None or value in options:
        return value
    raise InvalidParameter(param, f"{value!r} is not one of {', '.join(options)}")
