"""Serving the app with gunicorn: one engine built in the master, shared by forked workers."""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from .logs import GunicornLogger
from .metrics import worker_exited
from .settings import HOST, PORT, WORKERS


def listen_address(host: str | None = None, port: int | None = None, environ=None) -> tuple[str, int]:
    """Host and port from the arguments, else PINDESK_HOST and PINDESK_PORT."""
    return host or HOST.value(environ), port or PORT.value(environ)


def gunicorn_options(host: str | None = None, port: int | None = None, environ=None) -> dict:
    """Gunicorn's settings from PINDESK_HOST, PINDESK_PORT and PINDESK_WORKERS; arguments win."""
    host, port = listen_address(host, port, environ)
    return {
        "bind": f"{host}:{port}",
        "workers": WORKERS.value(environ),
        # The app (and its engine) is built once in the master, then shared by the forked workers.
        "preload_app": True,
        # No access log: service.logs writes one line per request (route, never the query string or address).
        "accesslog": None,
        "logger_class": GunicornLogger,
        # A dead worker's gauges leave /metrics; its counters are kept (service.metrics).
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
        """The WSGI app: the one built before the workers fork."""
        return self.application


def serve(app, host: str | None = None, port: int | None = None, environ=None) -> None:
    """Run gunicorn until it is stopped (SIGTERM or SIGINT stop it gracefully)."""
    PindeskServer(app, gunicorn_options(host, port, environ)).run()
