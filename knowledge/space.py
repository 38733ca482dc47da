"""TF-IDF spaces as plain arrays (terms, IDF weights, document rows), fitted and queried in our code.

A fitted space is three arrays and a kind, so it can be stored and loaded as they are. Fitting and the
two analyzers reproduce scikit-learn's TfidfVectorizer bit for bit (tests/knowledge/test_analyzers.py and
test_space.py), without importing it: scikit-learn pulls in scipy.stats, over a second of start-up.
"""
from __future__ import annotations

import math
import re
from collections import Counter, _count_elements
from dataclasses import dataclass
from itertools import chain, pairwise

import numpy as np

from .text import PerWord, stemmed_words

CHARS, WORDS = "char_wb", "word"
CHAR_RANGE = (3, 5)  # character n-grams of 3 to 5, padded with a space at each end of a word
WORD_RANGE = (1, 2)  # stems and pairs of stems
_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_terms(text: str) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's `char_wb` analyzer makes them.

    Each word is padded with one space either side; a word shorter than an n-gram size gives itself
    once (padded) and no longer n-grams.
    """
    low, high = CHAR_RANGE
    grams = []
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        word = f" {word} "
        size = len(word)
        for n in range(low, high + 1):
            grams += [word[i:i + n] for i in range(max(1, size - n + 1))]
            if size <= n:  # a short word counts once, and no longer n-gram follows
                break
    return grams


def word_terms(text: str) -> list[str]:
    """Stems of the content words, then each pair of neighbouring stems (scikit-learn's word n-grams)."""
    return with_pairs(stemmed_words(text))


def with_pairs(stems: list[str]) -> list[str]:
    """The stems, then each pair of neighbouring stems."""
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


ANALYZERS = {CHARS: char_wb_terms, WORDS: word_terms}


@dataclass(frozen=True)
class SpaceArrays:
    """A fitted space as plain arrays: what a cache stores and loads."""

    kind: str  # CHARS or WORDS
    terms: list[str]  # the fitted terms, by column
    idf: np.ndarray  # float32, one weight per column
    data: np.ndarray  # float32: the rows in CSR form (L2-normalised sublinear tf times idf)
    indices: np.ndarray  # int32 column of each value
    indptr: np.ndarray  # int32 where each row starts in data


def fit_arrays(kind: str, corpus: list[str]) -> SpaceArrays:
    """Fit TF-IDF over the corpus as scikit-learn's TfidfVectorizer(sublinear_tf=True) does, bit for bit.

    Terms get columns in sorted order; idf is ln((1 + n) / (1 + df)) + 1 in float32; each row is
    (1 + ln tf) x idf in float32, divided by its L2 norm summed in double precision in the order the
    terms were first seen (tests/knowledge/test_space.py compares every bit with scikit-learn).
    """
    analyze = ANALYZERS[kind]
    first_seen: dict[str, int] = {}
    columns, counts, indptr = [], [], [0]
    for document in corpus:
        # Counter keeps terms in the order first seen, which is the order columns are handed out in.
        counted = Counter(analyze(document))
        row = {first_seen.setdefault(term, len(first_seen)): count for term, count in counted.items()}
        for column in sorted(row):
            columns.append(column)
            counts.append(row[column])
        indptr.append(len(columns))
    terms = sorted(first_seen)
    order = np.empty(len(terms), np.int32)
    order[[first_seen[term] for term in terms]] = np.arange(len(terms), dtype=np.int32)
    seen_columns = np.asarray(columns, np.int64)
    indptr = np.asarray(indptr, np.int32)
    df = np.bincount(seen_columns, minlength=len(terms)).astype(np.float32)[np.argsort(order)]
    idf = np.full_like(df, len(corpus) + 1, dtype=np.float32)
    idf /= df + np.float32(1.0)
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    indices = order[seen_columns]
    data = np.log(np.asarray(counts, np.float32)) + np.float32(1.0)
    data *= idf[indices]
    squares = (data * data).astype(np.float64)
    for start, end in zip(indptr[:-1], indptr[1:], strict=True):
        total = float(np.cumsum(squares[start:end])[-1]) if end > start else 0.0
        if total:
            data[start:end] = (data[start:end].astype(np.float64) / np.sqrt(total)).astype(np.float32)
    for start, end in zip(indptr[:-1], indptr[1:], strict=True):
        by_column = np.argsort(indices[start:end], kind="stable") + start
        indices[start:end], data[start:end] = indices[by_column], data[by_column]
    return SpaceArrays(kind, terms, idf, data, indices, indptr)


class Space:
    """One TF-IDF space ready for queries: its vocabulary, weights and rows, and a query transform."""

    def __init__(self, arrays: SpaceArrays, max_query_features: int, dense_limit: int, word_cache: int):
        self.arrays = arrays
        self.analyze = ANALYZERS[arrays.kind]
        self.vocabulary = {term: column for column, term in enumerate(arrays.terms)}
        self.idf = arrays.idf
        # The columns of pairs of stems, by the two stems ("a b" by ("a", "b")): no stem holds a space.
        self._pairs = {term.partition(" ")[::2]: column for term, column in self.vocabulary.items() if " " in term}
        self.max_query_features = max_query_features
        self.per_word = arrays.kind == CHARS
        # What a query's words give is worked out once per word: no term crosses a space (character
        # n-grams stay inside a word; stems are read word by word), only the word space's pairs do.
        self._read_word = PerWord(self._word_columns if self.per_word else (lambda word: tuple(stemmed_words(word))),
                                  word_cache).__getitem__
        self.rows = len(arrays.indptr) - 1
        self._last: tuple = (None, None)  # the text last read into a vector, and its vector
        shape = (self.rows, len(arrays.terms))
        if shape[0] * shape[1] <= dense_limit:
            # Kept a term per row (the transpose): a query's few columns are then a few runs of memory,
            # not a value from every row each.
            self.by_term = np.zeros(shape[::-1], np.float32)
            row_of = np.repeat(np.arange(self.rows), np.diff(arrays.indptr))
            self.by_term[arrays.indices, row_of] = arrays.data
            self.matrix = self.by_term.T
        else:
            self.by_term = None
            from scipy import sparse  # only catalogs too large to keep dense need it
            self.matrix = sparse.csr_matrix((arrays.data, arrays.indices, arrays.indptr), shape=shape).tocsc()

    def _columns(self, text: str) -> list[int]:
        """The fitted columns of a text's terms, in order, repeats kept."""
        vocabulary = self.vocabulary
        return [col for col in map(vocabulary.get, self.analyze(text)) if col is not None]

    def _word_columns(self, word: str) -> np.ndarray:
        """The fitted columns of one word's terms, in order, repeats kept, as an array."""
        return np.array(self._columns(word), np.int64)

    def _query_columns(self, text: str) -> list[int] | np.ndarray:
        """The fitted columns of a query's terms, in order, repeats kept: as `_columns`, read word by word (an
        array in the character space, where a query's terms are many)."""
        words = text.split()
        if self.per_word:
            return np.concatenate(list(map(self._read_word, words))) if words else np.empty(0, np.int64)
        stems = list(chain.from_iterable(map(self._read_word, words)))
        # The stems, then each pair of neighbouring stems (as `with_pairs`), looked up without joining the pairs.
        found = chain(map(self.vocabulary.get, stems), map(self._pairs.get, pairwise(stems)))
        return [col for col in found if col is not None]

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Columns and L2-normalised weights of the query (sublinear tf times idf, as fitted)."""
        last_text, last_vector = self._last
        if text == last_text:  # the article chooser reads the text the scores were just worked out from
            return last_vector
        found = self._vector(text)
        self._last = (text, found)
        return found

    def _vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """`vector`, worked out."""
        columns = self._query_columns(text)
        if not len(columns):
            return np.empty(0, np.int64), np.empty(0, np.float32)
        cols, tf = counted_array(columns) if self.per_word else counted_list(columns)
        if tf is None:  # every term once: 1 + ln 1 is exactly 1, the weights are the IDF
            weights = self.idf[cols]
        else:
            weights = (ONE + np.log(tf)) * self.idf[cols]
        # The L2 norm without np.linalg.norm's checks; a float32 square root rounds as the double one rounded
        # to float32 does, and the division is in float32 either way.
        weights /= math.sqrt(weights.dot(weights))
        if len(cols) > self.max_query_features:
            keep = weights.argpartition(-self.max_query_features)[-self.max_query_features:]
            cols, weights = cols[keep], weights[keep]
        return cols, weights

    def cosine(self, text: str) -> np.ndarray:
        """Cosine similarity of a query text with every row."""
        cols, weights = self.vector(text)
        if not len(cols):
            return np.zeros(self.rows, np.float32)
        if self.by_term is not None:
            # As weights @ by_term[cols], with less copying; the method skips np.dot's Python-level dispatch.
            return weights.dot(self.by_term.take(cols, 0))
        return np.asarray(self.matrix[:, cols] @ weights).ravel()


def constant(value: float) -> np.ndarray:
    """A number as a read-only float32 0-d array: an array times it is what it is times the Python float
    (which NumPy rounds to float32 beside a float32 array), and NumPy does less work per call."""
    found = np.array(value, np.float32)
    found.flags.writeable = False
    return found


ONE = constant(1.0)


def counted_list(columns: list[int]) -> tuple[np.ndarray, np.ndarray | None]:
    """The distinct columns in the order first seen, and how often each is there (float32); None for the
    counts when every column is there once."""
    counts: dict[int, int] = {}
    _count_elements(counts, columns)  # as Counter counts (first seen first), without its checks
    cols = np.fromiter(counts, np.int64, len(counts))
    if len(counts) == len(columns):
        return cols, None
    return cols, np.fromiter(counts.values(), np.float32, len(counts))


def counted_array(columns: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """`counted_list` of an array, in NumPy: quicker for the many terms of the character space."""
    n = len(columns)
    order = columns.argsort(kind="stable")  # by column, and each column's places in the order seen
    ranked = columns[order]
    starts = np.empty(n + 1, bool)  # where each column's run in `ranked` starts, and where the last ends
    starts[0] = starts[n] = True
    np.not_equal(ranked[1:], ranked[:-1], out=starts[1:n])
    bounds = starts.nonzero()[0]
    if len(bounds) == n + 1:
        return columns, None
    first = order[bounds[:-1]]  # where each column is first seen
    seen = first.argsort()  # the columns in the order first seen
    return columns[first[seen]], (bounds[1:] - bounds[:-1])[seen].astype(np.float32)


def app_document(app) -> str:
    """Everything the catalog says of an app, its error texts weighted double."""
    names = " ".join((app.name, app.title or "", *app.aliases))
    return "\n".join([names, *app.error_messages, *app.error_messages, *app.symptoms,
                      app.notes, app.vendor, " ".join(app.platforms)])


def description_document(app) -> str:
    """How people describe an app without naming it: what it is, who makes it, what it is called, its icon."""
    return "\n".join([app.category, *app.known_as, app.icon or "", app.vendor, *app.makers])


def article_head(article) -> str:
    """An article's title, summary and keywords: what people ask it by."""
    return "\n".join([article.title, article.summary, *article.keywords])


def corpus(catalog) -> list[str]:
    """The documents of both spaces: a row per app, then per article head, then per article body, then
    per app's description (how people describe it without naming it)."""
    return ([app_document(app) for app in catalog.apps] + [article_head(a) for a in catalog.articles]
            + [article.body for article in catalog.articles] + [description_document(app) for app in catalog.apps])


def stem_idf(words: SpaceArrays) -> dict[str, float]:
    """The IDF of every single stem of the word space."""
    return {term: float(words.idf[col]) for col, term in enumerate(words.terms) if " " not in term}


class TextSearch:
    """Free text against the catalog: a word space and a character space over the same rows."""

    def __init__(self, words: SpaceArrays, chars: SpaceArrays, apps: int, articles: int, tuning):
        self.words = Space(words, tuning.word_features, tuning.dense_limit, tuning.word_cache)
        self.chars = Space(chars, tuning.char_features, tuning.dense_limit, tuning.word_cache)
        self.apps, self.articles, self.tuning = apps, articles, tuning
        self._word_share, self._char_share = constant(tuning.word_share), constant(1.0 - tuning.word_share)
        self._body_weight = constant(tuning.body_weight)

    def scores(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Similarity with every app and every article (words and characters mixed), and the word space's
        similarity with every row (see `apps_and_descriptions`)."""
        words = self.words.cosine(text)
        scores = self._word_share * words
        scores += self._char_share * self.chars.cosine(text)
        n, k = self.apps, self.articles
        articles = np.maximum(scores[n:n + k], self._body_weight * scores[n + k:n + 2 * k])
        return scores[:n], articles, words

    def word_scores(self, text: str) -> np.ndarray:
        """The word space's similarity of a text with every row."""
        return self.words.cosine(text)

    def apps_and_descriptions(self, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """From the word space's similarities with every row: those with the apps, and with their descriptions."""
        n, k = self.apps, self.articles
        return words[:n], words[n + 2 * k:]
