"""Reading typed replies: none of these, an error text, whether it works off the company network."""
import pytest

from pindesk.knowledge.conversation import ERROR, NETWORK, Option, Question
from pindesk.knowledge.questions import NETWORK_QUESTION
from pindesk.knowledge.replies import error_text, network, says_none


@pytest.mark.parametrize("reply, meaning", [
    ("works fine at home", "works-elsewhere"),
    ("it works on mobile data", "works-elsewhere"),
    ("fails at work, fine on 5G", "works-elsewhere"),
    ("only on the office wifi", "works-elsewhere"),
    ("at home none of this happens", "works-elsewhere"),
    ("it fails at home too", "fails-everywhere"),
    ("doesn't work on 4g either", "fails-everywhere"),
    ("same on mobile data", "fails-everywhere"),
    ("it works at home too", "fails-everywhere"),  # the same off the network as on it: not the network
    ("it's broken everywhere", "fails-everywhere"),
    ("netflix says currently unavailable", None),
    ("we rolled the root certificate out everywhere", None),
    ("other people on the same call from home are fine", "works-elsewhere"),
    # one run-on statement: the word nearest the other network says how it goes there
    ("yelp keeps showing an ssl error when i search 🍕 loads fine on 4g tho", "works-elsewhere"),
    ("yelp loads the map but fails on 4g as well", "fails-everywhere"),
    ("yelp works on the laptop but fails on 4g", "fails-everywhere"),
])
def test_what_a_message_says_about_other_networks(reply, meaning):
    assert network(reply, None) == meaning


@pytest.mark.parametrize("reply, meaning", [
    ("yes", "works-elsewhere"), ("Yes, it does", "works-elsewhere"), ("no", "fails-everywhere"),
    ("nope", "fails-everywhere"), ("same", "fails-everywhere"), ("haven't tried", "not-tried"),
    ("no idea", "fails-everywhere"),  # a plain no answers the question asked
])
def test_a_plain_answer_to_the_network_question(reply, meaning):
    assert network(reply, NETWORK_QUESTION) == meaning


def test_yes_and_no_mean_nothing_about_the_network_when_it_was_not_asked():
    assert network("yes", None) is None and network("no", None) is None


@pytest.mark.parametrize("reply, meaning", [
    ("none", True), ("None of these.", True), ("neither", True), ("something else", True),
    ("none of my mail loads", False), ("Overcast", False),
])
def test_none_of_these_is_a_whole_short_reply(reply, meaning):
    assert says_none(reply) is meaning


def test_a_typed_error_text_is_matched_to_the_closest_option():
    question = Question(ERROR, "Which?", (Option("Cannot connect", "Cannot connect"),
                                          Option("Cannot connect to App Store", "Cannot connect to App Store"),
                                          Option("None of these", "none")))
    assert error_text("it says cannot connect to app store", question) == "Cannot connect to App Store"
    assert error_text("a blank screen", question) is None
    assert error_text("it says cannot connect", Question(NETWORK, "?", ())) is None
