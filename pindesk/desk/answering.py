"""One way a query is answered and feedback is kept, whatever the surface: the API, the web form, Slack.

A surface parses what came in, calls Desk.ask or Desk.feedback, and renders what comes back; the
counting of outcomes, the keeping of unanswered queries and the handling of a store that is down
happen here, once. Unanswered queries go to the store off the request path (recording.py): an answer
never waits for the store.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from pindesk.knowledge.answer import ABSTAINED, DEFAULT_MATCHES, Answer
from pindesk.knowledge.catalog import Catalog
from pindesk.knowledge.engine import Engine
from pindesk.knowledge.errors import QueryError
from pindesk.knowledge.text import MAX_QUERY_CHARS

from .counting import SharedCounts
from .recording import UnansweredRecorder
from .store import Store, StoreUnavailable

log = logging.getLogger(__name__)

MAX_ID_CHARS, MAX_COMMENT_CHARS = 200, 2000
# How many unanswered queries one client (an address, a Slack user) may add to insights in an hour:
# enough for a person, too few for a script to bury what people really asked.
RECORDS_PER_CLIENT, RECORD_WINDOW_SECONDS = 20, 3600


class Desk:
    """The engine in service, the store, and a hook that hears every answer's outcome."""

    def __init__(self, engine: Callable[[], Engine], store: Store,
                 on_answer: Callable[[str], None] | None = None, on_dropped: Callable[[str], None] | None = None,
                 counts: SharedCounts | None = None):
        self._engine = engine
        self.store = store
        self._on_answer = on_answer or (lambda outcome: None)
        self._on_dropped = on_dropped or (lambda reason: None)
        self.recorder = UnansweredRecorder(store, self._on_dropped)
        self._counts = counts

    def start(self) -> None:
        """Start this process's writer of unanswered queries (a server does so in each worker)."""
        self.recorder.start()

    @property
    def engine(self) -> Engine:
        """The engine in service now (a reloaded catalog brings a new one)."""
        return self._engine()

    @property
    def catalog(self) -> Catalog:
        """The catalog of the engine in service."""
        return self.engine.catalog

    def ask(self, query, platform: str | None = None, limit: int = DEFAULT_MATCHES, record: bool = True,
            client: str | None = None) -> Answer:
        """Answer a query and count its outcome; keep it for insights when pindesk abstained.

        `record=False` for text that was not submitted (typed, not yet asked; a link opened). `client`
        (an address, a Slack user) is only a key for RECORDS_PER_CLIENT, never stored.
        Raises QueryError for input the engine cannot use.
        """
        answer = self.engine.ask(query, platform=platform, limit=limit)
        self._on_answer(answer.outcome)
        if record and answer.outcome == ABSTAINED:
            if self._may_record(client):
                self.remember_unanswered(answer.query)
            else:
                self._on_dropped("client_cap")
        return answer

    def _may_record(self, client: str | None) -> bool:
        """False once this client added RECORDS_PER_CLIENT unanswered queries within the hour."""
        if self._counts is None or not client:
            return True
        return self._counts.hit(f"record:{client}", RECORD_WINDOW_SECONDS)[0] <= RECORDS_PER_CLIENT

    def remember_unanswered(self, query: str) -> None:
        """Keep a query pindesk abstained on (its text and time only), written in the background."""
        self.recorder.submit(query)

    def feedback(self, query, entry_id, helpful, comment=None) -> int:
        """Keep whether an answer helped; return the row id.

        QueryError for anything that cannot be kept (checked here for every surface, as typed by a
        stranger); StoreUnavailable when the store is down.
        """
        query = _field(query, "query", MAX_QUERY_CHARS)
        entry_id = _field(entry_id, "id", MAX_ID_CHARS, required=False)
        comment = _field(comment, "comment", MAX_COMMENT_CHARS, required=False)
        if not isinstance(helpful, bool):
            raise QueryError("helpful must be true or false")
        if entry_id is not None and self.catalog.describe(entry_id) is None:
            raise QueryError(f"id {entry_id[:100]!r} is no app or article in the catalog")
        try:
            return self.store.add_feedback(query, entry_id, helpful, comment)
        except StoreUnavailable as exc:
            log.error("could not store feedback: %s", exc)
            raise


def _field(value, name: str, limit: int, required: bool = True) -> str | None:
    """A text field fit to store: QueryError when missing, not text, blank, too long or holding a NUL."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise QueryError(f"{name} must be text" if value is not None else f"missing {name}")
    if len(value) > limit:
        raise QueryError(f"{name} is too long: {len(value):,} characters (the limit is {limit:,})")
    if "\x00" in value:
        raise QueryError(f"{name} holds a NUL character")
    if not value.strip():
        if required:
            raise QueryError(f"{name} is empty")
        return None
    return value
