"""The dialogue evaluation: labelled queries played as people who answer pindesk's questions truthfully."""
import pytest

from pindesk.knowledge.conversation import NONE, Option, Question
from pindesk.knowledge.evaluation import DEFAULT_EVAL, Case, load_cases
from pindesk.knowledge.questions import NETWORK_QUESTION
from pindesk.knowledge.simulation import SimulatedUser, evaluate_dialogue

SETS = [DEFAULT_EVAL, DEFAULT_EVAL.parent / "independent-dev.yaml"]


@pytest.fixture(scope="module", params=SETS, ids=lambda path: path.stem)
def report(request, engine):
    """The dialogue evaluation of one labelled set (the held-out split is only ever reported)."""
    return evaluate_dialogue(engine, load_cases(request.param))


def test_at_least_half_of_the_first_turn_misses_are_resolved_within_two_questions(report):
    figures = report.to_dict()
    missed = figures["missed_first_turn"]
    if not missed["count"]:  # no covered query missed on the first turn: then every one was right on it
        assert figures["single_turn"]["top1"] == 1.0, figures["single_turn"]
    assert missed["resolved_within_two"] >= missed["count"] / 2, missed


def test_no_query_right_on_the_first_turn_becomes_wrong(report):
    assert [p.case.query for p in report.became_wrong()] == []


def test_the_figures_sit_beside_the_single_turn_ones(report):
    figures = report.to_dict()
    assert figures["dialogue"]["wrongly_answered"] <= figures["single_turn"]["wrongly_answered"]
    assert figures["dialogue"]["top1"] >= figures["single_turn"]["top1"]
    assert 0 < figures["dialogue"]["average_questions"] <= 3


def question(kind, *values):
    """A question of a kind offering these values and "none of these"."""
    return Question(kind, "?", tuple(Option(v, v) for v in values) + (Option("None of these", NONE),))


def test_the_simulated_person_answers_from_their_apps_catalog_entry(catalog):
    person = SimulatedUser(Case("it says No Internet Connection", "error_text", ("overcast",)), catalog)
    assert person.reply(question("app", "trainingpeaks", "overcast")) == "overcast"
    assert person.reply(question("platform", "windows", "android")) == "android"  # Overcast: mobile
    assert person.reply(question("error", "Offline error", "No Internet Connection")) == "No Internet Connection"
    assert person.reply(question("error", "Offline error")) == NONE
    assert person.reply(NETWORK_QUESTION) == "works-elsewhere"


def test_someone_whose_app_is_not_in_the_catalog_says_none_and_has_not_tried(catalog):
    person = SimulatedUser(Case("whatsapp won't connect", "uncovered", ()), catalog)
    assert person.reply(question("app", "signal")) == NONE
    assert person.reply(question("platform", "ios")) == NONE
    assert person.reply(NETWORK_QUESTION) == "not-tried"
