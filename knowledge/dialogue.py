"""A troubleshooting conversation, turn by turn: answer, or ask back the question that narrows the answer most.

Turns add up without a second engine: the messages describing the problem are asked together, a platform
from a reply goes to Engine.ask(platform=), and what replies rule out or settle (an app picked, "none of
these", an error text, working off the company network) narrows the belief over the candidates
(questions.py). A reply that alone names, confidently, an app outside the candidates starts over.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .answer import ABSTAINED, AMBIGUOUS, ANSWERED, DEFAULT_MATCHES, UNLISTED_ARTICLE, Answer, Match, Reason
from .conversation import (
    APP,
    ERROR,
    FAILS_EVERYWHERE,
    MAX_MESSAGES,
    NETWORK,
    NONE,
    PICKS,
    PLATFORM,
    WORKS_ELSEWHERE,
    Conversation,
    Question,
    Reply,
)
from .engine import Engine
from .questions import Belief, DialogueTuning, next_question
from .replies import error_text, network, says_none
from .text import MAX_QUERY_CHARS, clean_query

NOT_INSPECTION = ("Probably not TLS inspection: it behaves the same off the company network, so exempting it from "
                  "inspection would not help. Check the service's status, the account and the device first.")
INSPECTION_UNLISTED = ("It works off the company network, so inspection is the likely cause, but the app is not "
                       "in the catalog: check it as an unlisted app, then exempt its domains.")
HOST_FIELDS = ("name", "domains", "note_domains", "optional_domains")  # evidence that names the app outright


@dataclass(frozen=True)
class Turn:
    """What pindesk says after a message: the conversation as it now stands, the answer, the question if any."""

    conversation: Conversation
    answer: Answer
    question: Question | None = None

    @property
    def not_inspection(self) -> bool:
        """Whether the answer is that inspection is probably not the cause (it fails everywhere)."""
        return self.conversation.network == FAILS_EVERYWHERE and not (self.answer.matches
                                                                       and self.answer.matches[0].article)


class Dialogue:
    """Moves conversations on with one engine; holds no conversation itself."""

    def __init__(self, engine: Engine, tuning: DialogueTuning | None = None):
        """Over this engine, deciding by `tuning` (the defaults unless given)."""
        self.engine = engine
        self.tuning = tuning or DialogueTuning()

    def turn(self, conversation: Conversation | None, message: str, platform: str | None = None) -> Turn:
        """The conversation after one more message (a new one for None). Raises QueryError for unusable input.

        `platform` is the platform given with a first message (a form's or a flag's choice).
        """
        text = clean_query(message)
        conv = Conversation.from_dict(conversation.to_dict()) if conversation else Conversation()
        conv.messages.append(text)
        if conv.texts and len(conv.messages) <= MAX_MESSAGES:
            self._read(conv, text)
        else:
            _start_over(conv, text, platform)
        return self._respond(conv)

    def view(self, conversation: Conversation) -> Turn:
        """The answer and the pending question as they stand, without a new message."""
        answer, belief = self._assess(conversation)
        return Turn(conversation, self._answer(conversation, answer, belief, final=conversation.pending is None),
                    conversation.pending)

    def _read(self, conv: Conversation, text: str) -> None:
        """Take a reply in: an option, "none of these", the network, an app named, or more description."""
        pending, conv.pending = conv.pending, None
        option = pending.chosen(text) if pending else None
        if option:
            conv.replies.append(Reply(pending.kind, option.value, pending.values))
            conv.messages[-1] = option.label  # the record reads as the person saw it, not "works-elsewhere"
            return
        said = network(text, pending)
        if said is None and pending and pending.kind != NETWORK and says_none(text):
            conv.replies.append(Reply(pending.kind, NONE, pending.values))
            return
        alone = self.engine.ask(text, limit=self.tuning.pool)
        named = _named_app(alone)
        if said is None and named:
            _, belief = self._assess(conv)
            if belief.p.get(named.id, 0.0) > 0:
                conv.replies.append(Reply(APP, named.id))
                return
            if alone.confidence >= self.tuning.restart:
                _start_over(conv, text)
                return
        if said is None and alone.unlisted_apps and not _said_before(conv, alone.unlisted_apps):
            _start_over(conv, text)
            return
        if alone.platform:
            conv.replies.append(Reply(PLATFORM, alone.platform))
        quoted = error_text(text, pending)
        if quoted:
            conv.replies.append(Reply(ERROR, quoted, pending.values))
        if said:
            conv.replies.append(Reply(NETWORK, said))
        else:
            conv.texts.append(text)

    def _assess(self, conv: Conversation) -> tuple[Answer, Belief]:
        """The engine's answer to everything said so far, and the belief the replies leave."""
        # An error text picked from the options is asked with the rest, as if typed.
        said = conv.texts + [r.value for r in conv.replies if r.kind == ERROR and r.value != NONE]
        ruled_out = len(_ruled_out(conv))
        answer = self.engine.ask(_joined(said), platform=conv.platform, limit=DEFAULT_MATCHES + ruled_out)
        return answer, Belief.of(answer, conv.replies, self.tuning)

    def _respond(self, conv: Conversation) -> Turn:
        """Answer, or ask the most informative question when the answer is not settled."""
        answer, belief = self._assess(conv)
        question = None
        settled = conv.picked or conv.network == FAILS_EVERYWHERE or (belief.top()[1] >= self.tuning.confident
                                                                      and not _names_rivals(answer, self.tuning))
        if not settled:
            question = next_question(belief, conv, answer.platform is not None, self.tuning)
        conv.pending = question
        if question:
            conv.asked.append(question)
        return Turn(conv, self._answer(conv, answer, belief, final=question is None), question)

    def _answer(self, conv: Conversation, answer: Answer, belief: Belief, final: bool) -> Answer:
        """The answer to show: the engine's, narrowed by the replies; with the closing caveats when final."""
        if conv.network == FAILS_EVERYWHERE and not belief.about_articles:
            return replace(answer, outcome=ABSTAINED, confidence=0.0, message=NOT_INSPECTION, matches=(),
                           caveats=(), see_also=(), tied=0)
        picked = self._entry(conv.picked) if conv.picked else None
        if picked:
            return _naming(answer, picked, 1.0, conv.platform, picked=True)
        if len(conv.texts) == 1 and not conv.replies:
            result = answer  # the first message, untouched: exactly the single answer
        else:
            result = self._narrowed(conv, answer, belief)
        if not final or not conv.asked:
            return result
        caveats = list(result.caveats)
        chance = belief.top()[1]
        if result.outcome == ABSTAINED and conv.network == WORKS_ELSEWHERE:
            caveats.append(INSPECTION_UNLISTED)
        elif result.outcome != ABSTAINED and chance < self.tuning.confident:
            asked = f"{len(conv.asked)} question{'s' if len(conv.asked) != 1 else ''}"
            caveats.append(f"pindesk is still not sure after {asked}: {_title(result.matches[0])} fits best, "
                           f"but check that it is what the person means.")
        return replace(result, caveats=tuple(caveats))

    def _narrowed(self, conv: Conversation, answer: Answer, belief: Belief) -> Answer:
        """The engine's answer without the apps replies ruled out; the likeliest app when replies made it sure."""
        top, chance = belief.top()
        if top and chance >= self.tuning.confident:
            return _naming(answer, top, chance, conv.platform)
        ruled = _ruled_out(conv)
        kept = tuple(m for m in answer.matches if m.id not in ruled)[:DEFAULT_MATCHES]
        tied = [m for m in answer.candidates if m.id not in ruled]
        if tied:
            if len(tied) == answer.tied:
                return replace(answer, matches=kept)
            return replace(answer, matches=kept, **_verdict(tied))
        shown = kept[:len(answer.matches) if answer.outcome == ABSTAINED else 3]
        names = ", ".join(_title(m) for m in shown)
        message = ("Not answered: nothing else in the catalog fits what was said."
                   + (f" Closest entries: {names}." if names else ""))
        return replace(answer, outcome=ABSTAINED, confidence=min(answer.confidence, chance), message=message,
                       matches=shown, tied=0, see_also=(UNLISTED_ARTICLE,))

    def _entry(self, entry_id: str) -> Match | None:
        """A catalog entry picked by its id, as a match: the person said it is the one.

        None when a reloaded catalog no longer has it: the conversation goes on without the pick.
        """
        found = self.engine.catalog.describe(entry_id)
        if found is None:
            return None
        kind, title = found
        reason = Reason("reply", "picked from the options", title)
        if kind == "article":
            return Match(score=1.0, why=(reason,), article=self.engine.catalog.article(entry_id))
        return Match(score=1.0, why=(reason,), app=self.engine.catalog.app(entry_id))


def _names_rivals(answer: Answer, tuning) -> bool:
    """Whether the message names more than one of the likeliest apps ("messenger messages won't send"): the
    name the person meant is worth asking, however sure the ranking is."""
    named = [m for m in answer.matches[:tuning.options] if m.app and m.score >= tuning.rival_named
             and any(r.field == "name" for r in m.why)]
    return answer.outcome != ABSTAINED and len(named) > 1


def _title(match: Match) -> str:
    """What an entry is called in a sentence."""
    return match.app.display_name if match.app else match.name


def _summary(match: Match) -> str:
    """An answer's message naming one entry, as the engine words it."""
    summary = match.app.recommendation.summary if match.app else match.article.summary
    return f"{_title(match)}: {summary}"


def _verdict(tied: list[Match]) -> dict:
    """Outcome, message and tie count for the candidates left of a tie."""
    if len(tied) == 1:
        return {"outcome": ANSWERED, "tied": 1, "message": _summary(tied[0])}
    names = ", ".join(_title(m) for m in tied)
    return {"outcome": AMBIGUOUS, "tied": len(tied),
            "message": f"Several entries fit equally: {names}. Check which app the person uses."}


def _naming(answer: Answer, entry: Match, confidence: float, platform: str | None, picked: bool = False) -> Answer:
    """The answer naming one entry first, as sure as the replies made it."""
    found = next((m for m in answer.matches if m.id == entry.id), None)
    if found is None:
        found = replace(entry, score=confidence)
    elif picked:
        found = replace(found, why=found.why + entry.why)
    others = tuple(m for m in answer.matches if m.id != entry.id)
    caveats = answer.caveats if answer.matches and answer.matches[0].id == entry.id else ()
    app = entry.app
    if app and platform and not app.runs_on(platform):
        caveats = (f"The catalog lists {app.display_name} as breaking on {app.platform_source}; on {platform} "
                   f"the cause may be something else, so first check it works off the inspected network.",)
    return replace(answer, outcome=ANSWERED, confidence=confidence, tied=1, matches=(found, *others)[:DEFAULT_MATCHES],
                   message=_summary(entry), caveats=caveats, see_also=answer.see_also if not app else (),
                   unlisted_apps=())


def _ruled_out(conv: Conversation) -> set[str]:
    """The apps and articles the person said it is none of."""
    return {v for r in conv.replies if r.kind in PICKS and r.value == NONE for v in r.offered if v != NONE}


def _named_app(answer: Answer) -> Match | None:
    """The app a text names outright (by name, alias or host) when the engine answers it alone."""
    if answer.outcome != ANSWERED or not answer.matches or not answer.matches[0].app:
        return None
    top = answer.matches[0]
    return top if any(reason.field in HOST_FIELDS for reason in top.why) else None


def _said_before(conv: Conversation, names: tuple[str, ...]) -> bool:
    """Whether the problem's description already names one of these apps."""
    said = " ".join(conv.texts).casefold()
    return any(name.casefold() in said for name in names)


def _start_over(conv: Conversation, text: str, platform: str | None = None) -> None:
    """A new problem: this text is its first description; the messages so far stay for the record.

    A description that says it fails off the company network too settles that at once.
    """
    conv.texts, conv.replies, conv.asked, conv.pending = [text], [], [], None
    conv.given_platform = platform
    if network(text, None) == FAILS_EVERYWHERE:
        conv.replies.append(Reply(NETWORK, FAILS_EVERYWHERE))
    del conv.messages[:-MAX_MESSAGES]


def _joined(texts: list[str]) -> str:
    """The texts as one query within the engine's limit: the first, then the latest that fit, in order."""
    kept, room = [], MAX_QUERY_CHARS - len(texts[0])
    for text in reversed(texts[1:]):
        if len(text) + 1 > room:
            break
        kept.insert(0, text)
        room -= len(text) + 1
    return " ".join([texts[0], *kept])
