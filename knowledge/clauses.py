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
    marks = vocabulary.polarity_marks  # the kinds of each word of polarity, as bits (WORKING, ...)
    held = marks.keys() & words  # a query holds few such words, if any
    if count == 1:  # one clause: most queries
        mask = 0
        for word in held:
            mask |= marks[word]
        if mask & WORKING and AGAIN in words and _again_only(words, vocabulary):
            mask ^= WORKING  # "asks me to sign in again": a repetition, not working again
        return [POLARITY[mask]]
    if not held:
        return [NEUTRAL] * count
    masks = [0] * count
    for position, word in enumerate(words):
        mark = marks.get(word)
        if mark:
            if mark & WORKING and word == AGAIN and _again_repeats(words, position, vocabulary):
                mark ^= WORKING
            masks[clauses[position]] |= mark
    return [POLARITY[mask] for mask in masks]


def _polarity(working: bool, negated: bool, failing: bool, still: bool) -> str:
    """What a clause says, from the kinds of words it holds: FAILS, WORKS or NEUTRAL."""
    return FAILS if failing or (working and negated) or (still and not working) else WORKS if working else NEUTRAL


# The bits of Vocabulary.polarity_marks, in the order of its kinds; and what a clause holding the kinds of a
# mask of them says.
WORKING, NEGATED, FAILING, STILL = 1, 2, 4, 8
POLARITY = tuple(_polarity(*(bool(mask & bit) for bit in (WORKING, NEGATED, FAILING, STILL))) for mask in range(16))

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
