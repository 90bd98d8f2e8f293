"""Who gets a worker when all are busy: the newest query, from the fast lane if need be."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from nutrikg.graph.errors import KGError
from nutrikg.graph.settings import Settings
from nutrikg.graph.sparql.pool import SPARE_WORKERS, QueryPool, QueryPoolBusy
from tests.waiting import wait_for

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
ONE_ROW = "SELECT ?label { nm:vitamin_k2 skos:prefLabel ?label }"


@pytest.fixture(scope="module")
def slow_pool(sparql_settings: Settings) -> Iterator[QueryPool]:
    """A pool whose runaways hold their workers long enough to look at them."""
    with QueryPool(sparql_settings.model_copy(update={"query_timeout_s": 5.0})) as pool:
        yield pool


def test_a_short_query_takes_the_fast_lane_from_the_youngest_runaway(slow_pool: QueryPool) -> None:
    most = 2 + SPARE_WORKERS
    errors: list[KGError] = []

    def runaway() -> None:
        try:
            slow_pool.execute(CROSS_JOIN, "json")
        except KGError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=runaway) for _ in range(most)]
    for thread in threads:
        thread.start()
    assert wait_for(lambda: slow_pool.stats().busy == most, 5.0), slow_pool.stats()
    assert b"vitamin K2" in slow_pool.execute(ONE_ROW, "json").read()
    assert wait_for(lambda: len(errors) == 1, 1.0)  # the fast lane's runaway, stopped for it
    assert isinstance(errors[0], QueryPoolBusy) and errors[0].http_status == 503
    assert slow_pool.stats().busy == most - 1, "the others run on to their time limit"
    for thread in threads:
        thread.join(10)
