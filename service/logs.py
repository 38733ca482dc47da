"""Structured logs: one JSON line per request, and the application's warnings and errors as JSON too."""
from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime

from flask import Flask, g, request
from gunicorn.glogging import Logger as GunicornBaseLogger

from .settings import LOG_FORMAT

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
request_log = logging.getLogger("pindesk.service.requests")
# The loggers whose info lines are worth keeping (a catalog reloaded, Slack switched off, ...).
APP_LOGGERS = ("pindesk",)


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, and the request's fields if any."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def formatter(log_format: str) -> logging.Formatter:
    """The formatter for a PINDESK_LOG_FORMAT already read by its setting (json, else text)."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time, so a test capturing it sees the lines."""

    pindesk = True

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        """Ignored: the stream is always the current sys.stderr."""


def configure(log_format: str) -> None:
    """Send every log record to standard error in the format, replacing an earlier pindesk handler."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "pindesk", False)]:
        root.removeHandler(handler)
    handler = StderrHandler()
    handler.setFormatter(formatter(log_format))
    root.addHandler(handler)
    for name in APP_LOGGERS:
        if logging.getLogger(name).level == logging.NOTSET:
            logging.getLogger(name).setLevel(logging.INFO)
    request_log.setLevel(logging.INFO)


class GunicornLogger(GunicornBaseLogger):
    """Gunicorn's own messages (workers booting, exiting) in PINDESK_LOG_FORMAT like the rest."""

    def setup(self, cfg) -> None:
        """Gunicorn's set-up, then its handlers given pindesk's formatter."""
        super().setup(cfg)
        fmt = formatter(LOG_FORMAT.value())
        for handler in self.error_log.handlers + self.access_log.handlers:
            handler.setFormatter(fmt)


def note_outcome(outcome: str) -> None:
    """Mark this request as having answered, for its log line."""
    g.outcome = outcome


def request_started() -> None:
    """Remember when the request began (shared with the metrics, whichever runs first)."""
    g.setdefault("request_started", time.perf_counter())


def latency_seconds() -> float:
    """Seconds since the request began."""
    return time.perf_counter() - g.get("request_started", time.perf_counter())


def route() -> str | None:
    """The URL rule that matched (/api/v1/apps/<app_id>), never the raw path; None when none did."""
    return request.url_rule.rule if request.url_rule is not None else None


def log_request(response):
    """One line for the request: method, route, status, latency and the answer's outcome if any.

    Never the query string, headers or the client's address: what people type and who they are stay out.
    """
    fields = {"method": request.method, "route": route(), "status": response.status_code,
              "latency_ms": round(latency_seconds() * 1000, 2)}
    message = f"{request.method} {fields['route'] or '(no route)'} {response.status_code} {fields['latency_ms']} ms"
    outcome = g.get("outcome")
    if outcome is not None:
        fields["outcome"] = outcome
        message += f" {outcome}"
    request_log.info("%s", message, extra={"fields": fields})
    return response


def init_app(app: Flask) -> None:
    """Log in PINDESK_LOG_FORMAT, one line per request."""
    configure(app.config.get("LOG_FORMAT", "json"))
    app.before_request(request_started)
    app.after_request(log_request)
