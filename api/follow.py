"""The service follows its store: a `nutrikg build` or `nutrikg load` run beside it is served
without a restart.

Every write swaps a new store in and replaces a stamp beside it (graph.stores.rewrite). Each
request compares the stamp with the one the service opened (a stat call); on a change, the query
workers and the JSON API's graph are opened again in a background thread, while the old handles,
still valid, go on answering until the new ones are ready.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from contextlib import suppress

from fastapi import FastAPI

from nutrikg.graph.errors import KGError
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.settings import Settings
from nutrikg.graph.stores import StoreVersion, store_version

log = logging.getLogger("nutrikg.follow")
RETRY_AFTER_S = 5.0  # a store that could not be opened is tried again no sooner than this


class StoreFollower:
    """Re-opens the app's query runner and graph when the store on disk is not the one they read."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self._app = app
        self._settings = settings
        self._opened: StoreVersion | None = store_version(settings.store_dir)
        self._retry_at = 0.0  # after a failed re-open: not before this (monotonic seconds)
        self._pending = threading.Lock()  # held from a change noticed until its re-open ends
        self._reopening = threading.Lock()

    def check(self) -> None:
        """Start a re-open when the store changed since the last one; returns at once."""
        if self._current() or time.monotonic() < self._retry_at:
            return
        if not self._pending.acquire(blocking=False):
            return
        try:
            threading.Thread(target=self._reopen_in_background, name="store-follow", daemon=True).start()
        except RuntimeError:  # no thread could be started: try again on a later request
            self._pending.release()

    def reopen(self) -> None:
        """Open the store as it is now, for the query workers and the JSON API; nothing when the
        store in use is already the one on disk.

        Raises StoreError when it cannot be read; the old handles then stay in use.
        """
        with self._reopening:
            if self._current():  # opened meanwhile, by the re-open this one waited for
                return
            version = store_version(self._settings.store_dir)  # before opening: a later swap is seen
            # The graph and its claim index first: it fails on a store the new workers could not
            # read either, and until it is ready the old graph goes on answering.
            opened = KnowledgeGraph.open(self._settings)
            with suppress(KGError):  # a request that needs the index meets the error itself
                claim_index(opened)
            self._app.state.pool.reload()
            self._app.state.kg = opened
            self._opened = version
        # The old graph's handles hold the retired store's files (and its disk space): rdflib's
        # objects refer to each other, so only the cyclic collector lets them go.
        gc.collect()

    def _current(self) -> bool:
        return store_version(self._settings.store_dir) == self._opened

    def _reopen_in_background(self) -> None:
        try:
            self.reopen()
            log.info("the store changed on disk: re-opened %s", self._settings.store_dir)
        except Exception:  # any failure: the old handles stay; a later request tries again
            self._retry_at = time.monotonic() + RETRY_AFTER_S
            log.exception("the store changed on disk but cannot be re-opened: %s", self._settings.store_dir)
        finally:
            self._pending.release()
