"""The engine: from what a person types to the catalog entry that fits and how sure it is.

Evidence of four kinds is gathered per app and combined as a noisy-OR, each kind with its
own ceiling (evidence.py):

- names and aliases, exactly or with a typo, longest phrase first (names.py, spelling.py);
- hosts and URLs, by the catalog's domain rules (one hash lookup per suffix);
- the app's own error text, weighted by how much of it, and how distinctive, the query holds;
- free text against everything the catalog says of the app: TF-IDF over words and over
  character n-grams, so symptoms, paraphrases and misspellings count (space.py).

It abstains when the query names an app outside the catalog, gives hosts no list covers, or
matches nothing well enough; questions about pinning itself go to the articles (decision.py).
Every number it decides by is a field of Tuning (tuning.py).
"""
from __future__ import annotations

import numpy as np

from .answer import Answer
from .catalog import Catalog
from .decision import Decision
from .evidence import ErrorTexts, Evidence, find_hosts
from .index import Index, build_index
from .names import Names
from .query import read_query
from .space import TextSearch
from .spelling import Speller
from .text import Vocabulary, load_vocabulary, remember_answers
from .tuning import Tuning


class Engine:
    """Answers queries against one catalog; build once, ask many times."""

    def __init__(self, catalog: Catalog, vocabulary: Vocabulary | None = None, *, tuning: Tuning | None = None,
                 index: Index | None = None, lazy: bool = False):
        """Build over a catalog; `index` is what build_index(catalog) gives, when it was kept (cache.py).

        The dictionary and the typo indexes are read and built now, so a server's first query is not
        the slow one (and its workers share them after the fork); `lazy` leaves them to the first query
        that needs them, as a one-shot command wants.
        """
        self.catalog = catalog
        self.vocabulary = vocabulary or load_vocabulary()
        self.tuning = tuning or Tuning()
        self.apps = catalog.apps
        self.articles = catalog.articles
        self._position = {app.id: position for position, app in enumerate(self.apps)}
        self.index = index or build_index(catalog)
        remember_answers(self.index.stems, self.index.english)
        self._text = TextSearch(self.index.words, self.index.chars, len(self.apps), len(self.articles), self.tuning)
        self._names = Names(self.apps, self.vocabulary, self.tuning)
        self._errors = ErrorTexts(self.index.errors, self.tuning)
        self._speller = Speller(set(self.index.catalog_words), self._names, self.vocabulary, self.tuning)
        self._decision = Decision(catalog, self._names.app_platforms, self.tuning)
        if not lazy:
            self._speller.prepare()

    def ask(self, query, platform: str | None = None, limit: int = 5) -> Answer:
        """Answer one query. Raises QueryError for unusable input."""
        tuning = self.tuning
        read = read_query(query, platform, limit, self._speller, self._names, self.vocabulary)
        evidence: dict[int, Evidence] = {}
        self._names.find(read, evidence)
        read.host_reports = find_hosts(self.catalog, self._position, read.hosts, evidence, tuning)
        self._errors.find(read.words + read.synonyms, evidence)
        read.text_scores, read.article_scores = self._text.scores(read.searchable)
        for index in _top_indices(read.text_scores, tuning.text_candidates, tuning.text_floor):
            ev = evidence.setdefault(index, Evidence())
            ev.text = min(1.0, float(read.text_scores[index]) / tuning.text_ref)
        return self._decision.decide(read, evidence)


def _top_indices(scores: np.ndarray, count: int, floor: float) -> list[int]:
    """Indices of the `count` highest scores above `floor`."""
    if len(scores) > count:
        candidates = np.argpartition(scores, -count)[-count:]
    else:
        candidates = np.arange(len(scores))
    return [int(i) for i in candidates if scores[i] > floor]
