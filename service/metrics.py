"""/metrics in Prometheus' text format, summed over gunicorn's workers when PROMETHEUS_MULTIPROC_DIR is set.

prometheus_client picks its multiprocess mode when it is first imported, so `pindesk serve` sets that
folder before importing the service (pindesk/metrics_folder.py).
"""
from __future__ import annotations

import os

from flask import Blueprint, Flask, Response, has_request_context
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from . import current
from .logs import latency_seconds, note_outcome, request_started, route

MULTIPROCESS_FOLDER = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
UNMATCHED = "unmatched"  # the route label of a request no URL rule matched (a 404), never its path

REGISTRY = CollectorRegistry()
REQUESTS = Counter("pindesk_requests", "HTTP requests by route (the URL rule) and status.",
                   ["route", "status"], registry=REGISTRY)
LATENCY = Histogram("pindesk_request_duration_seconds", "Time to answer an HTTP request, by route.",
                    ["route"], registry=REGISTRY)
ANSWERS = Counter("pindesk_answers", "Answers given by the API, the web form and Slack, by outcome.",
                  ["outcome"], registry=REGISTRY)
# livemax: 1 while any live worker serves that version, so two show while workers converge.
CATALOG = Gauge("pindesk_catalog_info", "The catalog version (content hash) in service.", ["version"],
                multiprocess_mode="livemax", registry=REGISTRY)
UNANSWERED_DROPPED = Counter("pindesk_unanswered_dropped", "Unanswered queries not recorded, by reason "
                             "(queue_full, store_unavailable, client_cap).", ["reason"], registry=REGISTRY)
RELOAD_FAILURES = Counter("pindesk_catalog_reload_failures", "Catalog reloads refused (validation failed).",
                          registry=REGISTRY)
_versions_shown: set[str] = set()
_answer_counters: dict = {}  # ANSWERS' series by outcome, looked up once each

bp = Blueprint("metrics", __name__)


def catalog_loaded(version: str) -> None:
    """Show this process's catalog version as the one in service, and no earlier one."""
    for old in _versions_shown - {version}:
        CATALOG.labels(version=old).set(0)  # in multiprocess mode the 0 stays in this worker's file
        CATALOG.remove(old)
    CATALOG.labels(version=version).set(1)
    _versions_shown.add(version)


def answer_given(outcome: str) -> None:
    """Count an answer, whichever surface gave it; inside a request, its log line names the outcome too."""
    counter = _answer_counters.get(outcome)
    if counter is None:
        counter = _answer_counters[outcome] = ANSWERS.labels(outcome=outcome)
    counter.inc()
    if has_request_context():
        note_outcome(outcome)


def unanswered_dropped(reason: str) -> None:
    """Count an unanswered query that was not recorded."""
    UNANSWERED_DROPPED.labels(reason=reason).inc()


def reload_failed() -> None:
    """Count a catalog reload that was refused."""
    RELOAD_FAILURES.inc()


def worker_exited(server, worker) -> None:
    """Gunicorn's child_exit hook: a dead worker's gauges no longer count (its counters still do)."""
    if MULTIPROCESS_FOLDER:
        multiprocess.mark_process_dead(worker.pid, MULTIPROCESS_FOLDER)


@bp.get("/metrics")
def scrape():
    """Every series, from all workers' files in multiprocess mode, else from this process."""
    catalog_loaded(current.desk().catalog.version)
    registry = REGISTRY
    if MULTIPROCESS_FOLDER:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, MULTIPROCESS_FOLDER)
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def count_request(response):
    """Count the request by route and status, and its latency."""
    name = route() or UNMATCHED
    REQUESTS.labels(route=name, status=str(response.status_code)).inc()
    LATENCY.labels(route=name).observe(latency_seconds())
    return response


def init_app(app: Flask) -> None:
    """Serve /metrics and count every request."""
    app.register_blueprint(bp)
    app.before_request(request_started)
    app.after_request(count_request)
