"""One way a query is answered and feedback is kept, whatever the surface: the API, the web form, Slack.

A surface parses what came in, calls Desk.ask or Desk.feedback, and renders what comes back; the
counting of outcomes, the keeping of unanswered queries and the handling of a store that is down
happen here, once. Unanswered queries go to the store off the request path (recording.py): an answer
never waits for the store.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from pindesk.knowledge.answer import ABSTAINED, DEFAULT_MATCHES, Answer
from pindesk.knowledge.catalog import Catalog
from pindesk.knowledge.conversation import Conversation
from pindesk.knowledge.dialogue import Dialogue, Turn
from pindesk.knowledge.engine import Engine
from pindesk.knowledge.errors import NotFound, QueryError
from pindesk.knowledge.text import MAX_QUERY_CHARS

from .conversations import ConversationStore, Exchange
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
                 counts: SharedCounts | None = None, conversation_hours: float = 24):
        self._engine = engine
        self.store = store
        self._on_answer = on_answer or (lambda outcome: None)
        self._on_dropped = on_dropped or (lambda reason: None)
        self.recorder = UnansweredRecorder(store, self._on_dropped)
        self._counts = counts
        self.conversations = ConversationStore(store, timedelta(hours=conversation_hours))

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
            self._record(answer.query, client)
        return answer

    def converse(self, conversation_id: str | None, message, surface: str, *, thread: str | None = None,
                 only_if_asking: bool = False, platform: str | None = None, opening: str | None = None,
                 keep: bool = True, record: bool = True, client: str | None = None) -> Exchange:
        """Answer one message of a conversation, asking back when the answer is not settled.

        The conversation is the one with this id, else the one a Slack `thread` is (when `only_if_asking`,
        only while it waits for a reply), else a new one; `opening` is a first message the surface
        already answered on its own (the web form's), begun here without counting it again. `keep=False`
        keeps nothing (the web form's first answer). The first message is kept for insights when pindesk
        abstained on it (`record=False`: not submitted; `client`, as for ask, only caps how many). NotFound
        for an unknown or expired id, QueryError for unusable input; a store that is down gives the
        message's single answer.
        """
        dialogue = Dialogue(self.engine)
        try:
            conversation_id, conversation = self._conversation(conversation_id, thread, only_if_asking, keep)
        except StoreUnavailable as exc:
            log.warning("conversations unavailable, answering on its own: %s", exc)
            answer = self.ask(message, platform=platform, record=record, client=client)
            return Exchange(None, Turn(Conversation([message]), answer))
        if conversation is None and opening is not None:
            conversation, platform = dialogue.turn(None, opening, platform).conversation, None
        turn = dialogue.turn(conversation, message, platform)
        self._on_answer(turn.answer.outcome)
        if record and conversation is None and turn.answer.outcome == ABSTAINED:
            self._record(turn.conversation.texts[0], client)
        if not keep:
            return Exchange(None, turn)
        try:
            if conversation_id is None:
                conversation_id = self.conversations.create(turn.conversation, surface, thread)
            else:
                self.conversations.save(conversation_id, turn.conversation)
        except StoreUnavailable as exc:
            log.warning("could not keep a conversation, answering without a question: %s", exc)
            return Exchange(None, replace(turn, question=None))
        return Exchange(conversation_id, turn)

    def conversation(self, conversation_id: str) -> Exchange:
        """A conversation as it stands: its last answer and pending question. NotFound, StoreUnavailable."""
        conversation_id, found = self._conversation(conversation_id, None, False, True)
        return Exchange(conversation_id, Dialogue(self.engine).view(found))

    def _conversation(self, conversation_id, thread, only_if_asking, keep) -> tuple[str | None, Conversation | None]:
        """The id and state to continue; (None, None) for a new conversation. NotFound for an unknown id."""
        if conversation_id is not None:
            found = self.conversations.load(conversation_id)
            if found is None:
                raise NotFound("no such conversation: it may have expired; ask again")
            return conversation_id, found
        if thread is not None and keep:
            found = self.conversations.find_thread(thread)
            if found and (found[1].pending or not only_if_asking):
                return found
        return None, None

    def _record(self, query: str, client: str | None) -> None:
        """Keep an unanswered query for insights, unless this client already added its share this hour."""
        if self._may_record(client):
            self.remember_unanswered(query)
        else:
            self._on_dropped("client_cap")

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
