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

import copy
from operator import itemgetter

import numpy as np

from .answer import Answer
from .article_choice import ArticleChooser, ArticleModel
from .catalog import Catalog
from .combiner import APP_WORDS, Combiner, load_combiner, query_signals
from .decision import Decision
from .evidence import RULE_FIELDS, ErrorTexts, Evidence, record
from .hosts import HostReader
from .index import Index, build_index
from .names import Names
from .query import read_query
from .space import TextSearch, constant
from .spelling import Speller
from .text import remember_answers, stem, tokens
from .tuning import Tuning
from .vocabulary import Vocabulary, load_vocabulary


class Engine:
    """Answers queries against one catalog; build once, ask many times."""

    def __init__(self, catalog: Catalog, vocabulary: Vocabulary | None = None, *, tuning: Tuning | None = None,
                 combiner: Combiner | None = None, index: Index | None = None, lazy: bool = False,
                 choose_articles: bool = True, article_model: ArticleModel | None = None):
        """Build over a catalog; `index` is what build_index(catalog, vocabulary) gives, when it was kept
        (cache.py).

        The dictionary, the typo indexes and the article chooser are read and built now, so a server's first
        query (or first question about pinning) is not the slow one (and its workers share them after the
        fork); `lazy` leaves them to the first query that needs them, as a one-shot command wants.
        `choose_articles=False` orders articles by similarity alone (fitting starts from no model);
        `article_model` is the chooser's model when not the shipped one.
        """
        self.catalog = catalog
        self.vocabulary = vocabulary or load_vocabulary()
        self.tuning = tuning or Tuning()
        self.combiner = combiner or load_combiner()
        self.apps = catalog.apps
        self.articles = catalog.articles
        self._position = {app.id: position for position, app in enumerate(self.apps)}
        self.index = index or build_index(catalog, self.vocabulary)
        remember_answers(self.index.stems, self.index.english)
        self._text = TextSearch(self.index.words, self.index.chars, len(self.apps), len(self.articles), self.tuning)
        self._names = Names(self.apps, self.vocabulary, self.tuning)
        self._hosts = HostReader(catalog, self._position, self.index.hosts, self.tuning)
        self._errors = ErrorTexts(self.index.errors, self.tuning)
        self._speller = Speller(set(self.index.catalog_words), self._names, self.vocabulary, self.tuning)
        self._known = self._speller.known | self._names.maker_words
        # Words that say only what kind of app is meant ("bank", "weather", "app"): they never single one out;
        # those that are also words of names ("store", "weather") are a kind even alone.
        self._kind_words = self.vocabulary.category_words | APP_WORDS
        # ... and what they stem to ("stream" of "streaming", "banks" of "bank")
        self._kind_stems = frozenset(stem(w) for w in self.vocabulary.category_words)
        self._kind_names = frozenset(w for w in self._names.partial if w in self.vocabulary.category_words)
        self.chooser = ArticleChooser(self._text, tuple(a.id for a in self.articles), model=article_model) \
            if choose_articles else None
        self._decision = Decision(catalog, self._names.app_platforms, self.tuning, self.combiner, self.chooser)
        # The floors the top scores must pass, as float32 0-d arrays: compared as NumPy compares a float32 array
        # with a Python float (the floor rounded to float32).
        self._text_floor = constant(self.tuning.text_floor)
        self._description_floor = constant(self.tuning.description_floor)
        if not lazy:
            self._speller.prepare()
            if self.chooser:
                self.chooser.prepare()

    @property
    def threshold(self) -> float:
        """The least probability that answers: Tuning's when set, else the one fitted with the combiner."""
        return self._decision.threshold

    def ask(self, query, platform: str | None = None, limit: int = 5) -> Answer:
        """Answer one query. Raises QueryError for unusable input."""
        read, evidence = self.gather(query, platform, limit)
        return self._decision.decide(read, evidence, self.signals(read))

    def gather(self, query, platform: str | None = None, limit: int = 5):
        """Read a query and gather every kind of evidence for each candidate app: (Query, evidence)."""
        tuning = self.tuning
        read = read_query(query, platform, limit, self._speller, self._names, self.vocabulary)
        evidence: dict[int, Evidence] = {}
        read.host_reports = self._hosts.read(read.hosts, evidence)
        self._names.find(read, evidence)
        if read.name_hosts and read.context:
            _hosts_named_as_context(read, evidence, self._position)
        self._names.find_makers(read, evidence)
        words = read.words + read.synonyms
        if read.host_words:
            words = [w for i, w in enumerate(words) if i not in read.host_words]
        self._errors.find(words, evidence)
        searchable = read.searchable
        read.text_scores, read.article_scores, word_scores = self._text.scores(searchable)
        if read.platform_words and any(read.keys[i] not in self._kind_words for start, end in read.name_spans
                                       for i in range(start, end)):
            # Beside a name (not one of words for kinds, as "app store"), the words of a platform are no app's
            # symptom ("yelp on android" is no Play Store problem): the apps' free-text scores without them.
            read.text_scores = self._text.scores(read.searchable_without_platforms)[0]
        text_ref = tuning.text_ref
        for index, score in _top(read.text_scores, tuning.text_candidates, self._text_floor):
            score /= text_ref
            ev = evidence.get(index)  # record(evidence, index) written out: up to ten calls a query
            if ev is None:
                ev = evidence[index] = Evidence()
            ev.text = score if score < 1.0 else 1.0  # min(1.0, score), without the call
        specific_scores, described = self._specific_and_described(read, searchable, word_scores)
        specific_scores = specific_scores.tolist()  # read by index below: Python floats, as item() gives them
        for index, ev in evidence.items():
            if ev.text:
                score = specific_scores[index] / text_ref
                ev.specific = score if score < 1.0 else 1.0
        for index, score in _top(described, tuning.description_candidates, self._description_floor):
            score /= tuning.description_ref
            record(evidence, index).description = score if score < 1.0 else 1.0
        return read, evidence

    def _specific_and_described(self, read, searchable: str, word_scores):
        """Each app's word score without the words for kinds of apps, and how well the query describes it."""
        tuning, kind_stems = self.tuning, self._kind_stems
        # Everyday words for kinds of apps ("bank", "weather") alone never answer: the word space again
        # without them, for the text evidence and for how apps are described.
        split = searchable.split()
        # Most queries hold no such word: both checks run in C, without a generator's frames.
        if self.vocabulary.category_words.isdisjoint(split) and kind_stems.isdisjoint(map(stem, split)):
            specific = searchable
        else:
            specific = " ".join(w for w in split if w not in self._kind_words and stem(w) not in kind_stems)
        described_fully = None
        if specific != searchable:
            described_fully = self._text.apps_and_descriptions(word_scores)[1]
            word_scores = self._text.word_scores(specific)
        specific_scores, described = self._text.apps_and_descriptions(word_scores)
        if described_fully is not None:
            # Once a word of its own describes an app ("red", "orange cloud"), the kind named beside it
            # ("streaming app") describes it too.
            described = np.where(described > tuning.description_floor, np.maximum(described, described_fully),
                                 described)
        phrase = self._describing_phrase(read)
        own = [w for w in phrase if w not in self._kind_words]
        if own and len(own) < len(phrase):
            # "the green streaming app", "the music app with the orange cloud logo": a kind said beside words
            # of its own; those words apart from the rest of the query, which would drown them.
            alone = self._text.apps_and_descriptions(self._text.word_scores(" ".join(own)))[1]
            if float(alone.max()) > tuning.description_floor:
                with_kind = self._text.apps_and_descriptions(self._text.word_scores(" ".join(phrase)))[1]
                described = np.maximum(described, np.where(alone > tuning.description_floor,
                                                           np.maximum(alone, with_kind), alone))
        return specific_scores, described

    @staticmethod
    def _describing_phrase(read) -> list[str]:
        """The words that describe an app no name says: those before "app" and a "with ..." or "that ..."
        after it, in its clause ("the red PDF app", "the app with the ghost icon"); none when a name is said."""
        if read.name_spans or APP_WORDS.isdisjoint(read.raw):
            return []
        raw, keys, clauses = read.raw, read.keys, read.clauses
        for position, word in enumerate(raw):
            if word in APP_WORDS:
                start = position
                while start and position - start < PHRASE_BEFORE and raw[start - 1] not in PHRASE_STOPS \
                        and clauses[start - 1] == clauses[position]:
                    start -= 1
                after = []
                if raw[position + 1:position + 2] and raw[position + 1] in PHRASE_AFTER:
                    after = [keys[i] for i in range(position + 2, min(len(raw), position + 2 + PHRASE_BEYOND))
                             if clauses[i] == clauses[position]]
                return [keys[i] for i in range(start, position)] + after
        return []

    def with_combiner(self, combiner: Combiner) -> Engine:
        """The same index answering with other combiner weights (fitting tries many)."""
        other = copy.copy(self)
        other.combiner = combiner
        other._decision = Decision(self.catalog, self._names.app_platforms, self.tuning, combiner, self.chooser)
        return other

    @property
    def text_search(self) -> TextSearch:
        """The word and character spaces (for fitting the article chooser)."""
        return self._text

    def searchable(self, text: str) -> str:
        """A text as the engine reads a query for its TF-IDF spaces."""
        return read_query(text, None, 1, self._speller, self._names, self.vocabulary).searchable

    def signals(self, read):
        """The query-wide signals the combiner weighs (for fitting)."""
        return query_signals(read, self.vocabulary, self._known, self._kind_names)

    def ranked(self, query, platform: str | None = None):
        """Every candidate with its probability and features, most probable first (for fitting)."""
        read, evidence = self.gather(query, platform)
        return self._decision.rank(read, evidence, self.signals(read))


PHRASE_BEFORE, PHRASE_BEYOND = 4, 6  # words a describing phrase takes before "app", and after "with"
PHRASE_AFTER = frozenset({"with", "that", "where", "whose", "which", "for"})
PHRASE_STOPS = frozenset({"the", "a", "an", "my", "our", "your", "their", "this", "that", "on", "in", "at", "of"})


def _hosts_named_as_context(read, evidence: dict[int, Evidence], positions: dict[str, int]) -> None:
    """A host typed as a name ("Battle.net") where the query says that app works is context, as the name is:
    "Battle.net finished its update, Creative Cloud still shows nothing" is about Creative Cloud."""
    context_words = {" ".join(read.keys[start:end]) for start, end in read.name_spans if start in read.context}
    for report in read.host_reports:
        if report.host in read.name_hosts and " ".join(tokens(report.host)) in context_words:
            for app_id in report.app_ids + report.home_of:
                ev = record(evidence, positions[app_id])
                ev.host = ev.own = 0.0
                ev.context = max(ev.context, 1.0)
                ev.why = [r for r in ev.why if r.field not in HOST_FIELDS]


HOST_FIELDS = frozenset({*RULE_FIELDS.values(), "home_domains"})  # the reasons host evidence gives


def _top(scores: np.ndarray, count: int, floor: np.ndarray):
    """(index, score) of the `count` highest scores above `floor` (a float32 0-d array), the scores as Python
    floats."""
    above = (scores > floor).nonzero()[0].tolist()  # the few above the floor, found in one pass
    if not above:
        return above
    values = scores.tolist()
    above = [(index, values[index]) for index in above]
    if len(above) <= count:  # every score above the floor is among the `count` highest: most queries
        return above
    # Sorting the few above the floor is quicker than NumPy's argpartition; with a tie at the edge, which of the
    # equal scores is kept is argpartition's choice.
    above.sort(key=itemgetter(1), reverse=True)
    if above[count - 1][1] == above[count][1]:
        candidates = scores.argpartition(-count)[-count:]
        return [(index, values[index]) for index in candidates.tolist()]
    return above[:count]
