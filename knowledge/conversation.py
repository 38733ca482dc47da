"""A troubleshooting conversation: what the person said, what their replies established, the question pending.

Plain data that survives a round trip through JSON, so the service can keep it between requests; the
logic that moves a conversation on is in dialogue.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The kinds of question pindesk asks, and the replies every kind shares.
APP, ARTICLE, PLATFORM, ERROR, NETWORK = "app", "article", "platform", "error", "network"
KINDS = (APP, ARTICLE, PLATFORM, ERROR, NETWORK)
PICKS = (APP, ARTICLE)  # the questions whose options are the candidates themselves
NONE = "none"  # "None of these": the app, platform or error is not among the options
WORKS_ELSEWHERE, FAILS_EVERYWHERE, NOT_TRIED = "works-elsewhere", "fails-everywhere", "not-tried"
# A conversation longer than this many messages starts over with the next one (it has wandered off).
MAX_MESSAGES = 20


@dataclass(frozen=True)
class Option:
    """One reply offered to a question: what the person reads, and the value sent back."""

    label: str
    value: str

    def to_dict(self) -> dict:
        """JSON form, as the API gives it."""
        return {"label": self.label, "value": self.value}


@dataclass(frozen=True)
class Question:
    """A question pindesk asks back, of one kind, with the replies it offers (free text is read too)."""

    kind: str
    text: str
    options: tuple[Option, ...]

    def to_dict(self) -> dict:
        """JSON form, as the API gives it: the text and the options."""
        return {"text": self.text, "options": [option.to_dict() for option in self.options]}

    def chosen(self, reply: str) -> Option | None:
        """The option a reply picks: its value or label (any case), or its number in the list."""
        wanted = " ".join(reply.split()).casefold()
        for option in self.options:
            if wanted in (option.value.casefold(), option.label.casefold()):
                return option
        if wanted.isdigit() and 1 <= int(wanted) <= len(self.options):
            return self.options[int(wanted) - 1]
        return None

    @property
    def values(self) -> tuple[str, ...]:
        """The values of the options."""
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class Reply:
    """What one reply established: a value for a kind of question, and the values that were offered."""

    kind: str
    value: str
    offered: tuple[str, ...] = ()


@dataclass
class Conversation:
    """The state of one conversation: every message, the ones describing the problem, the replies, the questions."""

    messages: list[str] = field(default_factory=list)  # everything the person said, in order
    texts: list[str] = field(default_factory=list)  # the messages that describe the problem, asked together
    replies: list[Reply] = field(default_factory=list)  # what replies established, in order
    asked: list[Question] = field(default_factory=list)  # questions asked since the problem was first described
    pending: Question | None = None  # the question the next message answers, if any
    given_platform: str | None = None  # the platform given with the first message (a form's or flag's choice)

    def reply(self, kind: str) -> Reply | None:
        """The latest reply of a kind, if any."""
        return next((r for r in reversed(self.replies) if r.kind == kind), None)

    @property
    def platform(self) -> str | None:
        """The platform a reply named, else the one given with the first message, if any."""
        found = next((r for r in reversed(self.replies) if r.kind == PLATFORM and r.value != NONE), None)
        return found.value if found else self.given_platform

    @property
    def picked(self) -> str | None:
        """The id of the app or article the person picked, if any."""
        found = next((r for r in reversed(self.replies) if r.kind in PICKS and r.value != NONE), None)
        return found.value if found else None

    @property
    def network(self) -> str | None:
        """Whether it works off the company network, if a reply said so."""
        found = self.reply(NETWORK)
        return found.value if found and found.value != NOT_TRIED else None

    def to_dict(self) -> dict:
        """JSON form, to keep between requests."""
        return {"messages": self.messages, "texts": self.texts,
                "replies": [[r.kind, r.value, list(r.offered)] for r in self.replies],
                "asked": [_question_dict(q) for q in self.asked],
                "pending": _question_dict(self.pending) if self.pending else None,
                "given_platform": self.given_platform}

    @classmethod
    def from_dict(cls, data: dict) -> Conversation:
        """Back from to_dict(); ValueError when the data is not a conversation."""
        try:
            return cls(messages=[str(m) for m in data["messages"]], texts=[str(t) for t in data["texts"]],
                       replies=[Reply(str(k), str(v), tuple(str(o) for o in offered))
                                for k, v, offered in data["replies"]],
                       asked=[_question(q) for q in data["asked"]],
                       pending=_question(data["pending"]) if data.get("pending") else None,
                       given_platform=str(data["given_platform"]) if data.get("given_platform") else None)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a stored conversation ({exc})") from None


def _question_dict(question: Question) -> dict:
    """A question with its kind, to keep."""
    return {"kind": question.kind, **question.to_dict()}


def _question(data: dict) -> Question:
    """A question back from _question_dict()."""
    return Question(kind=str(data["kind"]), text=str(data["text"]),
                    options=tuple(Option(str(o["label"]), str(o["value"])) for o in data["options"]))
