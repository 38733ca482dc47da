"""Our two analyzers give exactly scikit-learn's terms, so a space fitted by it answers queries without it."""
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from pindesk.knowledge.evaluation import load_cases
from pindesk.knowledge.space import CHAR_RANGE, WORD_RANGE, char_wb_terms, corpus, word_terms
from pindesk.knowledge.text import stemmed_words

ODD = ["", "  ", "a", "ab", "abc", "abcd", " lead and  trail ", "tabs\tand\nnewlines\r\n", "ÀÉÎ Straße İstanbul",
       "🙃🔥 netflix 🔥", "نتفليكس لا يعمل", "x\x00y\x07z", "CONNECT login.live.com:443", "don't can't won't"]


def texts(catalog):
    """Every catalog document, every evaluation query, each query word alone, and odd text."""
    queries = [case.query for case in load_cases()]
    return corpus(catalog) + queries + [w for q in queries for w in q.split()] + ODD


def test_character_ngrams_are_scikit_learns(catalog):
    sklearn = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_RANGE).build_analyzer()
    for text in texts(catalog):
        assert char_wb_terms(text) == sklearn(text), text


def test_word_terms_are_scikit_learns(catalog):
    sklearn = TfidfVectorizer(ngram_range=WORD_RANGE, tokenizer=stemmed_words, token_pattern=None,
                              lowercase=False).build_analyzer()
    for text in texts(catalog):
        assert word_terms(text) == sklearn(text), text


@pytest.mark.parametrize("word, grams", [
    ("a", [" a "]),
    ("ab", [" ab", "ab ", " ab "]),
    ("abc", [" ab", "abc", "bc ", " abc", "abc ", " abc "]),
])
def test_a_word_is_padded_and_a_short_one_stops_at_its_own_length(word, grams):
    assert char_wb_terms(word) == grams


def test_word_terms_are_stems_then_neighbouring_pairs():
    assert word_terms("the updates are failing") == ["updat", "fail", "updat fail"]
