"""The learned combination of the evidence: features per (query, candidate app), and a logistic model
over them whose probability is the answer's confidence.

The weights are fitted by `pindesk eval --fit` (fitting.py) on the training split and the old set, and
kept in combiner.json beside this file; answering needs only a dot product and a sigmoid.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

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
    "base",  # the noisy-OR of its evidence
    "margin",  # its noisy-OR less the best other candidate's
    "rival_named",  # another catalog app is named as what fails
    "unlisted",  # an app outside the catalog is named as what fails
    "unknown_name",  # a product-like name nobody knows ("Starling", "the Ryanair app")
    "unknown_host",  # a host that neither a list nor a home domain covers
    "failing",  # the query says something fails
    "network",  # the query places the problem on the network, the proxy or the office connection
    "unrelated",  # the query speaks of a problem that is not the network's (a crash, a quota, at home too)
    "how_to",  # a question that names no failure nor the network ("how do I export my notebooks")
    "off_network",  # several words beside the names, none of them about the network or a connection
    "kind_only",  # an app is meant only by its kind ("the bank app", "my podcast app")
)


@dataclass(frozen=True)
class Combiner:
    """Logistic weights over FEATURES, the bias, and the least probability that answers."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        """The chance the candidate is the app meant: the sigmoid of the weighted features."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

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


@dataclass(frozen=True)
class QuerySignals:
    """What holds for the whole query, the same for every candidate."""

    unlisted: float
    unknown_name: float
    unknown_host: float
    failing: float
    network: float
    unrelated: float
    how_to: float
    off_network: float
    kind_only: float


def query_signals(query, vocabulary, known_words) -> QuerySignals:
    """The query-wide features: apps outside the catalog, unknown names and hosts, failure, the network."""
    failing = any(p == FAILS for p in query.polarity)
    present = set(query.raw)
    network = bool(present & vocabulary.network_words) or bool(query.hosts)
    first = next((w for w in query.raw if w not in ("hi", "hey", "hello", "so", "ok", "please", "pls")), "")
    how_to = first in vocabulary.question_words and not failing and not network
    reports = query.host_reports
    unknown_host = bool(reports) and not any(r.app_ids or r.home_of for r in reports)
    named = {i for start, end in query.name_spans for i in range(start, end)}
    content = [w for i, w in enumerate(query.raw) if i not in named and w not in known_stop and len(w) > 2]
    kinds = [i for i, w in enumerate(query.raw[:-1]) if w in vocabulary.category_words
             and query.raw[i + 1] in ("app", "apps", "application", "launcher", "client", "program")]
    return QuerySignals(float(bool(query.unlisted)), float(unknown_names(query, vocabulary, known_words)),
                        float(unknown_host), float(failing), float(network),
                        float(len(present & vocabulary.unrelated_words)), float(how_to),
                        float(not network and len(content) >= OFF_NETWORK_WORDS), float(bool(kinds) and not named))


# Everyday function words, left out when counting what a query says besides the names.
known_stop = frozenset(INDEX_STOP_WORDS) | {"not", "will", "cannot", "app", "apps", "now", "since", "after"}
OFF_NETWORK_WORDS = 3  # content words besides the names that, none about the network, make a problem off it


def unknown_names(query, vocabulary, known_words) -> int:
    """Product-like names nobody knows: words nobody knows, words written with a capital that are not
    everyday words, and the word before "app" when it is neither a catalog name nor a kind of app."""
    named = {i for start, end in query.name_spans for i in range(start, end)} | set(query.host_words)
    named |= {i for start, end, _ in query.others for i in range(start, end)}
    found = 0
    for position, (raw, word) in enumerate(zip(query.raw, query.words, strict=True)):
        if position in named or not raw.isalpha():
            continue
        if word is None:
            found += 1
        elif position in query.cased and raw not in known_words and not vocabulary.is_english(raw):
            found += 1
        elif (position + 1 < len(query.raw) and query.raw[position + 1] in ("app", "application", "client")
              and raw not in vocabulary.category_words and raw not in known_words and len(raw) > 2):
            found += 1
    return found


def candidate_features(ev: Evidence, signals: QuerySignals, *, base: float, best_other: float, text_top: bool,
                       description_top: bool, platform_fit: int, rival_named: bool) -> list[float]:
    """The features of one candidate, in the order of FEATURES."""
    return [ev.name, float(ev.generic and ev.name > 0), ev.context if not ev.name else 0.0, ev.host, ev.own,
            ev.error, ev.text, float(text_top), ev.specific, ev.description, float(description_top), ev.maker,
            float(platform_fit), base, base - best_other, float(rival_named), signals.unlisted,
            min(1.0, signals.unknown_name), signals.unknown_host, signals.failing, signals.network,
            min(1.0, signals.unrelated), signals.how_to, signals.off_network, signals.kind_only]
