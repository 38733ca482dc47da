"""The Public Suffix List that the publicsuffixlist package ships (never fetched), read one top-level
domain at a time.

Parsing the whole list takes some 80 ms (each of its 17,000 rules is IDNA-encoded), and a command needs
the rules of a handful of top-level domains: the catalog's home domains, a query's hosts. A name's public
suffix depends only on the rules that end in its own top-level domain, so a list of those rules gives the
package's own answers (tests/knowledge/test_suffixes.py compares them).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .yamlfile import kept

END_ICANN = "// ===END ICANN DOMAINS==="  # the rules before it are ICANN's; after it, companies'
RULE = re.compile(r"^[^/\s]\S*", re.MULTILINE)  # a line's first word, unless the line is a comment


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[list[str]]]:
    """Every rule by the top-level domain it ends in (as written): all the rules, and those of the list's
    ICANN section; a rule is a line's first word, as the package's parser reads it. Kept in the cache
    with parsed documents (reading them back takes a sixth of parsing the list)."""
    from publicsuffixlist import PSLFILE
    with open(PSLFILE, "rb") as handle:
        return kept(handle.read(), _parse_rules, "psl")


def _parse_rules(raw: bytes) -> dict[str, list[list[str]]]:
    """_rules from the list's text."""
    text = raw.decode("utf-8", errors="surrogateescape").lower()
    end = text.find(END_ICANN.lower())
    by_tld: dict[str, list[list[str]]] = {}
    for part, icann in ((text[:end], True), (text[end:], False)) if end >= 0 else ((text, False),):
        for rule in RULE.findall(part):
            tld = rule[rule.rfind(".") + 1:].lstrip("!")
            rules = by_tld.get(tld)
            if rules is None:
                rules = by_tld[tld] = [[], []]
            rules[0].append(rule)
            if icann:
                rules[1].append(rule)
    return by_tld


def _encoded(name: str) -> str:
    """A name's IDNA (punycode) form, as the package encodes a rule; the name itself if it has none."""
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return name


def _decoded(name: str) -> str:
    """A punycode name in its own letters; the name itself if it does not decode."""
    try:
        return name.encode("ascii").decode("idna")
    except UnicodeError:
        return name


@lru_cache(maxsize=512)
def suffix_list(tld: str, only_icann: bool = False, accept_unknown: bool = True):
    """A PublicSuffixList of the rules ending in `tld` (`only_icann`: without the suffixes companies run for
    their customers, such as blogspot.com); unknown top-level domains public when `accept_unknown`."""
    from publicsuffixlist import PublicSuffixList
    if tld.startswith("xn--"):  # rules are kept as written: an encoded top-level domain by its own letters
        tld = _decoded(tld)
    rules = _rules().get(tld, ([], []))[1 if only_icann else 0]
    # Only a rule outside ASCII has an encoded form besides itself: adding those here spares the
    # package encoding every rule.
    extra = [("!" if rule[0] == "!" else "") + _encoded(rule.lstrip("!")) for rule in rules if not rule.isascii()]
    return PublicSuffixList(rules + extra, accept_unknown=accept_unknown, accept_encoded_idn=False)


def top_level(name: str) -> str:
    """The last label of a name, lower case."""
    return name.rstrip(".").rsplit(".", 1)[-1].lower()
