"""Timed queries over HTTP: SPARQL GETs with `Accept: application/sparql-results+json`, and
plain GETs of the JSON API. The timing covers the request and reading the whole body."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from bench.measure import BudgetExceeded, QueryFailed, QueryResult, measure
from bench.servers import SPARQL_JSON

TIMEOUT_STATUSES = (408, 503, 504)  # what a server says when it stopped a query on time


@dataclass
class HttpEngine:
    """One keep-alive client to one server."""

    sparql_url: str
    client: httpx.Client
    stuck: bool = False  # a request was abandoned: the server may still be busy with it

    @classmethod
    def open(cls, sparql_url: str) -> HttpEngine:
        return cls(sparql_url, httpx.Client())

    def close(self) -> None:
        self.client.close()

    def sparql(self, text: str, limit_s: float) -> int:
        """Run one SELECT and return its row count.

        Raises BudgetExceeded when no answer arrives within `limit_s` (or the server says it
        stopped the query), QueryFailed for any other error status.
        """
        params = {"query": text}
        body = self._get(self.sparql_url, params, {"Accept": SPARQL_JSON}, limit_s)
        data = json.loads(body)
        if "boolean" in data:
            return 1
        return len(data["results"]["bindings"])

    def get(self, url: str, params: dict[str, str], limit_s: float) -> int:
        """A plain GET; returns the body size in bytes (the 'rows' of an API call)."""
        return len(self._get(url, params, {}, limit_s))

    def _get(self, url: str, params: dict[str, str], headers: dict[str, str], limit_s: float) -> bytes:
        try:
            response = self.client.get(url, params=params, headers=headers, timeout=limit_s)
        except httpx.TimeoutException as exc:
            self.stuck = True
            raise BudgetExceeded from exc
        except httpx.HTTPError as exc:
            raise QueryFailed(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code in TIMEOUT_STATUSES:
            raise BudgetExceeded
        if response.status_code != 200:
            raise QueryFailed(f"HTTP {response.status_code}: {response.text[:200]}")
        return response.content

    def measure_sparql(self, name: str, text: str, budget_s: float, reps: int) -> QueryResult:
        return measure(name, lambda left: self.sparql(text, left), budget_s, reps)

    def measure_get(
        self, name: str, url: str, params: dict[str, str], budget_s: float, reps: int
    ) -> QueryResult:
        call: Callable[[float], int] = lambda left: self.get(url, params, left)  # noqa: E731
        return measure(name, call, budget_s, reps)
