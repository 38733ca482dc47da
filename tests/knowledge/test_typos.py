"""Spelling correction finds the known word one or two edits away, and nothing further."""
from pindesk.knowledge.typos import TypoIndex

INDEX = TypoIndex(["instagram", "netflix", "spotify", "signal", "join", "evernote", "unavailable"])


def test_one_edit_of_each_kind():
    assert INDEX.closest("netflx") == "netflix"        # a letter missing
    assert INDEX.closest("spotifyy") == "spotify"      # a letter too many
    assert INDEX.closest("evernite") == "evernote"     # a letter wrong
    assert INDEX.closest("singal") == "signal"         # two letters swapped
    assert INDEX.closest("jion") == "join"


def test_two_edits_only_when_allowed():
    assert INDEX.closest("unavailble", 1) == "unavailable"
    assert INDEX.closest("unavaliabel", 1) is None
    assert INDEX.closest("nstagramm", 2) == "instagram"   # one missing, one extra


def test_unrelated_words_find_nothing():
    assert INDEX.closest("whatsapp", 2) is None
    assert "netflix" in INDEX and "whatsapp" not in INDEX
