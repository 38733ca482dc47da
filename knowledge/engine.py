"""The engine: from what a person types to the catalog entry that fits and how sure it is.

Evidence of four kinds is gathered per app and combined as a noisy-OR, each kind with its
own ceiling:

- names and aliases, exactly or with a typo (rapidfuzz), longest phrase first;
- hosts and URLs, by the catalog's domain rules (one hash lookup per suffix);
- the app's own error text, weighted by how much of it, and how distinctive, the query holds;
- free text against everything the catalog says of the app: TF-IDF over words and over
  character n-grams, so symptoms, paraphrases and misspellings count.

It abstains when the query names an app outside the catalog, gives hosts no list covers, or
matches nothing well enough; questions about pinning itself go to the articles.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .answer import ABSTAINED, AMBIGUOUS, ANSWERED, UNLISTED_ARTICLE, Answer, HostReport, Match, Reason
from .catalog import App, Catalog
from .domains import hosts_in_text
from .text import (
    INDEX_STOP_WORDS,
    Vocabulary,
    clean_query,
    english_words,
    load_vocabulary,
    normalise,
    stem,
    stemmed_words,
    tokens,
    words_with_case,
)
from .typos import TypoIndex

STOP_WORDS = INDEX_STOP_WORDS
APP_CONTEXT = frozenset({"app", "apps", "application", "client", "launcher", "account", "desktop",
                         "messenger", "website", "site", "service", "addin", "add"})
TOPIC_WORDS = frozenset({"pinning", "pinned", "pin", "pins", "certificate", "certificates", "cert",
                         "certs", "inspection", "inspect", "decrypt", "decryption", "exempt",
                         "exemption", "bypass", "mitm", "tls", "ssl", "capture", "pcap", "wireshark",
                         "unknown_ca", "whitelist", "allowlist", "category", "detect",
                         "unlisted", "domains", "fqdn", "fqdns", "handshake", "proxy", "proxies",
                         "zscaler", "netskope", "catalog", "hostnames", "rst", "close_notify"})
# Words before an everyday-word alias that show the everyday sense ("at the office", "my store").
DETERMINERS = frozenset({"the", "a", "an", "at", "in", "our", "my", "your", "their", "this", "that",
                         "from", "to", "of", "on", "into", "no", "any", "some", "every"})

# How much each kind of evidence can say on its own (the noisy-OR ceilings), and the decision.
CEILING = {"name": 0.92, "host": 0.96, "error": 0.80, "text": 0.72}
TEXT_REF = 0.42        # a free-text similarity this high counts as full text evidence
ERROR_IDF_REF = 3.5    # mean IDF of an error text's words that makes it fully distinctive
THRESHOLD = 0.40       # below this, pindesk abstains
TIE_MARGIN = 0.05      # candidates this close to the best fit it equally
UNFAMILIAR_FACTOR = 0.65
PLATFORM_MATCH = 1.12   # free-text evidence for an app listed for exactly the platform named
PLATFORM_MISMATCH = 0.8  # ... and for an app the catalog does not list for it
PARTIAL_NAME = 0.85     # one distinctive word of a longer name ("xbox")
PLATFORM_PARTIAL_NAME = 0.7  # a shared word of names ("store") that the platform settles
GENERIC_NAME = 0.6     # an alias that is also an everyday word ("signal", "teams"), alone
DENSE_LIMIT = 40_000_000
WORD_CACHE = 50_000    # words whose character n-gram columns are kept between queries
RULE_FIELDS = {"required": "domains", "note": "note_domains", "optional": "optional_domains"}
ARTICLE_MIN = 0.1      # the least similarity with an article that answers a question about pinning
BODY_WEIGHT = 0.8      # an article's body counts a little less than its title and keywords
TEXT_CANDIDATES = 40   # apps kept from the free-text search for the final ranking
COMMON_ERROR_WORD = 500  # an error word in more error texts than this finds no candidates alone


@dataclass
class _Evidence:
    """Evidence gathered for one app while answering one query."""

    name: float = 0.0
    host: float = 0.0
    error: float = 0.0
    text: float = 0.0
    why: list = field(default_factory=list)

    def offer(self, kind: str, strength: float, reason: Reason) -> None:
        """Keep the stronger evidence of a kind, with the reason for it in place of the weaker one's."""
        if strength > getattr(self, kind):
            setattr(self, kind, strength)
            self.why = [r for r in self.why if r.field != reason.field]
            self.why.append(reason)

    def score(self) -> float:
        """Noisy-OR of the evidence, each kind capped by its ceiling."""
        miss = 1.0
        for kind in ("name", "host", "error", "text"):
            miss *= 1.0 - CEILING[kind] * getattr(self, kind)
        return 1.0 - miss


class _Space:
    """One TF-IDF space: the fitted vectoriser, its rows, and a fast query transform."""

    def __init__(self, vectorizer: TfidfVectorizer, corpus: list[str], max_query_features: int):
        matrix = vectorizer.fit_transform(corpus).astype(np.float32)
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_.astype(np.float32)
        self.max_query_features = max_query_features
        self.per_word = vectorizer.analyzer == "char_wb"
        self._word_columns = lru_cache(maxsize=WORD_CACHE)(lambda word: tuple(self._columns(word)))
        self.rows = matrix.shape[0]
        if matrix.shape[0] * matrix.shape[1] <= DENSE_LIMIT:
            self.matrix = np.asarray(matrix.todense())
        else:
            self.matrix = sparse.csc_matrix(matrix)

    def _columns(self, text: str) -> list[int]:
        """The fitted columns of a text's terms, in order, repeats kept."""
        vocabulary = self.vocabulary
        return [col for col in map(vocabulary.get, self.analyze(text)) if col is not None]

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Columns and L2-normalised weights of the query (sublinear tf times idf, as fitted)."""
        if self.per_word:
            # Character n-grams never cross a space: a word's columns are worked out once.
            counts = Counter(col for word in text.split() for col in self._word_columns(word))
        else:
            counts = Counter(self._columns(text))
        if not counts:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        cols = np.fromiter(counts, np.int64, len(counts))
        tf = np.fromiter(counts.values(), np.float32, len(counts))
        weights = (1.0 + np.log(tf)) * self.idf[cols]
        weights /= np.linalg.norm(weights)
        if len(cols) > self.max_query_features:
            keep = np.argpartition(weights, -self.max_query_features)[-self.max_query_features:]
            cols, weights = cols[keep], weights[keep]
        return cols, weights

    def cosine(self, cols: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Cosine similarity of the query vector with every row."""
        if not len(cols):
            return np.zeros(self.rows, np.float32)
        return np.asarray(self.matrix[:, cols] @ weights).ravel()


class Engine:
    """Answers queries against one catalog; build once, ask many times."""

    def __init__(self, catalog: Catalog, vocabulary: Vocabulary | None = None):
        self.catalog = catalog
        self.vocabulary = vocabulary or load_vocabulary()
        self.apps = catalog.apps
        self._position = {app.id: index for index, app in enumerate(self.apps)}
        self._sentence_cache: dict[int, tuple] = {}
        self.articles = catalog.articles
        self._build_names()
        self._build_text()
        self._build_errors()
        self._build_familiar()
        self._app_platforms = [self._implied_platforms(app) for app in self.apps]

    # ----------------------------------------------------------------- building the index
    def _build_names(self) -> None:
        """Phrase tables of names and aliases (token tuples and their spaceless forms)."""
        self._phrases: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self._compact: dict[str, list[tuple[int, str]]] = {}
        for index, app in enumerate(self.apps):
            for alias in dict.fromkeys((app.name, app.title or app.name, *app.aliases)):
                words = tuple(tokens(normalise(alias)))
                if not words:
                    continue
                self._add_phrase(self._phrases, words, index, alias)
                singular = tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                                 for w in words)
                if singular != words:
                    self._add_phrase(self._phrases, singular, index, alias)
                if len(words) > 1:
                    self._add_phrase(self._compact, "".join(words), index, alias)
        self._max_phrase = max((len(p) for p in self._phrases), default=1)
        # Where a phrase can start, and how long it can be from there: most words start none.
        self._phrase_sizes: dict[str, tuple[int, ...]] = {}
        for phrase in self._phrases:
            sizes = set(self._phrase_sizes.get(phrase[0], ())) | {len(phrase)}
            self._phrase_sizes[phrase[0]] = tuple(sorted(sizes, reverse=True))
        self._compact_prefixes = frozenset(key[:i] for key in self._compact for i in range(1, len(key) + 1))
        partial: dict[str, set[int]] = {}
        for phrase, hits in self._phrases.items():
            if len(phrase) > 1:
                for word in phrase:
                    partial.setdefault(word, set()).update(index for index, _ in hits)
        platform_words = {w for p in self.vocabulary.platforms for w in p}
        self._partial = {w: frozenset(apps) for w, apps in partial.items()
                         if len(w) >= 3 and w not in STOP_WORDS and w not in APP_CONTEXT
                         and w not in platform_words and (w,) not in self._phrases}
        self._alias_tokens = sorted({t for p in self._phrases for t in p if len(t) >= 4}
                                    | {c for c in self._compact if len(c) >= 4})
        self._alias_token_set = frozenset(t for p in self._phrases for t in p) | frozenset(self._compact)
        self._other_apps = {p: name for p, name in self.vocabulary.other_apps.items()
                            if p not in self._phrases and "".join(p) not in self._compact}
        self._max_other = max((len(p) for p in self._other_apps), default=1)

    def _implied_platforms(self, app: App) -> frozenset[str]:
        """The app's platforms, narrowed when its own name says one ("iOS App Store", "Windows Store")."""
        named = {self.vocabulary.platforms.get((word,)) for word in tokens(normalise(app.name))}
        named &= {"ios", "android", "windows", "macos"}
        return frozenset(named) if named else frozenset(app.platforms)

    @staticmethod
    def _add_phrase(table: dict, key, index: int, alias: str) -> None:
        """Record that a phrase names the app at `index`, once per app."""
        bucket = table.setdefault(key, [])
        if all(i != index for i, _ in bucket):
            bucket.append((index, alias))

    def _build_text(self) -> None:
        """TF-IDF spaces over words and character n-grams, rows for apps then articles."""
        corpus = [self._app_document(app) for app in self.apps]
        corpus += [self._article_head(article) for article in self.articles]
        corpus += [article.body for article in self.articles]
        self._words = _Space(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, tokenizer=stemmed_words,
                                             token_pattern=None, lowercase=False, dtype=np.float32), corpus, 64)
        self._chars = _Space(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                             dtype=np.float32), corpus, 96)
        self._n_apps = len(self.apps)
        stems = self._words.vocabulary
        self._stem_idf = {term: float(self._words.idf[col]) for term, col in stems.items() if " " not in term}
        self._catalog_words = {w for document in corpus for w in tokens(normalise(document))}

    @staticmethod
    def _app_document(app: App) -> str:
        """Everything the catalog says of an app, its error texts weighted double."""
        names = " ".join((app.name, app.title or "", *app.aliases))
        return "\n".join([names, *app.error_messages, *app.error_messages, *app.symptoms,
                          app.notes, app.vendor, " ".join(app.platforms)])

    @staticmethod
    def _article_head(article) -> str:
        """An article's title, summary and keywords: what people ask it by."""
        return "\n".join([article.title, article.summary, *article.keywords])

    def _build_errors(self) -> None:
        """Each error text as content words with their IDF, and an inverted index word -> errors."""
        self._errors: list[tuple[int, str, dict[str, float], float]] = []
        self._error_index: dict[str, list[int]] = {}
        for index, app in enumerate(self.apps):
            for message in app.error_messages:
                words = {w: self._stem_idf.get(stem(w), 1.0) for w in tokens(normalise(message))
                         if w not in STOP_WORDS}
                if not words:
                    continue
                row = len(self._errors)
                self._errors.append((index, message, words, sum(words.values()) / len(words)))
                for word in words:
                    self._error_index.setdefault(word, []).append(row)

    def _build_familiar(self) -> None:
        """Words the catalog or articles use: not names of unknown apps, and targets for typos."""
        known = set(self._catalog_words) | set(self.vocabulary.familiar_words)
        known |= self.vocabulary.question_words | TOPIC_WORDS | STOP_WORDS
        for phrase in self.vocabulary.platforms:
            known.update(phrase)
        self._known = frozenset(known)
        english_words()  # the dictionary is read now (before a server forks), not on the first query
        self._typo_targets = TypoIndex({w for w in self._catalog_words if len(w) >= 4 and w.isalpha()}
                                       | set(self._alias_tokens))
        self._name_typos = TypoIndex(self._alias_tokens)

    # ----------------------------------------------------------------- answering
    def ask(self, query, platform: str | None = None, limit: int = 5) -> Answer:
        """Answer one query. Raises QueryError for unusable input."""
        text = clean_query(query)
        norm = normalise(text)
        raw_words, cased = words_with_case(text)
        hosts = hosts_in_text(norm)
        words = self._correct(raw_words)
        named_platforms = self._platforms(raw_words)
        platform = platform or (named_platforms[0] if named_platforms else None)

        evidence: dict[int, _Evidence] = {}
        others = self._other_app_spans(raw_words)
        name_spans = self._find_names(raw_words, words, cased, evidence, others,
                                      [platform] + named_platforms if platform else [])
        host_reports = self._find_hosts(hosts, evidence)
        synonyms = [s for w in words if w for s in self.vocabulary.synonyms.get(w, ())]
        self._find_errors(words + synonyms, evidence)
        named = {i for start, end in name_spans for i in range(start, end)}
        searchable = " ".join([w or r for i, (w, r) in enumerate(zip(words, raw_words, strict=True)) if i not in named]
                              + synonyms)
        text_scores, article_scores = self._text_scores(searchable)
        for index in _top_indices(text_scores, TEXT_CANDIDATES, 0.05):
            ev = evidence.setdefault(int(index), _Evidence())
            ev.text = min(1.0, float(text_scores[index]) / TEXT_REF)

        unlisted = list(dict.fromkeys(name for start, end, name in others
                                      if not any(s <= start and end <= e for s, e in name_spans)))
        unfamiliar = [w for w, c in zip(raw_words, words, strict=True) if c is None]
        return self._decide(text, platform, evidence, host_reports, text_scores, article_scores,
                            unlisted, unfamiliar, words, limit)

    def _correct(self, words: list[str]) -> list[str | None]:
        """Each word, or the catalog word it is a typo of; None for a word nobody knows."""
        corrected: list[str | None] = []
        for word in words:
            if word in self._known or word in self._alias_token_set or not word.isalpha() or len(word) < 4:
                corrected.append(word)
                continue
            if self.vocabulary.is_english(word):
                # An everyday word is left alone unless it is one letter off a name ("twiter").
                name = self._name_typos.closest(word, 1) if len(word) >= 5 else None
                corrected.append(name or word)
                continue
            best = self._typo_targets.closest(word, 1 if len(word) <= 7 else 2)
            if best and (len(word) > 5 or best[0] == word[0]):
                corrected.append(best)
            else:
                corrected.append(word if self._singular(word) != word else None)
        return corrected

    def _singular(self, word: str) -> str:
        """A plural of a name the catalog knows ("imessages", "chromebooks") as that name."""
        if word.endswith("s") and word not in self._alias_token_set and word[:-1] in self._alias_token_set:
            return word[:-1]
        return word

    def _platforms(self, words: list[str]) -> list[str]:
        """Every platform the query names, longest phrase first, "mobile" (the vaguest) last."""
        found: dict[str, None] = {}
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                platform = self.vocabulary.platforms.get(tuple(words[start:start + size]))
                if platform:
                    found.setdefault(platform, None)
        return sorted(found, key=lambda p: p == "mobile")

    def _find_names(self, raw: list[str], words: list[str | None], cased: set[int],
                    evidence: dict[int, _Evidence], others, platforms) -> list[tuple[int, int]]:
        """Name and alias evidence; a phrase inside a longer matched phrase (of the catalog, or
        of an app outside it: "citrix workspace") does not count."""
        keys = [w if w is not None else r for w, r in zip(words, raw, strict=True)]
        singular = [self._singular(k) for k in keys]
        spans = []
        for start in range(len(keys)):
            sizes = set(self._phrase_sizes.get(keys[start], ())) | set(self._phrase_sizes.get(singular[start], ()))
            for size in sorted(sizes, reverse=True):
                if start + size <= len(keys):
                    hits = (self._phrases.get(tuple(keys[start:start + size]))
                            or self._phrases.get(tuple(singular[start:start + size])))
                    if hits:
                        spans.append((start, start + size, hits))
            joined = ""
            for size in range(1, min(4, len(keys) - start) + 1):
                joined += keys[start + size - 1]
                if joined not in self._compact_prefixes:
                    break
                hits = self._compact.get(joined)
                if hits:
                    spans.append((start, start + size, hits))
        longer = spans + others
        spans = [s for s in spans
                 if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0]) for o in longer)]
        self._find_partial_names(keys, spans, platforms, evidence)
        for start, end, hits in spans:
            typo = any(raw[i] != keys[i] for i in range(start, end))
            phrase = " ".join(keys[start:end])
            generic = (end - start == 1 and not typo and start not in cased
                       and (len(phrase) <= 2 or self.vocabulary.is_english(phrase)))
            if generic:
                near = set(keys[max(0, start - 1):start] + keys[end:end + 1])
                if start and keys[start - 1] in DETERMINERS:
                    strength = GENERIC_NAME / 3
                elif near & APP_CONTEXT or len(keys) <= 2:
                    strength = 0.95
                else:
                    strength = GENERIC_NAME
            else:
                strength = 0.9 if typo else 1.0
            said = " ".join(raw[start:end])
            for index, alias in hits:
                evidence.setdefault(index, _Evidence()).offer("name", strength, Reason("name", alias, said))
        return [(s, e) for s, e, _ in spans]

    def _find_partial_names(self, keys, spans, platforms, evidence) -> None:
        """A word of a longer name on its own: "xbox" of "Xbox Live"; a shared word ("store") only
        where a platform named leaves one app that it fits."""
        covered = {i for start, end, _ in spans for i in range(start, end)}
        for position, word in enumerate(keys):
            apps = self._partial.get(word) if position not in covered else None
            if not apps:
                continue
            if len(apps) == 1 and not self.vocabulary.is_english(word):
                chosen, strength = apps, PARTIAL_NAME
            elif platforms:
                chosen = [i for i in apps if self._app_platforms[i] & set(platforms)]
                strength = PLATFORM_PARTIAL_NAME if len(chosen) == 1 else 0.0
            else:
                continue
            said = f"{word} ({', '.join(platforms)})" if strength == PLATFORM_PARTIAL_NAME else word
            for index in chosen if strength else ():
                reason = Reason("name", self.apps[index].display_name, said)
                evidence.setdefault(index, _Evidence()).offer("name", strength, reason)

    def _find_hosts(self, hosts: list[str], evidence: dict[int, _Evidence]) -> list[HostReport]:
        """Host evidence: every app whose domain list covers a host in the query."""
        reports = []
        for host in hosts:
            matches = self.catalog.domain_index.lookup(host)
            reports.append(HostReport(host, tuple(m.rule.app_id for m in matches)))
            for match in matches:
                strength = 0.9 if match.rule.kind == "optional" else 1.0
                reason = Reason(RULE_FIELDS[match.rule.kind], match.rule.pattern, host)
                evidence.setdefault(self._position[match.rule.app_id], _Evidence()).offer("host", strength, reason)
        return reports

    def _find_errors(self, words: list[str | None], evidence: dict[int, _Evidence]) -> None:
        """Error-text evidence: the IDF share of each error's words present, times its distinctiveness."""
        present = {w for w in words if w}
        rows: set[int] = set()
        for word in present:
            postings = self._error_index.get(word, ())
            if len(postings) <= COMMON_ERROR_WORD:
                rows.update(postings)
        for row in rows:
            index, message, weights, mean_idf = self._errors[row]
            shared = [w for w in weights if w in present]
            covered = sum(weights[w] for w in shared) / sum(weights.values())
            strength = covered * min(1.0, mean_idf / ERROR_IDF_REF)
            if covered < 0.5 or (len(weights) > 1 and len(shared) < 2):
                continue
            reason = Reason("error_messages", message, " ".join(shared))
            evidence.setdefault(index, _Evidence()).offer("error", strength, reason)

    def _text_scores(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Free-text similarity with every app and every article (words and characters averaged)."""
        scores = 0.5 * self._words.cosine(*self._words.vector(text))
        scores += 0.5 * self._chars.cosine(*self._chars.vector(text))
        n, k = self._n_apps, len(self.articles)
        articles = np.maximum(scores[n:n + k], BODY_WEIGHT * scores[n + k:])
        return scores[:n], articles

    def _other_app_spans(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Where the query names apps outside the catalog, longest name first at each position."""
        found = []
        for start in range(len(words)):
            for size in range(min(self._max_other, len(words) - start), 0, -1):
                name = self._other_apps.get(tuple(words[start:start + size]))
                if name:
                    found.append((start, start + size, name))
                    break
        return found

    # ----------------------------------------------------------------- deciding
    def _decide(self, text, platform, evidence, host_reports, text_scores, article_scores, unlisted,
                unfamiliar, words, limit) -> Answer:
        """Rank the candidates, then answer, declare a tie, turn to the articles, or abstain."""
        version = self.catalog.version
        scored = []
        for index, ev in evidence.items():
            score = ev.score()
            if platform:
                factor = self._platform_factor(index, platform)
                if ev.name or ev.host:
                    # A name or host already says which app; the platform only breaks ties.
                    factor = min(1.0, 1.0 - (1.0 - factor) / 2)
                score *= factor
            scored.append((min(1.0, score), index, ev))
        scored.sort(key=lambda item: (-item[0], item[1]))
        strong_name = any(ev.name >= 0.9 for _, _, ev in scored)
        any_host = any(ev.host > 0 for _, _, ev in scored)
        best = scored[0][0] if scored else 0.0

        reason = None
        if unlisted and not strong_name and not any_host:
            reason = (f"{', '.join(unlisted)} {'is' if len(unlisted) == 1 else 'are'} not in the catalog "
                      f"of apps known to pin their certificates")
        elif host_reports and not any(r.app_ids for r in host_reports) and not strong_name:
            listed = ", ".join(r.host for r in host_reports)
            reason = f"no app in the catalog lists {listed}"
        elif unfamiliar and not any(ev.name for _, _, ev in scored) and not any_host:
            best *= UNFAMILIAR_FACTOR
            scored = [(s * UNFAMILIAR_FACTOR, i, ev) for s, i, ev in scored]

        article = self._article_answer(text, words, article_scores, text_scores, strong_name or any_host,
                                       best >= THRESHOLD)
        if article and reason is None:
            return article

        if reason is None and best < THRESHOLD:
            reason = "nothing in the catalog fits this well enough"
        matches = tuple(self._app_match(s, i, ev, words) for s, i, ev in scored[:limit])
        if reason:
            names = ", ".join(m.app.display_name for m in matches[:3])
            message = f"Not answered: {reason}." + (f" Closest entries: {names}." if names else "")
            return Answer(query=text, outcome=ABSTAINED, confidence=min(best, THRESHOLD - 0.01) if matches else 0.0,
                          message=message, matches=matches[:3], platform=platform,
                          hosts=tuple(host_reports), see_also=(UNLISTED_ARTICLE,),
                          unlisted_apps=tuple(unlisted), catalog_version=version)

        tied = [m for m in matches if m.score >= THRESHOLD and m.score >= best - TIE_MARGIN]
        top = tied[0].app
        caveats = []
        if platform and not all(m.app.runs_on(platform) for m in tied):
            caveats.append(_platform_caveat(top, platform))
        if len(tied) > 1:
            names = ", ".join(m.app.display_name for m in tied)
            message = f"Several entries fit equally: {names}. Check which app the person uses."
            outcome = AMBIGUOUS
        else:
            message = f"{top.display_name}: {top.recommendation.summary}"
            outcome = ANSWERED
        see_also = ("exempting-an-app",) if any(w in TOPIC_WORDS for w in words if w) else ()
        return Answer(query=text, outcome=outcome, confidence=best, message=message, tied=len(tied),
                      matches=matches, platform=platform, hosts=tuple(host_reports),
                      caveats=tuple(caveats), see_also=see_also, catalog_version=version)

    def _platform_factor(self, index: int, platform: str) -> float:
        """Weigh free-text evidence by whether the app breaks on the platform the query names."""
        platforms = self._app_platforms[index]
        if platform in platforms or (platform in ("ios", "android") and "mobile" in platforms):
            return PLATFORM_MATCH
        if "all" in platforms or (platform == "mobile" and platforms & {"mobile", "ios", "android"}):
            return 1.0
        return PLATFORM_MISMATCH

    def _article_answer(self, text, words, article_scores, text_scores, app_named, app_fits) -> Answer | None:
        """An answer from the articles when the query asks about pinning itself, not about an app."""
        if not len(article_scores) or app_named:
            return None
        order = np.argsort(-article_scores)
        top = float(article_scores[order[0]])
        topical = any(w in TOPIC_WORDS for w in words if w)
        best_app = float(text_scores.max()) if len(text_scores) else 0.0
        if not topical or top < ARTICLE_MIN or (app_fits and top <= best_app):
            return None
        matches = tuple(Match(score=_article_confidence(float(article_scores[i])),
                              why=(Reason("article", self.articles[i].title, ""),),
                              article=self.articles[i])
                        for i in order[:3] if article_scores[i] >= ARTICLE_MIN / 2)
        return Answer(query=text, outcome=ANSWERED, confidence=matches[0].score,
                      message=f"{matches[0].article.title}: {matches[0].article.summary}",
                      matches=matches, catalog_version=self.catalog.version)

    def _app_match(self, score: float, index: int, ev: _Evidence, words) -> Match:
        """A Match for an app, with its reasons; for free text, the symptom that shares most words."""
        app = self.apps[index]
        why = list(ev.why)
        if ev.text > 0.3:
            present = {w for w in words if w and w not in STOP_WORDS}
            field_name, best, shared = max(((f, text, present & words_of) for f, text, words_of
                                            in self._sentences(index)), key=lambda item: len(item[2]))
            if shared:
                why.append(Reason(field_name, best, " ".join(sorted(shared))))
        return Match(score=min(1.0, score), why=tuple(why), app=app)

    def _sentences(self, index: int) -> tuple[tuple[str, str, frozenset[str]], ...]:
        """An app's symptoms and notes with their words, worked out once per app when first needed."""
        found = self._sentence_cache.get(index)
        if found is None:
            app = self.apps[index]
            found = tuple((field_name, text, frozenset(tokens(normalise(text))))
                          for field_name, texts in (("symptoms", app.symptoms), ("notes", (app.notes,)))
                          for text in texts)
            self._sentence_cache[index] = found
        return found


def _top_indices(scores: np.ndarray, count: int, floor: float) -> list[int]:
    """Indices of the `count` highest scores above `floor`."""
    if len(scores) > count:
        candidates = np.argpartition(scores, -count)[-count:]
    else:
        candidates = np.arange(len(scores))
    return [int(i) for i in candidates if scores[i] > floor]


def _article_confidence(similarity: float) -> float:
    """Confidence in an article from its similarity with the question."""
    return min(0.99, 0.3 + 1.6 * similarity)


def _platform_caveat(app: App, platform: str) -> str:
    """Why a platform the catalog does not list for this app deserves a second look."""
    return (f"The catalog lists {app.display_name} as breaking on {app.platform_source}; on "
            f"{platform} the cause may be something else, so first check it works off the inspected network.")
