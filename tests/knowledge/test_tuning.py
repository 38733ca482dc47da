"""One frozen record holds every number the engine decides by; `pindesk eval --tune` varies it."""
import dataclasses

import pytest

from pindesk.knowledge.engine import Engine
from pindesk.knowledge.tuning import Tuning


def test_the_record_is_frozen_and_every_field_has_a_default():
    tuning = Tuning()
    with pytest.raises(dataclasses.FrozenInstanceError):
        tuning.threshold = 0.5
    assert tuning.to_dict()["threshold"] == 0.0 and len(tuning.to_dict()) == len(dataclasses.fields(Tuning))


def test_assignments_vary_fields_with_their_types():
    varied = Tuning().varied(["threshold=0.5", "word_features = 10"])
    assert varied.threshold == 0.5 and varied.word_features == 10 and isinstance(varied.word_features, int)
    assert Tuning().varied([]) == Tuning()


@pytest.mark.parametrize("assignment, message", [
    ("nope=1", "no tuning field 'nope'"), ("threshold", "NAME=VALUE"), ("threshold=high", "not a number"),
    ("word_features=6.5", "not a whole number"),
])
def test_bad_assignments_are_named(assignment, message):
    with pytest.raises(ValueError, match=message):
        Tuning().varied([assignment])


def test_the_engine_decides_by_its_tuning(catalog):
    strict = Engine(catalog, tuning=Tuning(threshold=0.999))
    assert strict.tuning.threshold == 0.999
    assert strict.ask("netflix says currently unavailable").outcome == "abstained"


def test_eval_reports_and_varies_the_tuning(run_cli):
    import json
    result = run_cli("eval", "--json", "--tune", "threshold=0.999")
    data = json.loads(result.stdout)
    assert result.status == 0 and data["tuning"]["threshold"] == 0.999 and data["top1"] < 0.5
    bad = run_cli("eval", "--tune", "thresold=0.5")
    assert bad.status == 2 and bad.stderr.count("\n") == 1 and "thresold" in bad.stderr
