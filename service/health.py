"""Health checks for load balancers and orchestrators: alive, and ready to answer."""
from __future__ import annotations

from flask import Blueprint, jsonify

from pindesk.desk.store import StoreUnavailable

from . import current

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is alive and serving requests."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """Ready while a catalog is loaded: 200 with the live version; the store's state is reported.

    A store that is down makes the answer "degraded", not 503: answers do not need the store, and
    an orchestrator that took every replica out of service when PostgreSQL hiccups would stop them.
    The store is looked at for a quarter of a second at most, and not at all while its breaker is open.
    """
    live = current.live()
    catalog = live.current().catalog
    body = {"status": "ready", "catalog_version": catalog.version, "apps": len(catalog.apps),
            "articles": len(catalog.articles), "store": "ok", "catalog_reload_error": live.last_error}
    try:
        current.desk().store.ping()
    except StoreUnavailable:
        body.update(status="degraded", store="unavailable")
    return jsonify(body)
