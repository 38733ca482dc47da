"""The shipped evaluation set: the engine must stay above the floors the product promises."""
from pindesk.knowledge.evaluation import evaluate, load_cases

# Floors: raise them as the engine improves; never lower them to make a change pass.
TOP1_FLOOR = 0.97
ABSTAIN_RECALL_FLOOR = 0.94
WRONG_ABSTAIN_CEILING = 0.02


def test_the_set_is_large_and_varied(catalog):
    cases = load_cases(known_ids={a.id for a in catalog.apps} | {a.id for a in catalog.articles})
    assert len(cases) >= 250
    assert sum(1 for c in cases if not c.covered) >= 50
    assert {c.kind for c in cases} >= {"app_error", "error_text", "symptom", "typo", "alias", "host",
                                       "platform", "topic", "uncovered"}


def test_engine_meets_the_floors(engine):
    report = evaluate(engine, load_cases())
    assert report.top1 >= TOP1_FLOOR, report.to_dict()
    assert report.abstain_recall >= ABSTAIN_RECALL_FLOOR, report.to_dict()
    assert report.wrongly_abstained <= WRONG_ABSTAIN_CEILING, report.to_dict()
