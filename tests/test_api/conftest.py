"""Helpers for the JSON API tests (the session fixtures live in tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from nutrikg.graph.extract.corpus import document_paths, load_document
from nutrikg.graph.settings import Settings


def error_body(response: httpx.Response, status: int) -> dict[str, Any]:
    """The `error` object of a response, after checking the status and the one error shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert {"code", "message", "detail"} <= set(error), error
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    return error


@pytest.fixture(scope="session")
def document_text(settings: Settings) -> dict[str, str]:
    """The text of every corpus document, by id, as the build read it."""
    paths = document_paths(settings.corpus_dir)
    return {path.stem: load_document(path).text for path in paths}
