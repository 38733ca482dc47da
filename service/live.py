"""The catalog in service, kept live: rebuilt when its files change or an admin asks.

Each gunicorn worker watches the catalog file and the articles on its own (a thread started in
the worker, after the fork), so every worker converges on the same version within one interval
of a change; a catalog that fails validation is refused and the index in service keeps answering.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from pindesk.knowledge.cache import cached_engine
from pindesk.knowledge.catalog import DEFAULT_ARTICLES, load_catalog
from pindesk.knowledge.engine import Engine
from pindesk.knowledge.errors import CatalogError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reload:
    """What a reload did: the version now live, whether it changed, and the error if refused."""

    version: str
    changed: bool
    error: str | None = None


class LiveCatalog:
    """Holds the engine in service and swaps in a new one when the catalog changes."""

    def __init__(self, engine: Engine, interval: float = 5.0, on_loaded=None, on_failed=None,
                 cache_dir: Path | None = None):
        self.engine = engine
        self.cache_dir = cache_dir  # where a reload finds (or keeps) the new catalog's index
        self.interval = interval
        self.last_error: str | None = None
        self._path = Path(engine.catalog.source)
        self._lock = threading.Lock()
        self._fingerprint = self._files_fingerprint()
        self._watcher_pid: int | None = None
        self._on_loaded = on_loaded or (lambda version: None)
        self._on_failed = on_failed or (lambda: None)

    def current(self) -> Engine:
        """The engine to answer with now."""
        return self.engine

    def _files_fingerprint(self) -> str | None:
        """A hash of the catalog file and the articles as they are on disk; None if unreadable."""
        digest = hashlib.sha256()
        try:
            digest.update(self._path.read_bytes())
            for article in sorted(DEFAULT_ARTICLES.glob("*.md")):
                digest.update(article.name.encode() + b"\0" + article.read_bytes())
        except OSError:
            return None
        return digest.hexdigest()

    def reload(self, force: bool = False) -> Reload:
        """Rebuild the index if the files changed (or always, with force); refuse a broken catalog."""
        with self._lock:
            fingerprint = self._files_fingerprint()
            if not force and fingerprint == self._fingerprint:
                return Reload(self.engine.catalog.version, changed=False, error=self.last_error)
            try:
                engine = cached_engine(load_catalog(self._path), self.engine.vocabulary, self.engine.tuning,
                                       self.cache_dir)
            except CatalogError as exc:
                self._fingerprint = fingerprint  # report a broken file once, not every interval
                self.last_error = str(exc)
                log.error("catalog reload refused, still serving version %s: %s",
                          self.engine.catalog.version, exc)
                self._on_failed()
                return Reload(self.engine.catalog.version, changed=False, error=self.last_error)
            changed = engine.catalog.version != self.engine.catalog.version
            self.engine, self._fingerprint, self.last_error = engine, fingerprint, None
            if changed:
                log.warning("catalog version %s is live (%d apps)", engine.catalog.version, len(engine.apps))
            self._on_loaded(engine.catalog.version)
            return Reload(engine.catalog.version, changed=changed)

    def watch(self) -> None:
        """Start the watching thread in this process, once (again after a fork); no-op if disabled."""
        if self.interval <= 0 or self._watcher_pid == os.getpid():
            return
        self._watcher_pid = os.getpid()
        threading.Thread(target=self._watch_loop, name="pindesk-catalog-watch", daemon=True).start()

    def _watch_loop(self) -> None:
        """Check the files every interval for as long as the process lives."""
        stop = threading.Event()
        while not stop.wait(self.interval):
            try:
                self.reload()
            except Exception:  # never let the watcher die: the next interval tries again
                log.exception("catalog watch failed")
