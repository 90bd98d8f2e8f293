"""Typed dependencies: route handlers ask for the knowledge graph or settings by annotation."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, Request

from nutrikg.graph.errors import StoreError
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.settings import Settings


def get_kg(request: Request) -> KnowledgeGraph:
    """The loaded graph. While a large graph is still loading (the service starts answering
    SPARQL before that), raises StoreError: 503, try again shortly."""
    kg: KnowledgeGraph | Future[KnowledgeGraph] = request.app.state.kg
    if isinstance(kg, KnowledgeGraph):
        return kg
    if not kg.done():
        raise StoreError("the graph is still loading; try again in a few seconds")
    loaded = kg.result()  # re-raises StoreError when the graph could not be read
    request.app.state.kg = loaded
    return loaded


async def follow_store(request: Request) -> None:
    """Every request first checks that the store it reads is the one on disk (a stat call); when
    it is not, the request waits, in a thread, for the re-open (see api.follow)."""
    follower = request.app.state.follower
    if follower.changed():
        await anyio.to_thread.run_sync(follower.catch_up)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


KGDep = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
