"""The service follows its store: a `nutrikg build` or `nutrikg load` run beside it is served
without a restart.

Every write swaps a new store in and replaces a stamp beside it (graph.stores.rewrite). Each
request compares the stamp with the one the service opened (a stat call, on the event loop); on a
change, the query workers and the JSON API's graph are opened again, and the request waits for
that (at most `settings.reopen_wait_s`) rather than answer from the old store: `nutrikg load x &&
curl ...` sees x. Requests already running finish on the old handles, which stay valid: the graph
pins the store folder it reads (graph.pins) until it is collected.

Reviews of claims (graph.reviews), kept in a file beside the store, are followed the same way:
when only they changed, the graph is served with them (KnowledgeGraph.with_reviews), the store's
handles kept.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import weakref
from contextlib import suppress

from fastapi import FastAPI

from nutrikg.graph.errors import KGError
from nutrikg.graph.pins import Pin, pin, prune
from nutrikg.graph.read.kg import KnowledgeGraph
from nutrikg.graph.read.queries import claim_index
from nutrikg.graph.reviews import FileVersion, read_reviews, reviews_version
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
        served = app.state.kg  # the reviews it was read with, or (still loading) the file's now
        self._reviews: FileVersion | None = (
            served.reviews.version
            if isinstance(served, KnowledgeGraph)
            else reviews_version(settings.reviews_file)
        )
        self._retry_at = 0.0  # after a failed re-open: not before this (monotonic seconds)
        self._pending = threading.Lock()  # held from a change noticed until its re-open ends
        self._reopening = threading.Lock()
        # The folder the graph given to the app reads: held until that graph is replaced.
        self._pin: Pin | None = _pin_quietly(settings)

    def changed(self) -> bool:
        """Whether the store on disk is not the one in use (and a re-open may be tried now)."""
        return not self._current() and time.monotonic() >= self._retry_at

    def catch_up(self) -> None:
        """Re-open the store when it changed and wait for that, at most `reopen_wait_s`; past
        that (or when the new store cannot be read) the old handles answer."""
        self.check()
        if self._pending.acquire(timeout=self._settings.reopen_wait_s):
            self._pending.release()

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
            if version == self._opened:
                self._serve_reviews()
                return
            # The graph and its claim index first: it fails on a store the new workers could not
            # read either, and until it is ready the requests in flight keep the old graph.
            opened, opened_pin = self._open_graph()
            try:
                with suppress(KGError):  # a request that needs the index meets the error itself
                    claim_index(opened)
                self._app.state.pool.reload()
            except BaseException:  # the old graph stays: let go of the new folder
                if opened_pin is not None:
                    opened_pin.release()
                raise
            old, old_pin = self._app.state.kg, self._pin
            self._app.state.kg, self._pin = opened, opened_pin
            self._opened, self._reviews = version, opened.reviews.version
            # The old folder stays while a request still reads the old graph, or one served with
            # other reviews over the same RDF (KnowledgeGraph.with_reviews).
            if old_pin is not None:
                weakref.finalize(old.rdf if isinstance(old, KnowledgeGraph) else old, old_pin.release)
            del old
        # The old graph's handles hold the retired store's files (and its disk space): rdflib's
        # objects refer to each other, so only the cyclic collector lets them go.
        gc.collect()
        if not self._settings.remote_query_url:
            prune(self._settings.store_dir)

    def _serve_reviews(self) -> None:
        """Serve the graph in use with the reviews on disk now (the store did not change)."""
        served = self._app.state.kg
        if not isinstance(served, KnowledgeGraph):
            if not served.done() or served.exception() is not None:
                return  # still loading (it reads the reviews itself), or failed: nothing to serve
            served = served.result()
        reviews = read_reviews(self._settings.reviews_file)
        renewed = served.with_reviews(reviews)
        with suppress(KGError):  # a request that needs the index meets the error itself
            claim_index(renewed)
        self._app.state.kg, self._reviews = renewed, reviews.version

    def _open_graph(self) -> tuple[KnowledgeGraph, Pin | None]:
        if self._settings.remote_query_url:
            return KnowledgeGraph.open(self._settings), None
        held = pin(self._settings.store_dir)
        try:  # opened through the pin: the folder it pinned, whatever a swap renames meanwhile
            kg = KnowledgeGraph.from_store(held.path, read_reviews(self._settings.reviews_file))
        except BaseException:
            held.release()
            raise
        return kg.served_with(self._settings), held

    def _current(self) -> bool:
        store_current = store_version(self._settings.store_dir) == self._opened
        return store_current and reviews_version(self._settings.reviews_file) == self._reviews

    def _reopen_in_background(self) -> None:
        try:
            self.reopen()
            log.info("the store changed on disk: re-opened %s", self._settings.store_dir)
        except Exception:  # any failure: the old handles stay; a later request tries again
            self._retry_at = time.monotonic() + RETRY_AFTER_S
            log.exception("the store changed on disk but cannot be re-opened: %s", self._settings.store_dir)
        finally:
            self._pending.release()


def _pin_quietly(settings: Settings) -> Pin | None:
    """A pin on the store folder in use now; none for a remote store or before the first build."""
    if settings.remote_query_url:
        return None
    with suppress(KGError):
        return pin(settings.store_dir)
    return None
