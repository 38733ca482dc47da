"""The next question: the candidates as a belief, and the question whose reply is expected to narrow it most.

The belief spreads over the candidate apps (from the match scores), an app outside the catalog broken by
inspection, and "not inspection at all". A reply is modelled as the person picking, alike, one of the
replies that are true of their case; the belief then keeps what the reply is true of, in the proportions it
had (a reply rules out, it does not rank what it leaves). The expected information gain of a question is
the belief's entropy minus the entropy expected after its reply; the highest gain is asked. (As the update
is not exactly Bayes' rule, a question that separates nothing can come out a little below zero: it is
never asked.)
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass

from .answer import ABSTAINED, AMBIGUOUS, Answer, Match
from .catalog import App
from .conversation import (
    APP,
    ARTICLE,
    ERROR,
    FAILS_EVERYWHERE,
    NETWORK,
    NONE,
    NOT_TRIED,
    PICKS,
    PLATFORM,
    WORKS_ELSEWHERE,
    Conversation,
    Option,
    Question,
    Reply,
)

OUTSIDE = "(outside the catalog)"  # an app the catalog does not list, broken by inspection
NOT_INSPECTION = "(not inspection)"  # it fails off the company network too: something else breaks it

# The platforms a person can say they use, as offered: an app for "all" runs on the first four.
PLATFORM_LABELS = {"ios": "iPhone or iPad", "android": "Android", "windows": "Windows", "macos": "Mac",
                   "browser": "In a web browser", "chromeos": "Chromebook"}
EVERY_DEVICE = ("ios", "android", "windows", "macos")


@dataclass(frozen=True)
class DialogueTuning:
    """The numbers the conversation decides by; the defaults are those the dialogue evaluation was run with."""

    sharpness: float = 1.0  # a candidate's weight is its match score (a probability) to this power
    min_score: float = 0.1  # a match scoring less is no candidate
    pool: int = 5  # candidates considered at most
    abstained_share: float = 0.5  # the catalog's share of the belief when the engine abstained, by its confidence
    unlisted_share: float = 0.3  # the catalog's share of the belief when the query names an app outside it
    not_inspection_share: float = 0.5  # of the belief outside the catalog, the share that it is not inspection
    confident: float = 0.6  # an app this likely is the answer: nothing is asked ...
    rival_named: float = 0.05  # ... unless another app this likely is named too
    options: int = 4  # apps or messages one question offers, besides "None of these"
    option_share: float = 0.1  # an app is offered when at least this share as likely as the likeliest
    min_gain: float = 0.15  # a question must be expected to gain this much (nats) to be asked
    max_questions: int = 3  # then the best answer with its caveats
    recognition: float = 0.9  # the chance a person recognises their app among the options by its name
    restart: float = 0.8  # a reply alone naming an app outside the candidates this confidently starts over
    platform_slack: float = 0.15  # an app the catalog does not list for the platform said keeps this share
    error_slack: float = 0.1  # ... an app whose own error text is not the one said
    network_slack: float = 0.05  # ... a belief a network reply contradicts

    def to_dict(self) -> dict:
        """JSON form: every field and its value."""
        return asdict(self)


@dataclass(frozen=True)
class Belief:
    """How likely each candidate entry (apps, or articles for a question about pinning), an app outside the
    catalog, and "not inspection" are."""

    entries: dict[str, Match]
    p: dict[str, float]

    @classmethod
    def of(cls, answer: Answer, replies: list[Reply], tuning: DialogueTuning) -> Belief:
        """The belief an answer's matches give, then narrowed by every reply so far."""
        matches = [m for m in answer.matches if m.score >= tuning.min_score][:tuning.pool]
        covered = answer.confidence if matches else 0.0
        if answer.outcome == ABSTAINED:
            covered *= tuning.abstained_share
        if answer.unlisted_apps:
            covered *= tuning.unlisted_share
        weights = {m.id: m.score ** tuning.sharpness for m in matches}
        if answer.outcome == AMBIGUOUS:  # the engine found the leading ones fit equally: so they weigh
            tied = [m.id for m in matches[:answer.tied]]
            for entry_id in tied:
                weights[entry_id] = max(weights[t] for t in tied)
        total = sum(weights.values()) or 1.0
        p = {entry_id: covered * weight / total for entry_id, weight in weights.items()}
        p[OUTSIDE] = (1.0 - covered) * (1.0 - tuning.not_inspection_share)
        p[NOT_INSPECTION] = (1.0 - covered) * tuning.not_inspection_share
        belief = cls({m.id: m for m in matches}, p)
        for reply in replies:
            belief = belief.updated(reply, tuning)
        return belief

    def updated(self, reply: Reply, tuning: DialogueTuning) -> Belief:
        """The belief after a reply: what it is not true of keeps only its kind's slack share."""
        if reply.kind in PICKS:
            slack = 1.0 - tuning.recognition if reply.value == NONE else 0.0
        else:
            slack = {PLATFORM: tuning.platform_slack, ERROR: tuning.error_slack,
                     NETWORK: tuning.network_slack}[reply.kind]
        p = {state: weight * (1.0 if is_true(reply, self.app(state), state) else slack)
             for state, weight in self.p.items()}
        total = sum(p.values())
        return Belief(self.entries, {s: w / total for s, w in p.items()} if total else dict(self.p))

    def app(self, state: str) -> App | None:
        """The app a state is, if it is a candidate app."""
        match = self.entries.get(state)
        return match.app if match else None

    @property
    def about_articles(self) -> bool:
        """Whether the candidates are articles: the question is about pinning itself, not an app."""
        return any(m.article for m in self.entries.values())

    @property
    def entropy(self) -> float:
        """The uncertainty left, in nats."""
        return -sum(w * math.log(w) for w in self.p.values() if w > 0)

    def ranked(self) -> list[tuple[Match, float]]:
        """The candidate entries still possible, likeliest first."""
        found = [(match, self.p[entry_id]) for entry_id, match in self.entries.items() if self.p[entry_id] > 0]
        return sorted(found, key=lambda item: -item[1])

    def top(self) -> tuple[Match | None, float]:
        """The likeliest entry and how likely it is; (None, 0.0) when none is left."""
        ranked = self.ranked()
        return ranked[0] if ranked else (None, 0.0)


def is_true(reply: Reply, app: App | None, state: str) -> bool:
    """Whether a reply is true of a state: a candidate (its app given), an app outside the catalog, not inspection."""
    if reply.kind == NETWORK:
        return {WORKS_ELSEWHERE: state != NOT_INSPECTION, FAILS_EVERYWHERE: state == NOT_INSPECTION}.get(
            reply.value, True)
    if reply.kind in PICKS:
        return state not in reply.offered if reply.value == NONE else state == reply.value
    if app is None:  # whatever app it is outside the catalog, it may run anywhere and say anything
        return True
    if reply.kind == PLATFORM:
        if reply.value == NONE:
            return not any(app.runs_on(p) for p in reply.offered)
        return app.runs_on(reply.value)
    if reply.value == NONE:
        return not set(app.error_messages) & set(reply.offered)
    return reply.value in app.error_messages


def chances(question: Question, app: App | None, state: str, tuning: DialogueTuning) -> dict[str, float]:
    """How likely each reply is from a person in this state: alike among the replies true of it.

    Someone may not recognise their app by the catalog's name and say "none of these" (1 - recognition);
    everyone knows their device and can read the error off the screen. "Not tried" tells nothing, so it
    is left out.
    """
    values = [v for v in question.values if v != NOT_TRIED]
    true = [v for v in values if is_true(Reply(question.kind, v, question.values), app, state)] or values
    if question.kind in PICKS and state in question.values:
        return {state: tuning.recognition, NONE: 1.0 - tuning.recognition}
    return {value: 1.0 / len(true) for value in true}


def gain(belief: Belief, question: Question, tuning: DialogueTuning) -> float:
    """Expected information gain of a question: the entropy now minus the entropy expected after its reply."""
    chance: dict[str, float] = defaultdict(float)
    for state, weight in belief.p.items():
        for value, likelihood in chances(question, belief.app(state), state, tuning).items():
            chance[value] += weight * likelihood
    after = sum(c * belief.updated(Reply(question.kind, v, question.values), tuning).entropy
                for v, c in chance.items() if c > 0)
    return belief.entropy - after


def pick_question(belief: Belief, tuning: DialogueTuning) -> Question | None:
    """Which of the likeliest apps (or articles) it is, or none of them."""
    ranked = belief.ranked()
    shown = [m for m, chance in ranked[:tuning.options] if chance >= tuning.option_share * ranked[0][1]]
    if not shown:
        return None
    options = tuple(Option(m.app.display_name if m.app else m.name, m.id) for m in shown)
    if belief.about_articles:
        return Question(ARTICLE, "Which of these is the question about?", options + (Option("None of these", NONE),))
    return Question(APP, "Which of these apps is it?", options + (Option("None of these", NONE),))


def platform_question(belief: Belief) -> Question | None:
    """Which platform it is on, offering the platforms the candidates break on."""
    apps = [m.app for m, _ in belief.ranked() if m.app]
    offered = [p for p in PLATFORM_LABELS if any(app.runs_on(p) and (p in EVERY_DEVICE or p in app.platforms)
                                                 for app in apps)]
    if len(offered) < 2:
        return None
    return Question(PLATFORM, "Which platform is it on?",
                    tuple(Option(PLATFORM_LABELS[p], p) for p in offered) + (Option("Another one", NONE),))


def error_question(belief: Belief, tuning: DialogueTuning) -> Question | None:
    """Which of the candidates' own error texts it shows."""
    texts = list(dict.fromkeys(text for m, _ in belief.ranked() if m.app for text in m.app.error_messages))
    if not texts:
        return None
    return Question(ERROR, "Which of these messages does it show?",
                    tuple(Option(text, text) for text in texts[:tuning.options]) + (Option("None of these", NONE),))


NETWORK_QUESTION = Question(
    NETWORK, "Does it work off the company network, at home or on mobile data?",
    (Option("Yes, it works there", WORKS_ELSEWHERE), Option("No, it fails there too", FAILS_EVERYWHERE),
     Option("Not tried", NOT_TRIED)))


def next_question(belief: Belief, conversation: Conversation, platform_known: bool,
                  tuning: DialogueTuning) -> Question | None:
    """The question with the highest expected gain not asked before; None when none gains enough."""
    if len(conversation.asked) >= tuning.max_questions:
        return None
    if belief.about_articles:  # a question about pinning itself: only which article it is
        candidates = [pick_question(belief, tuning)]
    else:
        candidates = [pick_question(belief, tuning), None if platform_known else platform_question(belief),
                      error_question(belief, tuning), None if conversation.reply(NETWORK) else NETWORK_QUESTION]
    asked = {(q.kind, q.values) for q in conversation.asked}
    scored = [(gain(belief, q, tuning), -order, q) for order, q in enumerate(candidates)
              if q is not None and (q.kind, q.values) not in asked]
    if not scored:
        return None
    best, _, question = max(scored, key=lambda item: item[:2])
    return question if best >= tuning.min_gain else None
