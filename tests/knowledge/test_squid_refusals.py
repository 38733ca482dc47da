"""A pasted Squid access.log line where the proxy refused the request itself (TCP_DENIED): the app is still
named, with a caveat that the proxy's own rule or login stopped it, which an inspection bypass does not
undo. The lines are Squid's own, made by data/make_squid_refusals.py."""
from pathlib import Path

import pytest

LINES = (Path(__file__).parent / "data" / "squid-refusals.log").read_text().splitlines()


def line_with(*parts: str) -> str:
    """The one line of the fixture holding all of these."""
    found = [line for line in LINES if all(part in line for part in parts)]
    assert len(found) == 1, parts
    return found[0]


def refusal_caveats(answer) -> list[str]:
    return [c for c in answer.caveats if "TCP_DENIED" in c]


@pytest.mark.parametrize("parts", [("TCP_DENIED/403", "CONNECT api.twitter.com"),
                                   ("TCP_DENIED/403", "GET http://api.twitter.com")])
def test_a_line_the_proxy_denied_names_the_app_and_says_a_rule_blocked_it(engine, parts):
    answer = engine.ask(line_with(*parts))
    assert answer.outcome == "answered" and answer.matches[0].id == "x-twitter"
    [caveat] = refusal_caveats(answer)
    assert "access rule" in caveat and "does not lift" in caveat


def test_a_line_asking_for_a_proxy_login_says_so(engine):
    answer = engine.ask(line_with("TCP_DENIED/407", "www.evernote.com"))
    assert answer.matches[0].id == "evernote"
    [caveat] = refusal_caveats(answer)
    assert "login" in caveat and "authentication" in caveat


def test_several_lines_give_each_kind_of_refusal_once(engine):
    twitter = engine.ask("\n".join(line for line in LINES if "twitter" in line))  # three lines denied
    assert twitter.matches[0].id == "x-twitter" and len(refusal_caveats(twitter)) == 1
    both = engine.ask("\n".join(line for line in LINES if "TCP_DENIED" in line))
    assert sorted(c.split("(")[1].split(")")[0] for c in refusal_caveats(both)) == ["TCP_DENIED/403",
                                                                                    "TCP_DENIED/407"]


def test_a_tunnelled_line_and_plain_words_carry_no_refusal_caveat(engine):
    assert not refusal_caveats(engine.ask(line_with("TCP_TUNNEL/200", "www.netflix.com")))
    assert not refusal_caveats(engine.ask("twitter access denied at the office, tcp denied?"))
