"""What building an engine computes from a catalog, as plain data: the part worth keeping on disk."""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .evidence import ErrorRow, error_rows
from .hosts import HostTables, host_tables
from .space import CHARS, WORDS, SpaceArrays, corpus, fit_arrays, stem_idf
from .text import known_answers, normalise, tokens
from .vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Index:
    """The two TF-IDF spaces (a row per app, per article head and body, and per app's description), the
    error texts' words with their IDF, the host tables (home domains, brands), and every word the catalog
    uses with its stem and whether its forms are English (text.known_answers)."""

    words: SpaceArrays
    chars: SpaceArrays
    errors: list[ErrorRow]
    hosts: HostTables
    catalog_words: list[str]
    stems: dict[str, str]
    english: dict[str, bool]


def build_index(catalog: Catalog, vocabulary: Vocabulary | None = None) -> Index:
    """Fit the spaces, weigh the error texts and find the brands: the slow part of building an engine."""
    vocabulary = vocabulary or load_vocabulary()
    documents = corpus(catalog)
    words = fit_arrays(WORDS, documents)
    catalog_words = sorted({w for document in documents for w in tokens(normalise(document))})
    stems, english = known_answers(catalog_words)
    return Index(words=words, chars=fit_arrays(CHARS, documents), errors=error_rows(catalog.apps, stem_idf(words)),
                 hosts=host_tables(catalog.apps, vocabulary.is_english), catalog_words=catalog_words, stems=stems,
                 english=english)
