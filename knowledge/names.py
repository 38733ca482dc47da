"""Names and aliases: the phrase tables, partial and spaceless names, and apps outside the catalog."""
from __future__ import annotations

from .answer import Reason
from .catalog import App
from .clauses import context_positions
from .evidence import Evidence, offer, record
from .objects import APPS_SAID, is_object
from .query import Query
from .text import INDEX_STOP_WORDS, normalise, tokens
from .tuning import Tuning
from .vocabulary import Vocabulary, phrase_sizes

# Words beside a name that show an app is meant ("teams app"); never a distinctive word of a name.
APP_CONTEXT = frozenset({"app", "apps", "application", "client", "launcher", "account", "desktop",
                         "messenger", "website", "site", "service", "addin", "add"})
# Words after which a single letter is a placeholder ("app X", "vendor Y"), not an app's name.
PLACEHOLDER_BEFORE = frozenset({"app", "apps", "application", "applications", "vendor", "service", "tool",
                                "product", "client", "site", "website", "user"})
# Words before an everyday-word alias that show the everyday sense ("at the office", "my store").
DETERMINERS = frozenset({"the", "a", "an", "at", "in", "our", "my", "your", "their", "this", "that",
                         "from", "to", "of", "on", "into", "no", "any", "some", "every"})
PLATFORMS_IN_NAMES = frozenset({"ios", "android", "windows", "macos"})
MADE_BY = frozenset({"from", "by"})  # "the app from LogMeIn", "made by ..."
def _add_phrase(table: dict, key, index: int, alias: str) -> None:
    """Record that a phrase names the app at `index`, once per app."""
    bucket = table.setdefault(key, [])
    if all(i != index for i, _ in bucket):
        bucket.append((index, alias))


class Names:
    """Every way the catalog's apps are named, and where a query names them."""

    def __init__(self, apps: tuple[App, ...], vocabulary: Vocabulary, tuning: Tuning):
        self.apps, self.vocabulary, self.tuning = apps, vocabulary, tuning
        self.phrases: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self.compact: dict[str, list[tuple[int, str]]] = {}
        for index, app in enumerate(apps):
            for alias in dict.fromkeys((app.name, app.title or app.name, *app.aliases, *app.family)):
                words = tuple(tokens(normalise(alias)))
                if not words:
                    continue
                _add_phrase(self.phrases, words, index, alias)
                # "Google Docs" also answers "google doc"; plural query words are handled by singular(). A
                # one-word name's singular that is an everyday word is not it: "team" is no "Teams".
                plain = tuple(self._without_plural_s(w) for w in words)
                if plain != words and (len(words) > 1 or not vocabulary.is_english(plain[0])):
                    _add_phrase(self.phrases, plain, index, alias)
                if len(words) > 1:
                    _add_phrase(self.compact, "".join(words), index, alias)
        self._outnaming = self._names_around_others(apps)
        for words, (index, phrase) in self._outnaming.items():
            _add_phrase(self.phrases, words, index, phrase)
        # Where a phrase can start, and how long it can be from there: most words start none.
        self.phrase_sizes: dict[str, tuple[int, ...]] = {}
        for phrase in self.phrases:
            sizes = set(self.phrase_sizes.get(phrase[0], ())) | {len(phrase)}
            self.phrase_sizes[phrase[0]] = tuple(sorted(sizes, reverse=True))
        self.compact_prefixes = frozenset(key[:i] for key in self.compact for i in range(1, len(key) + 1))
        self.partial = self._partial_words(apps)
        self.alias_tokens = sorted({t for p in self.phrases for t in p if len(t) >= tuning.typo_min_length}
                                   | {c for c in self.compact if len(c) >= tuning.typo_min_length})
        self.alias_token_set = frozenset(t for p in self.phrases for t in p) | frozenset(self.compact)
        # Plurals of the words of names that are not themselves such words ("imessages", "chromebooks").
        self.plural_names = {t + "s": t for t in self.alias_token_set if t + "s" not in self.alias_token_set}
        # The words a name can start with: a phrase's first word, a spaceless name's start, or a plural of either.
        self.span_starts = frozenset(self.phrase_sizes) | self.compact_prefixes | frozenset(self.plural_names)
        self.other_apps = {p: name for p, name in vocabulary.other_apps.items()
                           if p not in self.phrases and "".join(p) not in self.compact}
        # Where an outside app's name can start, and how long it can be from there (longest first).
        self.other_sizes: dict[str, tuple[int, ...]] = {}
        for phrase in self.other_apps:
            self.other_sizes[phrase[0]] = tuple(sorted(set(self.other_sizes.get(phrase[0], ())) | {len(phrase)},
                                                       reverse=True))
        self.app_platforms = [self._implied_platforms(app) for app in apps]
        self.makers = self._maker_words(apps)
        self.maker_words = frozenset(w for phrase in self.makers for w in phrase)
        # Where a maker's name of at most three words can start, and its lengths from there (longest first).
        self.maker_sizes = {word: sizes[::-1] for word, sizes in phrase_sizes(self.makers, 3).items()}
        self.maker_possessives = frozenset(w + "s" for w in self.maker_words)  # "Amazon's" is read as "amazons"

    def _names_around_others(self, apps) -> dict[tuple[str, ...], tuple[int, str]]:
        """What people call an app (known_as) where it holds another app's name: "Windows app store" holds
        "App Store", "Facebook chat" holds "Facebook". As names, the longer phrase wins where it is typed;
        they lend no word to partial names."""
        found = {}
        for index, app in enumerate(apps):
            for phrase in app.known_as:
                words = tuple(tokens(normalise(phrase)))
                others = {i for size in range(1, len(words)) for start in range(len(words) - size + 1)
                          for i, _ in self.phrases.get(words[start:start + size], ())} - {index}
                if others and words not in self.phrases:
                    found[words] = (index, phrase)
        return found

    def _maker_words(self, apps) -> dict[tuple[str, ...], tuple[int, ...]]:
        """Who makes each app ("amazon", "google", "under armour"), as phrases, to the apps they make."""
        makers: dict[tuple[str, ...], set[int]] = {}
        for index, app in enumerate(apps):
            for maker in (app.vendor, *app.makers):
                words = tuple(w for w in tokens(normalise(maker)) if w not in ("inc", "corp"))
                if words and len("".join(words)) > 2:  # "X" of X Corp. would be read in any "x"
                    makers.setdefault(words, set()).add(index)
        return {phrase: tuple(sorted(found)) for phrase, found in makers.items()}

    def _owner_of_others(self, query: Query, start: int, end: int, hits) -> bool:
        """Whether a name typed in the possessive names the maker of another app ("Twitter's old
        live-streaming app" is Periscope), or one said after "from" or "by" ("the screen-sharing app from
        LogMeIn" is join.me): then it says who makes the app meant, not which it is."""
        if end - 1 not in query.possessive and not (start and query.keys[start - 1] in MADE_BY):
            return False
        phrase = tuple(self.singulars(query.keys[start:end]))
        makes = self.makers.get(phrase) or self.makers.get(tuple(w[:-1] if w.endswith("s") else w for w in phrase))
        return bool(makes) and any(i not in {index for index, _ in hits} for i in makes)

    def is_name(self, words: list[str]) -> bool:
        """Whether the words are exactly a name of a catalog app or of an app outside it."""
        key = tuple(words)
        return key in self.phrases or "".join(words) in self.compact or key in self.other_apps

    def find_makers(self, query: Query, evidence: dict[int, Evidence]) -> None:
        """The makers the query names ("Amazon's voice assistant"): weak evidence for each app they make."""
        known, keys = self.maker_words, query.keys
        if not self.maker_possessives.isdisjoint(keys):
            # "Amazon's" is read as "amazons": the maker without the possessive.
            keys = [k[:-1] if k in self.maker_possessives and k not in known else k for k in keys]
        elif known.isdisjoint(keys):
            return  # most queries name no maker
        for start, key in enumerate(keys):
            if start in query.host_words:
                continue
            for size in self.maker_sizes.get(key, ()):  # longest first
                apps = self.makers.get(tuple(keys[start:start + size])) if start + size <= len(keys) else None
                if apps:
                    for index in apps:
                        record(evidence, index).maker = 1.0
                    break

    def _without_plural_s(self, word: str) -> str:
        """An alias word without its plural "s" ("docs" -> "doc"); words in "ss" and short ones kept."""
        if len(word) >= self.tuning.plural_min_length and word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
        return word

    def _partial_words(self, apps) -> dict[str, frozenset[int]]:
        """Distinctive words of names of two or more words, with the apps they are part of; who makes an
        app ("microsoft" of "Microsoft Store") says which maker, not which of its apps."""
        partial: dict[str, set[int]] = {}
        for phrase, hits in self.phrases.items():
            if len(phrase) > 1 and phrase not in self._outnaming:
                for word in phrase:
                    partial.setdefault(word, set()).update(index for index, _ in hits)
        platform_words = {w for p in self.vocabulary.platforms for w in p}
        platform_words |= {w for app in apps for maker in (app.vendor, *app.makers) for w in tokens(normalise(maker))}
        # A word that says where or how something fails ("network" of "Xbox network") names nothing.
        said_of_failures = self.vocabulary.network_words | self.vocabulary.failure_words
        return {w: frozenset(found) for w, found in partial.items()
                if len(w) >= self.tuning.partial_min_length and w not in INDEX_STOP_WORDS
                and w not in APP_CONTEXT and w not in platform_words and w not in said_of_failures
                and (w,) not in self.phrases}

    def _implied_platforms(self, app: App) -> frozenset[str]:
        """The app's platforms, narrowed when its own name says one ("iOS App Store", "Windows Store")."""
        named = {self.vocabulary.platforms.get((word,)) for word in tokens(normalise(app.name))}
        named &= PLATFORMS_IN_NAMES
        return frozenset(named) if named else frozenset(app.platforms)

    def singular(self, word: str) -> str:
        """A plural of a name the catalog knows ("imessages", "chromebooks") as that name."""
        return self.singulars((word,))[0]

    def singulars(self, words) -> list[str]:
        """`singular` of each word."""
        return list(map(self.plural_names.get, words, words))

    def other_app_spans(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Where the query names apps outside the catalog, longest name first at each position."""
        found = []
        if self.other_sizes.keys().isdisjoint(words):  # most queries name no app outside the catalog
            return found
        for start, word in enumerate(words):
            for size in self.other_sizes.get(word, ()):
                name = self.other_apps.get(tuple(words[start:start + size])) if start + size <= len(words) else None
                if name:
                    found.append((start, start + size, name))
                    break
        return found

    def _spans(self, query: Query) -> list[tuple[int, int, list]]:
        """Every phrase and spaceless name in the query, not inside a longer one (of the catalog, or
        of an app outside it: "citrix workspace")."""
        keys = query.keys
        # Each word, or the name it is a plural of: the words themselves where none is such a plural (most queries).
        singular = keys if self.plural_names.keys().isdisjoint(keys) else self.singulars(keys)
        phrases, phrase_sizes, compact_prefixes = self.phrases, self.phrase_sizes, self.compact_prefixes
        spans = []
        span_starts = self.span_starts
        for start, key in enumerate(keys):
            if key not in span_starts:  # starts no name: most words
                continue
            sizes = phrase_sizes.get(key, ())  # longest first
            if singular[start] != key:
                sizes = sorted(set(sizes) | set(phrase_sizes.get(singular[start], ())), reverse=True)
            for size in sizes:
                if start + size <= len(keys):
                    hits = phrases.get(tuple(keys[start:start + size]))
                    if not hits and singular is not keys:
                        hits = phrases.get(tuple(singular[start:start + size]))
                    if hits:
                        spans.append((start, start + size, hits))
            # A spaceless name starts here only if this word is one, or begins one with the next word.
            if key in compact_prefixes and (key in self.compact or (start + 1 < len(keys)
                                                                    and key + keys[start + 1] in compact_prefixes)):
                spans += self._compact_spans(keys, start)
        if not spans:
            return spans
        if len(spans) == 1 and not query.others:  # one name, inside no longer one: most queries that name one
            return spans if query.host_words.isdisjoint(range(spans[0][0], spans[0][1])) else []
        longer = spans + query.others
        widest = max(end - start for start, end, *_ in longer)  # a span this wide is inside no longer one
        return [s for s in spans if query.host_words.isdisjoint(range(s[0], s[1]))
                and (s[1] - s[0] == widest
                     or not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0]) for o in longer))]

    def _compact_spans(self, keys: list[str], start: int) -> list[tuple[int, int, list]]:
        """The spaceless names written from `start` on, across a few words ("join me" for "joinme")."""
        spans, joined = [], ""
        for size in range(1, min(self.tuning.compact_words, len(keys) - start) + 1):
            joined += keys[start + size - 1]
            if joined not in self.compact_prefixes:
                break
            hits = self.compact.get(joined)
            if hits:
                spans.append((start, start + size, hits))
        return spans

    def find(self, query: Query, evidence: dict[int, Evidence]) -> None:
        """Name and alias evidence; the spans of the query that name an app go into query.name_spans."""
        tuning, keys, raw = self.tuning, query.keys, query.raw
        spans = [span for span in self._spans(query)
                 if span[1] - span[0] != 1 or len(raw[span[0]]) != 1 or not self._stray_letter(query, *span[:2])]
        # An everyday word that is also a name, in its everyday sense ("at the office"), names no rival subject.
        named = [(s, e) for s, e, _ in spans
                 if not (s and query.keys[s - 1] in DETERMINERS and self._generic(query, s, e))]
        if len(named) + len(query.others) < 2 and APPS_SAID.isdisjoint(query.raw):
            query.context = set()  # one name at most, and no app spoken of: no context (most queries)
        else:
            query.context = context_positions(named + [(s, e) for s, e, _ in query.others], query.clauses,
                                              query.polarity) | self._objects(query, named)
        self._find_partial(query, spans, evidence)
        for start, end, hits in spans:
            typo = raw[start:end] != keys[start:end]  # a word of it read as a typo
            generic = self._generic(query, start, end)
            if generic:
                near = set(keys[max(0, start - 1):start] + keys[end:end + 1])
                if start and keys[start - 1] in DETERMINERS:
                    strength = tuning.generic_name / tuning.determiner_divisor
                elif near & APP_CONTEXT or len(keys) <= tuning.short_query_words:
                    strength = tuning.generic_name_in_context
                else:
                    strength = tuning.generic_name
            else:
                strength = tuning.typo_name if typo else 1.0
            said = " ".join(raw[start:end])
            owner = self._owner_of_others(query, start, end, hits)
            for index, alias in hits:
                if start in query.context or owner:
                    # Named where the query says it works: context, not the app that fails.
                    ev = record(evidence, index)
                    ev.context = max(ev.context, strength)
                    continue
                ev = record(evidence, index)
                if strength > ev.name:
                    ev.generic = generic
                offer(evidence, index, "name", strength, Reason("name", alias, said))
        query.name_spans = [(s, e) for s, e, _ in spans]

    @staticmethod
    def _objects(query: Query, named: list[tuple[int, int]]) -> set[int]:
        """Starts of names that are what the app named before them fails to reach or show, in the same
        clause: "Timehop shows nothing from my Facebook", "can't fetch my Gmail", "mes photos iCloud" —
        a name with "my" (in any of the languages) just before it, or before the word before it."""
        if len(named) + len(query.others) < 2 and APPS_SAID.isdisjoint(query.raw):
            return set()  # one name at most, and no app spoken of before it: most queries
        spans = sorted(named + [(s, e) for s, e, _ in query.others])
        return {start for position, (start, _) in enumerate(spans)
                if is_object(query, start, [span for span in spans[:position] if span[0] < start])}

    @staticmethod
    def _stray_letter(query: Query, start: int, end: int) -> bool:
        """Whether a name is one letter that stands for no app: typed in lower case with no word for an app
        beside it ("src=x", "error x"), a variable or an axis; or after a word for one ("app X is broken",
        "vendor Y"), a placeholder. X is typed "X", "x app" or "the X app"."""
        if end - start != 1 or len(query.raw[start]) != 1:
            return False
        keys = query.keys
        if start and keys[start - 1] in PLACEHOLDER_BEFORE:
            return True
        return start not in query.capitals and APP_CONTEXT.isdisjoint(keys[max(0, start - 1):start] + keys[end:end + 1])

    def _generic(self, query: Query, start: int, end: int) -> bool:
        """Whether a span is one everyday word typed as such: no typo, no capital ("teams", "office")."""
        if end - start != 1 or query.raw[start] != query.keys[start] or start in query.cased:
            return False
        word = query.keys[start]
        return len(word) <= self.tuning.generic_max_length or self.vocabulary.is_english(word)

    def _find_partial(self, query: Query, spans, evidence: dict[int, Evidence]) -> None:
        """A word of a longer name on its own: "xbox" of "Xbox Live", never a word for a kind of app
        ("podcast" of "Overcast Podcasts"); a shared word or a kind ("store") only where a platform named
        leaves one app that it fits."""
        if self.partial.keys().isdisjoint(query.keys):  # most queries have no such word
            return
        platforms = [query.platform] + query.platforms if query.platform else []
        covered = {i for start, end, _ in spans for i in range(start, end)}
        covered |= query.host_words
        for position, word in enumerate(query.keys):
            apps = self.partial.get(word) if position not in covered else None
            if not apps or is_object(query, position, [(s, e) for s, e, _ in spans if s < position]):
                continue  # none, or a thing the app named or spoken of before fails to show ("my iCloud photos")
            if len(apps) == 1 and not self.vocabulary.is_english(word) and word not in self.vocabulary.category_words:
                chosen, strength = apps, self.tuning.partial_name
                if query.keys[position + 1:position + 2] and query.keys[position + 1] in APP_CONTEXT:
                    strength = self.tuning.strong_name  # "my Xbox account", "the Xbox app": named as an app
            elif platforms and (len(apps) > 1 or word not in self.vocabulary.category_words):
                # The platform settles which of the apps sharing the word; a kind with one app ("the
                # weather app on my phone") stays a kind.
                chosen = [i for i in apps if self.app_platforms[i] & set(platforms)]
                strength = self.tuning.platform_partial_name if len(chosen) == 1 else 0.0
            else:
                continue
            said = f"{word} ({', '.join(platforms)})" if strength == self.tuning.platform_partial_name else word
            for index in chosen if strength else ():
                offer(evidence, index, "name", strength, Reason("name", self.apps[index].display_name, said))
