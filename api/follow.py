"""The service follows its store: a `nutrikg build` or `nutrikg load` run beside it is served
without a restart.

Every write swaps a new store in and replaces a stamp beside it (graph.stores.rewrite). Each
request compares the stamp with the one the service opened (a stat call); on a change, the query
workers and the JSON API's graph are opened again in a background thread, while the old handles,
still valid, go on answering until the new ones are ready.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress

from fastapi import FastAPI

from graph.errors import KGError
from graph.kg import KnowledgeGraph
from graph.queries import claim_index
from graph.settings import Settings
from graph.stores import StoreVersion, store_version

log = logging.getLogger("nutrikg.follow")


class StoreFollower:
    """Re-opens the app's query runner and graph when the store on disk is not the one they read."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self._app = app
        self._settings = settings
        self._seen: StoreVersion | None = store_version(settings.store_dir)  # opened, or tried
        self._pending = threading.Lock()  # held from a change noticed until its re-open ends
        self._reopening = threading.Lock()

    def check(self) -> None:
        """Start a re-open when the store changed since the last one; returns at once."""
        if store_version(self._settings.store_dir) == self._seen or not self._pending.acquire(blocking=False):
            return
        threading.Thread(target=self._reopen_in_background, name="store-follow", daemon=True).start()

    def reopen(self) -> None:
        """Open the store as it is now, for the query workers and the JSON API.

        Raises StoreError when it cannot be read; the old handles then stay in use, and this
        version of the store is not tried again.
        """
        with self._reopening:
            self._seen = store_version(self._settings.store_dir)  # before opening: a later swap is seen
            # The graph first: it fails on a store the new workers could not read either.
            graph = KnowledgeGraph.open(self._settings)
            self._app.state.pool.reload()
            self._app.state.kg = graph
        with suppress(KGError):  # a request that needs the index meets the error itself
            claim_index(graph)

    def _reopen_in_background(self) -> None:
        try:
            self.reopen()
            log.info("the store changed on disk: re-opened %s", self._settings.store_dir)
        except KGError as err:
            log.error("the store changed on disk but cannot be re-opened: %s", err)
        finally:
            self._pending.release()
