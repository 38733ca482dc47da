"""Choosing the next question: the one whose reply is expected to narrow the candidates most."""
from dataclasses import replace

import pytest

from pindesk.knowledge.answer import ABSTAINED, Answer, Match
from pindesk.knowledge.conversation import APP, NETWORK, PLATFORM, Conversation, Reply
from pindesk.knowledge.questions import (
    NETWORK_QUESTION,
    NOT_INSPECTION,
    OUTSIDE,
    Belief,
    DialogueTuning,
    error_question,
    gain,
    next_question,
    pick_question,
    platform_question,
)

TUNING = DialogueTuning()


@pytest.fixture(scope="module")
def belief_of(engine):
    """The belief the engine's answer to a query gives, before any reply."""
    return lambda query: Belief.of(engine.ask(query), [], TUNING)


def test_the_belief_is_a_distribution_led_by_the_best_match(belief_of):
    belief = belief_of("No Internet Connection")
    assert sum(belief.p.values()) == pytest.approx(1.0)
    assert {m.id for m, _ in belief.ranked()[:2]} == {"overcast", "trainingpeaks"}
    assert belief.p[OUTSIDE] > 0 and belief.p[NOT_INSPECTION] > 0


def test_when_two_apps_share_platform_and_error_only_asking_which_app_separates_them(belief_of):
    belief = belief_of("No Internet Connection")
    which, platform = pick_question(belief, TUNING), platform_question(belief)
    assert gain(belief, which, TUNING) > 0.5
    assert gain(belief, platform, TUNING) < 0.05  # both break on every phone
    assert next_question(belief, Conversation(), False, TUNING) == which


def test_nothing_in_the_catalog_fits_so_ask_about_the_network(belief_of):
    belief = belief_of("WhatsApp won't connect")
    assert next_question(belief, Conversation(), False, TUNING) == NETWORK_QUESTION


@pytest.fixture(scope="module")
def three_stores(catalog):
    """The belief when the three app stores fit equally well (as for "the store won't load")."""
    stores = ("windows-store", "ios-app-store", "google-play-store")
    matches = tuple(Match(score=0.33, why=(), app=catalog.app(store)) for store in stores)
    answer = Answer(query="the store won't load", outcome=ABSTAINED, confidence=0.33, message="", matches=matches)
    return Belief.of(answer, [], TUNING)


def test_the_platform_question_offers_the_platforms_the_candidates_break_on(three_stores):
    question = platform_question(three_stores)
    assert [o.value for o in question.options] == ["ios", "android", "windows", "none"]


def test_the_error_question_offers_the_candidates_own_texts(belief_of):
    question = error_question(belief_of("can't log in to the app on wifi"), TUNING)
    assert "Cannot log in" in [o.value for o in question.options]


def test_the_platform_gains_more_than_offering_fewer_apps_than_it_separates(three_stores):
    # Offering one store at a time, "which platform" narrows the three stores further than "is it this one?".
    tuning = replace(TUNING, options=1)
    belief = three_stores
    assert gain(belief, platform_question(belief), tuning) > gain(belief, pick_question(belief, tuning), tuning)


def test_a_question_already_asked_or_answered_is_not_asked_again(belief_of):
    belief = belief_of("WhatsApp won't connect")
    conversation = Conversation(replies=[Reply(NETWORK, "not-tried")], asked=[NETWORK_QUESTION])
    assert next_question(belief, conversation, False, TUNING) != NETWORK_QUESTION


def test_nothing_is_asked_after_three_questions(belief_of):
    belief = belief_of("the store won't load")
    conversation = Conversation(asked=[NETWORK_QUESTION] * 3)
    assert next_question(belief, conversation, False, TUNING) is None


def test_a_platform_reply_leaves_apps_that_break_elsewhere_a_small_share(engine):
    # "the store" alone is a kind: every store is a weak candidate, so each is kept however weak.
    tuning = replace(TUNING, min_score=0.05)
    belief = Belief.of(engine.ask("the store won't load"), [], tuning)
    assert {"windows-store", "google-play-store"} <= set(belief.entries)
    after = belief.updated(Reply(PLATFORM, "windows"), tuning)
    assert after.top()[0].id == "windows-store"
    assert after.p["google-play-store"] < belief.p["google-play-store"] * 0.5


def test_picking_an_app_leaves_only_that_app(belief_of):
    belief = belief_of("No Internet Connection").updated(Reply(APP, "overcast"), TUNING)
    assert belief.top() == (belief.entries["overcast"], pytest.approx(1.0))
