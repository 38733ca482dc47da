"""The answer's value types set their fields in an __init__ of their own: it must take exactly the fields."""
import dataclasses
import inspect

import pytest

from pindesk.knowledge.answer import Answer, HostReport, Match, Reason, new_answer, new_match


@pytest.mark.parametrize("cls", [Reason, Match, Answer])
def test_init_takes_exactly_the_fields_with_their_defaults(cls):
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [inspect.Parameter.empty if f.default is dataclasses.MISSING
                                               else f.default for f in fields]


def test_fields_are_set_and_stay_frozen():
    reason = Reason("name", "Slack", "slack")
    match = Match(0.5, (reason,))
    answer = Answer(query="q", outcome="answered", confidence=0.5, message="m", matches=(match,),
                    hosts=(HostReport("a.com", ()),))
    assert (reason.field, reason.text, reason.matched) == ("name", "Slack", "slack")
    assert (match.score, match.why, match.app, match.article) == (0.5, (reason,), None, None)
    assert answer.tied == 1 and answer.platform is None and answer.advice == ()
    assert dataclasses.replace(answer, tied=2).tied == 2
    assert answer == Answer(query="q", outcome="answered", confidence=0.5, message="m", matches=(match,),
                            hosts=(HostReport("a.com", ()),))
    assert hash(reason) == hash(Reason("name", "Slack", "slack"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.score = 1.0


@pytest.mark.parametrize(("cls", "made"), [(Match, new_match), (Answer, new_answer)])
def test_the_engines_makers_take_the_fields_and_make_the_same(cls, made):
    assert list(inspect.signature(made).parameters) == [f.name for f in dataclasses.fields(cls)]
    assert [p.default for p in inspect.signature(made).parameters.values()] == \
        [p.default for p in list(inspect.signature(cls.__init__).parameters.values())[1:]]
    if cls is Match:
        args = {"score": 0.5, "why": (Reason("name", "Slack", "slack"),)}
    else:
        args = {"query": "q", "outcome": "answered", "confidence": 0.5, "message": "m", "matches": (), "tied": 2}
    made_here, made_so = made(**args), cls(**args)
    assert made_here == made_so and vars(made_here) == vars(made_so)
    assert list(vars(made_here)) == list(vars(made_so))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made_here.score = 1.0
