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
