"""Domain rules, the index that finds which apps cover a host, and hosts found in free text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from urllib.parse import urlsplit

from .suffixes import suffix_list, top_level

LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
RULE_RE = re.compile(rf"^\.?{LABEL}(?:\.{LABEL})+$")
TLD_RE = re.compile(r"^[a-z]{2,24}$")

# Top-level domains recognised in free text besides every two-letter country code; a word with
# a dot before another suffix ("googledrivesync.exe", "Login.action") is not taken for a host.
GENERIC_TLDS = frozenset("""
com net org info biz io co app dev cloud ai me tv gov edu mil int xyz online site tech live
services network systems digital store shop news media mobi pro name aero jobs travel microsoft
apple google amazon aws azure windows office play youtube goog zone link page one top club
""".split())

# Top-level domains that in a ticket are far more often the ending of a file's name.
FILE_ENDINGS = frozenset({"zip", "mov", "exe", "dll", "log", "txt", "json", "xml", "html", "php", "action", "plist",
                          "apk", "ipa", "dmg", "pkg", "msi", "conf", "cfg", "ini", "yaml", "csv", "pdf", "docx",
                          "xlsx", "pptx", "png", "jpg", "gif", "mp4", "mp3"})
# Two-letter endings that in a ticket are far more often file types than country domains.
FILE_SUFFIXES = frozenset({"js", "py", "sh", "md", "rb", "pl", "ps", "cs", "ts", "gz", "db", "so"})

HOST_IN_TEXT = re.compile(
    r"(?<![\w.@-])"                                  # not inside a longer token or an e-mail
    r"(?:[a-z][a-z0-9+.-]*://(?:[^\s/@:]+(?::[^\s/@]*)?@)?)?"  # optional scheme, user info only after one:
                                                     # without it, name@host is an e-mail address
    r"(\*?\.?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})"  # the host
    r"(?![\w-])\.?",
    re.IGNORECASE,
)
# What every host HOST_IN_TEXT finds holds: a label's last character, a dot, and a letter of the top-level domain.
HOST_HINT = re.compile(r"[a-z0-9]\.[a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class DomainRule:
    """One catalog entry: `.example.com` covers the domain and every subdomain, `a.example.com` one host."""

    pattern: str
    app_id: str
    kind: str = "required"  # required, note or optional

    @property
    def wildcard(self) -> bool:
        """Whether the rule covers subdomains too."""
        return self.pattern.startswith(".")

    @property
    def base(self) -> str:
        """The domain without its leading dot."""
        return self.pattern.lstrip(".")

    def covers(self, host: str) -> bool:
        """Whether the rule covers this host (lower case, no trailing dot)."""
        if self.wildcard:
            return host == self.base or host.endswith(self.pattern)
        return host == self.pattern


@dataclass(frozen=True)
class HostMatch:
    """A rule that covers a host, with how specific it is (exact host first, then longest suffix)."""

    host: str
    rule: DomainRule

    def __init__(self, host: str, rule: DomainRule):
        """The fields, set in __dict__ (the frozen dataclass's __init__ sets each through object.__setattr__,
        slowly)."""
        fields = self.__dict__
        fields["host"], fields["rule"] = host, rule

    @property
    def specificity(self) -> tuple[int, int]:
        """Sort key: exact rules beat wildcards, longer suffixes beat shorter ones."""
        return (0 if self.rule.wildcard else 1, self.rule.base.count(".") + 1)


class DomainIndex:
    """Hash maps from exact hosts and from wildcard bases to rules: one lookup per suffix of a host."""

    def __init__(self, rules):
        # Each rule with its rank (_rank of a match of it), so a lookup compares ranks without computing them.
        self.exact: dict[str, list[tuple[tuple, DomainRule]]] = {}
        self.wildcard: dict[str, list[tuple[tuple, DomainRule]]] = {}
        for rule in rules:
            table = self.wildcard if rule.wildcard else self.exact
            bucket = table.setdefault(rule.base, [])
            if all((r.app_id, r.kind) != (rule.app_id, rule.kind) for _, r in bucket):
                bucket.append((_rank(HostMatch(rule.base, rule)), rule))

    def lookup(self, host: str) -> list[HostMatch]:
        """Every rule covering the host, one per app, most specific first."""
        host = normalise_host(host)
        return self.lookup_normalised(host) if host else []

    def lookup_normalised(self, host: str) -> list[HostMatch]:
        """`lookup` of a host normalise_host has given (not empty)."""
        best: dict[str, tuple[tuple, DomainRule]] = {}  # by app: the best rank and its rule
        found = self.exact.get(host, [])
        labels = host.split(".")
        for start in range(len(labels) - 1):
            rules = self.wildcard.get(".".join(labels[start:]))
            if rules:
                found = found + rules
        for ranked in found:
            current = best.get(ranked[1].app_id)
            if current is None or ranked[0] > current[0]:
                best[ranked[1].app_id] = ranked
        ranked = best.values() if len(best) == 1 else sorted(best.values(), key=itemgetter(0), reverse=True)
        return [HostMatch(host, rule) for _, rule in ranked]


def _rank(match: HostMatch) -> tuple:
    """Order rules: required before optional, then by specificity."""
    return (match.rule.kind != "optional", match.specificity)


def is_valid_rule(entry: str) -> bool:
    """Whether a catalog entry is a well-formed lowercase host or `.domain`."""
    return (isinstance(entry, str) and entry == entry.lower() and bool(RULE_RE.match(entry))
            and bool(TLD_RE.match(entry.rsplit(".", 1)[-1])))


def normalise_host(text: str) -> str:
    """A host from a host, `host:port` or URL: lower case, no scheme, port, path or trailing dot."""
    text = text.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    else:
        text = text.split("/", 1)[0]
        if text.count(":") == 1:
            text = text.split(":", 1)[0]
    text = text.lstrip("*").strip(".")
    return text if RULE_RE.match(text) else ""


def hosts_in_text(text: str) -> list[str]:
    """Hostnames mentioned anywhere in free text (URLs, `host:port`, log lines), in order, once each."""
    hosts: dict[str, None] = {}
    if "." not in text or not HOST_HINT.search(text):  # most queries hold no dot, or only a sentence's
        return []
    # No host, URL or e-mail spans white space: the pattern is run only over the words with a dot in them.
    for word in text.split():
        if "." not in word:
            continue
        for found in HOST_IN_TEXT.finditer(word):
            host = found.group(1).lower().lstrip("*").strip(".")
            tld = host.rsplit(".", 1)[-1]
            if (len(tld) == 2 and tld not in FILE_SUFFIXES) or tld in GENERIC_TLDS or _other_tld(tld):
                if not host.replace(".", "").isdigit() and not _placeholder(host):
                    hosts.setdefault(host, None)
    return list(hosts)


# Names kept for examples (RFC 2606, RFC 6761): a host under them stands for any host, not for one a
# network contacts ("does .example.com cover its subdomains?").
PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org")
PLACEHOLDER_SUBDOMAINS = tuple("." + domain for domain in PLACEHOLDER_DOMAINS)
PLACEHOLDER_TLDS = frozenset({"example", "test", "invalid", "localhost"})


def _placeholder(host: str) -> bool:
    """Whether a host is an example name rather than a real one."""
    return (host.rsplit(".", 1)[-1] in PLACEHOLDER_TLDS or host in PLACEHOLDER_DOMAINS
            or host.endswith(PLACEHOLDER_SUBDOMAINS))


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """The domain a host is registered under, one label below its public suffix (api.twitter.com ->
    twitter.com, paypal.com.secure-login.top -> secure-login.top); the host itself when it has none."""
    return suffix_list(top_level(host)).privatesuffix(host) or host


def _other_tld(tld: str) -> bool:
    """A top-level domain of the Public Suffix List beyond the usual ones (.help, .support, .gift: phishing
    hosts favour them), unless it is more often a file's ending in a ticket (.zip, .mov)."""
    return tld not in FILE_ENDINGS and suffix_list(tld, only_icann=True, accept_unknown=False).is_public(tld)


def is_registered_domain(domain: str) -> bool:
    """Whether a name is itself a registered domain: one label directly under a public suffix (a suffix
    a company runs for its customers, such as googleapis.com, counts as that company's domain)."""
    tld = top_level(domain)
    if suffix_list(tld).privatesuffix(domain) == domain:
        return True
    return suffix_list(tld, only_icann=True).privatesuffix(domain) == domain
