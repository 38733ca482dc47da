"""Evidence for an app, combined as a noisy-OR; the error-text kind of it.

Names are found in names.py, hosts in hosts.py, free text and descriptions in space.py; each kind
offers its strength in [0, 1] and the reason for it, and the strongest of a kind is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .answer import Reason
from .catalog import App
from .text import INDEX_STOP_WORDS, normalise, stem, tokens
from .tuning import Tuning

KINDS = ("name", "host", "own", "error", "text", "description")
RULE_FIELDS = {"required": "domains", "note": "note_domains", "optional": "optional_domains"}


@dataclass(slots=True)
class Evidence:
    """Evidence gathered for one app while answering one query."""

    name: float = 0.0  # a name, alias or family product named where the query says what fails
    host: float = 0.0  # a host in the app's domain lists
    own: float = 0.0  # a host under the app's home domain that no list names
    error: float = 0.0  # the app's own error text
    text: float = 0.0  # free text against all the catalog says of the app
    specific: float = 0.0  # ... without the everyday words for kinds of apps ("bank", "weather")
    description: float = 0.0  # what the app is, who makes it, what people call it, its icon
    context: float = 0.0  # a name said only where the query says the app works
    generic: bool = False  # the name evidence is an everyday word alone ("teams", "windows")
    maker: float = 0.0  # the query names who makes the app ("Amazon's", "Google's")
    why: list = field(default_factory=list)

    def offer(self, kind: str, strength: float, reason: Reason) -> None:
        """Keep the stronger evidence of a kind, with the reason for it in place of the weaker one's."""
        if strength > getattr(self, kind):
            setattr(self, kind, strength)
            if self.why:
                self.why = [r for r in self.why if r.field != reason.field]
                self.why.append(reason)
            else:  # the first reason: most offers
                self.why = [reason]

    def noisy_or(self, name: float, host: float, own: float, error: float, text: float, description: float) -> float:
        """Noisy-OR of the evidence, each kind capped by its ceiling, given in the order of KINDS."""
        if self.name or self.host or self.own or self.error:
            return 1.0 - ((1.0 - name * self.name) * (1.0 - host * self.host) * (1.0 - own * self.own)
                          * (1.0 - error * self.error) * (1.0 - text * self.text)
                          * (1.0 - description * self.description))
        # Free text and description alone (most candidates): the factors left out are exactly 1.0.
        return 1.0 - (1.0 - text * self.text) * (1.0 - description * self.description)


def record(evidence: dict[int, Evidence], index: int) -> Evidence:
    """The evidence for the app at `index`, created on first use (and only then)."""
    ev = evidence.get(index)
    if ev is None:
        ev = evidence[index] = Evidence()
    return ev


def offer(evidence: dict[int, Evidence], index: int, kind: str, strength: float, reason: Reason) -> None:
    """Offer evidence of a kind for the app at `index`, creating its record on first use."""
    record(evidence, index).offer(kind, strength, reason)


# Words of the error texts every app shows ("Something went wrong", "An error occurred", "Cannot connect"): a
# part of an app's text made only of them is no sign of that app; its whole text quoted still is.
GENERIC_ERROR_WORDS = frozenset({"something", "went", "wrong", "error", "errors", "occurred", "try", "again",
                                 "later", "unable", "cannot", "connect", "connection", "failed", "network",
                                 "unknown", "oops", "problem", "loading", "internet"})
ErrorRow = tuple[int, str, dict[str, float], float]  # app position, the text, its words' IDF, their mean


def error_rows(apps: tuple[App, ...], stem_idf: dict[str, float]) -> list[ErrorRow]:
    """Each app's error texts as content words with their IDF (1 for a word the index does not know)."""
    rows = []
    for position, app in enumerate(apps):
        for message in app.error_messages:
            words = {w: stem_idf.get(stem(w), 1.0) for w in tokens(normalise(message)) if w not in INDEX_STOP_WORDS}
            if words:
                rows.append((position, message, words, sum(words.values()) / len(words)))
    return rows


class ErrorTexts:
    """The error texts' rows and an inverted index word -> rows."""

    def __init__(self, rows: list[ErrorRow], tuning: Tuning):
        self.tuning = tuning
        self.rows = rows
        # Per row what does not depend on the query: its words' total IDF and how distinctive it is.
        self._fixed = [(sum(words.values()), min(1.0, mean_idf / tuning.error_idf_ref))
                       for _, _, words, mean_idf in rows]
        index: dict[str, list[int]] = {}
        for row, (_, _, words, _) in enumerate(rows):
            for word in words:
                index.setdefault(word, []).append(row)
        # A word in too many error texts finds no candidates alone: left out of the index.
        self.index = {word: postings for word, postings in index.items() if len(postings) <= tuning.common_error_word}
        # The rows a word alone can find (those of one word, unless two are asked for), in the order `find`
        # offers them (a set's).
        self._alone = {word: tuple(row for row in set(postings)
                                   if len(rows[row][2]) == 1 or tuning.error_min_words <= 1)
                       for word, postings in self.index.items()}

    def find(self, words: list[str | None], evidence: dict[int, Evidence]) -> None:
        """Error-text evidence: the IDF share of each error's words present, times its distinctiveness."""
        index = self.index
        held = index.keys() & words  # the query's words that some error text holds (None and "" are no key)
        if not held:
            return
        tuning = self.tuning
        min_share, min_words = tuning.error_min_share, tuning.error_min_words
        if len(held) == 1:  # one such word, most often: only the rows it alone holds enough of
            rows, words_shared = self._alone[next(iter(held))], None
        else:
            words_shared = {}  # how many of its words the query holds, by row
            for word in held:
                for row in index[word]:
                    words_shared[row] = words_shared.get(row, 0) + 1
            rows = set(words_shared)  # in a set's order, as rows have always been offered
        present = None  # the query's words as a set, made only for a row that shares enough words: few
        for row in rows:
            position, message, weights, _ = self.rows[row]
            if words_shared is not None and len(weights) > 1 and words_shared[row] < min_words:
                continue
            if present is None:
                present = set(words)
            shared = [w for w in weights if w in present]
            total, distinctive = self._fixed[row]
            covered = sum([weights[w] for w in shared]) / total
            if covered < min_share or (len(shared) < len(weights) and GENERIC_ERROR_WORDS.issuperset(shared)):
                continue
            offer(evidence, position, "error", covered * distinctive,
                  Reason("error_messages", message, " ".join(shared)))
