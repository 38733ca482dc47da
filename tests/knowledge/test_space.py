"""A TF-IDF space is plain arrays (terms, IDF weights, rows), fitted bit for bit as scikit-learn fits them."""
import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from pindesk.knowledge.space import CHAR_RANGE, CHARS, WORD_RANGE, WORDS, Space, corpus, fit_arrays
from pindesk.knowledge.text import stemmed_words

VECTORIZERS = {
    CHARS: lambda: TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_RANGE, sublinear_tf=True, dtype=np.float32),
    WORDS: lambda: TfidfVectorizer(ngram_range=WORD_RANGE, sublinear_tf=True, tokenizer=stemmed_words,
                                   token_pattern=None, lowercase=False, dtype=np.float32),
}


def dense(arrays):
    """The rows of a space as a dense matrix."""
    rows = len(arrays.indptr) - 1
    matrix = np.zeros((rows, len(arrays.terms)), np.float32)
    matrix[np.repeat(np.arange(rows), np.diff(arrays.indptr)), arrays.indices] = arrays.data
    return matrix


@pytest.mark.parametrize("kind", [CHARS, WORDS])
def test_the_fit_is_scikit_learns_bit_for_bit(catalog, kind):
    documents = corpus(catalog)
    ours, vectorizer = fit_arrays(kind, documents), VECTORIZERS[kind]()
    theirs = vectorizer.fit_transform(documents).astype(np.float32)
    assert ours.terms == sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    assert ours.idf.tobytes() == vectorizer.idf_.astype(np.float32).tobytes()
    assert dense(ours).tobytes() == np.asarray(theirs.todense()).tobytes()


def test_the_arrays_are_plain_and_a_query_scores_like_scikit_learn(catalog):
    documents = corpus(catalog)
    arrays = fit_arrays(CHARS, documents)
    assert arrays.idf.dtype == np.float32 and arrays.data.dtype == np.float32
    assert len(arrays.terms) == len(arrays.idf) and len(arrays.indptr) == len(documents) + 1
    space = Space(arrays, max_query_features=10_000, dense_limit=10**9, word_cache=100)
    vectorizer = VECTORIZERS[CHARS]()
    matrix = vectorizer.fit_transform(documents)
    query = "netflix says currently unavailable"
    expected = (matrix @ vectorizer.transform([query]).T).toarray().ravel()
    assert np.allclose(space.cosine(query), expected, atol=1e-5)


def test_dense_and_sparse_rows_give_the_same_scores(catalog):
    arrays = fit_arrays(CHARS, corpus(catalog))
    dense_space = Space(arrays, 96, dense_limit=10**9, word_cache=100)
    sparse_space = Space(arrays, 96, dense_limit=0, word_cache=100)
    assert isinstance(dense_space.matrix, np.ndarray) and not isinstance(sparse_space.matrix, np.ndarray)
    assert np.allclose(dense_space.cosine("iMessage won't send"), sparse_space.cosine("iMessage won't send"))
