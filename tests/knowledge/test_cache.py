"""The built index kept on disk: a hit answers exactly as a fresh build; a stale, damaged or foreign file
is rebuilt, never trusted; a folder that cannot be written still answers."""
import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from pindesk.knowledge import cache, index
from pindesk.knowledge.cache import cached_engine
from pindesk.knowledge.catalog import DEFAULT_CATALOG, load_catalog
from pindesk.knowledge.combiner import Combiner
from pindesk.knowledge.evaluation import DEFAULT_EVAL, load_cases
from pindesk.knowledge.vocabulary import load_vocabulary

TRAIN = DEFAULT_EVAL.parent / "independent-train.yaml"
# The old set, the training split (descriptions, makers, other languages, look-alike and own-domain hosts)
# and a few of each kind of evidence the index holds.
QUERIES = ([case.query for case in load_cases()][::4] + [case.query for case in load_cases(TRAIN)][::5]
           + ["instagarm", "what is pinning", "store won't load", "paypal.com.secure-login.top won't load",
              "api.twitter.com times out", "Amazon's voice assistant can't reach its servers",
              "Outlook kann keine Verbindung herstellen", "the bank app won't log in"])


def answers(engine):
    """Every answer to the sample queries, as the JSON the surfaces print."""
    return [engine.ask(query, platform=platform).to_dict() for query in QUERIES for platform in (None, "ios")]


@pytest.fixture
def fresh(engine):
    """The answers of an engine built without any cache."""
    return answers(engine)


def index_file(folder):
    """The one index file in a cache folder."""
    (found,) = folder.glob("index-*.npz")
    return found


def no_build(monkeypatch):
    """Make building the index fail, so only a cache hit can answer."""
    def refuse(catalog, vocabulary=None):
        raise AssertionError("the index was built although the cache held it")
    monkeypatch.setattr(cache, "build_index", refuse)


def test_a_cache_hit_answers_exactly_as_a_fresh_build(catalog, fresh, tmp_path, monkeypatch):
    cold = cached_engine(catalog, directory=tmp_path)
    assert answers(cold) == fresh and index_file(tmp_path).stat().st_size > 0
    no_build(monkeypatch)
    warm = cached_engine(load_catalog(), directory=tmp_path, lazy=True)
    assert answers(warm) == fresh


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip a byte", "empty"])
def test_a_damaged_file_is_rebuilt(catalog, fresh, tmp_path, damage):
    cached_engine(catalog, directory=tmp_path)
    path = index_file(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"not a numpy archive" * 100)
    elif damage == "flip a byte":
        data[len(data) // 2] ^= 0xFF
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert answers(cached_engine(catalog, directory=tmp_path)) == fresh
    assert cache._read(path, cache.index_key(catalog, cache.Tuning())) is not None  # written again, sound


def test_a_changed_array_under_the_old_checksum_is_rebuilt(catalog, fresh, tmp_path):
    cached_engine(catalog, directory=tmp_path)
    path = index_file(tmp_path)
    with np.load(path) as npz:
        members = {name: npz[name] for name in npz.files}
    members["chars_data"] = members["chars_data"] * np.float32(2)  # the header still has the old checksum
    np.savez(path, **members)
    assert answers(cached_engine(catalog, directory=tmp_path)) == fresh


def test_a_file_that_holds_pickled_objects_is_never_unpickled(catalog, fresh, tmp_path):
    cached_engine(catalog, directory=tmp_path)
    path = index_file(tmp_path)
    np.savez(path, header=np.array([{"format": cache.FORMAT}], dtype=object))
    assert answers(cached_engine(catalog, directory=tmp_path)) == fresh


def test_another_catalogs_file_under_this_name_is_rebuilt(tmp_path, fresh):
    edited = tmp_path / "catalog.yaml"
    edited.write_text(DEFAULT_CATALOG.read_text().replace("Currently Unavailable", "Not Available Now"))
    other, shipped = load_catalog(edited), load_catalog()
    assert cache.index_key(other, cache.Tuning()) != cache.index_key(shipped, cache.Tuning())
    folder = tmp_path / "cache"
    cached_engine(other, directory=folder)
    path = index_file(folder)
    key = cache.index_key(shipped, cache.Tuning())
    shutil.move(path, folder / f"index-{key[:32]}.npz")  # the other catalog's index, under this one's name
    assert answers(cached_engine(shipped, directory=folder)) == fresh


def test_a_changed_catalog_is_a_new_key_and_a_new_file(tmp_path, catalog):
    edited = tmp_path / "catalog.yaml"
    edited.write_text(DEFAULT_CATALOG.read_text().replace("Currently Unavailable", "Not Available Now"))
    folder = tmp_path / "cache"
    cached_engine(catalog, directory=folder)
    engine = cached_engine(load_catalog(edited), directory=folder)
    assert len(list(folder.glob("index-*.npz"))) == 2
    assert engine.ask("netflix says not available now").matches[0].id == "netflix"


def test_an_articles_keywords_are_part_of_the_key(tmp_path, catalog):
    articles = tmp_path / "articles"
    shutil.copytree(DEFAULT_CATALOG.parent / "articles", articles)
    page = articles / "unlisted-apps.md"
    page.write_text(page.read_text().replace("keywords:\n", "keywords:\n  - a keyword never seen\n", 1))
    assert load_catalog(articles_dir=articles).version != catalog.version


def test_the_key_follows_the_tuning(catalog):
    assert cache.index_key(catalog, cache.Tuning()) != cache.index_key(catalog, cache.Tuning(threshold=0.5))


def test_a_folder_that_cannot_be_written_still_answers(catalog, fresh, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert answers(cached_engine(catalog, directory=blocked / "cache")) == fresh
    assert blocked.read_text() == "not a folder"


def test_a_header_names_the_format_and_key(catalog, tmp_path):
    cached_engine(catalog, directory=tmp_path)
    with np.load(index_file(tmp_path), allow_pickle=False) as npz:
        header = json.loads(npz["header"].tobytes())
    assert header["format"] == cache.FORMAT and header["key"] == cache.index_key(catalog, cache.Tuning())
    assert not list(tmp_path.glob(".*.tmp"))  # written to a temporary file and renamed into place


def test_the_dictionary_is_kept_and_a_damaged_copy_is_read_again(tmp_path):
    words = cache._english(tmp_path)
    (path,) = tmp_path.glob("english-*.npz")
    assert cache._english(tmp_path) == words and "certificate" in words
    path.write_bytes(b"damaged")
    assert cache._english(tmp_path) == words


def test_the_index_is_plain_data(catalog):
    built = index.build_index(catalog)
    assert built.words.idf.dtype == np.float32 and all(isinstance(t, str) for t in built.chars.terms)
    assert built.stems and all(isinstance(v, bool) for v in built.english.values())
    assert built.hosts.home["twitter.com"] and all(isinstance(k, str) for k in built.hosts.brands)


def test_the_cached_index_is_the_built_one(catalog, tmp_path):
    built = cache.cached_index(catalog, cache.Tuning(), tmp_path)
    kept = cache.cached_index(catalog, cache.Tuning(), tmp_path)
    assert kept.hosts == built.hosts and kept.errors == built.errors and kept.catalog_words == built.catalog_words
    assert kept.words.terms == built.words.terms and np.array_equal(kept.chars.data, built.chars.data)
    assert len(kept.words.indptr) == 2 * len(catalog.apps) + 2 * len(catalog.articles) + 1  # descriptions too


def test_the_key_follows_the_vocabulary(catalog, tmp_path):
    edited = tmp_path / "vocabulary.yaml"
    source = (DEFAULT_EVAL.parent.parent / "vocabulary.yaml").read_text()
    edited.write_text(source.replace("familiar_words: [", "familiar_words: [paypal, ", 1))
    shipped, familiar = load_vocabulary(), load_vocabulary(edited)
    assert cache.index_key(catalog, cache.Tuning(), familiar) != cache.index_key(catalog, cache.Tuning(), shipped)
    assert "paypal" in cache.cached_index(catalog, cache.Tuning(), tmp_path, shipped).hosts.brands
    assert "paypal" not in cache.cached_index(catalog, cache.Tuning(), tmp_path, familiar).hosts.brands
    # One built in code keys on what it holds.
    built = replace(shipped, version="", familiar_words=familiar.familiar_words)
    assert built.version and built.version != replace(shipped, version="").version


def test_new_combiner_weights_answer_from_a_warm_cache(catalog, tmp_path, monkeypatch):
    cached_engine(catalog, directory=tmp_path)
    no_build(monkeypatch)
    warm = cached_engine(load_catalog(), directory=tmp_path, lazy=True)
    refuse_all = Combiner(warm.combiner.weights, warm.combiner.bias, threshold=1.0)
    assert warm.with_combiner(refuse_all).ask("netflix says currently unavailable").outcome == "abstained"
