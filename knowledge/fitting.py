"""Fitting the combiner: a logistic regression over the evidence features, fitted on the training split
and the old set, the regularisation and the threshold chosen on the dev split. Run by `pindesk eval --fit`.

The features of every candidate do not depend on the weights, so they are gathered once; scikit-learn
is only imported here, never when answering.
"""
from __future__ import annotations

import json
from dataclasses import replace
from itertools import product
from pathlib import Path

from .combiner import DEFAULT_WEIGHTS, FEATURES, Combiner
from .engine import Engine
from .evaluation import evaluate, load_cases

REGULARISATION = (1.0, 10.0)  # scikit-learn's C: the inverse strength of the L2 penalty
RIGHT_WEIGHTS = (1.0, 3.0)  # how much a right candidate counts against a wrong one (there are ~9 wrong to 1)
# How much the old set's queries count beside the independent training split's: it was written with the
# engine, so it speaks less for what people type; its floors are kept either way.
GUARD_WEIGHTS = (0.25, 0.5, 1.0)
UNWEIGHTED = ("platform_fit",)  # features the model is not fitted on (their weight is 0)
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 3) for i in range(9))  # 0.2 to 0.6


def candidate_rows(engine: Engine, cases) -> tuple[list[list[float]], list[int]]:
    """Features and labels (1: an acceptable app) of every candidate the engine weighs for each case."""
    rows, labels = [], []
    for case in cases:
        for _, index, _, features in engine.ranked(case.query):
            rows.append(features)
            labels.append(int(engine.apps[index].id in case.expect))
    return rows, labels


def fitted(rows, labels, weights, regularisation: float, right_weight: float, threshold: float) -> Combiner:
    """A logistic regression fitted on the weighted rows, as a Combiner with the given threshold."""
    from sklearn.linear_model import LogisticRegression
    model = LogisticRegression(C=regularisation, class_weight={0: 1.0, 1: right_weight}, max_iter=5000)
    # The platform named only breaks ties between candidates (decision.py) and weighs in the noisy-OR
    # already; its own weight stays 0.
    kept = [n for n, name in enumerate(FEATURES) if name not in UNWEIGHTED]
    model.fit([[row[n] for n in kept] for row in rows], labels, sample_weight=weights)
    coefficients = dict(zip(kept, model.coef_[0], strict=True))
    return Combiner(tuple(float(coefficients.get(n, 0.0)) for n in range(len(FEATURES))),
                    float(model.intercept_[0]), threshold)


def score(report) -> float:
    """What the choice maximises: the share of queries handled right (answered right, or rightly
    abstained), less the calibration error."""
    right = sum(1 for o in report.outcomes if (o.case.covered and o.top1) or (not o.case.covered and not o.answered))
    return right / len(report.outcomes) - report.ece


def fit(catalog, train_file, dev_file, guard_file, out: Path = DEFAULT_WEIGHTS, progress=print,
        article_model=None) -> dict:
    """Fit on the training split and the old set (the guard), choose C, the weights and the threshold on
    dev among the choices that keep the old set's floors and dev's; write the weights and return the record.
    `article_model`: the article chooser's, fitted first, so dev is judged as the engine will answer."""
    # The features do not depend on the weights: start from none, so a stale weights file never stops a refit.
    engine = Engine(catalog, combiner=Combiner(tuple([0.0] * len(FEATURES)), 0.0, 0.5),
                    choose_articles=article_model is not None, article_model=article_model)
    known = {a.id for a in catalog.apps} | {a.id for a in catalog.articles}
    train, dev, guard = (load_cases(path, known_ids=known) for path in (train_file, dev_file, guard_file))
    rows, labels = candidate_rows(engine, train)
    guard_rows, guard_labels = candidate_rows(engine, guard)
    progress(f"fit: {len(rows)} candidates of {len(train)} training queries, {len(guard_rows)} of "
             f"{len(guard)} old ones")
    best = None
    for regularisation, right_weight, guard_weight in product(REGULARISATION, RIGHT_WEIGHTS, GUARD_WEIGHTS):
        weights = [1.0] * len(rows) + [guard_weight] * len(guard_rows)
        combiner = fitted(rows + guard_rows, labels + guard_labels, weights, regularisation, right_weight, 0.5)
        for threshold in THRESHOLDS:
            trial = engine.with_combiner(replace(combiner, threshold=threshold))
            on_dev = evaluate(trial, dev)
            result = (_keeps_floors(evaluate(trial, guard)) and _keeps_dev_floors(on_dev), score(on_dev))
            if best is None or result > best[0]:
                best = (result, (regularisation, right_weight, guard_weight), replace(combiner, threshold=threshold))
        progress(f"fit: C={regularisation}, right x{right_weight}, old x{guard_weight}: best so far: dev score "
                 f"{best[0][1]:.3f}, old floors kept: {best[0][0]} ({best[1]}, threshold {best[2].threshold})")
    (kept, result), (regularisation, right_weight, guard_weight), combiner = best
    record = {**combiner.to_dict(), "fitted_on": [Path(train_file).name, Path(guard_file).name],
              "chosen_on": Path(dev_file).name, "regularisation": regularisation, "right_weight": right_weight,
              "old_set_weight": guard_weight, "dev_score": round(result, 4), "old_floors_kept": kept}
    Path(out).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record


# The old set's figures that a choice must keep (tests/knowledge/test_evaluation.py holds the same floors).
GUARD_TOP1, GUARD_ABSTAIN_RECALL = 0.97, 0.98


# The dev split's floors (the same test's): a choice that trades them away for the score is not taken.
DEV_TOP1, DEV_ABSTAIN_RECALL = 0.97, 0.98


def _keeps_floors(report) -> bool:
    """Whether a run on the old set keeps its top-1 and abstain recall floors."""
    return report.top1 >= GUARD_TOP1 and report.abstain_recall >= GUARD_ABSTAIN_RECALL


def _keeps_dev_floors(report) -> bool:
    """Whether a run on the dev split keeps its top-1 and abstain recall floors."""
    return report.top1 >= DEV_TOP1 and report.abstain_recall >= DEV_ABSTAIN_RECALL
