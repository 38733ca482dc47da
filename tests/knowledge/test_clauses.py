"""Two apps, one subject: the app that still fails is the one meant; one that works is context."""
import pytest

from pindesk.knowledge.clauses import FAILS, NEUTRAL, WORKS, clause_of, polarities
from pindesk.knowledge.text import read_words
from pindesk.knowledge.vocabulary import load_vocabulary
from tests.knowledge.asking import first_answered


def read(text):
    vocabulary = load_vocabulary()
    words, _, breaks = read_words(text)
    clauses = clause_of(words, breaks, vocabulary.connectors)
    return polarities(words, clauses, vocabulary)


def test_clauses_end_at_punctuation_and_connectors_with_their_polarity():
    assert read("Instagram works now but Snapchat still can't refresh") == [WORKS, FAILS]
    assert read("after the fix Spotify plays again; SoundCloud still shows a loading error") == [WORKS, FAILS]
    assert read("WhatsApp funktioniert nicht, aber Signal geht wieder") == [FAILS, WORKS]
    assert read("netflix on my iphone") == [NEUTRAL]


@pytest.mark.parametrize("text, polarity", [
    ("Drive keeps asking me to sign in again", [NEUTRAL]),
    ("stuck on connecting again", [FAILS]),
    ("Twitter refreshes again", [WORKS]),
    ("Spotify works again after yesterday", [WORKS]),
    ("Play Store installs went through, but Drive wants me to log in again", [NEUTRAL, NEUTRAL]),
])
def test_again_after_a_repetition_is_not_working_again(text, polarity):
    """ "Sign in again", "broke again" say something happens once more; "works again" that it works."""
    assert read(text) == polarity


def test_dots_inside_a_host_do_not_end_a_clause():
    assert read("CONNECT chat.signal.org:443 failed") == [FAILS]


@pytest.mark.parametrize("query, subject", [
    ("Instagram works now but Snapchat still can't refresh", "snapchat"),
    ("after the fix Spotify plays again; SoundCloud still shows a loading error", "soundcloud"),
    ("Snapchat is fine again, but Instagram still won't load the feed at the office", "instagram"),
    # an app that "opens but won't refresh" opens and fails: it is no context beside one that works
    ("Instagram is fine. Snapchat opens but won't refresh", "snapchat"),
    ("Snapchat opens but won't refresh, Instagram works", "snapchat"),
    # a host typed as a name ("Battle.net", "join.me") where it works is context, as the name is
    ("Battle.net completed the patch fine; Creative Cloud still can't load my apps list", "adobe-creative-cloud"),
    ("join.me works again, but GoTo Meeting still hangs on connecting", "goto"),
    # a name in the possessive ("Vimeo's") is the name, not "videos"
    ("Vimeo's still showing an error page even though Twitter refreshes again", "vimeo"),
])
def test_the_app_that_still_fails_is_the_answer(engine, query, subject):
    answer = engine.ask(query)
    assert answer.outcome == "answered" and answer.matches[0].id == subject


@pytest.mark.parametrize("query", ["Timehop still shows nothing from my Facebook",
                                   "timehop won't pull in my facebook memories at work",
                                   # listed after "my" with "or" / "and": both are mine
                                   "timehop won't load my camera roll or Facebook memories at work",
                                   "Timehop shows nothing from my photo library and old Facebook posts"])
def test_an_app_named_with_my_after_the_subject_is_what_it_fails_to_reach(engine, query):
    answer = engine.ask(query)
    assert answer.outcome == "answered" and answer.matches[0].id == "timehop"


@pytest.mark.parametrize("query", [
    "the throwback app that shows this day in past years is empty, none of my old Facebook posts",
    # "iCloud", a word of Apple Mail's name, is one of my things too
    "the memories app opens but has none of my Facebook posts or iCloud photos today",
])
def test_things_of_mine_named_after_an_app_was_described_are_what_it_fails_to_show(engine, query):
    answer = engine.ask(query)
    assert answer.outcome == "answered" and answer.matches[0].id == "timehop", [m.id for m in answer.matches]


def test_an_outside_app_an_app_described_before_it_fails_to_reach_is_no_subject(engine):
    answer = engine.ask("the app where my coach posts my training plan can't sync my Garmin rides at work")
    assert answer.outcome == "answered" and answer.matches[0].id == "trainingpeaks" and not answer.unlisted_apps
    # said on its own, the outside app is what fails
    assert engine.ask("my Garmin app can't sync at work").unlisted_apps == ("Garmin",)


def test_an_outside_app_things_come_from_after_an_app_was_spoken_of_is_no_subject(engine):
    """"from my Garmin" in a clause of its own is where the workouts come from, not the app that fails."""
    answer = engine.ask("the training plan app my coach uses says No Internet Connection, and workouts from my "
                        "Garmin never arrive")
    assert answer.outcome == "answered" and answer.matches[0].id == "trainingpeaks" and not answer.unlisted_apps
    assert engine.ask("my rides won't upload from my Garmin at work").outcome == "abstained"


def test_an_outside_app_that_still_fails_is_the_subject(engine):
    answer = engine.ask("Southwest app works now, thanks! WhatsApp still won't connect on the office wifi")
    assert answer.outcome == "abstained" and answer.unlisted_apps == ("WhatsApp",)


def test_one_app_alone_is_never_context(engine):
    assert first_answered(engine, "Instagram works at home but not at the office") == "instagram"


@pytest.mark.parametrize("text", ["the app says it can't connect", "cannot load the feed", "cant sign in"])
def test_cannot_says_that_something_fails_whatever_verb_follows(text):
    assert read(text) == [FAILS]
