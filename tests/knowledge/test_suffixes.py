"""The Public Suffix List read one top-level domain at a time answers exactly as the package's whole list."""
import random

import pytest
from publicsuffixlist import PSLFILE, PublicSuffixList

from pindesk.knowledge.suffixes import suffix_list, top_level


def names() -> list[str]:
    """Names around every rule of the list (the rule, one and two labels below it, its parent), a sample."""
    rules = [line.split(" ")[0].strip().lstrip("!*.") for line in open(PSLFILE, encoding="utf-8")
             if line.strip() and not line.startswith("//")]
    found = set()
    for rule in random.Random(7).sample(rules, 1500) + ["com", "co.uk", "googleapis.com", "blogspot.com", "ck"]:
        found.update({rule, f"x.{rule}", f"a.b.{rule}", rule.split(".", 1)[-1], f"www.{rule}"})
    return sorted(found) + ["www.ck", "a.www.ck", "paypal.com.secure-login.top", "api.twitter.com", "nosuchtld",
                            "a.b.nosuchtld", "xn--fiqs8s", "a.xn--fiqs8s", "a.b.xn--55qx5d.cn"]


@pytest.mark.parametrize("only_icann", [False, True])
def test_the_rules_of_a_top_level_domain_answer_as_the_whole_list(only_icann):
    whole = PublicSuffixList(only_icann=only_icann)
    for name in names():
        assert suffix_list(top_level(name), only_icann).privatesuffix(name) == whole.privatesuffix(name), name
        assert suffix_list(top_level(name), only_icann).publicsuffix(name) == whole.publicsuffix(name), name


def test_a_top_level_domain_is_public_only_when_listed():
    strict = PublicSuffixList(only_icann=True, accept_unknown=False)
    for tld in ["com", "support", "help", "zip", "nosuchtld", "blogspot", "xn--fiqs8s"]:
        assert suffix_list(tld, True, False).is_public(tld) == strict.is_public(tld), tld


def test_the_rules_kept_in_the_cache_are_read_back_the_same(tmp_path):
    from pindesk.knowledge import suffixes, yamlfile
    yamlfile.keep_parsed_in(tmp_path)
    try:
        suffixes._rules.cache_clear()
        parsed = suffixes._rules()
        [copy] = tmp_path.glob("psl-*.json")
        suffixes._rules.cache_clear()
        assert suffixes._rules() == parsed  # read back from the copy
        copy.write_bytes(copy.read_bytes()[:-10])  # a damaged copy is parsed again, never trusted
        suffixes._rules.cache_clear()
        assert suffixes._rules() == parsed and parsed["com"][0] and parsed["uk"][1]
    finally:
        yamlfile.keep_parsed_in(None)
        suffixes._rules.cache_clear()
