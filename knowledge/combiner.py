"""The learned combination of the evidence: features per (query, candidate app), and a logistic model
over them whose probability is the answer's confidence.

The weights are fitted by `pindesk eval --fit` (fitting.py) on the training split and the old set, and
kept in combiner.json beside this file; answering needs only a dot product and a sigmoid.
"""
from __future__ import annotations

import json
import math
import operator
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import NamedTuple

from .clauses import FAILS
from .errors import CatalogError
from .evidence import Evidence
from .text import INDEX_STOP_WORDS

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "combiner.json"

# Every feature, in the order of the weights. Per candidate first, then what holds for the whole query.
FEATURES = (
    "name",  # a name, alias or family product, where the query says what fails
    "generic_name",  # ... that is only an everyday word ("teams", "windows")
    "context_name",  # named only where the query says it works
    "host",  # a host in its domain lists
    "own_host",  # a host under its maker's own domain that no list names
    "error",  # its own error text
    "text",  # free text against all the catalog says of it
    "text_top",  # it is the best free-text match
    "text_specific",  # free text without the everyday words for kinds of apps ("bank", "weather")
    "description",  # how it is described: what it is, who makes it, what it is called, its icon
    "description_top",  # it is the best described match
    "maker",  # the query names who makes it
    "platform_fit",  # the platform named is one it breaks on (+1), one it does not (-1), or none (0)
    "platform_miss",  # the platform named is one the catalog does not list it for ("chase.com in Chrome")
    "base",  # the noisy-OR of its evidence
    "margin",  # its noisy-OR less the best other candidate's
    "rival_named",  # another catalog app is named as what fails
    "unlisted",  # an app outside the catalog is named as what fails, and this one is not named
    "unlisted_beside",  # ... beside this one, named too
    "unknown_name",  # a product-like name nobody knows ("Starling", "the Ryanair app")
    "unknown_host",  # a host that neither a list nor a home domain covers
    "failing",  # the query says something fails
    "network",  # the query places the problem on the network, the proxy or the office connection
    "unrelated",  # the query speaks of a problem that is not the network's (a crash, a quota, at home too)
    "how_to",  # a question that names no failure nor the network ("how do I export my notebooks")
    "off_network",  # several words beside the names, none of them about the network or a connection
    "kind_only",  # an app is meant only by its kind ("the bank app", "an app") and is not described as this one
)


@dataclass(frozen=True)
class Combiner:
    """Logistic weights over FEATURES, the bias, and the least probability that answers."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """The chance each candidate is the app meant: the sigmoid of its weighted features (a handful of
        rows: plain Python is quicker than building arrays)."""
        weights, bias = self.weights, self.bias
        found = []
        for row in rows:
            # max(-30.0, min(30.0, z)) written out: on Python 3.11 min() and max() parse keywords on every call
            # Only the features that are not zero (most are): adding a zero product leaves the sum as it is.
            z = bias + sum(map(operator.mul, compress(weights, row), filter(None, row)))
            z = z if z < 30.0 else 30.0
            z = z if z > -30.0 else -30.0
            found.append(1.0 / (1.0 + math.exp(-z)))
        return found

    def to_dict(self) -> dict:
        """JSON form, as combiner.json keeps it."""
        return {"features": list(FEATURES), "weights": dict(zip(FEATURES, self.weights, strict=True)),
                "bias": self.bias, "threshold": self.threshold}


def load_combiner(path: str | Path | None = None) -> Combiner:
    """Read the fitted weights; CatalogError when the file does not fit FEATURES."""
    path = Path(path) if path else DEFAULT_WEIGHTS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = tuple(float(data["weights"][name]) for name in FEATURES)
        return Combiner(weights, float(data["bias"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"{path}: cannot read the combiner's weights ({exc}); refit with `pindesk eval --fit`") \
            from None


class QuerySignals(NamedTuple):
    """What holds for the whole query, the same for every candidate (a tuple: made once per query, and
    quicker to make than a frozen dataclass)."""

    unlisted: float
    unknown_name: float
    unknown_host: float
    failing: float
    network: float
    unrelated: float
    how_to: float
    off_network: float
    kind_only: float  # an app meant by its kind or by nothing ("the bank app", "the app")
    kind_named: float  # ... by its kind ("the bank app"): the app's own error text does not say which
    kind_word: float = 0.0  # a word of names that alone is a kind ("the store" of Windows Store, Play Store)
    asks: float = 0.0  # the query is a question ("why", "how do", "explain")
    elsewhere: float = 0.0  # a problem that is not pinning, network or not (a quota, a proxy detected)
    bare: float = 0.0  # it says only that something fails ("error", "not loading"): no word of its own
    unrelated_words: frozenset[str] = frozenset()  # the words counted in `unrelated` ("crash", "calendar")
    shared_hosts: float = 0.0  # every host it gives is a whole shared domain of a cloud or CDN ("cloudfront.net")
    too: float = 0.0  # the failure happens off the inspected network too ("at home too")
    browser_contrast: float = 0.0  # an app fails where a browser works ("the site works in Chrome, the app fails")


def query_signals(query, vocabulary, known_words, kind_names=frozenset()) -> QuerySignals:
    """The query-wide features: apps outside the catalog, unknown names and hosts, failure, the network;
    `kind_names`: the words for kinds of apps that are also words of the catalog's names ("store", "weather").

    Each word-pattern signal is looked for only when the query holds a word it needs (most hold none): the
    checks are made here, before the call. A truth is written `1.0 if ... else 0.0`, what float() makes of it."""
    raw, spans = query.raw, query.name_spans
    present = set(raw)
    failing = FAILS in query.polarity
    elsewhere = _phrase_at(raw, vocabulary.elsewhere_phrases, vocabulary.elsewhere_sizes) \
        if not vocabulary.elsewhere_sizes.keys().isdisjoint(present) else ()
    # "out of office" is an automatic reply, not the office's network.
    if "office" in elsewhere:
        present.discard("office")
    in_names = {i for start, end in spans for i in range(start, end)} if spans else ()
    # A word of the network inside a name ("Microsoft Office") says nothing of the network.
    outside_names = present & {w for i, w in enumerate(raw) if i not in in_names} if in_names else present
    network = not outside_names.isdisjoint(vocabulary.network_words) or bool(query.hosts) or _at_work(raw, present)
    first = ""
    for word in raw:
        if word not in GREETINGS:
            first = word
            break
    asks = first in vocabulary.question_words or (not present.isdisjoint(HOW_TO_FIRST)
                                                  and any(pair in HOW_TO for pair in zip(raw, raw[1:], strict=False)))
    how_to = asks and not network and not failing
    # "join.me" typed as a name is no host of the query's
    reports = [r for r in query.host_reports if r.host not in query.name_hosts] if query.host_reports else ()
    unknown_host = bool(reports) and not any(r.app_ids or r.home_of for r in reports)
    # A name that is one word for a kind of app ("office", "store") does not say which app is meant.
    named = {i for start, end in spans for i in range(start, end)
             if end - start > 1 or raw[start] not in vocabulary.category_words} if spans else ()
    kinds = _kinds(raw, vocabulary.category_words) if not present.isdisjoint(APP_WORDS) else ()
    kind_word = not named and not present.isdisjoint(kind_names) \
        and any(w in kind_names and (not i or raw[i - 1] in UNNAMED) for i, w in enumerate(raw))
    # A crash, a quota, a licence, ... said outside the names ("Adobe Fonts" is a product, not a font problem).
    unrelated = {w for i, w in enumerate(raw) if w in vocabulary.unrelated_words and i not in in_names} \
        if not present.isdisjoint(vocabulary.unrelated_words) else ()
    too = not present.isdisjoint(ELSEWHERE) and not present.isdisjoint(TOO) and _too(raw, vocabulary.working_words)
    kind_only = bool(kinds) and not named
    hosts = query.hosts
    return QuerySignals(1.0 if query.unlisted else 0.0, float(unknown_names(query, vocabulary, known_words)),
                        1.0 if unknown_host else 0.0, 1.0 if failing else 0.0, 1.0 if network else 0.0,
                        float(len(unrelated) + too + bool(elsewhere)), 1.0 if how_to else 0.0,
                        1.0 if not network and _content_words(raw, named) >= OFF_NETWORK_WORDS else 0.0,
                        1.0 if kind_only else 0.0,
                        1.0 if kind_only and any(k not in UNNAMED for k in kinds) else 0.0,
                        1.0 if kind_word else 0.0, 1.0 if asks else 0.0, 1.0 if elsewhere else 0.0,
                        1.0 if len(raw) <= BARE_MAX_WORDS and _bare(present, vocabulary) else 0.0,
                        frozenset(unrelated),
                        1.0 if hosts and all(h in vocabulary.shared_domains for h in hosts) else 0.0,
                        1.0 if too else 0.0,
                        1.0 if failing and _browser_contrast(raw, present, vocabulary.working_words) else 0.0)


def _browser_contrast(raw: list[str], present: set[str], working_words: frozenset[str]) -> bool:
    """Whether the query sets an app against a browser or website that works ("the site works in Chrome but
    the app can't connect"); a "web app" is the browser's own."""
    if present.isdisjoint(BROWSER_WORDS) or present.isdisjoint(APP_WORDS) or \
            (present.isdisjoint(working_words) and present.isdisjoint(WORKING_BASES)):
        return False
    return any(w in APP_WORDS and not (i and raw[i - 1] == "web") for i, w in enumerate(raw))


def _bare(present: set[str], vocabulary) -> bool:
    """Whether every word of a short query beyond the stop words only says that something fails, or where
    ("error", "not loading at the office"): such a query names and describes nothing."""
    return not present.difference(INDEX_STOP_WORDS, vocabulary.failure_words, vocabulary.network_words,
                                  vocabulary.negations)


def _at_work(raw: list[str], present: set[str]) -> bool:
    """Whether the query says "at work" or "from work"."""
    return "work" in present and any(w == "work" and p in ("at", "from")
                                     for p, w in zip(raw, raw[1:], strict=False))


def _kinds(raw: list[str], kind_words: frozenset[str]) -> list[str]:
    """The words before "app" that say only its kind, or no app in particular ("the bank app", "my podcast
    app", "an app"), and a kind a word further from it ("a music streaming app", "our note-taking app")."""
    return [w for i, w in enumerate(raw[:-1]) if ((w in kind_words or w in UNNAMED) and raw[i + 1] in APP_WORDS)
            or (w in kind_words and i + 2 < len(raw) and raw[i + 2] in APP_WORDS)]


def _too(raw: list[str], working_words: frozenset[str] = frozenset()) -> bool:
    """Whether the failure is said to happen off the inspected network too ("happens at home too", "on mobile
    data as well", "it also happens on my home PC"; not "I also tried at home and it works"), of a query
    holding a word of ELSEWHERE and one of TOO."""
    for i, w in enumerate(raw):
        if w in ELSEWHERE:
            before, after = raw[max(0, i - TOO_BEFORE):i], raw[i + 1:i + TOO_AFTER]
            if not working_words.isdisjoint(before + after):  # "fine at home", "from home ... everything works"
                continue
            if any(x in TOO for x in raw[i + 1:i + 4]) or not ALSO.isdisjoint(before):
                return True
    return False


def _content_words(raw: list[str], named: set[int]) -> int:
    """How many words the query says besides the names and everyday function words."""
    return sum(1 for i, w in enumerate(raw) if i not in named and w not in known_stop and len(w) > 2)


def _phrase_at(raw: list[str], phrases: frozenset[tuple[str, ...]], sizes: dict[str, tuple[int, ...]]) -> set[str]:
    """The words of any of `phrases` that the query holds, looked up only where one can start (`sizes`: the
    lengths of the phrases that start with a word)."""
    held: set[str] = set()
    for i, word in enumerate(raw):
        for n in sizes.get(word, ()):
            if i + n <= len(raw) and tuple(raw[i:i + n]) in phrases:
                held.update(raw[i:i + n])
    return held


# "Home" and "also" in the languages the vocabulary reads ("también en casa", "auch zu Hause", "aussi à la maison").
ELSEWHERE = frozenset({"home", "data", "cellular", "4g", "5g", "lte", "hotspot", "everywhere",
                       "casa", "hause", "zuhause", "maison", "thuis"})
ALSO = frozenset({"also", "también", "tambien", "também", "tambem", "auch", "aussi", "anche", "ook"})
TOO = frozenset({"too", "well", "either", "everywhere", "same"}) | ALSO
TOO_BEFORE = 4  # words before "home" in which "also" says it fails there too
TOO_AFTER = 9  # words after "home" in which a word of working says it does not ("from home on the same laptop,
# everything works")
# Pairs of words that ask how to do something rather than report a failure.
HOW_TO = frozenset(tuple(pair.split()) for pair in ("how do", "how can", "how to", "who do", "who approves",
                                                   "where can", "can i", "can you", "can it", "is it", "how many",
                                                   "how much"))
HOW_TO_FIRST = frozenset(first for first, _ in HOW_TO)
GREETINGS = ("hi", "hey", "hello", "so", "ok", "please", "pls")  # words before the first that says what is asked
# Before "app", no app in particular ("an app", "the app", "my app"): nothing names it.
APP_WORDS = frozenset({"app", "apps", "application", "launcher", "client", "program"})
WORKING_BASES = frozenset({"work", "load", "open", "connect", "sync"})  # "why does the site load in Safari"
BROWSER_WORDS = frozenset({"browser", "browsers", "website", "websites", "web", "site", "chrome", "safari", "edge",
                           "firefox"})
UNNAMED = frozenset({"an", "some", "any", "one", "this", "that", "the", "my", "our", "your", "their", "his", "her"})
# Everyday function words, left out when counting what a query says besides the names.
known_stop = frozenset(INDEX_STOP_WORDS) | {"not", "will", "cannot", "app", "apps", "now", "since", "after"}
DESCRIBED = 0.5  # description evidence this strong says which app of a kind is meant
OFF_NETWORK_WORDS = 3  # content words besides the names that, none about the network, make a problem off it


def unknown_names(query, vocabulary, known_words) -> int:
    """Product-like names nobody knows: a word typed with a capital that is neither a catalog word, an
    everyday word nor a name pindesk knows ("Wealthsimple", "Bunq"), or such a word before "app"."""
    words = query.raw
    # Only a word typed with a capital or said before "app" can count.
    candidates = set(query.capitals)
    if not BEFORE_APP.isdisjoint(words):
        candidates.update(i - 1 for i, w in enumerate(words) if i and w in BEFORE_APP)
    named = {i for start, end in query.name_spans for i in range(start, end)} | set(query.host_words)
    named |= {i for start, end, _ in query.others for i in range(start, end)}
    candidates -= named
    if not candidates:  # most queries
        return 0
    foreign = None  # whether the message is in another language, worked out only for a name it would leave out
    found = 0
    for position in candidates:
        if position in named or position >= len(words):
            continue
        raw, word = words[position], query.words[position]
        if not raw.isalpha() or len(raw) < NAME_MIN_LENGTH:
            continue
        if position and words[position - 1] in HONORIFICS:  # "Dr Okafor", "Frau Schneider": a person
            continue
        if position in query.possessive and raw.endswith("s"):
            raw = raw[:-1]  # "JPMorgan's"
        unknown = raw not in known_words and (word is None or not vocabulary.is_english(raw))
        after = query.raw[position + 1:position + 3]
        # "Tabby app", "Notion desktop app"
        before_app = bool(after) and (after[0] in NAMED_APP or (after[0] in APP_KINDS and after[1:] in NAMED_APPS))
        # "Tabby app": an everyday word typed with a capital before "app" is a name too, and so is a word the
        # catalog uses, typed with a capital inside a sentence ("the Delta Fly app").
        named_app = (before_app and position in query.capitals and raw not in vocabulary.category_words
                     and (raw,) not in vocabulary.platforms and (raw not in known_words or position in query.cased))
        if (unknown and (position in query.capitals or before_app)) or named_app:
            # In a message written in another language most words are not English, and neither a sentence's
            # first word nor a word before "app" says a name ("Perché alcune app ...", "Nossa aplicação ..."):
            # only capitals inside a sentence count.
            if position not in query.cased:
                if foreign is None:
                    foreign = _foreign(words, vocabulary)
                if foreign:
                    continue
            found += 1
    return found


def _foreign(words: list[str], vocabulary) -> bool:
    """Whether a message is written in another language: long enough, and many of its words not English."""
    long_words = [w for w in words if len(w) > 2 and w.isalpha()]
    return len(long_words) >= FOREIGN_MIN_WORDS and \
        sum(1 for w in long_words if not vocabulary.is_english(w)) >= FOREIGN_SHARE * len(long_words)


NAMED_APP = ("app", "application", "client")  # words after an app's name
NAMED_APPS = [[w] for w in NAMED_APP]
APP_KINDS = frozenset({"desktop", "mobile", "web", "phone", "iphone", "android", "ios", "mac", "windows"})
BEFORE_APP = frozenset(NAMED_APP) | APP_KINDS  # the words after a name that make it a name
BARE_MAX_WORDS = 6  # longer queries say more than that something fails, whatever their words
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "dear", "herr", "frau", "mme",
                        "mlle", "monsieur", "madame", "sr", "sra", "señor", "señora", "dott", "dottssa", "sig", "pan",
                        "pani"})
NAME_MIN_LENGTH = 4  # shorter unknown words ("yt", "ps") are more often abbreviations than names
FOREIGN_MIN_WORDS, FOREIGN_SHARE = 6, 0.4  # a message this long with this share of unfamiliar words


def candidate_features(ev: Evidence, signals: QuerySignals, *, base: float, best_other: float, text_top: bool,
                       description_top: bool, platform_fit: float, rival_named: bool, named: bool,
                       unrelated: float) -> list[float]:
    """The features of one candidate, in the order of FEATURES; `platform_fit`: 1.0, -1.0 or 0.0; `named`: a
    strong name or a host says it; `unrelated`: the query's problems that are not the network's, less those the
    catalog says of this app."""
    # min(1.0, x) written out as `x if x < 1.0 else 1.0`: on Python 3.11 min() parses keywords on every call;
    # and a truth as `1.0 if ... else 0.0`, what float() makes of it without the call.
    unknown, kind_only = signals.unknown_name, signals.kind_only
    if kind_only and not (ev.name or ev.host or ev.own):
        # An app meant by its kind alone is this candidate only when it is also described as it.
        described = ev.description / DESCRIBED
        kind_only *= 1.0 - (described if described < 1.0 else 1.0)
    else:
        kind_only = 0.0
    return [ev.name, 1.0 if ev.generic and ev.name > 0 else 0.0, ev.context if not ev.name else 0.0, ev.host, ev.own,
            ev.error, ev.text, 1.0 if text_top else 0.0, ev.specific, ev.description,
            1.0 if description_top else 0.0, ev.maker, platform_fit, 1.0 if platform_fit < 0 else 0.0,
            base, base - best_other, 1.0 if rival_named else 0.0,
            0.0 if named else signals.unlisted, signals.unlisted if named else 0.0,
            unknown if unknown < 1.0 else 1.0, signals.unknown_host, signals.failing, signals.network,
            unrelated if unrelated < 1.0 else 1.0, signals.how_to, signals.off_network, kind_only]
