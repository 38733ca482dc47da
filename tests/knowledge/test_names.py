"""Names and aliases: exact, plural, spaceless, partial, and apps outside the catalog."""
import pytest

from tests.knowledge.asking import first_answered


@pytest.mark.parametrize("query, app_id", [
    ("southwest airline app error", "southwest"), ("imessages not delivered", "apple-imessage"),
    ("joinme keeps failing", "join-me"), ("xbox keeps signing me out", "xbox-live"),
])
def test_a_name_in_any_form_finds_the_app(engine, query, app_id):
    answer = engine.ask(query)
    assert answer.matches[0].id == app_id
    assert any(reason.field == "name" for reason in answer.matches[0].why)


def test_an_everyday_word_alias_is_weak_after_a_determiner(engine):
    named = engine.ask("Signal won't send messages at work")
    everyday = engine.ask("the signal at work is weak")
    assert named.matches[0].id == "signal" and named.answered
    assert not everyday.answered or everyday.confidence < named.confidence


def test_an_app_outside_the_catalog_is_named_when_abstaining(engine):
    answer = engine.ask("citrix workspace says connection failed")
    assert not answer.answered and answer.unlisted_apps


@pytest.mark.parametrize("query, app_id", [
    ("the windows app store just spins", "windows-store"),  # not Apple's "App Store"
    ("Facebook chat on my phone won't send", "facebook-messenger"),  # not Facebook itself
    ("the Android app store says download pending", "google-play-store"),
])
def test_what_people_call_an_app_wins_over_another_app_s_name_inside_it(engine, query, app_id):
    answer = engine.ask(query)
    assert answer.outcome == "answered" and answer.matches[0].id == app_id, [m.id for m in answer.matches]


def test_a_word_of_the_network_in_a_name_names_nothing_on_its_own(engine):
    """ "network" of "Xbox network" is the office network here, not Xbox Live on Windows."""
    for query in ("Windows PC: nothing syncs over the corporate network",
                  "the antivirus built into Windows can't update its signatures on the office network"):
        answer = engine.ask(query)
        assert not answer.answered or answer.matches[0].id != "xbox-live", [m.id for m in answer.matches]
        assert not any(r.field == "name" and "network" in r.matched for m in answer.matches for r in m.why), query


def test_a_nickname_the_catalog_lists_names_the_app(engine):
    assert first_answered(engine, "bnet update stuck at 0% in the library") == "blizzard"


def test_a_name_after_from_that_makes_other_apps_says_who_makes_the_app_meant(engine):
    """LogMeIn is a name of GoTo's entry and the maker of join.me: "the tool from LogMeIn" is made by it."""
    answer = engine.ask("the little screen sharing tool from LogMeIn where you send a link hangs on connecting "
                        "at the office")
    assert answer.answered and answer.matches[0].id == "join-me", [m.id for m in answer.matches]
