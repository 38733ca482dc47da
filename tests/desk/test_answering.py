"""One flow for every surface: an answer is counted, an abstained one kept, feedback checked and kept."""
import logging

import pytest

from pindesk.desk.answering import Desk
from pindesk.desk.store import Store, StoreUnavailable
from pindesk.knowledge.errors import QueryError


@pytest.fixture
def heard():
    """The outcomes the desk reported, in order."""
    return []


@pytest.fixture
def desk(engine, tmp_path, heard):
    """A desk over the shipped catalog and a fresh SQLite store."""
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    yield Desk(lambda: engine, store, on_answer=heard.append)
    store.engine.dispose()


def test_every_answer_is_heard_and_only_submitted_abstentions_are_kept(desk, heard):
    assert desk.ask("netflix says currently unavailable").outcome == "answered"
    assert desk.ask("my whatsapp will not send").outcome == "abstained"
    assert desk.ask("my whatsapp will not load", record=False).outcome == "abstained"
    assert heard == ["answered", "abstained", "abstained"]
    desk.recorder.flush()
    assert desk.store.unanswered_counts() == [("my whatsapp will not send", 1)]


def test_a_store_that_is_down_does_not_stop_answers(engine, tmp_path, caplog):
    dropped = []
    desk = Desk(lambda: engine, Store(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}"), on_dropped=dropped.append)
    with caplog.at_level(logging.WARNING):
        assert desk.ask("my whatsapp will not send").outcome == "abstained"
        desk.recorder.flush()
    assert "could not record an unanswered query" in caplog.text and dropped == ["store_unavailable"]
    with pytest.raises(StoreUnavailable):
        desk.feedback("netflix down", "netflix", True)


def test_feedback_is_kept_with_its_app(desk):
    desk.feedback("netflix down", "netflix", False, "still broken")
    desk.feedback("what is pinning", "what-is-pinning", True)
    assert desk.store.helpfulness() == [("netflix", 0, 1), ("what-is-pinning", 1, 0)]


@pytest.mark.parametrize("query, entry_id, helpful, comment, message", [
    ("netflix down", "no-such-app", True, None, "no app or article"),
    ("netflix down", "x" * 201, True, None, "too long"),
    ("netflix down", 7, True, None, "must be text"),
    ("", "netflix", True, None, "empty"),
    ("netflix\x00down", "netflix", True, None, "NUL"),
    ("netflix down", "netflix", "yes", None, "true or false"),
    ("netflix down", "netflix", True, "c" * 2001, "too long"),
])
def test_feedback_that_cannot_be_kept_is_refused_and_nothing_is_stored(desk, query, entry_id, helpful,
                                                                       comment, message):
    with pytest.raises(QueryError, match=message):
        desk.feedback(query, entry_id, helpful, comment)
    assert desk.store.helpfulness() == []
