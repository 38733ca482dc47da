"""Conversations kept in the store between messages: a table beside feedback's, each row living a set time.

A row holds the conversation's state as JSON (knowledge.conversation.Conversation), the surface it came
from, and for Slack the thread it is. Ids are unguessable; a conversation untouched for longer than its
time to live is gone: not found, and deleted now and then on writes.
"""
from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from pindesk.knowledge.conversation import Conversation
from pindesk.knowledge.dialogue import Turn

from .store import Store, StoreUnavailable, metadata

PURGE_EVERY_SECONDS = 600
ID_BYTES = 24  # secrets.token_urlsafe(24): 32 characters, 192 random bits
MAX_ID_CHARS = 64
MAX_THREAD_CHARS = 255

conversations = sa.Table(
    "conversations", metadata,
    sa.Column("id", sa.String(MAX_ID_CHARS), primary_key=True),
    sa.Column("thread", sa.String(MAX_THREAD_CHARS), nullable=True, unique=True),  # a Slack thread, if any
    sa.Column("surface", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False, index=True),
    sa.Column("state", sa.Text, nullable=False),
)


@dataclass(frozen=True)
class Exchange:
    """One message answered in a conversation: its id (None when nothing was kept) and pindesk's turn."""

    id: str | None
    turn: Turn

    @property
    def answer(self):
        """The answer, as /api/v1/ask gives it."""
        return self.turn.answer

    @property
    def question(self):
        """The question asked back, or None."""
        return self.turn.question

    def to_dict(self) -> dict:
        """JSON form, as the API gives it: id, answer, question."""
        return {"id": self.id, "answer": self.answer.to_dict(),
                "question": self.question.to_dict() if self.question else None}


class ConversationStore:
    """Conversations in the store's database, with their time to live."""

    def __init__(self, store: Store, ttl: timedelta):
        """In the store's database; a conversation lives `ttl` after its last message."""
        self.store, self.ttl = store, ttl
        self._last_purge = float("-inf")

    def load(self, conversation_id: str) -> Conversation | None:
        """The conversation with this id, None when there is none or it expired. StoreUnavailable when down."""
        if not isinstance(conversation_id, str) or len(conversation_id) > MAX_ID_CHARS:
            return None
        row = self._fresh_row(conversations.c.id == conversation_id)
        return _state(row) if row else None

    def find_thread(self, thread: str) -> tuple[str, Conversation] | None:
        """The id and state of the conversation a Slack thread is, if it has one that has not expired."""
        row = self._fresh_row(conversations.c.thread == thread[:MAX_THREAD_CHARS])
        state = _state(row) if row else None
        return (row.id, state) if state else None

    def create(self, conversation: Conversation, surface: str, thread: str | None = None) -> str:
        """Keep a new conversation; its new id. A thread's earlier conversation is replaced."""
        self._purge_now_and_then()
        conversation_id, now = secrets.token_urlsafe(ID_BYTES), self.store.clock()
        row = {"id": conversation_id, "thread": thread[:MAX_THREAD_CHARS] if thread else None,
               "surface": surface[:16], "created_at": now, "updated_at": now,
               "state": json.dumps(conversation.to_dict(), ensure_ascii=False)}

        def insert(conn):
            """One transaction: the thread's earlier conversation goes as the new one comes."""
            if thread:
                conn.execute(conversations.delete().where(conversations.c.thread == row["thread"]))
            conn.execute(conversations.insert().values(**row))
        self.store._run(insert)
        return conversation_id

    def save(self, conversation_id: str, conversation: Conversation) -> None:
        """Keep a conversation's new state, and its new time."""
        self._purge_now_and_then()
        stmt = (conversations.update().where(conversations.c.id == conversation_id)
                .values(updated_at=self.store.clock(), state=json.dumps(conversation.to_dict(), ensure_ascii=False)))
        self.store._run(lambda conn: conn.execute(stmt))

    def purge(self) -> int:
        """Delete the conversations untouched for longer than their time to live; how many went."""
        cutoff = self.store.clock() - self.ttl
        deleted = self.store._run(lambda conn: conn.execute(
            conversations.delete().where(conversations.c.updated_at < cutoff)).rowcount)
        self._last_purge = time.monotonic()
        return deleted

    def _fresh_row(self, where):
        """The row matching, unless it is older than the time to live."""
        stmt = sa.select(conversations).where(where, conversations.c.updated_at >= self.store.clock() - self.ttl)
        return self.store._run(lambda conn: conn.execute(stmt).first())

    def _purge_now_and_then(self) -> None:
        """Delete expired conversations at most every few minutes, on writes; a failure is left to the write."""
        if time.monotonic() - self._last_purge >= PURGE_EVERY_SECONDS:
            try:
                self.purge()
            except StoreUnavailable:
                self._last_purge = time.monotonic()


def _state(row) -> Conversation | None:
    """The conversation a row holds; None for a row that cannot be read (it is then as good as gone)."""
    try:
        return Conversation.from_dict(json.loads(row.state))
    except ValueError:
        return None
