"""The engine under hypothesis: any text gets an answer or a QueryError, and answers keep their promises."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pindesk.knowledge.answer import ABSTAINED, AMBIGUOUS, ANSWERED
from pindesk.knowledge.catalog import PLATFORMS
from pindesk.knowledge.engine import Engine
from pindesk.knowledge.errors import QueryError
from pindesk.knowledge.text import MAX_QUERY_CHARS

# Moderate counts: the engine answers in about a millisecond, so a few hundred texts stay within seconds.
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What tickets really hold besides words: markup, emoji, right-to-left scripts, control characters.
ODD_PIECES = [
    "<script>alert(1)</script>", "<b>Netflix</b>&nbsp;&amp;", "\u202eliamg\u202c", "مرحبا واتساب لا يعمل",
    "שלום הודעה לא נשלחה", "👍🏽🔒📱", "\u200b\u200d\ufeff", "\x00\x07\x1b[31m", "\r\n\t", "ＮＥＴＦＬＩＸ",
    "CONNECT login.live.com:443", "https://chat.signal.org/v1/websocket", "xn--n3h.example", "..", "%00%ff",
    "İstanbul ǅ ß ﬁ", "𝔫𝔢𝔱𝔣𝔩𝔦𝔵", "a" * 300, "1.2.3.4:443", "[::1]:8443",
]


@pytest.fixture(scope="module")
def words(catalog):
    """Words people type about the catalog's apps: names, aliases and error texts."""
    found = set()
    for app in catalog.apps:
        for phrase in (app.name, *app.aliases, *app.error_messages):
            found.update(phrase.split())
    return sorted(found)


def queries(words):
    """Arbitrary text, catalog words mixed with odd pieces, text past the length limit, and raw bytes."""
    piece = st.one_of(st.sampled_from(words), st.sampled_from(ODD_PIECES), st.text(max_size=20))
    mixed = st.lists(piece, max_size=12).map(" ".join)
    huge = st.text(min_size=MAX_QUERY_CHARS - 5, max_size=MAX_QUERY_CHARS + 5, alphabet=st.characters())
    # Bytes are read as UTF-8 (bad sequences replaced), as from a pipe.
    return st.one_of(st.text(), st.text(alphabet=st.characters(codec="utf-8")), mixed, huge, st.binary())


PLATFORM = st.none() | st.sampled_from(PLATFORMS)
LIMIT = st.integers(min_value=1, max_value=50)


def ask(engine, query, platform=None, limit=5):
    """The engine's answer, or None when it refuses the query with QueryError (anything else fails)."""
    try:
        return engine.ask(query, platform=platform, limit=limit)
    except QueryError:
        return None


def test_the_engine_answers_any_text_or_refuses_it(engine, words):
    @PROPERTY
    @given(query=queries(words), platform=PLATFORM, limit=LIMIT)
    def check(query, platform, limit):
        answer = ask(engine, query, platform, limit)
        if answer is None:
            return
        assert answer.outcome in (ANSWERED, AMBIGUOUS, ABSTAINED)
        assert answer.answered == (answer.outcome != ABSTAINED)
        assert 0.0 <= answer.confidence <= 1.0
        assert len(answer.matches) <= limit
        for match in answer.matches:
            assert 0.0 <= match.score <= 1.0
        app_scores = [m.score for m in answer.matches if m.type == "app"]
        assert app_scores == sorted(app_scores, reverse=True)
        data = answer.to_dict()
        assert 0.0 <= data["confidence"] <= 1.0 and all(0.0 <= m["score"] <= 1.0 for m in data["matches"])
    check()


def test_anything_but_text_is_refused(engine):
    @settings(PROPERTY, max_examples=50)
    @given(query=st.none() | st.integers() | st.floats() | st.lists(st.text(), max_size=3)
           | st.dictionaries(st.text(), st.text(), max_size=2))
    def check(query):
        with pytest.raises(QueryError):
            engine.ask(query)
    check()


def test_the_same_query_gets_the_same_answer(engine, catalog, words):
    fresh = Engine(catalog)  # built anew: nothing about the answer may depend on earlier queries

    @settings(PROPERTY, max_examples=150)
    @given(query=queries(words), platform=PLATFORM)
    def check(query, platform):
        first = ask(engine, query, platform)
        if first is None:
            assert ask(fresh, query, platform) is None
            return
        assert ask(engine, query, platform).to_dict() == first.to_dict()
        assert ask(fresh, query, platform).to_dict() == first.to_dict()
    check()
