"""Clauses of a query and their polarity: which named app still fails (the subject) and which works (context).

"Instagram works now but Snapchat still can't refresh" is about Snapchat; Instagram, named in a clause
that says it works, is context. Clauses end at punctuation and at connectors ("but", "aber", "mais");
a clause fails when it holds a failure word or a negated "works", and works when it says so unnegated.
"""
from __future__ import annotations

FAILS, WORKS, NEUTRAL = "fails", "works", "neutral"


def clause_of(words: list[str], breaks: set[int], connectors: frozenset[str]) -> list[int]:
    """The clause number of each word: a new clause after punctuation that ends one, and at a connector."""
    if not breaks and connectors.isdisjoint(words):  # one clause: most queries
        return [0] * len(words)
    numbers, current = [], 0
    for position, word in enumerate(words):
        if position and (position in breaks or word in connectors):
            current += 1
        numbers.append(current)
    return numbers


def polarities(words: list[str], clauses: list[int], vocabulary) -> list[str]:
    """Whether each clause says something fails, works, or neither."""
    count = clauses[-1] + 1 if clauses else 0
    kinds = (vocabulary.working_words, vocabulary.negations, vocabulary.plain_failures, vocabulary.still_words)
    if count == 1:  # one clause: most queries
        held = [not kind.isdisjoint(words) for kind in kinds]
        if held[0] and AGAIN in words and _again_only(words, vocabulary):
            held[0] = False  # "asks me to sign in again": a repetition, not working again
        return [_polarity(*held)]
    working, negated, failing, still = marks = [False] * count, [False] * count, [False] * count, [False] * count
    for kind, marked in zip(kinds, marks, strict=True):
        if kind.isdisjoint(words):  # a query holds words of few kinds, if any
            continue
        for position, (word, clause) in enumerate(zip(words, clauses, strict=True)):
            if word in kind and not (word == AGAIN and marked is working and _again_repeats(words, position,
                                                                                             vocabulary)):
                marked[clause] = True
    return [_polarity(working[c], negated[c], failing[c], still[c]) for c in range(count)]


def _polarity(working: bool, negated: bool, failing: bool, still: bool) -> str:
    """What a clause says, from the kinds of words it holds: FAILS, WORKS or NEUTRAL."""
    return FAILS if failing or (working and negated) or (still and not working) else WORKS if working else NEUTRAL


AGAIN = "again"
# Before "again", words that make it a repetition ("sign in again", "try again"), not a return to working.
REPEATED = frozenset({"in", "try", "retry", "login", "log", "signin", "over", "and", "it", "happening", "happened"})


def _again_repeats(words: list[str], position: int, vocabulary) -> bool:
    """Whether "again" at `position` says that something happens once more ("asks me to sign in again",
    "broke again", "stuck on connecting again") rather than that it works again ("loads again")."""
    before = words[position - 1] if position else ""
    if before in vocabulary.working_words:  # "loads again", "connects again"
        return False
    return before in REPEATED or before in vocabulary.failure_words or before in vocabulary.network_words


def _again_only(words: list[str], vocabulary) -> bool:
    """Whether the only words of working in a one-clause query are "again"s that repeat."""
    return all(w == AGAIN and _again_repeats(words, i, vocabulary)
               for i, w in enumerate(words) if w in vocabulary.working_words)


def context_positions(spans: list[tuple[int, int]], clauses: list[int], polarity: list[str]) -> set[int]:
    """Start positions of the named spans that are context: in a clause that says the app works, while
    another span is named in a clause that fails or says neither. One app alone is never context.

    A clause that says neither takes the polarity of the next clause when that one names no app
    ("Periscope is gone, fine, but ..."); one that works fails when the nameless clause after it fails
    ("the Store opens but stays blank": it is the same app that opens and fails)."""
    if len(spans) < 2:  # no other span to be the subject: most queries
        return set()
    named = {clauses[start] for start, _ in spans}

    def role(span):
        """The polarity of the clause a span starts in, or of the nameless clause after it."""
        clause = clauses[span[0]]
        after = polarity[clause + 1] if clause + 1 < len(polarity) and clause + 1 not in named else None
        if polarity[clause] == NEUTRAL and after is not None:
            return after
        if polarity[clause] == WORKS and after == FAILS:
            return FAILS
        return polarity[clause]
    working = [s for s in spans if role(s) == WORKS]
    subject = [s for s in spans if role(s) != WORKS]
    if not working or not subject:
        return set()
    return {s[0] for s in working}
