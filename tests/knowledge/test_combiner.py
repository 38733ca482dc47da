"""The learned combination of the evidence: its weights file, its probability, its fitting."""
import json

import pytest

from pindesk.knowledge.combiner import DEFAULT_WEIGHTS, FEATURES, Combiner, load_combiner
from pindesk.knowledge.errors import CatalogError
from pindesk.knowledge.fitting import fitted


def test_the_shipped_weights_cover_every_feature_and_record_how_they_were_fitted():
    record = json.loads(DEFAULT_WEIGHTS.read_text())
    assert record["features"] == list(FEATURES) and set(record["weights"]) == set(FEATURES)
    assert record["fitted_on"] == ["independent-train.yaml", "queries.yaml"]
    assert record["chosen_on"] == "independent-dev.yaml" and record["old_floors_kept"] is True
    assert 0 < load_combiner().threshold < 1


def test_the_probability_is_the_sigmoid_of_the_weighted_features():
    combiner = Combiner(tuple([0.0] * len(FEATURES)), 0.0, 0.5)
    assert combiner.probabilities([[1.0] * len(FEATURES)]) == [0.5]
    weights = tuple(2.0 if name == "name" else 0.0 for name in FEATURES)
    row = [1.0 if name == "name" else 0.0 for name in FEATURES]
    assert Combiner(weights, -2.0, 0.5).probabilities([row]) == [0.5]
    assert Combiner(weights, 1000.0, 0.5).probabilities([row])[0] == pytest.approx(1.0)


def test_a_broken_weights_file_is_refused_with_the_way_to_refit(tmp_path):
    path = tmp_path / "combiner.json"
    path.write_text(json.dumps({"weights": {"name": 1.0}, "bias": 0, "threshold": 0.5}))
    with pytest.raises(CatalogError, match="pindesk eval --fit"):
        load_combiner(path)


def test_fitting_is_reproducible_and_leaves_the_platform_to_tie_breaks():
    rows = [[float((n * 7 + k) % 5 == 0) for k in range(len(FEATURES))] for n in range(60)]
    labels = [int(row[FEATURES.index("name")] > 0 or n % 7 == 0) for n, row in enumerate(rows)]
    first = fitted(rows, labels, [1.0] * len(rows), 1.0, 1.0, 0.5)
    assert first == fitted(rows, labels, [1.0] * len(rows), 1.0, 1.0, 0.5)
    assert first.weights[FEATURES.index("platform_fit")] == 0.0


def test_confidence_is_the_probability_shared_by_equal_candidates(engine):
    answer = engine.ask("No Internet Connection")
    assert answer.ambiguous and {m.id for m in answer.candidates} == {"overcast", "trainingpeaks"}
    assert answer.confidence == pytest.approx(min(0.99, sum(m.score for m in answer.candidates)))
