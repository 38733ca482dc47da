"""Conversations kept between messages: ids, Slack threads, a time to live, and a store that is down."""
import logging
from datetime import datetime, timedelta

import pytest

from pindesk.desk.answering import Desk
from pindesk.desk.store import Store
from pindesk.knowledge.errors import NotFound


class Clock:
    """A clock a test moves on."""

    def __init__(self):
        self.now = datetime(2026, 11, 27, 9, 0)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def heard():
    return []


@pytest.fixture
def desk(engine, tmp_path, clock, heard):
    """A desk over a fresh SQLite store whose conversations live two hours."""
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}", clock=clock)
    yield Desk(lambda: engine, store, on_answer=heard.append, conversation_hours=2)
    store.engine.dispose()


def test_a_conversation_is_kept_and_continued_by_its_id(desk):
    first = desk.converse(None, "No Internet Connection", "api")
    assert first.id and len(first.id) >= 32 and first.question is not None
    second = desk.converse(first.id, "Overcast", "api")
    assert second.id == first.id and second.question is None
    assert second.answer.matches[0].id == "overcast"
    assert desk.conversation(first.id).answer == second.answer


def test_ids_are_random(desk):
    ids = {desk.converse(None, "No Internet Connection", "api").id for _ in range(5)}
    assert len(ids) == 5


def test_an_unknown_or_expired_conversation_is_not_found(desk, clock):
    with pytest.raises(NotFound):
        desk.converse("no-such-conversation", "Overcast", "api")
    started = desk.converse(None, "No Internet Connection", "api")
    clock.now += timedelta(hours=1)
    desk.converse(started.id, "what is it", "api")  # each message keeps it alive for the time to live
    clock.now += timedelta(hours=1, minutes=59)
    assert desk.conversation(started.id).turn.conversation.messages == ["No Internet Connection", "what is it"]
    clock.now += timedelta(minutes=2)
    with pytest.raises(NotFound):
        desk.converse(started.id, "Overcast", "api")
    assert desk.conversations.purge() == 1


def test_a_slack_thread_is_one_conversation(desk):
    thread = "T0001/C0001/1700000000.000100"
    first = desk.converse(None, "No Internet Connection", "slack", thread=thread)
    second = desk.converse(None, "TrainingPeaks", "slack", thread=thread)
    assert second.id == first.id and second.answer.matches[0].id == "trainingpeaks"


def test_a_direct_message_continues_only_while_a_question_waits(desk):
    thread = "T0001/D0001"
    asking = desk.converse(None, "No Internet Connection", "slack", thread=thread, only_if_asking=True)
    answered = desk.converse(None, "Overcast", "slack", thread=thread, only_if_asking=True)
    assert answered.id == asking.id and answered.answer.matches[0].id == "overcast"
    fresh = desk.converse(None, "the store won't load", "slack", thread=thread, only_if_asking=True)
    assert fresh.id != asking.id and fresh.answer.query == "the store won't load"


def test_each_answer_is_heard_and_only_a_first_message_abstained_on_is_kept(desk, heard):
    first = desk.converse(None, "the store won't load", "api")
    desk.converse(first.id, "none of these", "api")
    assert heard == ["abstained", "abstained"]
    desk.recorder.flush()
    assert desk.store.unanswered_counts() == [("the store won't load", 1)]


def test_a_first_answer_can_be_given_without_keeping_anything(desk):
    shown = desk.converse(None, "the store won't load", "web", keep=False, record=False)
    assert shown.id is None and shown.question is not None
    desk.recorder.flush()
    assert desk.store.unanswered_counts() == []


def test_a_reply_to_an_opening_already_answered_starts_the_conversation_without_counting_it_again(desk, heard):
    replied = desk.converse(None, "it's on android", "web", opening="the store won't load")
    assert replied.id and replied.answer.matches[0].id == "google-play-store"
    desk.recorder.flush()
    assert heard == ["answered"] and desk.store.unanswered_counts() == []
    assert desk.conversation(replied.id).turn.conversation.messages == ["the store won't load", "it's on android"]


def test_a_store_that_is_down_gives_single_answers(engine, tmp_path, caplog):
    desk = Desk(lambda: engine, Store(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}"))
    with caplog.at_level(logging.WARNING):
        created = desk.converse(None, "No Internet Connection", "api")
        continued = desk.converse("some-id", "Overcast", "api")
    assert created.id is None and created.question is None and created.answer.outcome == "ambiguous"
    assert continued.id is None and continued.question is None
    assert continued.answer == engine.ask("Overcast")
    assert "conversation" in caplog.text
