"""Serving the app with gunicorn: one engine built in the master, shared by forked workers.

The workers are gunicorn's asyncio ones (service.worker) in front of the buffering bridge
(service.bridge): a connection holds no thread until its whole request has arrived, so slow or idle
clients cannot take the workers away from everyone else, without a proxy in front. gunicorn picks
up uvloop and its C parser (gunicorn-h1c) when installed, as pindesk's dependencies make sure.
"""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from pindesk.knowledge.text import MAX_QUERY_CHARS

from . import metrics
from .bridge import WsgiBridge
from .live import forget_worker
from .logs import GunicornLogger
from .settings import HOST, PORT, WORKERS

# A GET carrying the longest query: every character percent-encoded as four UTF-8 bytes (%F0%9F%98%80),
# with room for the path and the other parameters. Headers get as much: a browser's Referer repeats the URL.
REQUEST_LINE_BYTES = MAX_QUERY_CHARS * 12 + 2048
# Requests that may wait on the store, on Slack's API or on an index being rebuilt, or that read a large
# upload: they run in the bridge's threads. Everything else (answers, pages, health, metrics) is quick CPU
# work on the loop; the web form's page waits only when it shows a conversation kept in the store (?c=).
WAITING_PATHS = ("/api/v1/feedback", "/feedback", "/api/v1/insights", "/api/v1/admin/", "/slack/", "/readyz",
                 "/api/v1/conversations", "/reply", "/api/v1/detect", "/detect")
UPLOAD_PATHS = ("/api/v1/detect", "/detect")
UPLOAD_SECONDS = 300.0  # a log of many megabytes over a slow line


def worker_exited(server, worker) -> None:
    """Gunicorn's child_exit hook: a dead worker's gauges leave /metrics (its counters are kept) and
    its catalog version no longer counts in an admin reload's answer."""
    metrics.worker_exited(server, worker)
    forget_worker(metrics.MULTIPROCESS_FOLDER, worker.pid)


def listen_address(host: str | None = None, port: int | None = None, environ=None) -> tuple[str, int]:
    """Host and port from the arguments, else PINDESK_HOST and PINDESK_PORT."""
    return host or HOST.value(environ), port or PORT.value(environ)


def gunicorn_options(host: str | None = None, port: int | None = None, environ=None) -> dict:
    """Gunicorn's settings from PINDESK_HOST, PINDESK_PORT and PINDESK_WORKERS; arguments win."""
    host, port = listen_address(host, port, environ)
    return {
        "bind": f"{host}:{port}",
        "workers": WORKERS.value(environ),
        "worker_class": "pindesk.service.worker.PindeskWorker",
        "limit_request_line": REQUEST_LINE_BYTES,
        "limit_request_field_size": REQUEST_LINE_BYTES,
        # The bridge starts each worker's own threads (catalog watcher, store writer) at lifespan startup.
        "asgi_lifespan": "on",
        # The app (and its engine) is built once in the master, then shared by the forked workers.
        "preload_app": True,
        # No access log: service.logs writes one line per request (route, never the query string or address).
        "accesslog": None,
        "logger_class": GunicornLogger,
        "child_exit": worker_exited,
        "graceful_timeout": 10,
        # gunicorn 24+ opens a control socket at one fixed path; pindesk does not use it.
        "control_socket_disable": True,
    }


class PindeskServer(BaseApplication):
    """Gunicorn running an app that is already built, with options given in code."""

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Hand the options to gunicorn's configuration, leaving out any this gunicorn does not know."""
        for key, value in self.options.items():
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        """The served app: the one built before the workers fork, behind the buffering bridge."""
        return served(self.application)


def served(app) -> WsgiBridge:
    """The Flask app behind the bridge, whose lifespan starts each worker's own threads after the fork."""
    upload = (app.config["DETECT_MAX_MB"] * 1024 * 1024, UPLOAD_SECONDS)
    return WsgiBridge(app, on_start=lambda: worker_started(app), waits=may_wait,
                      body_limits=lambda path: upload if path.startswith(UPLOAD_PATHS) else None)


def may_wait(scope: dict) -> bool:
    """True for a request that may wait on something outside this process (see WAITING_PATHS)."""
    path = scope["path"]
    if path == "/":
        return b"c=" in scope.get("query_string", b"")
    return path.startswith(WAITING_PATHS)


def worker_started(app) -> None:
    """In a worker that starts serving: watch the catalog, start writing to the store in the background."""
    app.extensions["pindesk_live"].watch()
    app.extensions["pindesk_desk"].start()


def served_app() -> WsgiBridge:
    """What `gunicorn -c deploy/gunicorn.conf.py` serves: the app from the PINDESK_* settings, bridged."""
    from .app import create_app
    return served(create_app())


def serve(app, host: str | None = None, port: int | None = None, environ=None) -> None:
    """Run gunicorn until it is stopped (SIGTERM or SIGINT stop it gracefully)."""
    PindeskServer(app, gunicorn_options(host, port, environ)).run()
