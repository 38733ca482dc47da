"""A TF-IDF space is plain arrays (terms, IDF weights, rows) that answer queries as scikit-learn's fit does."""
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from pindesk.knowledge.space import CHAR_RANGE, CHARS, Space, corpus, fit_arrays


def test_the_arrays_are_plain_and_a_query_scores_like_scikit_learn(catalog):
    documents = corpus(catalog)
    arrays = fit_arrays(CHARS, documents)
    assert arrays.idf.dtype == np.float32 and arrays.data.dtype == np.float32
    assert len(arrays.terms) == len(arrays.idf) and len(arrays.indptr) == len(documents) + 1
    space = Space(arrays, max_query_features=10_000, dense_limit=10**9, word_cache=100)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_RANGE, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents)
    query = "netflix says currently unavailable"
    expected = (matrix @ vectorizer.transform([query]).T).toarray().ravel()
    assert np.allclose(space.cosine(query), expected, atol=1e-5)


def test_dense_and_sparse_rows_give_the_same_scores(catalog):
    arrays = fit_arrays(CHARS, corpus(catalog))
    dense = Space(arrays, 96, dense_limit=10**9, word_cache=100)
    sparse = Space(arrays, 96, dense_limit=0, word_cache=100)
    assert isinstance(dense.matrix, np.ndarray) and not isinstance(sparse.matrix, np.ndarray)
    assert np.allclose(dense.cosine("iMessage won't send"), sparse.cosine("iMessage won't send"))
