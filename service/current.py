"""What a request works with: the desk (engine, store, answering) and the live catalog of its app."""
from __future__ import annotations

from flask import current_app

from pindesk.desk.answering import Desk

from .live import LiveCatalog


def desk() -> Desk:
    """The desk of the app handling this request: ask, feedback, and the store behind them."""
    return current_app.extensions["pindesk_desk"]


def live() -> LiveCatalog:
    """The live catalog of the app handling this request (its engine, reloads, last error)."""
    return current_app.extensions["pindesk_live"]
