"""What changed between builds: claims added and removed by document, and statements whose
belief moved, from the builds' claim manifests (graph/read/changes.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nutrikg.api.deps import KGDep, SettingsDep
from nutrikg.api.openapi import error_responses
from nutrikg.graph.builds import BuildStamp
from nutrikg.graph.read.changes import ChangeSet, build_history, changes_since

router = APIRouter(prefix="/api/v1", tags=["changes"])
DEFAULT_CHANGES = 500
MAX_CHANGES = 5000


@router.get(
    "/changes",
    summary="Claims added and removed, and beliefs changed, since an earlier build",
    responses=error_responses(404),
)
def get_changes(
    kg: KGDep,
    settings: SettingsDep,
    since: Annotated[
        str | None,
        Query(max_length=100, description="A build id (`GET /api/v1/builds`); default: the build before."),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_CHANGES, description="Most claims listed, and most statements listed.")
    ] = DEFAULT_CHANGES,
) -> ChangeSet:
    """From build `since` to the build served: the claims added and removed, grouped by
    document, and the statements in both whose belief differs (largest change first). The
    counts are of every change; `truncated` says a list was cut at `limit`.

    Raises UnknownBuild (404) when the history keeps no build `since` (it keeps the last 20), or,
    without `since`, when the build served is the first.
    """
    return changes_since(kg, settings.builds_dir, since, limit)


@router.get("/builds", summary="The builds the history keeps, newest first")
def get_builds(settings: SettingsDep) -> list[BuildStamp]:
    """Each build's id, time, the build it replaced, and its documents and claims."""
    return build_history(settings.builds_dir)
