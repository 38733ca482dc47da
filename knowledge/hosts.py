"""Hosts in a query: listed by an app, under an app's own registered domain, or only imitating one.

The catalog's domain lists say what is covered. A host under an app's home domain (api.twitter.com for
X) is evidence for that app even where no list names it. A host that carries an app's brand inside
someone else's registered domain (paypal.com.secure-login.top, evernote-com.support) is evidence for
nothing: the answer says the host is not the app's, so nobody exempts a phishing host.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .answer import HostReport, Reason
from .domains import normalise_host, registered_domain
from .evidence import RULE_FIELDS, Evidence, offer
from .text import tokens

BRAND_MIN_LENGTH = 5  # shorter brand words ("live", "snap") are matched only with their suffix ("live.com")
TYPO_MIN_LENGTH = 7  # a host word this long one letter off a brand ("lnstagram") imitates it


@dataclass(frozen=True)
class HostTables:
    """What the host reading needs beyond the domain index, as plain data (built once per catalog)."""

    home: dict[str, tuple[int, ...]]  # home domain -> positions of the apps whose maker owns it
    brands: dict[str, tuple[int, ...]]  # a distinctive brand word (paypal, battlenet) -> apps
    domain_words: dict[str, tuple[int, ...]]  # a home domain written as one word ("signalorg") -> apps


def host_tables(apps, is_english) -> HostTables:
    """The home domains of every app, and the words that carry its brand in a host name."""
    home: dict[str, set[int]] = {}
    brands: dict[str, set[int]] = {}
    domain_words: dict[str, set[int]] = {}
    for index, app in enumerate(apps):
        for domain in app.home_domains:
            home.setdefault(domain, set()).add(index)
            domain_words.setdefault(domain.replace(".", ""), set()).add(index)
            label = domain.split(".")[0]
            if len(label) >= BRAND_MIN_LENGTH and not is_english(label):
                brands.setdefault(label, set()).add(index)
        for name in (app.name, app.title or "", *app.aliases, *app.family):
            word = "".join(tokens(name.casefold()))
            if len(word) >= BRAND_MIN_LENGTH and not is_english(word):
                brands.setdefault(word, set()).add(index)
    return HostTables(*({key: tuple(sorted(value)) for key, value in table.items()}
                        for table in (home, brands, domain_words)))


class HostReader:
    """Reads every host of a query against the lists, the home domains and the brands."""

    def __init__(self, catalog, position: dict[str, int], tables: HostTables, tuning):
        self.catalog, self.position, self.tables, self.tuning = catalog, position, tables, tuning
        self.brand_lengths = sorted({len(b) for b in tables.brands})
        # The brands by length: a word one letter off a brand is as long as it, or a letter longer or shorter.
        self.brands_of_length: dict[int, list[tuple[str, tuple[int, ...]]]] = {}
        for brand, apps in tables.brands.items():
            self.brands_of_length.setdefault(len(brand), []).append((brand, apps))
        # The maker's whole domains that many of its apps call home (microsoft.com).
        self._broad_bases = frozenset(domain for domain, apps in tables.home.items()
                                      if len(apps) >= tuning.broad_home_apps)

    def read(self, hosts: list[str], evidence: dict[int, Evidence]) -> list[HostReport]:
        """Host evidence for listed and home hosts; a report for every host, saying what imitates what."""
        reports = []
        for host in hosts:
            plain = normalise_host(host)
            matches = self.catalog.domain_index.lookup_normalised(plain) if plain else []
            plain = plain or host
            registered = registered_domain(plain)
            home = self._home_apps(plain)
            for match in matches:
                strength = self.tuning.optional_host if match.rule.kind == "optional" else 1.0
                if self._broad(match):
                    # A maker's whole domain that is home to many of its apps (microsoft.com): it says
                    # the maker, hardly which of its apps.
                    strength *= self.tuning.broad_host
                offer(evidence, self.position[match.rule.app_id], "host", strength,
                      Reason(RULE_FIELDS[match.rule.kind], match.rule.pattern, host))
            # The lists are the authority where they speak, unless only through a maker's whole domain.
            matched = {self.position[m.rule.app_id] for m in matches}
            narrow = any(not self._broad(m) for m in matches)
            for index in (i for i in home if not narrow and i not in matched):
                domain = next(d for d in self.catalog.apps[index].home_domains if _under(plain, d))
                # Beside a list's rule for the whole domain, as weak as that rule: neither says which app.
                strength = self.tuning.broad_host if matches else 1.0
                offer(evidence, index, "own", strength, Reason("home_domains", domain, host))
            imitated = () if matches or home else self._imitated(plain, registered)
            reports.append(HostReport(host, tuple(m.rule.app_id for m in matches), registered,
                                      tuple(self.catalog.apps[i].id for i in home),
                                      tuple(self.catalog.apps[i].id for i in imitated)))
        return reports

    def _broad(self, match) -> bool:
        """Whether a rule covers a maker's whole domain that many of its apps call home (.microsoft.com)."""
        return match.rule.wildcard and match.rule.base in self._broad_bases

    def _home_apps(self, host: str) -> tuple[int, ...]:
        """Apps whose maker owns the domain the host is under (most specific home domain first)."""
        labels = host.split(".")
        for start in range(len(labels) - 1):
            found = self.tables.home.get(".".join(labels[start:]))
            if found:
                return found
        return ()

    def _imitated(self, host: str, registered: str) -> tuple[int, ...]:
        """Apps whose brand the host carries outside their own domains: in a label, hyphenated, or with a
        letter changed (lnstagram)."""
        from rapidfuzz.distance import Levenshtein  # imported when a host is read this far: seldom
        found: set[int] = set()
        labels = host.split(".")
        words = [w for label in labels for w in re.split(r"-+", label) if w]
        for start in range(len(labels) - 1):  # "signal.org" written inside another domain
            found.update(self.tables.domain_words.get("".join(labels[start:start + 2]), ()))
        for label in labels:  # "evernote-com", "signal-org"
            found.update(self.tables.domain_words.get(label.replace("-", ""), ()))
        for word in words:
            found.update(self.tables.brands.get(word, ()))
            lengths = (len(word) - 1, len(word), len(word) + 1) if len(word) >= TYPO_MIN_LENGTH else ()
            for brand, apps in (pair for length in lengths for pair in self.brands_of_length.get(length, ())):
                if Levenshtein.distance(word, brand, score_cutoff=1) <= 1:
                    found.update(apps)
        # A brand word as part of a longer label ("spotifypremium") imitates too.
        for label in (w for w in words if len(w) > self.brand_lengths[0] if self.brand_lengths):
            found.update(i for brand, apps in self.tables.brands.items() if brand in label for i in apps)
        return tuple(sorted(found))


def _under(host: str, domain: str) -> bool:
    """Whether a host is the domain or one of its subdomains."""
    return host == domain or host.endswith("." + domain)
