"""A query is read once: its words, the names written with a capital, hosts, platforms, synonyms and typos."""
import pytest

from pindesk.knowledge.errors import QueryError
from pindesk.knowledge.query import read_query


def read(engine, text, platform=None):
    return read_query(text, platform, 5, engine._speller, engine._names, engine.vocabulary)


def test_the_words_hosts_and_platform_of_a_query(engine):
    query = read(engine, "Instagarm on my iPhone: CONNECT graph.instagram.com:443 failed")
    assert query.raw[0] == "instagarm" and query.words[0] == "instagram"
    assert query.hosts == ["graph.instagram.com"] and query.platform == "ios"
    assert not query.topical


def test_a_platform_asked_for_wins_over_one_named(engine):
    assert read(engine, "store won't load on my iphone", platform="android").platform == "android"


def test_words_nobody_knows_are_unfamiliar(engine):
    query = read(engine, "zxqvbn wont load")
    assert query.unfamiliar == ["zxqvbn"] and query.words[0] is None


def test_an_app_outside_the_catalog_is_unlisted(engine):
    assert read(engine, "whatsapp won't connect").unlisted == ["WhatsApp"]


def test_unusable_text_is_refused(engine):
    with pytest.raises(QueryError):
        read(engine, "   ")


@pytest.mark.parametrize("text", ["Spotify keeps failing at the office\n\nGet Outlook for iOS",
                                  "Spotify keeps failing at the office\n\nSent from my iPhone",
                                  "Spotify keeps failing at the office. Von meinem iPhone gesendet"])
def test_what_mail_programs_add_to_a_message_is_read_as_nothing(engine, text):
    """ "Get Outlook for iOS" names no Outlook problem and "Sent from my iPhone" no iPhone one."""
    answer = engine.ask(text)
    assert answer.outcome == "answered" and answer.matches[0].id == "spotify" and answer.platform is None
    assert answer.query == " ".join(text.split())  # the query is echoed as typed
