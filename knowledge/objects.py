"""Names said as objects: what the app meant fails to reach or show, not the app meant.

"Timehop shows nothing from my Facebook" is about Timehop; Facebook, said with "my" after it, is what
Timehop fails to show. So are things of mine listed after an app was spoken of ("the 'on this day' app
is empty, none of my iCloud photos or Facebook posts") and where something comes from ("rides from my
Garmin").
"""
from __future__ import annotations

from .query import Query

# What follows "app" when the app is described instead of named ("the app that shows ...").
DESCRIBING = frozenset({"that", "where", "which", "with", "whose"})
# Words for an app spoken of without its name ("the memories app"), in the languages tickets come in.
APPS_SAID = frozenset({"app", "apps", "application", "appli", "aplicación", "aplicativo", "anwendung"})
FROM_WORDS = frozenset({"from", "von", "aus", "de", "desde", "da", "van", "z"})  # "from", where something comes from
LIST_JOINS = frozenset({"or", "and", "nor", "ou", "et", "oder", "und", "y", "o", "e"})
LISTED_REACH = 5  # words back from a name to the "my" of a list it is in
# "My" and "our" before a name that follows another in its clause: what that app fails to reach or show.
POSSESSIVES = frozenset({"my", "our", "your", "mes", "mon", "ma", "nos", "mis", "mi", "nuestros", "meine", "mein",
                         "meinen", "unsere", "meus", "minhas", "meu", "minha", "miei", "mie", "mijn", "onze"})


def is_object(query: Query, start: int, before: list[tuple[int, int]]) -> bool:
    """Whether the name at `start` is what an app named or spoken of before it fails to reach or show;
    `before`: the spans of the names said before it."""
    raw, clauses = query.raw, query.clauses
    if POSSESSIVES.isdisjoint(raw[max(0, start - LISTED_REACH):start]):
        return False  # no "my" among the words before it that the tests below look at: most names
    mine = any(w in POSSESSIVES and clauses[i] == clauses[start]
               for i, w in enumerate(raw[max(0, start - 2):start], max(0, start - 2)))
    listed = _listed_after_mine(raw, start)
    if not (mine or listed or (start >= 2 and raw[start - 1] in POSSESSIVES)):
        return False
    # "the app that shows ... my Facebook posts", "the app where my coach ... my Garmin rides": an app
    # described before the name is its subject as a name would be.
    described = [i for i in range(start) if raw[i] in ("app", "application") and i + 1 < len(raw)
                 and raw[i + 1] in DESCRIBING]
    if (mine or listed) and (any(clauses[s] == clauses[start] for s, _ in before)
                             or any(clauses[i] == clauses[start] for i in described)):
        return True
    if start >= 2 and raw[start - 1] in POSSESSIVES and raw[start - 2] in FROM_WORDS and \
            (bool(before) or not APPS_SAID.isdisjoint(raw[:start])):
        # "rides from my Garmin", "photos from my Google account": where something comes from, after
        # the app that fails was named or spoken of, in this clause or an earlier one.
        return True
    # "the 'on this day' app shows nothing, none of my iCloud photos or Facebook posts": things of mine
    # listed after an app was spoken of are what it fails to show.
    return (mine or listed) and _app_spoken_of(raw, start, before)


def _app_spoken_of(raw: list[str], start: int, names_before) -> bool:
    """Whether an app was spoken of before `start` without being named ("the memories app", "the app that
    ..."): a word for an app that no name stands just before."""
    named = {i for s, e in names_before for i in range(s, e + 1)}  # a name's words and the word after it
    return any(w in APPS_SAID and i not in named for i, w in enumerate(raw[:start]))


def _listed_after_mine(raw: list[str], start: int) -> bool:
    """Whether the word at `start` is listed after "my ..." with "or" or "and": "my iCloud photos or Facebook
    memories" holds two things of mine."""
    before = raw[max(0, start - LISTED_REACH):start]
    joins = [i for i, w in enumerate(before) if w in LIST_JOINS]
    return bool(joins) and any(w in POSSESSIVES for w in before[:joins[-1]])
