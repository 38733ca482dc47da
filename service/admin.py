"""The admin surface: insights into what people asked and whether answers helped, behind a token."""
from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from pindesk.desk.store import StoreUnavailable

from . import current

bp = Blueprint("admin", __name__, url_prefix="/api/v1")


def require_admin() -> None:
    """403 when insights are disabled or the token is wrong, 401 when none is given."""
    expected = current_app.config.get("ADMIN_TOKEN") or ""
    if not expected:
        abort(403, "insights are disabled: set PINDESK_ADMIN_TOKEN to enable them")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("send the admin token as 'Authorization: Bearer <token>'",
                           www_authenticate=WWWAuthenticate("bearer"))
    if not token_matches(given):
        abort(403, "wrong admin token")


def token_matches(given: str) -> bool:
    """Whether a token given (header or form field) is the admin token; never when none is set."""
    expected = current_app.config.get("ADMIN_TOKEN") or ""
    # compare_digest takes as long for a wrong first character as for a wrong last one.
    return bool(expected) and hmac.compare_digest(given.strip().encode(), expected.encode())


@bp.post("/admin/reload")
def reload_catalog():
    """Rebuild the index from the catalog file now, in every worker; 422 with the validation error if broken.

    The answer says how many of the server's workers serve the new version (it waits a few seconds for
    them); other replicas follow the file within PINDESK_RELOAD_SECONDS.
    """
    require_admin()
    result = current.live().admin_reload()
    if result.error:
        return jsonify({"error": f"catalog refused, version {result.version} still in service: "
                                 f"{result.error}", "version": result.version}), 422
    return jsonify({"version": result.version, "changed": result.changed,
                    "apps": len(current.desk().catalog.apps), "workers": result.workers})


@bp.get("/insights")
def insights():
    """The queries pindesk could not answer, most frequent first, and helpfulness per answer."""
    require_admin()
    store, catalog = current.desk().store, current.desk().catalog
    current.desk().recorder.flush()  # what was asked a moment ago is counted too
    try:
        unanswered = store.unanswered_counts()
        helpfulness = store.helpfulness()
    except StoreUnavailable:
        abort(503, "the store is unavailable; try again later")
    rows = []
    for entry_id, helpful, not_helpful in helpfulness:
        kind, name = catalog.describe(entry_id) or ("unknown", None)
        rows.append({"id": entry_id, "type": kind, "name": name, "helpful": helpful,
                     "not_helpful": not_helpful})
    return jsonify({"unanswered": [{"query": q, "count": n} for q, n in unanswered],
                    "helpfulness": rows, "retention_days": store.retention_days})
