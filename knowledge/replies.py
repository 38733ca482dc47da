"""Reading a typed reply: "none of these", an error text from the options, whether it works off the company network.

Buttons send an option's value; people type. What is typed is read for what it settles, and whatever it
settles nothing about is read by the engine as more of the problem's description.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from .conversation import ERROR, FAILS_EVERYWHERE, NETWORK, NONE, NOT_TRIED, WORKS_ELSEWHERE, Question
from .text import normalise


def _any_of(*phrases: str) -> re.Pattern:
    """One of the phrases (regular expressions each) as whole words."""
    return re.compile(rf"\b(?:{'|'.join(phrases)})\b")


# "None of these" in words, as a whole short reply ("none of my mail loads" is a description, not a reply).
NONE_RE = re.compile(r"(?:none|neither|nope|no|other|another one|something else|not (?:listed|there|in the list)|"
                     r"it'?s not (?:there|listed|any of (?:these|them|those))|none of (?:these|them|those)|"
                     r"neither of (?:these|them|those)|not any of (?:these|them|those))[\s.!]*")
YES_RE = re.compile(r"^(?:yes|yeah|yep|yup|y|correct)\b")
NO_RE = re.compile(r"^(?:no|nope|nah|n)\b")
NOT_TRIED_RE = _any_of("not tried", "haven'?t tried", "have not tried", "didn'?t try", "did not try", "don'?t know",
                       "do not know", "no idea", "not sure", "unsure")
# Off the company network: at home, on mobile data, another network (a guest network may be inspected too).
PLACE_RE = re.compile(r"\b(?:(?:at|from) home|home (?:wifi|wi-fi|network|internet|broadband)|"
                      r"(?:on|over|with) (?:my |the )?(?:mobile|cellular|cell|phone'?s?) (?:data|network)|"
                      r"(?:on|over) (?:3g|4g|5g|lte|data|cellular)|(?:on|with|via) (?:my |a )?(?:phone'?s? )?hotspot|"
                      r"(?:off|outside|away from) (?:the )?(?:company|corporate|office|work) ?"
                      r"(?:network|wifi|wi-fi|lan)?|off (?:the )?vpn|elsewhere|other networks?|another network|"
                      r"(?:at|in) (?:a |the )?(?:cafe|café|coffee shop|hotel|airport))")
EVERYWHERE_RE = _any_of("everywhere", "anywhere", "any network", "every network", "all networks", "both networks",
                        "either network", "wherever")
ONLY_HERE_RE = re.compile(r"\bonly (?:at work|at the office|in the office|here|on (?:the )?(?:office|company|"
                          r"corporate|work) ?(?:network|wifi|wi-fi|lan|ssid)?)\b")
# Where one statement ends and another begins: "fails at work, fine at home".
CLAUSE_RE = re.compile(r"[,;.!?\n]+|\s(?:but|though|however|whereas|while|and)\s")
# The same off the company network as on it: "it works at home too", "fails on 4G as well".
SAME_RE = re.compile(r"\b(?:too|also|as well|either)\b|"
                     r"\bsame(?= (?:thing|problem|issue|error|there|here|on|at|with|from|over)\b|\W*$)")
# Saying nothing goes wrong there: "at home none of this happens".
NOTHING_WRONG_RE = _any_of("none of (?:this|that|it)", "nothing like (?:this|that)", "doesn'?t happen",
                           "does not happen", "never happens", "no (?:problems?|issues?|errors?)")
FAILING_RE = _any_of("fails?", "failing", "failed", "broken", "breaks", "doesn'?t", "does not", "won'?t", "will not",
                     "can'?t", "cannot", "isn'?t", "is not", "not working", "no luck", "errors?", "happens")
WORKING_RE = _any_of("works?", "working", "worked", "fine", "ok", "okay", "loads?", "connects?")
SHORT_REPLY_WORDS = 4  # "everywhere", "same everywhere": a reply this short says it alone
# How alike a typed reply must be to an offered error text (rapidfuzz partial ratio, 0 to 100).
ERROR_LIKENESS = 90


def says_none(reply: str) -> bool:
    """Whether the reply, as a whole, says "none of these"."""
    return NONE_RE.fullmatch(normalise(reply).strip()) is not None


def network(reply: str, pending: Question | None) -> str | None:
    """What a message says about working off the company network: WORKS_ELSEWHERE, FAILS_EVERYWHERE, NOT_TRIED or None.

    Read statement by statement: one about another network that says it works there means inspection is
    likely; one that says it fails there, or behaves the same there ("fails at home too", "it works at
    home too", "same on 4G"), means the network is not what breaks it. A plain yes or no answers the
    question when it was the one asked.
    """
    text = normalise(reply).strip()
    asked = pending is not None and pending.kind == NETWORK
    if asked and YES_RE.match(text):
        return WORKS_ELSEWHERE
    if asked and NO_RE.match(text):
        return FAILS_EVERYWHERE
    short = len(text.split()) <= SHORT_REPLY_WORDS
    if asked and short and SAME_RE.search(text):
        return FAILS_EVERYWHERE
    if ONLY_HERE_RE.search(text):
        return WORKS_ELSEWHERE
    for clause in CLAUSE_RE.split(text):
        if EVERYWHERE_RE.search(clause) and (short or SAME_RE.search(clause) or FAILING_RE.search(clause)):
            return FAILS_EVERYWHERE
        place = PLACE_RE.search(clause)
        if place:
            if NOTHING_WRONG_RE.search(clause):
                return WORKS_ELSEWHERE
            if SAME_RE.search(clause):
                return FAILS_EVERYWHERE
            # The word nearest the other network says how it goes there: "keeps saying connection error ...
            # works on 4g" works there, though the clause fails too.
            failing, working = _distance(FAILING_RE, clause, place), _distance(WORKING_RE, clause, place)
            if failing is not None and (working is None or failing < working):
                return FAILS_EVERYWHERE
            if working is not None:
                return WORKS_ELSEWHERE
    if asked and NOT_TRIED_RE.search(text):
        return NOT_TRIED
    return None


def _distance(pattern: re.Pattern, clause: str, place: re.Match) -> int | None:
    """How many characters lie between the place named and the nearest match of the pattern; None if none."""
    gaps = [max(place.start() - m.end(), m.start() - place.end(), 0) for m in pattern.finditer(clause)]
    return min(gaps) if gaps else None


def error_text(reply: str, pending: Question | None) -> str | None:
    """The offered error text a typed reply quotes (closely enough), when the error question was asked."""
    if pending is None or pending.kind != ERROR:
        return None
    text = normalise(reply)
    # The longest of equally close texts: "Cannot connect to App Store" over "Cannot connect".
    scored = [(fuzz.partial_ratio(normalise(option.value), text), len(option.value), option.value)
              for option in pending.options if option.value != NONE]
    best = max(scored, default=(0, 0, None))
    return best[2] if best[0] >= ERROR_LIKENESS else None
