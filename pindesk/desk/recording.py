"""Unanswered queries written to the store off the request path: a bounded queue and one writer thread.

An answer never waits for the store. When the queue is full or the store is down, the query is
dropped and counted (on_dropped), with a warning at most once a minute rather than one per query.
"""
from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable

from .store import Store, StoreUnavailable

log = logging.getLogger(__name__)

QUEUE_SIZE = 1000
WARN_EVERY_SECONDS = 60
QUEUE_FULL, STORE_DOWN = "queue_full", "store_unavailable"


class UnansweredRecorder:
    """Takes unanswered queries at once and writes them to the store from a thread of this process."""

    def __init__(self, store: Store, on_dropped: Callable[[str], None] | None = None, size: int = QUEUE_SIZE):
        self.store = store
        self._on_dropped = on_dropped or (lambda reason: None)
        self._queue: queue.Queue[str] = queue.Queue(maxsize=size)
        self._writer_pid: int | None = None
        self._lock = threading.Lock()
        self._last_warning = float("-inf")

    def start(self) -> None:
        """Start the writer in this process, once (again in a process forked after it started)."""
        with self._lock:
            if self._writer_pid == os.getpid():
                return
            if self._writer_pid is not None:  # forked: the parent's queue and thread are not ours
                self._queue = queue.Queue(maxsize=self._queue.maxsize)
            self._writer_pid = os.getpid()
        threading.Thread(target=self._write_loop, name="pindesk-unanswered-writer", daemon=True).start()

    def submit(self, query: str) -> None:
        """Queue a query for the store; when the queue is full, drop it and count the drop."""
        if self._writer_pid != os.getpid():
            self.start()
        try:
            self._queue.put_nowait(query)
        except queue.Full:
            self._dropped(QUEUE_FULL, "the queue of unanswered queries is full")

    def flush(self, seconds: float = 1.0) -> None:
        """Wait up to `seconds` for the queries queued so far to be written (or dropped)."""
        deadline = time.monotonic() + seconds
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)

    def _write_loop(self) -> None:
        """Write queued queries one by one for as long as the process lives."""
        while True:
            query = self._queue.get()
            try:
                self.store.add_unanswered(query)
            except StoreUnavailable as exc:
                self._dropped(STORE_DOWN, f"could not record an unanswered query: {exc}")
            except Exception:  # never let the writer die: the next query tries again
                log.exception("recording an unanswered query failed")
            finally:
                self._queue.task_done()

    def _dropped(self, reason: str, message: str) -> None:
        """Count a dropped query; warn now and then, not once per query."""
        self._on_dropped(reason)
        now = time.monotonic()
        if now - self._last_warning >= WARN_EVERY_SECONDS:
            self._last_warning = now
            log.warning("%s (dropped queries are counted in pindesk_unanswered_dropped_total)", message)
