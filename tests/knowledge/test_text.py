"""Reading what people type: contractions, names written with a capital, odd text."""
import pytest

from pindesk.knowledge.text import normalise, tokens, words_with_case


def test_contractions_are_spelled_out_with_or_without_apostrophe():
    assert tokens(normalise("Can't log in, WONT load, doesn’t sync")) == \
        ["cannot", "log", "in", "will", "not", "load", "does", "not", "sync"]


@pytest.mark.parametrize("text", ["my Signal app won't send. Signal is down", "Straße AT&T disney+ can't",
                                  "ｆｕｌｌｗｉｄｔｈ Netflix", "نتفليكس لا يعمل", "İstanbul ǅ x\x01y"])
def test_capital_hints_line_up_with_the_words(text):
    words, cased = words_with_case(text)
    assert words == tokens(normalise(text))
    assert all(0 <= position < len(words) for position in cased)


def test_a_capital_inside_a_sentence_marks_a_name_but_not_after_a_full_stop():
    words, cased = words_with_case("my Signal app won't send. Signal is down")
    assert words[1] == "signal" and 1 in cased
    assert words.index("signal", 2) not in cased


@pytest.mark.parametrize("text", ["Wie ändere ich meine E-Mail-Signatur?", "my e-mail won't arrive", "E-MAIL"])
def test_e_mail_with_a_hyphen_is_one_word(text):
    """ "E-Mail" is "email", never the word "mail" that names Apple's Mail."""
    words, _ = words_with_case(text)
    assert "email" in words and "mail" not in words
