"""A troubleshooting conversation: pindesk asks back when unsure, and the turns add up."""
import json

import pytest

from pindesk.knowledge.conversation import Conversation, Reply
from pindesk.knowledge.dialogue import Dialogue
from pindesk.knowledge.errors import QueryError


@pytest.fixture(scope="module")
def dialogue(engine):
    """The conversation logic over the shipped catalog."""
    return Dialogue(engine)


def talk(dialogue, *messages):
    """Send the messages in turn; every turn pindesk took."""
    turns, conversation = [], None
    for message in messages:
        turn = dialogue.turn(conversation, message)
        turns.append(turn)
        conversation = turn.conversation
    return turns


def labels(turn) -> list[str]:
    """The option labels of the question asked."""
    return [option.label for option in turn.question.options]


def top(turn) -> str | None:
    """The id of the entry the answer names first, when it names one."""
    return turn.answer.matches[0].id if turn.answer.answered and turn.answer.matches else None


def test_an_ambiguous_answer_asks_which_app_naming_both(dialogue):
    [turn] = talk(dialogue, "No Internet Connection")
    assert turn.answer.outcome == "ambiguous"
    assert {"Overcast", "TrainingPeaks"} <= set(labels(turn)) and "None of these" in labels(turn)


@pytest.mark.parametrize("reply", ["overcast", "Overcast", "the Overcast one", "podcast app overcast"])
def test_replying_with_one_of_the_apps_answers_that_app(dialogue, reply):
    first, second = talk(dialogue, "No Internet Connection", reply)
    assert top(second) == "overcast" and second.answer.outcome == "answered"
    assert second.question is None


def test_an_option_can_be_picked_by_its_number(dialogue):
    first, second = talk(dialogue, "No Internet Connection", "1")
    assert top(second) == first.question.options[0].value


def test_a_confident_answer_asks_nothing_and_is_the_single_answer(dialogue, engine):
    [turn] = talk(dialogue, "netflix on my iphone says currently unavailable")
    assert turn.question is None
    assert turn.answer == engine.ask("netflix on my iphone says currently unavailable")


def test_the_first_answer_is_the_single_answer_even_when_a_question_follows(dialogue, engine):
    [turn] = talk(dialogue, "the store won't load")
    assert turn.question is not None and turn.answer == engine.ask("the store won't load")


def test_a_platform_in_the_second_turn_refines_the_first(dialogue):
    first, second = talk(dialogue, "the store won't load", "it's on android")
    assert first.answer.outcome == "abstained"
    assert top(second) == "google-play-store" and second.question is None


def test_an_uncovered_query_that_works_at_home_too_is_probably_not_inspection(dialogue):
    first, second = talk(dialogue, "WhatsApp won't connect", "it works at home too")
    assert first.question is not None
    assert second.not_inspection and second.question is None
    assert "probably not" in second.answer.message.lower() and "inspection" in second.answer.message
    assert second.answer.matches == () and not second.answer.answered  # no bypass suggested


def test_failing_everywhere_stops_suggesting_a_bypass_even_for_a_known_app(dialogue):
    first, second = talk(dialogue, "No Internet Connection", "it fails on mobile data as well")
    assert second.not_inspection and second.answer.matches == ()


def test_a_description_that_fails_at_home_too_is_not_inspection_at_once(dialogue):
    [turn] = talk(dialogue, "Snapchat keeps logging me out since the update, happens at home too")
    assert turn.not_inspection and turn.question is None


def test_working_off_the_network_with_nothing_in_the_catalog_points_to_an_unlisted_app(dialogue):
    turns = talk(dialogue, "my laptop is slow", "works fine at home", "none of these", "none of these")
    last = turns[-1]
    assert last.question is None and last.answer.outcome == "abstained"
    assert any("inspection is the likely cause" in caveat for caveat in last.answer.caveats)


def test_none_of_these_rules_the_offered_apps_out(dialogue):
    first, second = talk(dialogue, "the store won't load", "none of these")
    offered = {option.value for option in first.question.options} - {"none"}
    assert not offered & {m.id for m in second.answer.matches}
    assert not second.answer.answered


def test_a_turn_that_names_a_different_app_starts_over(dialogue):
    first, second = talk(dialogue, "No Internet Connection", "actually Netflix says currently unavailable")
    assert top(second) == "netflix" and second.question is None
    assert second.conversation.texts == ["actually Netflix says currently unavailable"]
    assert len(second.conversation.messages) == 2  # the record keeps both


def test_at_most_three_questions_then_the_best_answer(dialogue):
    conversation, asked = None, 0
    for message in ["my laptop is slow"] + ["hmm, I am not sure what you mean"] * 6:
        turn = dialogue.turn(conversation, message)
        conversation, asked = turn.conversation, asked + (turn.question is not None)
    assert asked <= 3 and turn.question is None


def test_a_question_about_pinning_itself_can_ask_which_article(dialogue):
    first, second = talk(dialogue, "how do i know if it's pinning",
                         "Recognising certificate pinning in captures and proxy logs")
    assert first.question is not None and first.question.kind == "article"
    assert top(second) == "recognising-pinning"


def test_a_conversation_survives_being_kept_as_json(dialogue):
    first, = talk(dialogue, "No Internet Connection")
    kept = Conversation.from_dict(json.loads(json.dumps(first.conversation.to_dict())))
    assert kept == first.conversation
    assert dialogue.view(kept).question == first.question
    assert top(dialogue.turn(kept, "TrainingPeaks")) == "trainingpeaks"


def test_stored_data_that_is_no_conversation_is_refused():
    with pytest.raises(ValueError):
        Conversation.from_dict({"messages": "not a list"})


@pytest.mark.parametrize("message", ["", "   ", "?!", "x" * 4001])
def test_unusable_messages_raise_query_error(dialogue, message):
    with pytest.raises(QueryError):
        dialogue.turn(None, message)


def test_a_pick_the_catalog_no_longer_has_is_left_aside(dialogue):
    kept = Conversation(messages=["No Internet Connection", "Gone"], texts=["No Internet Connection"],
                        replies=[Reply("app", "an-app-since-removed", ())])
    turn = dialogue.view(kept)
    assert turn.answer.outcome == "ambiguous" and turn.question is None


def test_two_apps_named_in_one_message_ask_which_however_sure_the_ranking(dialogue):
    first, second = talk(dialogue, "teams messages won't send at the office", "microsoft-365")
    assert first.question is not None and first.question.kind == "app"
    assert {"microsoft-365", "apple-imessage"} <= {o.value for o in first.question.options}
    assert top(second) == "microsoft-365" and second.question is None
