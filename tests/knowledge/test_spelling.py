"""Typos of catalog words are corrected; everyday words are left alone unless one letter off a name."""
import pytest


@pytest.mark.parametrize("typed, meant", [("netflx", "netflix"), ("twiter", "twitter"), ("unavailible", "unavailable")])
def test_a_typo_becomes_the_catalog_word(engine, typed, meant):
    assert engine._speller.correct([typed]) == [meant]


@pytest.mark.parametrize("word", ["printer", "the", "ios", "443"])
def test_known_and_everyday_words_stay(engine, word):
    assert engine._speller.correct([word]) == [word]


def test_a_word_nobody_knows_is_none(engine):
    assert engine._speller.correct(["qwzkx"]) == [None]
