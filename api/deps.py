"""Typed dependencies: route handlers ask for the knowledge graph or settings by annotation."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.kg import KnowledgeGraph
from graph.settings import Settings


def get_kg(request: Request) -> KnowledgeGraph:
    kg: KnowledgeGraph = request.app.state.kg
    return kg


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


KGDep = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
