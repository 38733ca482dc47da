"""Spelling: each query word as typed, the catalog word it is a typo of, or unknown."""
from __future__ import annotations

from .names import Names
from .query import TOPIC_WORDS
from .text import INDEX_STOP_WORDS, PerWord, english_words
from .tuning import Tuning
from .typos import TypoIndex
from .vocabulary import Vocabulary


class Speller:
    """Corrects query words against the words the catalog, the articles and the vocabulary use."""

    def __init__(self, catalog_words: set[str], names: Names, vocabulary: Vocabulary, tuning: Tuning):
        self.names, self.vocabulary, self.tuning = names, vocabulary, tuning
        # Words that are not names of unknown apps, and are never corrected.
        known = set(catalog_words) | set(vocabulary.familiar_words)
        known |= vocabulary.question_words | TOPIC_WORDS | INDEX_STOP_WORDS | set(vocabulary.synonyms)
        for phrase in vocabulary.platforms:
            known.update(phrase)
        self.known = frozenset(known)
        shortest = tuning.typo_min_length
        self.targets = TypoIndex({w for w in catalog_words if len(w) >= shortest and w.isalpha()}
                                 | set(names.alias_tokens))
        self.name_typos = TypoIndex(names.alias_tokens)
        self._seen = PerWord(self._corrected, tuning.word_cache)  # the answer for a word is the same every time

    def prepare(self) -> None:
        """Read the dictionary and build the typo indexes now (a server, before it forks), not on first need."""
        english_words()
        self.targets.prepare()
        self.name_typos.prepare()

    def correct(self, words: list[str]) -> list[str | None]:
        """Each word, or the catalog word it is a typo of; None for a word nobody knows."""
        tuning, known, aliases, seen = self.tuning, self.known, self.names.alias_token_set, self._seen
        shortest = tuning.typo_min_length
        corrected: list[str | None] = []
        for word in words:
            if word in known or word in aliases or not word.isalpha() or len(word) < shortest:
                corrected.append(word)
            else:
                corrected.append(seen[word])
        return corrected

    def _corrected(self, word: str) -> str | None:
        """The catalog word a word is a typo of, the word itself, or None for a word nobody knows."""
        tuning = self.tuning
        if word[-1] == "s" and word[:-1] in self.names.alias_token_set:
            return word[:-1]  # a name typed in the possessive ("Vimeo's" is read as "vimeos"), not "videos"
        if self.vocabulary.is_english(word):
            # An everyday word is left alone unless it is one letter off a name ("twiter").
            name = self.name_typos.closest(word, 1) if len(word) >= tuning.name_typo_min_length else None
            return name or word
        best = self.targets.closest(word, 1 if len(word) <= tuning.one_edit_max_length else 2)
        if best and (len(word) > tuning.first_letter_max_length or best[0] == word[0]):
            return best
        return word if self.names.singular(word) != word else None
