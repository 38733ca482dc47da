"""The answer's value types set their fields in an __init__ of their own: it must take exactly the fields."""
import dataclasses
import inspect

import pytest

from pindesk.knowledge.answer import Answer, HostReport, Match, Reason


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

