"""One query as the engine reads it: read once, then carried through every step of answering."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .answer import HostReport
from .clauses import clause_of, polarities
from .domains import hosts_in_text
from .text import clean_query, folded_forms, read_words_fully, tokens

# Words of questions about pinning itself (answered from the articles) and of exempting apps.
TOPIC_WORDS = frozenset({"pinning", "pinned", "pin", "pins", "certificate", "certificates", "cert", "ca",
                         "root", "intercept", "interception", "intercepting", "decrypts", "decrypting",
                         "decrypted", "inspects", "inspected", "inspecting", "gateway", "sni", "exclude",
                         "exclusion", "splice", "bump", "trust", "trusted", "mdm", "hardcode", "hardcoded",
                         "certs", "inspection", "inspect", "decrypt", "decryption", "exempt",
                         "exemption", "bypass", "mitm", "tls", "ssl", "capture", "pcap", "wireshark",
                         "unknown_ca", "whitelist", "allowlist", "category", "detect",
                         "unlisted", "domains", "fqdn", "fqdns", "handshake", "proxy", "proxies",
                         "zscaler", "netskope", "catalog", "hostnames", "rst", "close_notify"})

# Squid's own refusal in a pasted access.log line, by its result code: an access rule (403), a login (407).
SQUID_REFUSAL = re.compile(r"\b[A-Z]+_DENIED(?:_REPLY)?/(403|407)\b")
REFUSAL_CAVEATS = {
    "403": "The log shows the proxy refusing the request itself (TCP_DENIED/403): one of its own access rules "
           "blocked the host before any inspection. Exempting the app from inspection does not lift that block; "
           "find the rule that denies the host first.",
    "407": "The log shows the proxy asking for a login (TCP_DENIED/407): the app did not authenticate to the "
           "proxy, which apps that cannot answer a proxy's login prompt fail at whether or not they pin. Let its "
           "hosts through without proxy authentication as well as without inspection.",
}


@dataclass
class Query:
    """What was typed, its words as read and corrected, and what was found in it so far."""

    text: str  # the query cleaned of control characters, white space folded
    raw: list[str]  # its words as typed (folded to lower case, contractions spelled out)
    cased: set[int]  # positions of words written with a capital inside a sentence: likely names
    hosts: list[str]  # hosts and URLs' hosts in it
    words: list[str | None]  # each word, or the catalog word it is a typo of; None for a word nobody knows
    platforms: list[str]  # platforms it names, longest phrase first, "mobile" last
    platform: str | None  # the platform asked for, else the first it names
    synonyms: list[str]  # everyday words' catalog equivalents ("crash" -> "crashes")
    others: list[tuple[int, int, str]]  # spans naming apps outside the catalog, with their names
    limit: int  # how many matches the answer lists
    clauses: list[int] = field(default_factory=list)  # the clause of each word
    polarity: list[str] = field(default_factory=list)  # whether each clause says something fails or works
    host_words: frozenset[int] = frozenset()  # positions of words that are part of a host
    platform_words: frozenset[int] = frozenset()  # positions of words that name a platform
    name_hosts: frozenset[str] = frozenset()  # hosts that are written names ("Battle.net", "join.me")
    possessive: frozenset[int] = frozenset()  # positions of words typed with "'s" ("Twitter's")
    capitals: frozenset[int] = frozenset()  # positions of words typed with a capital, first words too
    context: set[int] = field(default_factory=set)  # starts of spans naming an app that works (context)
    name_spans: list[tuple[int, int]] = field(default_factory=list)  # spans naming catalog apps
    host_reports: list[HostReport] = field(default_factory=list)  # each host and the apps listing it
    text_scores: np.ndarray | None = None  # free-text similarity with every app
    article_scores: np.ndarray | None = None  # ... and with every article
    keys: list[str] = field(init=False, repr=False)  # each word as corrected, or as typed where nobody knows it

    def __post_init__(self):
        """The keys, which every step reads."""
        if None not in self.words:  # every word known or corrected: most queries
            self.keys = list(self.words)
        else:
            self.keys = [w if w is not None else r for w, r in zip(self.words, self.raw, strict=True)]

    @property
    def searchable(self) -> str:
        """The text searched against the catalog: the words that name no app and spell no host, and the
        synonyms."""
        return self._searchable_without(frozenset())

    @property
    def searchable_without_platforms(self) -> str:
        """The searchable text without the words that name a platform ("on android"): they say where the app
        runs, which the platform weighs apart, not which app it is."""
        return self._searchable_without(self.platform_words)

    def _searchable_without(self, also: frozenset[int]) -> str:
        """The searchable text, leaving out the words at these positions as well."""
        keys = self.keys
        if len(self.name_spans) == 1 and not self.host_words and not also:  # one name and no host: most queries
            start, end = self.name_spans[0]
            keys = keys[:start] + keys[end:]
        else:
            named = {i for start, end in self.name_spans for i in range(start, end)} | self.host_words | also
            # A key is the word as corrected, or as typed where nobody knows it (no word is empty).
            keys = [k for i, k in enumerate(keys) if i not in named] if named else keys
        return " ".join(keys + self.synonyms)

    @property
    def unlisted(self) -> list[str]:
        """Apps outside the catalog the query names as what fails, where no catalog name covers the words."""
        if not self.others:  # most queries name no app outside the catalog
            return []
        return list(dict.fromkeys(name for start, end, name in self.others if start not in self.context
                                  and not any(s <= start and end <= e for s, e in self.name_spans)))

    @property
    def unfamiliar(self) -> list[str]:
        """Words nobody knows: neither the catalog, the articles, the vocabulary nor a dictionary."""
        return [w for w, c in zip(self.raw, self.words, strict=True) if c is None]

    @property
    def refusals(self) -> tuple[str, ...]:
        """Caveats for a pasted proxy log that shows the proxy itself refusing the request (Squid's TCP_DENIED):
        its own rule or login, not the app rejecting the inspection certificate."""
        if "_DENIED" not in self.text:  # most queries
            return ()
        return tuple(REFUSAL_CAVEATS[code] for code in sorted(set(SQUID_REFUSAL.findall(self.text))))

    @property
    def topical(self) -> bool:
        """Whether the query speaks of pinning, inspection or exemptions, in any of the languages."""
        return not TOPIC_WORDS.isdisjoint(self.words) or not TOPIC_WORDS.isdisjoint(self.synonyms)


def named_platforms(words: list[str], vocabulary) -> tuple[list[str], frozenset[int]]:
    """Every platform the words name, longest phrase first, "mobile" (the vaguest) last; and the positions
    of the words that name them."""
    platforms, sizes = vocabulary.platforms, vocabulary.platform_sizes
    if sizes.keys().isdisjoint(words):  # most queries name no platform
        return [], frozenset()
    hits = []  # looked up only where a phrase can start
    for start, word in enumerate(words):
        for size in sizes.get(word, ()):
            platform = platforms.get(tuple(words[start:start + size])) if start + size <= len(words) else None
            if platform:
                hits.append((-size, start, platform))
    found = dict.fromkeys(platform for _, _, platform in sorted(hits))
    positions = frozenset(i for negative_size, start, _ in hits for i in range(start, start - negative_size))
    return sorted(found, key=lambda p: p == "mobile"), positions


def read_query(query, platform: str | None, limit: int, speller, names, vocabulary) -> Query:
    """Read a query once: clean it, find its words, hosts, platforms, typos and synonyms.

    Raises QueryError for unusable input.
    """
    text = clean_query(query)
    reading = vocabulary.without_boilerplate(text)  # what it says, without "Sent from my iPhone"
    normal = folded_forms(reading)  # normalise(reading) before its case is folded
    raw, cased, breaks, possessive, capitals = read_words_fully(reading, normal)
    words = speller.correct(raw)
    platforms, platform_words = named_platforms(raw, vocabulary)
    hosts = hosts_in_text(normal.casefold()) if "." in normal else []  # no host without a dot: most queries
    clauses = clause_of(raw, breaks, vocabulary.connectors)
    in_hosts, name_hosts = host_positions(raw, hosts, names, speller) if hosts else (frozenset(), frozenset())
    synonyms = vocabulary.synonyms
    return Query(text=text, raw=raw, cased=cased, hosts=hosts, words=words,
                 platforms=platforms, platform=platform or (platforms[0] if platforms else None),
                 synonyms=[s for w in words if w for s in synonyms.get(w, ())] if not synonyms.keys().isdisjoint(words)
                 else [],
                 others=[o for o in names.other_app_spans(raw) if o[0] not in in_hosts], limit=limit,
                 clauses=clauses, polarity=polarities(raw, clauses, vocabulary), host_words=in_hosts,
                 name_hosts=name_hosts, possessive=frozenset(possessive), capitals=frozenset(capitals),
                 platform_words=platform_words)


def host_positions(words: list[str], hosts: list[str], names, speller) -> tuple[frozenset[int], frozenset[str]]:
    """Positions of the words that spell a host, unless the host is itself a name, maybe mistyped ("join.me",
    "Mail.app", "jion.me"): a brand inside a host is host evidence or none, never a name. And the hosts
    that are names."""
    found: set[int] = set()
    named: set[str] = set()
    for host in hosts:
        parts = tokens(host)
        if names.is_name(parts) or _name_when_corrected(parts, names, speller):
            named.add(host)
            continue
        for start in range(len(words) - len(parts) + 1):
            if words[start:start + len(parts)] == parts:
                found.update(range(start, start + len(parts)))
    return frozenset(found), frozenset(named)


def _name_when_corrected(parts: list[str], names, speller) -> bool:
    """Whether a host's words, corrected, are a name ("jion.me"); not looked up again where none is corrected."""
    corrected = speller.correct(parts)
    return corrected != parts and names.is_name([w or "" for w in corrected])
