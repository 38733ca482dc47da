"""The article chooser: which article answers a question about pinning itself."""
import json
from dataclasses import replace

import pytest

from pindesk.knowledge.article_choice import DEFAULT_CHOOSER, ArticleChooser, load_model
from pindesk.knowledge.catalog import load_catalog
from pindesk.knowledge.engine import Engine
from pindesk.knowledge.errors import CatalogError
from pindesk.knowledge.evaluation import evaluate, load_cases, shipped_splits


def test_the_shipped_model_covers_every_article_and_records_how_it_was_fitted(catalog):
    record = json.loads(DEFAULT_CHOOSER.read_text())
    assert set(record["articles"]) == {a.id for a in catalog.articles}
    assert "independent-heldout.yaml" not in record["fitted_on"] and record["chosen_on"] == "independent-dev.yaml"
    model = load_model()
    assert model.words and model.chars and len(model.intercepts) == len(catalog.articles)


def test_a_damaged_model_is_refused_with_the_way_to_refit(tmp_path):
    path = tmp_path / "article_chooser.json"
    path.write_text(json.dumps({"articles": ["a", "b"], "intercepts": [0.0], "words": {}, "chars": {}}))
    with pytest.raises(CatalogError, match="pindesk eval --fit"):
        load_model(path)
    with pytest.raises(CatalogError, match="pindesk eval --fit"):
        load_model(tmp_path / "missing.json")


def topic_questions(catalog, split):
    known = {a.id for a in catalog.apps} | {a.id for a in catalog.articles}
    return [c for c in load_cases(shipped_splits()[split], known_ids=known) if c.kind == "topic"]


def test_on_questions_it_was_not_fitted_on_it_picks_the_right_article_more_often_than_similarity(catalog, engine):
    plain = Engine(catalog, choose_articles=False)
    questions = topic_questions(catalog, "dev")
    right = {name: sum(o.top1 for o in evaluate(e, questions).outcomes)
             for name, e in (("chooser", engine), ("similarity", plain))}
    assert right["chooser"] > right["similarity"], right


def test_the_answer_lists_the_likeliest_article_first_as_sure_as_the_nearest_is_near(engine):
    answer = engine.ask("why doesn't our proxy just tell us which apps are pinning instead of logging a reset?")
    scores = [m.score for m in answer.matches]
    assert answer.matches[0].article is not None and scores == sorted(scores, reverse=True)
    assert answer.confidence == scores[0]


def test_a_catalog_with_other_articles_orders_them_by_similarity(tmp_path):
    catalog = load_catalog()
    renamed = replace(catalog, articles=tuple(replace(a, id=a.id + "-local") for a in catalog.articles))
    chooser = ArticleChooser(Engine(renamed).text_search, tuple(a.id for a in renamed.articles))
    assert chooser.probabilities("what is certificate pinning") is None
    answer = Engine(renamed).ask("what is certificate pinning?")
    assert answer.matches and answer.matches[0].article.id.endswith("-local")


def test_a_server_s_engine_has_the_chooser_ready_and_a_command_s_reads_it_at_the_first_question(catalog):
    assert Engine(catalog).chooser._matrices is not None  # built with the engine, before any request
    lazy = Engine(catalog, lazy=True)
    assert lazy.chooser._matrices is None
    lazy.ask("what is certificate pinning?")
    assert lazy.chooser._matrices is not None


@pytest.mark.parametrize("limit", [1, 2])
def test_an_answer_from_the_articles_lists_no_more_than_asked_for(engine, limit):
    answer = engine.ask("TLS", limit=limit)
    assert answer.matches and answer.matches[0].article is not None and len(answer.matches) <= limit
