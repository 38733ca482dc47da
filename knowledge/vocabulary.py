"""The everyday vocabulary the engine reads besides the catalog (vocabulary.yaml): platform words, apps
outside the catalog, question, familiar, failure and working words, synonyms, and what mail programs add."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

from .errors import CatalogError
from .text import ANSWERS_KEPT, PerWord, in_english, normalise, stem_variants, tokens
from .yamlfile import YAMLSyntaxError, safe_load

DEFAULT_VOCABULARY = Path(__file__).resolve().parent / "vocabulary.yaml"
CANNOT = frozenset({"cannot"})  # "can't connect", "cannot load": a failure whatever verb follows


@dataclass(frozen=True)
class Vocabulary:
    """Platform words, names of apps outside the catalog, question words, familiar words, and the words
    that say whether something fails or works, in English and the languages tickets come in."""

    platforms: dict[tuple[str, ...], str]
    other_apps: dict[tuple[str, ...], str]
    question_words: frozenset[str]
    familiar_words: frozenset[str]
    synonyms: dict[str, tuple[str, ...]]
    failure_words: frozenset[str] = frozenset()
    working_words: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    still_words: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    category_words: frozenset[str] = frozenset()
    network_words: frozenset[str] = frozenset()
    unrelated_words: frozenset[str] = frozenset()
    # Phrases (token tuples) of problems that are not pinning even on the office network.
    elsewhere_phrases: frozenset[tuple[str, ...]] = frozenset()
    # Whole domains of clouds and content networks that serve a great many apps ("cloudfront.net").
    shared_domains: frozenset[str] = frozenset()
    # Lines mail programs and disclaimers add to a message ("Sent from my iPhone"), read as nothing.
    boilerplate: tuple[str, ...] = ()
    version: str = ""  # the content hash of the file it was read from ("" when built otherwise)

    @cached_property
    def plain_failures(self) -> frozenset[str]:
        """Failure words that say so on their own: not a "works" word (negated, it fails) nor a negation."""
        return (self.failure_words - self.working_words - self.negations) | (self.failure_words & CANNOT)

    @cached_property
    def polarity_marks(self) -> dict[str, int]:
        """Each word of working, negation, plain failure or "still", with the bits 1, 2, 4 and 8 of the kinds
        it is of (clauses.WORKING, NEGATED, FAILING, STILL): one lookup a word tells a clause's polarity."""
        marks: dict[str, int] = {}
        for bit, kind in enumerate((self.working_words, self.negations, self.plain_failures, self.still_words)):
            for word in kind:
                marks[word] = marks.get(word, 0) | 1 << bit
        return marks

    def __post_init__(self):
        """A vocabulary built in code gets a content hash of its own, so a cached index can key on it."""
        if not self.version:
            object.__setattr__(self, "version", _content_hash(self))

    @cached_property
    def platform_sizes(self) -> dict[str, tuple[int, ...]]:
        """For each word a platform phrase starts with, the lengths of those phrases (at most three words)."""
        return phrase_sizes(self.platforms, 3)

    @cached_property
    def _boilerplate_re(self) -> re.Pattern | None:
        """The boilerplate lines as one pattern, any case and white space; None when there are none."""
        if not self.boilerplate:
            return None
        phrases = sorted(self.boilerplate, key=len, reverse=True)
        return re.compile("|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases), re.IGNORECASE)

    def without_boilerplate(self, text: str) -> str:
        """The text without the lines mail programs and disclaimers add ("Sent from my iPhone", "Get Outlook
        for iOS"): they name a device or an app the message is not about."""
        pattern = self._boilerplate_re
        if pattern is None:
            return text
        low = text.casefold()
        if not any(word in low for word in self._boilerplate_words):  # most queries: no pattern search at all
            return text
        return pattern.sub(" ", text)

    @cached_property
    def _boilerplate_words(self) -> frozenset[str]:
        """Each boilerplate line's first two words ("sent from", "get outlook"), seldom said otherwise: a text
        holds a line only if it holds one of them (clean_query leaves single spaces between words)."""
        return frozenset(" ".join(line.casefold().split()[:2]) for line in self.boilerplate)

    @cached_property
    def elsewhere_sizes(self) -> dict[str, tuple[int, ...]]:
        """For each word an elsewhere phrase starts with, the lengths of those phrases (at most four words)."""
        return phrase_sizes(self.elsewhere_phrases, 4)

    def is_english(self, word: str) -> bool:
        """Whether a word, or its form without a common ending, is an English or familiar word."""
        return self._english_answers[word]

    @cached_property
    def _english_answers(self) -> PerWord:
        """is_english's answers so far: a query asks about the same few words at several steps."""
        familiar = self.familiar_words
        return PerWord(lambda word: any(form in familiar or in_english(form) for form in stem_variants(word)),
                       ANSWERS_KEPT)


def phrase_sizes(phrases, longest: int) -> dict[str, tuple[int, ...]]:
    """For each word some of `phrases` start with, the lengths of those phrases (at most `longest` words)."""
    sizes: dict[str, set[int]] = {}
    for phrase in phrases:
        if 0 < len(phrase) <= longest:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
    return {word: tuple(sorted(found)) for word, found in sizes.items()}


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """Read and check the vocabulary file."""
    path = Path(path) if path else DEFAULT_VOCABULARY
    try:
        source = path.read_bytes()
        data = safe_load(source)
    except (OSError, YAMLSyntaxError) as exc:
        raise CatalogError(f"{path}: cannot read the vocabulary ({exc})") from None
    expected = {"platforms", "other_apps", "question_words", "familiar_words", "synonyms", "elsewhere_phrases",
                "shared_domains", "boilerplate", *WORD_SETS}
    if not isinstance(data, dict) or set(data) != expected:
        raise CatalogError(f"{path}: expected exactly the keys {', '.join(sorted(expected))}")
    platforms = {}
    for platform, words in data["platforms"].items():
        for word in words:
            platforms[tuple(tokens(normalise(str(word))))] = platform
    other_apps = {}
    for entry in data["other_apps"]:
        name, phrases = (entry["name"], entry["match"]) if isinstance(entry, dict) else (entry, [entry])
        for phrase in phrases:
            other_apps[tuple(tokens(normalise(str(phrase))))] = str(name)
    return Vocabulary(
        platforms=platforms,
        other_apps=other_apps,
        question_words=frozenset(normalise(str(w)) for w in data["question_words"]),
        familiar_words=frozenset(t for w in data["familiar_words"] for t in tokens(normalise(str(w)))),
        synonyms={normalise(str(word)): tuple(normalise(str(s)) for s in same)
                  for word, same in data["synonyms"].items()},
        elsewhere_phrases=frozenset(tuple(tokens(normalise(str(p)))) for p in data["elsewhere_phrases"]),
        shared_domains=frozenset(normalise(str(d)).strip(".") for d in data["shared_domains"] or ()),
        boilerplate=tuple(" ".join(str(line).split()) for line in data["boilerplate"] or ()),
        **{key: _word_set(data[key]) for key in WORD_SETS},
        version=hashlib.sha256(source).hexdigest()[:16],
    )


# Lists of single words in the vocabulary file, each read into a set of normalised tokens.
WORD_SETS = ("failure_words", "working_words", "negations", "still_words", "connectors", "category_words",
             "network_words", "unrelated_words")


def _content_hash(vocabulary: Vocabulary) -> str:
    """A hash of everything a vocabulary holds, sets and mappings in sorted order."""
    def plain(value):
        """The value as JSON would hold it, in one order."""
        if isinstance(value, set | frozenset):
            return sorted(plain(item) for item in value)
        if isinstance(value, dict):
            return sorted([plain(k), plain(v)] for k, v in value.items())
        return [plain(item) for item in value] if isinstance(value, tuple | list) else value
    held = {f.name: plain(getattr(vocabulary, f.name)) for f in fields(vocabulary) if f.name != "version"}
    return hashlib.sha256(json.dumps(held, sort_keys=True).encode()).hexdigest()[:16]


def _word_set(words) -> frozenset[str]:
    """The tokens of a list of words and phrases, normalised."""
    return frozenset(t for w in words or () for t in tokens(normalise(str(w))))
