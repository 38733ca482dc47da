"""Which article answers a question about pinning itself: a logistic model over the question's TF-IDF terms.

The engine decides from similarities whether a query asks about the topic rather than an app
(decision.py); which of the articles answers it is a finer choice than the nearest article's words
make ("why doesn't the proxy just say it's pinning?" shares its words with the article on what pinning
is, and is answered by the one on why the proxy cannot tell). The model weighs the same word and
character terms as the engine's spaces, one weight per article, fitted by `pindesk eval --fit` on the
articles' own text and the topic questions of the training splits and the old set, its regularisation
chosen on dev (fitting is `fit_chooser` below; scikit-learn is only imported there).

The weights are kept by term, not by column, in article_chooser.json beside this file, so an edited
catalog (new words, new columns) keeps them. A catalog whose articles are not those the model was
fitted on goes back to the nearest article by similarity.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import CatalogError

DEFAULT_CHOOSER = Path(__file__).resolve().parent / "article_chooser.json"
CHAR_SHARE = 0.5  # the character terms beside the word terms, in the features
REGULARISATION = (1.0, 3.0, 10.0, 30.0)  # scikit-learn's C, chosen on the dev split's topic questions
KEEP_WEIGHT = 1e-3  # terms whose weights are all smaller are left out of the file
PARAGRAPH_CHARS = 30  # shorter blocks of an article (a lone heading) are not examples of their own


@dataclass(frozen=True)
class ArticleModel:
    """Per article (in `articles` order): an intercept, and a weight for each word and character term."""

    articles: tuple[str, ...]
    intercepts: tuple[float, ...]
    words: dict[str, tuple[float, ...]]
    chars: dict[str, tuple[float, ...]]

    def to_dict(self) -> dict:
        """JSON form, as article_chooser.json keeps it."""
        return {"articles": list(self.articles), "intercepts": list(self.intercepts), "char_share": CHAR_SHARE,
                "words": {t: list(w) for t, w in sorted(self.words.items())},
                "chars": {t: list(w) for t, w in sorted(self.chars.items())}}


def load_model(path: str | Path | None = None) -> ArticleModel:
    """Read the fitted model; CatalogError when the file is missing or damaged."""
    path = Path(path) if path else DEFAULT_CHOOSER
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = tuple(str(a) for a in data["articles"])
        intercepts = tuple(float(b) for b in data["intercepts"])
        words, chars = ({str(t): tuple(float(x) for x in w) for t, w in data[space].items()}
                        for space in ("words", "chars"))
        if len(intercepts) != len(articles) or any(len(w) != len(articles) for w in [*words.values(),
                                                                                    *chars.values()]):
            raise ValueError("a weight for every article is needed")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogError(f"{path}: cannot read the article chooser ({exc}); refit with `pindesk eval --fit`") \
            from None
    return ArticleModel(articles, intercepts, words, chars)


class ArticleChooser:
    """The chance that each of the catalog's articles answers a question, from the model; None when the
    model does not fit the catalog's articles (then the nearest article by similarity answers)."""

    def __init__(self, text_search, article_ids: tuple[str, ...], model: ArticleModel | None = None,
                 path: str | Path | None = None):
        self._text, self._article_ids = text_search, article_ids
        self._model, self._path = model, path
        self._matrices = None  # built at the first question: most queries never need them

    def probabilities(self, text: str) -> np.ndarray | None:
        """The chance of each article (catalog order) for a query's searchable text."""
        matrices = self.prepare()
        if matrices is None:
            return None
        intercepts, word_matrix, char_matrix = matrices
        logits = intercepts.copy()
        for space, matrix, share in ((self._text.words, word_matrix, 1.0), (self._text.chars, char_matrix,
                                                                            CHAR_SHARE)):
            columns, weights = space.vector(text)
            if len(columns):
                logits += share * (weights @ matrix[columns])
        logits -= logits.max()
        chances = np.exp(logits)
        return chances / chances.sum()

    def prepare(self):
        """The model as (intercepts, word matrix, character matrix) in the catalog's order, or None; read and
        built once, at the first question about the topic or when a server builds its engine."""
        if self._matrices is None:
            model = self._model or load_model(self._path)
            if set(model.articles) != set(self._article_ids):
                self._matrices = False
            else:
                order = [model.articles.index(a) for a in self._article_ids]
                self._matrices = (np.array([model.intercepts[i] for i in order], np.float64),
                                  _matrix(self._text.words, model.words, order),
                                  _matrix(self._text.chars, model.chars, order))
        return self._matrices or None


def _matrix(space, weights: dict[str, tuple[float, ...]], order: list[int]) -> np.ndarray:
    """A row per term of the space (zeros for terms the model has no weight for), a column per article."""
    matrix = np.zeros((len(space.vocabulary), len(order)), np.float64)
    for term, row in weights.items():
        column = space.vocabulary.get(term)
        if column is not None:
            matrix[column] = [row[i] for i in order]
    return matrix


def article_examples(article) -> list[str]:
    """An article's own text as examples of what it answers: its title, summary, keywords and paragraphs."""
    blocks = (b.strip() for b in re.split(r"\n\s*\n", article.body))
    return [article.title, article.summary, *article.keywords, *(b for b in blocks if len(b) > PARAGRAPH_CHARS)]


def fit_chooser(engine, train_cases, dev_cases, progress=print) -> tuple[ArticleModel, dict]:
    """Fit the model on the articles' text and the training topic questions; C chosen on dev's (most right,
    then the least log loss). The model and a record of the choice."""
    from sklearn.linear_model import LogisticRegression
    ids = [a.id for a in engine.articles]
    searchable = engine.searchable
    texts, labels = [], []
    for position, article in enumerate(engine.articles):
        for example in article_examples(article):
            texts.append(searchable(example))
            labels.append(position)
    questions = [c for c in train_cases if c.kind == "topic" and c.expect and c.expect[0] in ids]
    texts += [searchable(c.query) for c in questions]
    labels += [ids.index(c.expect[0]) for c in questions]
    word_space, char_space = engine.text_search.words, engine.text_search.chars
    rows = np.array([_features(word_space, char_space, t) for t in texts])
    dev = [c for c in dev_cases if c.kind == "topic" and c.expect and set(c.expect) & set(ids)]
    dev_rows = np.array([_features(word_space, char_space, searchable(c.query)) for c in dev])
    best = None
    for regularisation in REGULARISATION:
        fitted = LogisticRegression(C=regularisation, max_iter=5000).fit(rows, labels)
        chances = fitted.predict_proba(dev_rows) if dev else np.zeros((0, len(ids)))
        right = sum(1 for c, p in zip(dev, chances, strict=True) if ids[int(p.argmax())] in c.expect)
        loss = -sum(math.log(max(1e-12, max(p[ids.index(i)] for i in c.expect if i in ids)))
                    for c, p in zip(dev, chances, strict=True)) / max(1, len(dev))
        progress(f"fit: article chooser C={regularisation}: dev topic questions right {right}/{len(dev)}, "
                 f"log loss {loss:.3f}")
        if best is None or (right, -loss) > best[0]:
            best = ((right, -loss), regularisation, fitted)
    (right, loss), regularisation, fitted = best
    model = _model(fitted, ids, word_space, char_space)
    record = {"fitted_on_questions": len(questions), "article_examples": len(texts) - len(questions),
              "regularisation": regularisation, "dev_right": f"{right}/{len(dev)}", "dev_log_loss": round(-loss, 4)}
    return model, record


def _features(word_space, char_space, text: str) -> np.ndarray:
    """A text's word terms, then its character terms (weighted by CHAR_SHARE), as one dense row."""
    row = np.zeros(len(word_space.vocabulary) + len(char_space.vocabulary), np.float64)
    columns, weights = word_space.vector(text)
    row[columns] = weights
    columns, weights = char_space.vector(text)
    row[len(word_space.vocabulary) + columns] = CHAR_SHARE * weights
    return row


def _model(fitted, ids: list[str], word_space, char_space) -> ArticleModel:
    """The fitted weights by term, rounded, without the terms that weigh nothing."""
    coefficients = fitted.coef_.T  # a row per feature, a column per article
    words_count = len(word_space.vocabulary)

    def kept(space, offset):
        terms = space.arrays.terms
        return {terms[n]: tuple(round(float(x), 5) for x in coefficients[offset + n])
                for n in range(len(terms)) if np.abs(coefficients[offset + n]).max() >= KEEP_WEIGHT}
    return ArticleModel(tuple(ids), tuple(round(float(b), 5) for b in fitted.intercept_),
                        kept(word_space, 0), kept(char_space, words_count))
