"""The catalog in service, kept live: rebuilt when its files change or an admin asks.

Each gunicorn worker watches the catalog file and the articles on its own (a thread started in
the worker, after the fork), so every worker converges on the same version within one interval
of a change; a catalog that fails validation is refused and the index in service keeps answering.

An admin's reload reaches one worker; that worker bumps a generation number in the folder the
server's workers share (the one `pindesk serve` makes for their metrics), every worker's watcher sees
it within GENERATION_POLL_SECONDS and rebuilds too, and each writes the version it serves there, so
the admin's answer can say how many workers serve the new version.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pindesk.knowledge.cache import cached_engine
from pindesk.knowledge.catalog import DEFAULT_ARTICLES, load_catalog
from pindesk.knowledge.engine import Engine
from pindesk.knowledge.errors import CatalogError

log = logging.getLogger(__name__)

GENERATION_FILE, VERSION_PREFIX = "catalog-generation", "catalog-version-"
GENERATION_POLL_SECONDS = 0.2  # how soon every worker follows an admin's reload
CONVERGE_SECONDS = 5.0  # how long an admin's reload waits for the other workers before answering


@dataclass(frozen=True)
class Reload:
    """What a reload did: the version now live, whether it changed, and the error if refused.

    For an admin's reload, also how many of the server's workers serve that version now.
    """

    version: str
    changed: bool
    error: str | None = None
    workers: dict = field(default_factory=lambda: {"total": 1, "on_version": 1})


class LiveCatalog:
    """Holds the engine in service and swaps in a new one when the catalog changes."""

    def __init__(self, engine: Engine, interval: float = 5.0, on_loaded=None, on_failed=None,
                 cache_dir: Path | None = None, server_folder: str | None = None):
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
        self._folder = Path(server_folder) if server_folder else None
        self._generation = self._read_generation()
        # The version as of the last admin reload (or the start): an admin's "changed" is measured from
        # it, so a watcher that swapped in the edited file a moment before the admin asked does not turn
        # the answer into "nothing changed".
        self._acknowledged = engine.catalog.version

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
            self._write_version()
            return Reload(engine.catalog.version, changed=changed)

    def admin_reload(self) -> Reload:
        """Rebuild now, in this worker and (through the generation file) in every worker of the server.

        `changed` says whether the version now in service differs from the one at the previous admin
        reload (or the start), whichever of this call or a watcher swapped it in.
        """
        result = self.reload(force=True)
        if result.error:
            return result
        before, self._acknowledged = self._acknowledged, result.version
        if self._folder is not None:
            self._generation = self._bump_generation()
        return Reload(result.version, changed=result.version != before, workers=self._converged(result.version))

    def _read_generation(self) -> int:
        """The server's reload generation (0 without a server folder or before any admin reload)."""
        try:
            return int((self._folder / GENERATION_FILE).read_text() or 0) if self._folder else 0
        except (OSError, ValueError):
            return 0

    def _bump_generation(self) -> int:
        """Add one to the server's reload generation, under a lock that the workers share."""
        with open(self._folder / GENERATION_FILE, "a+") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            file.seek(0)
            generation = int(file.read() or 0) + 1
            file.truncate(0)
            file.write(str(generation))
            return generation

    def _write_version(self) -> None:
        """Tell the server which version this worker serves (a file named after its pid)."""
        if self._folder is not None:
            (self._folder / f"{VERSION_PREFIX}{os.getpid()}").write_text(self.engine.catalog.version)

    def _converged(self, version: str) -> dict:
        """How many of the server's workers serve `version`, waiting up to CONVERGE_SECONDS for them all."""
        if self._folder is None:
            return {"total": 1, "on_version": 1}
        deadline = time.monotonic() + CONVERGE_SECONDS
        while True:
            served = []
            for path in self._folder.glob(f"{VERSION_PREFIX}*"):
                try:
                    served.append(path.read_text())
                except OSError:  # a worker that exited meanwhile
                    pass
            on_version = served.count(version)
            if on_version == len(served) or time.monotonic() >= deadline:
                return {"total": len(served), "on_version": on_version}
            time.sleep(GENERATION_POLL_SECONDS / 2)

    def watch(self) -> None:
        """Start the watching thread in this process, once (again after a fork).

        It checks the files every PINDESK_RELOAD_SECONDS (not at all with 0) and, in a server, the
        generation of admin reloads every GENERATION_POLL_SECONDS.
        """
        if self._watcher_pid == os.getpid():
            return
        self._watcher_pid = os.getpid()
        self._write_version()
        if self.interval > 0 or self._folder is not None:
            threading.Thread(target=self._watch_loop, name="pindesk-catalog-watch", daemon=True).start()

    def _watch_loop(self) -> None:
        """Follow admin reloads and changed files for as long as the process lives."""
        stop, files_checked = threading.Event(), time.monotonic()
        tick = GENERATION_POLL_SECONDS if self._folder is not None else self.interval
        while not stop.wait(min(tick, self.interval) if self.interval > 0 else tick):
            try:
                generation = self._read_generation()
                if generation != self._generation:  # an admin reloaded in another worker
                    self._generation = generation
                    result = self.reload(force=True)
                    self._acknowledged = result.version
                elif self.interval > 0 and time.monotonic() - files_checked >= self.interval - 0.01:
                    files_checked = time.monotonic()
                    self.reload()
            except Exception:  # never let the watcher die: the next tick tries again
                log.exception("catalog watch failed")


def forget_worker(server_folder: str | None, pid: int) -> None:
    """A worker exited: its version no longer counts among the server's."""
    if server_folder:
        Path(server_folder, f"{VERSION_PREFIX}{pid}").unlink(missing_ok=True)
