"""The dialogue evaluation: each labelled query played as a person who answers pindesk's questions truthfully.

The simulated person knows only the catalog entry of the app the query is about (the first expected
id): they pick that app when it is offered, the platforms and error texts the entry lists, and say it
works off the company network (a catalogued app breaks only behind inspection). For a query the catalog
does not cover, they say "none of these" and have not tried another network.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .answer import Answer
from .catalog import App, Catalog
from .conversation import ERROR, NETWORK, NONE, NOT_TRIED, PICKS, PLATFORM, WORKS_ELSEWHERE, Question
from .dialogue import Dialogue
from .engine import Engine
from .evaluation import Case
from .questions import DialogueTuning

# The questions counted as "within two".
WITHIN = 2


class SimulatedUser:
    """Replies to pindesk's questions from the catalog entry of the app a labelled query is about."""

    def __init__(self, case: Case, catalog: Catalog):
        """The person behind a labelled query: their app is its first expected id the catalog lists."""
        self.case = case
        apps = {app.id: app for app in catalog.apps}
        self.app: App | None = next((apps[i] for i in case.expect if i in apps), None)

    def reply(self, question: Question) -> str:
        """The value of the option that is true of the app, or "none of these" when none is."""
        if question.kind == NETWORK:
            return WORKS_ELSEWHERE if self.app else NOT_TRIED
        values = [v for v in question.values if v != NONE]
        if question.kind in PICKS:
            return next((v for v in values if v in self.case.expect), NONE)
        if self.app is None:
            return NONE
        if question.kind == PLATFORM:
            return next((v for v in values if self.app.runs_on(v)), NONE)
        if question.kind == ERROR:
            return next((v for v in values if v in self.app.error_messages), NONE)
        return NONE


@dataclass
class Played:
    """One labelled query played through: the single answer, the last answer, the questions and replies."""

    case: Case
    first: Answer
    last: Answer
    exchanges: list[tuple[Question, str]] = field(default_factory=list)

    @property
    def questions(self) -> int:
        """How many questions pindesk asked."""
        return len(self.exchanges)

    def right(self, answer: Answer) -> bool:
        """An acceptable entry first for a covered query; no app named for an uncovered one."""
        if not self.case.covered:
            return not answer.answered
        return answer.answered and bool(answer.matches) and answer.matches[0].id in self.case.expect

    def wrong(self, answer: Answer) -> bool:
        """An entry named that is not acceptable."""
        return answer.answered and not self.right(answer)


@dataclass
class DialogueReport:
    """The figures of a dialogue run, the single-turn figures beside them."""

    played: list[Played] = field(default_factory=list)
    tuning: DialogueTuning = field(default_factory=DialogueTuning)

    def _share(self, items: list[Played], predicate) -> float:
        """The share of items for which the predicate holds (1.0 for none)."""
        return sum(1 for p in items if predicate(p)) / len(items) if items else 1.0

    def missed(self) -> list[Played]:
        """Covered queries not answered right on the first turn (single answer)."""
        return [p for p in self.played if p.case.covered and not p.right(p.first)]

    def became_wrong(self) -> list[Played]:
        """Queries the single answer got right and the conversation got wrong."""
        return [p for p in self.played if p.right(p.first) and not p.right(p.last)]

    def failures(self) -> list[Played]:
        """Queries not answered right at the end of the conversation."""
        return [p for p in self.played if not p.right(p.last)]

    def to_dict(self) -> dict:
        """JSON form: the single-turn figures, the dialogue's, and what the questions recovered."""
        played, share = self.played, self._share
        covered = [p for p in played if p.case.covered]
        uncovered = [p for p in played if not p.case.covered]
        missed = self.missed()
        return {
            "queries": len(played), "covered": len(covered), "uncovered": len(uncovered),
            "single_turn": {"top1": share(covered, lambda p: p.right(p.first)),
                            "abstain_recall": share(uncovered, lambda p: p.right(p.first)),
                            "wrongly_answered": share(played, lambda p: p.wrong(p.first))},
            "dialogue": {"top1": share(covered, lambda p: p.right(p.last)),
                         "abstain_recall": share(uncovered, lambda p: p.right(p.last)),
                         "resolved_first_turn": share(played, lambda p: p.questions == 0 and p.right(p.last)),
                         "resolved_within_two": share(played, lambda p: p.questions <= WITHIN and p.right(p.last)),
                         "wrongly_answered": share(played, lambda p: p.wrong(p.last)),
                         "average_questions": sum(p.questions for p in played) / len(played) if played else 0.0},
            "missed_first_turn": {"count": len(missed),
                                  "resolved_within_two": sum(1 for p in missed
                                                             if p.questions <= WITHIN and p.right(p.last))},
            "became_wrong": len(self.became_wrong()),
        }


def play(dialogue: Dialogue, case: Case) -> Played:
    """Play one labelled query: answer every question as the simulated person would, until none is asked."""
    user = SimulatedUser(case, dialogue.engine.catalog)
    turn = dialogue.turn(None, case.query)
    played = Played(case=case, first=dialogue.engine.ask(case.query), last=turn.answer)
    while turn.question is not None:
        reply = user.reply(turn.question)
        played.exchanges.append((turn.question, reply))
        turn = dialogue.turn(turn.conversation, reply)
    played.last = turn.answer
    return played


def evaluate_dialogue(engine: Engine, cases: list[Case], tuning: DialogueTuning | None = None) -> DialogueReport:
    """Play every case with the engine, the conversation deciding by `tuning`."""
    dialogue = Dialogue(engine, tuning)
    return DialogueReport([play(dialogue, case) for case in cases], dialogue.tuning)
