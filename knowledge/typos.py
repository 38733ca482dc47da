"""Spelling correction against a word list: a symmetric-delete index (as in SymSpell), so a
lookup costs a handful of hash probes however many words the catalog holds."""
from __future__ import annotations


def _deletes(word: str) -> set[str]:
    """The word with one letter left out, every way."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class TypoIndex:
    """Finds the known word closest to a misspelling (optimal string alignment distance)."""

    def __init__(self, words):
        self._words = frozenset(words)
        self._by_delete: dict[str, list[str]] | None = None

    def prepare(self) -> None:
        """Build the delete index now; else the first lookup builds it (a one-shot command may need none)."""
        if self._by_delete is None:
            by_delete: dict[str, list[str]] = {}
            for word in sorted(self._words):
                for key in _deletes(word) | {word}:
                    by_delete.setdefault(key, []).append(word)
            self._by_delete = by_delete

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def closest(self, word: str, max_distance: int = 1) -> str | None:
        """The nearest known word within `max_distance` edits (a swap of two letters is one), or None.

        Candidates share the word or one of its one-letter deletions, which finds every word one
        edit away and most two edits away; ties go to the alphabetically first word.
        """
        from rapidfuzz.distance import OSA
        self.prepare()
        candidates: set[str] = set()
        for key in _deletes(word) | {word}:
            candidates.update(self._by_delete.get(key, ()))
        best, best_distance = None, max_distance + 1
        for candidate in sorted(candidates):
            distance = OSA.distance(word, candidate, score_cutoff=max_distance)
            if distance < best_distance:
                best, best_distance = candidate, distance
        return best
