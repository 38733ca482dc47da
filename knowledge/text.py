"""Reading what people type: cleaning, tokens, stems, and whether a word is English."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .errors import QueryError

MAX_QUERY_CHARS = 4000

# Letters of any script and digits: "todavía", "não" and "lädt" stay whole words.
TOKEN_RE = re.compile(r"[^\W_]+(?:[+&][^\W_]*)?")
GAPS_AND_TOKENS_RE = re.compile(f"({TOKEN_RE.pattern})")  # split by it: gap, token, gap, ..., token, gap
POSSESSIVE_RE = re.compile(r"([^\W_]+)'s\b", re.IGNORECASE)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Scripts written without spaces between words (Chinese, Japanese; Korean particles too): a run of them is set
# apart from the letters and digits around it, so "Netflixアプリで" reads as "Netflix アプリで".
CJK_RUN_RE = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+)")
E_MAIL_RE = re.compile(r"\b([eE])-([mM][aA][iI][lL](?:s|S)?)\b")  # "e-mail", "E-Mail", "E-MAILS"
APOSTROPHE_MARKS = ("\u2019", "\u2018", "\u02bc", "`")  # typed for an apostrophe, read as one
SUFFIXES = ("'s", "ies", "es", "s", "ing", "ed", "er", "ly")


def clean_query(query) -> str:
    """The query as text fit to search: controls and NUL bytes removed, white space folded.

    Raises QueryError for anything that is not text, too long, or has nothing to search for.
    """
    if isinstance(query, bytes):
        query = query.decode("utf-8", errors="replace")
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long: {len(query):,} characters (the limit is "
                         f"{MAX_QUERY_CHARS:,}); paste the error message or the host, not the whole log")
    if not (query.isascii() and query.isprintable()):  # printable ASCII holds no control character
        query = CONTROL_RE.sub(" ", query)
    text = " ".join(query.split())
    if not text:
        raise QueryError("the query is empty: describe the problem, paste the error, or give a host")
    if not any(map(str.isalnum, text)):
        raise QueryError("the query has no letters or digits to search for")
    return text


def normalise(text: str) -> str:
    """Lower case, compatibility forms folded, curly apostrophes straightened, accents kept."""
    return folded_forms(text).casefold()


def folded_forms(text: str) -> str:
    """Compatibility forms folded (NFKC) and curly apostrophes straightened, case kept."""
    if text.isascii():  # NFKC leaves ASCII as it is, and the only mark in it is the backtick
        return text.replace("`", "'")
    text = CJK_RUN_RE.sub(r" \1 ", unicodedata.normalize("NFKC", text))
    for mark in APOSTROPHE_MARKS:  # a replace per mark is quicker than str.translate with a table
        text = text.replace(mark, "'")
    return text


# Contractions as people type them, with or without the apostrophe, spelled out.
CONTRACTIONS = {"cant": ("cannot",), "cannot": ("cannot",), "couldnt": ("could", "not"),
                "wont": ("will", "not"), "doesnt": ("does", "not"), "dont": ("do", "not"),
                "didnt": ("did", "not"), "isnt": ("is", "not"), "arent": ("are", "not"),
                "wasnt": ("was", "not"), "werent": ("were", "not"), "aint": ("is", "not"),
                "hasnt": ("has", "not"), "havent": ("have", "not"), "wouldnt": ("would", "not"),
                "shouldnt": ("should", "not")}


def tokens(text: str) -> list[str]:
    """Words of normalised text: letters and digits, `&` and `+` kept inside names (at&t, disney+).

    Contractions are spelled out ("can't" and "cant" become "cannot"), so an error text and
    the way people quote it meet.
    """
    words = []
    for word in TOKEN_RE.findall(text.replace("'", "")):
        words.extend(CONTRACTIONS.get(word, (word,)))
    return words


def words_with_case(text: str) -> tuple[list[str], set[int]]:
    """The words of `tokens(normalise(text))` and the positions of those written with a capital
    inside a sentence (not after . ! ? or at the start): a hint that the word is a name."""
    words, cased, _ = read_words(text)
    return words, cased


# Punctuation that ends a clause: "Instagram works now, but Snapchat still fails" has two.
CLAUSE_MARKS = frozenset(".!?;:,()[]|\n")
SENTENCE_ENDS = frozenset(".!?")


def read_words(text: str) -> tuple[list[str], set[int], set[int]]:
    """`words_with_case`, and the positions of words that follow punctuation ending a clause."""
    words, cased, breaks, _, _ = read_words_fully(text)
    return words, cased, breaks


def read_words_fully(text: str, normal: str | None = None) -> tuple[list[str], set[int], set[int], set[int], set[int]]:
    """`read_words`, the positions of words written in the possessive ("Twitter's") and of those typed
    with a capital anywhere, a sentence's first word too; `normal`: folded_forms(text), when known."""
    normal = folded_forms(text) if normal is None else normal
    # Words typed with "'s" ("Twitter's" is read as "twitters"): which app's something is.
    owners = ({owner.casefold() + "s" for owner in POSSESSIVE_RE.findall(normal)}
              if "'s" in normal or "'S" in normal else set())
    folded = normal.replace("'", "")
    if "-" in folded:
        folded = E_MAIL_RE.sub(r"\1\2", folded)  # "E-Mail" is "email", not the name of Apple's Mail
    words, cased, breaks, possessive, capitals = [], set(), set(), set(), set()
    parts = GAPS_AND_TOKENS_RE.split(folded)
    for gap, typed in zip(parts[0::2], parts[1::2], strict=False):  # each word typed, with the gap before it
        position = len(words)
        low = typed.casefold()
        if owners and low in owners:
            possessive.add(position)
        plain_gap = gap == " "  # the usual gap: it ends neither a sentence nor a clause
        if typed[0].isupper():
            capitals.add(position)
            if not typed.isupper() and position and (plain_gap or not set(gap) & SENTENCE_ENDS):
                cased.add(position)
        if position and not plain_gap and set(gap) & CLAUSE_MARKS and not _inside_token(gap):
            breaks.add(position)
        if low.isalnum():  # one token; only "at&t", "disney+" or a letter that folds into a mark need more
            words += CONTRACTIONS.get(low) or (low,)
        else:
            for piece in TOKEN_RE.findall(low):
                words += CONTRACTIONS.get(piece, (piece,))
    return words, cased, breaks, possessive, capitals


def _inside_token(gap: str) -> bool:
    """Whether punctuation joins two parts of one token ("chat.signal.org", "10:42", "v2.3") rather
    than ending a clause: it is not followed or preceded by white space."""
    return not any(ch.isspace() for ch in gap) and gap.strip() in (".", ":", ",", "-", "/")


_STEMMER: list = []  # the Snowball stemmer, made on first need: importing it takes some 25 ms
_KNOWN_STEMS: dict[str, str] = {}  # stems of the catalog's words, worked out when its index was built
# Function words left out of the word index: they say nothing about which app is meant.
INDEX_STOP_WORDS = frozenset("""
a an the and or but of to in on at for from with by is are was were be been being it its this that
these those i im me my we our you your he she they them their has have had do does did so as if then
than there here just also very really can could would should will hey hi hello pls plz please thanks
thx any some anyone someone get got when while into about up out what why how which who whom whose
s t d ll ve re m
""".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a word: "updates", "updating" and "update" meet."""
    known = _KNOWN_STEMS.get(word)
    if known is not None:
        return known
    if not _STEMMER:
        import snowballstemmer
        _STEMMER.append(snowballstemmer.stemmer("english"))
    return _STEMMER[0].stemWord(word)


def stemmed_words(text: str) -> list[str]:
    """Stems of the content words of a text, for the word-level TF-IDF index."""
    return [stem(w) for w in tokens(normalise(text)) if len(w) > 1 and w not in INDEX_STOP_WORDS]


def stem_variants(word: str) -> list[str]:
    """The word and its forms without a common English ending, for dictionary checks."""
    forms = [word]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            forms += [base, base + "e", base + "y"]
    return forms


class PerWord(dict):
    """What a function gives for each word, worked out at the word's first use and kept (the table is
    emptied when it holds `limit` words): a dictionary's lookup, quicker than an lru_cache's, and safe while
    another thread empties the table."""

    def __init__(self, read, limit: int):
        super().__init__()
        self.read, self.limit = read, limit

    def __missing__(self, word: str):
        """Work out what a word not kept gives, and keep it."""
        found = self.read(word)
        if len(self) >= self.limit:
            self.clear()
        self[word] = found
        return found


ANSWERS_KEPT = 50_000  # words whose is_english answer is kept (a table, emptied when full)
ENGLISH_SOURCES = ("web2", "gcide")  # Webster's Second and GCIDE, in the english-words package
_ENGLISH: list[frozenset[str]] = []  # the dictionary, once read
_KNOWN_ENGLISH: dict[str, bool] = {}  # the answers for the catalog's words, worked out with its index


def read_packaged_english() -> frozenset[str]:
    """The dictionary as the english-words package ships it (its pickles, unioned: some 0.2 s)."""
    from english_words import get_english_words_set
    return frozenset(get_english_words_set(list(ENGLISH_SOURCES), lower=True, alpha=True))


_READ_ENGLISH = [read_packaged_english]  # how the dictionary is read; cache.py puts its faster copy first


def english_words() -> frozenset[str]:
    """A large English word list (Webster's and GCIDE), read on first use."""
    if not _ENGLISH:
        _ENGLISH.append(_READ_ENGLISH[0]())
    return _ENGLISH[0]


def read_english_with(reader) -> None:
    """Read the dictionary with `reader` (a function returning it) when it is first needed."""
    _READ_ENGLISH[0] = reader


def in_english(word: str) -> bool:
    """Whether the dictionary holds a word; a catalog word's answer is known without reading it."""
    if not _ENGLISH:
        known = _KNOWN_ENGLISH.get(word)
        if known is not None:
            return known
    return word in english_words()


def known_answers(words: list[str]) -> tuple[dict[str, str], dict[str, bool]]:
    """The stems of these words and whether each of their forms is English: kept with an index, so
    a process that asks only about such words needs neither the stemmer nor the dictionary."""
    stems = {word: stem(word) for word in words}
    forms = {form for word in words for form in stem_variants(word)}
    return stems, {form: form in english_words() for form in sorted(forms)}


def remember_answers(stems: dict[str, str], english: dict[str, bool]) -> None:
    """Use answers worked out before (see known_answers); they are facts, the same for every catalog."""
    _KNOWN_STEMS.update(stems)
    _KNOWN_ENGLISH.update(english)
