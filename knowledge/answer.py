"""The one structured answer the engine gives; every surface only renders it."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .catalog import App, Article

ANSWERED, AMBIGUOUS, ABSTAINED = "answered", "ambiguous", "abstained"
OUTCOMES = (ANSWERED, AMBIGUOUS, ABSTAINED)
UNLISTED_ARTICLE = "unlisted-apps"
# How many matches an answer lists unless asked for another number, and the most it lists.
DEFAULT_MATCHES, MAX_MATCHES = 5, 50

# Reason, Match and Answer are made on every query. Each sets its fields straight into its __dict__: the
# __init__ a frozen dataclass writes calls object.__setattr__ once per field, a tenth of the time spent
# answering. The parameters are the fields, with their defaults (tests/knowledge/test_answer_fields.py).
# The engine makes its matches and answers by new_match and new_answer, which skip type()'s call of __init__:
# that call gathers the keywords into a dict and spreads the dict into keywords again, a third of the making.


def rounded(value: float) -> float:
    """round(value, 3), in half the time, for the scores every answer shows.

    Python rounds to decimals through a decimal string. Here value x 1000 is rounded to a whole number k
    instead, and k / 1000 (correctly rounded, as parsing the string is) gives the same float. k is exact
    unless value x 1000 lies within its rounding error of a half: that case, values of a million or more,
    NaN and the infinities are left to round().
    """
    if -1e6 < value < 1e6:
        scaled = value * 1000.0
        whole = round(scaled)
        if -0.4999 < scaled - whole < 0.4999:
            return whole / 1000 if whole else math.copysign(0.0, value)
    return round(value, 3)


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: which field matched, the catalog's text, and the words that met."""

    field: str
    text: str
    matched: str

    def __init__(self, field: str, text: str, matched: str):
        """The fields, set at once."""
        self.__dict__.update(field=field, text=text, matched=matched)

    def to_dict(self) -> dict:
        """JSON form."""
        return {"field": self.field, "text": self.text, "matched": self.matched}


@dataclass(frozen=True)
class Match:
    """An app or article that fits the query, with its score in [0, 1] and why."""

    score: float
    why: tuple[Reason, ...]
    app: App | None = None
    article: Article | None = None

    def __init__(self, score: float, why: tuple[Reason, ...], app: App | None = None, article: Article | None = None):
        """The fields, stored one by one into __dict__ (quicker than an update, which makes a dict of keywords)."""
        fields = self.__dict__
        fields["score"] = score
        fields["why"] = why
        fields["app"] = app
        fields["article"] = article

    @property
    def type(self) -> str:
        """'app' or 'article'."""
        return "app" if self.app else "article"

    @property
    def id(self) -> str:
        """The app's or article's id."""
        return self.app.id if self.app else self.article.id

    @property
    def name(self) -> str:
        """For apps exactly the catalog name; for articles the title."""
        return self.app.name if self.app else self.article.title

    def to_dict(self) -> dict:
        """JSON form: type, id, name, score, why, and for apps what to do and the domains (App.match_template)."""
        why = [reason.to_dict() for reason in self.why]
        if self.article:
            return {"type": self.type, "id": self.id, "name": self.name, "score": rounded(self.score), "why": why,
                    "summary": self.article.summary}
        data = self.app.match_template.copy()
        data["score"], data["why"] = rounded(self.score), why
        return data


@dataclass(frozen=True)
class HostReport:
    """A host found in the query: the apps whose lists cover it, the domain it is registered under, the
    apps whose maker owns that domain, and the apps whose brand it only imitates."""

    host: str
    app_ids: tuple[str, ...]
    registered_domain: str = ""
    home_of: tuple[str, ...] = ()
    imitates: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """JSON form."""
        return {"host": self.host, "apps": list(self.app_ids), "registered_domain": self.registered_domain,
                "home_of": list(self.home_of), "imitates": list(self.imitates)}


@dataclass(frozen=True)
class Answer:
    """What pindesk says about one query."""

    query: str
    outcome: str
    confidence: float
    message: str
    matches: tuple[Match, ...]
    platform: str | None = None
    hosts: tuple[HostReport, ...] = ()
    caveats: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    unlisted_apps: tuple[str, ...] = ()
    catalog_version: str = ""
    tied: int = 1
    advice: tuple = ()  # the chosen proxy's advice for the leading app(s) (knowledge.advice); empty when none

    def __init__(self, query: str, outcome: str, confidence: float, message: str, matches: tuple[Match, ...],
                 platform: str | None = None, hosts: tuple[HostReport, ...] = (), caveats: tuple[str, ...] = (),
                 see_also: tuple[str, ...] = (), unlisted_apps: tuple[str, ...] = (), catalog_version: str = "",
                 tied: int = 1, advice: tuple = ()):
        """The fields, put straight into __dict__ (one answer a query: an update is quick enough)."""
        self.__dict__.update(query=query, outcome=outcome, confidence=confidence, message=message, matches=matches,
                             platform=platform, hosts=hosts, caveats=caveats, see_also=see_also,
                             unlisted_apps=unlisted_apps, catalog_version=catalog_version, tied=tied, advice=advice)

    @property
    def candidates(self) -> tuple[Match, ...]:
        """The leading matches that fit equally: one when answered, several when ambiguous."""
        return self.matches[: self.tied] if self.answered else ()

    @property
    def answered(self) -> bool:
        """True when pindesk names an app or article (alone or among equals)."""
        return self.outcome != ABSTAINED

    @property
    def ambiguous(self) -> bool:
        """True when several entries fit equally well."""
        return self.outcome == AMBIGUOUS

    def to_dict(self) -> dict:
        """The JSON object shared by the CLI, the API and every other surface."""
        data = {
            "query": self.query,
            "answered": self.answered,
            "outcome": self.outcome,
            "ambiguous": self.ambiguous,
            "confidence": rounded(self.confidence),
            "message": self.message,
            "platform": self.platform,
            "hosts": [host.to_dict() for host in self.hosts],
            "caveats": list(self.caveats),
            "unlisted_apps": list(self.unlisted_apps),
            "see_also": list(self.see_also),
            "tied": self.tied if self.answered else 0,
            "matches": [match.to_dict() for match in self.matches],
            "catalog_version": self.catalog_version,
        }
        if self.advice:
            data["advice"] = [advice.to_dict() for advice in self.advice]
        return data

