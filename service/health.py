"""Health checks for load balancers and orchestrators: alive, and ready to answer."""
from __future__ import annotations

from flask import Blueprint, jsonify

from . import current_engine, current_store
from .store import StoreUnavailable

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is alive and serving requests."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """Ready when the catalog is loaded and the store answers; 503 otherwise."""
    catalog = current_engine().catalog
    body = {"status": "ready", "catalog_version": catalog.version, "apps": len(catalog.apps),
            "articles": len(catalog.articles), "store": "ok"}
    try:
        current_store().ping()
    except StoreUnavailable:
        body.update(status="unavailable", store="unavailable")
        return jsonify(body), 503
    return jsonify(body)
