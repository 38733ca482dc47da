"""A built index kept on disk, so a process answers without fitting the catalog again.

A cache file is input we must not trust (another user, a full disk, a half-written file): it is a
NumPy .npz read with allow_pickle=False holding plain arrays and JSON, with a header (format, key) and
a SHA-256 of everything else. A file whose format, key, checksum or shape is not what this process
expects is rebuilt, never used. Writes go to a temporary file renamed into place, so readers see
the old file or the new one. A directory that is missing, read-only or full only means building in
memory, as without a cache.
"""
from __future__ import annotations

import hashlib
import json
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from pindesk import __version__

from . import text
from .catalog import Catalog
from .hosts import HostTables
from .index import Index, build_index
from .space import CHARS, WORDS, SpaceArrays
from .tuning import Tuning
from .vocabulary import Vocabulary, load_vocabulary
from .yamlfile import prune, write_atomically

FORMAT = 1  # raise when what the files hold, or how, changes
KEPT = 8  # index files kept per directory (one per catalog version, most recent first)
# The code that shapes the cached data: a change in it is a new key, even at the same version.
SOURCES = ("catalog.py", "evidence.py", "hosts.py", "index.py", "space.py", "text.py", "vocabulary.py", "cache.py")
_ARRAYS = ("idf", "data", "indices", "indptr")
_DTYPES = {"idf": np.float32, "data": np.float32, "indices": np.int32, "indptr": np.int32}


def _note(message: str, *args) -> None:
    """Log why the cache was not used (logging is imported only then: a one-shot command seldom needs it)."""
    import logging
    logging.getLogger(__name__).info(message, *args)


def index_key(catalog: Catalog, tuning: Tuning, vocabulary: Vocabulary | None = None) -> str:
    """What an index depends on: the catalog's and the vocabulary's content, pindesk's version and code, the
    tuning."""
    code = hashlib.sha256()
    for name in SOURCES:
        code.update((Path(__file__).parent / name).read_bytes())
    try:
        words = _words_key()
    except OSError:
        words = None
    parts = {"format": FORMAT, "pindesk": __version__, "catalog": catalog.version, "code": code.hexdigest(),
             "dictionary": words, "tuning": tuning.to_dict(), "vocabulary": (vocabulary or load_vocabulary()).version}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _checksum(members: dict[str, np.ndarray]) -> str:
    """SHA-256 over every member but the header: names, dtypes, shapes and bytes."""
    digest = hashlib.sha256()
    for name in sorted(members):
        array = members[name]
        digest.update(f"{name}:{array.dtype.str}:{array.shape}\0".encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()


def _json_member(value) -> np.ndarray:
    """JSON as an array of bytes, the one way an .npz holds text without pickling."""
    return np.frombuffer(json.dumps(value, separators=(",", ":")).encode(), np.uint8)


def _read(path: Path, key: str) -> dict[str, np.ndarray] | None:
    """The members of a cache file if its format, key and checksum are right; else None."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            members = {name: npz[name] for name in npz.files}
        header = json.loads(members.pop("header").tobytes())
        if header.get("format") != FORMAT or header.get("key") != key or header.get("checksum") != _checksum(members):
            _note("cache file %s is stale or damaged; rebuilding", path)
            return None
        return members
    except FileNotFoundError:
        return None
    except Exception as exc:  # anything unreadable is a cache miss, never an error for the user
        _note("cache file %s is unreadable (%s); rebuilding", path, exc)
        return None


def _write(path: Path, key: str, members: dict[str, np.ndarray]) -> None:
    """Write a cache file atomically (temporary file, then rename); a failure only logs."""
    header = {"format": FORMAT, "key": key, "checksum": _checksum(members)}
    if not write_atomically(path, lambda handle: np.savez(handle, header=_json_member(header), **members)):
        _note("cannot write the cache file %s; the index stays in memory", path)


def _index_members(index: Index) -> dict[str, np.ndarray]:
    """An index as plain arrays and JSON."""
    members = {}
    for prefix, space in (("words", index.words), ("chars", index.chars)):
        for name in _ARRAYS:
            members[f"{prefix}_{name}"] = getattr(space, name)
    members["meta"] = _json_member({"words_terms": index.words.terms, "chars_terms": index.chars.terms,
                                    "errors": index.errors, "catalog_words": index.catalog_words,
                                    "stems": index.stems, "english": index.english,
                                    "hosts": {name: sorted(getattr(index.hosts, name).items())
                                              for name in HOST_TABLES}})
    return members


def _fits(arrays: dict[str, np.ndarray], terms: int, rows: int) -> bool:
    """Whether a space's arrays have the types and shape of `rows` rows over `terms` columns."""
    indptr, indices = arrays["indptr"], arrays["indices"]
    return (all(arrays[name].dtype == _DTYPES[name] and arrays[name].ndim == 1 for name in _ARRAYS)
            and len(arrays["idf"]) == terms and len(indptr) == rows + 1 and indptr[0] == 0
            and indptr[-1] == len(arrays["data"]) == len(indices) and not np.any(np.diff(indptr) < 0)
            and (not len(indices) or (indices.min() >= 0 and indices.max() < terms)))


def _index_from(members: dict[str, np.ndarray], catalog: Catalog) -> Index:
    """An Index from checked members; ValueError when their shapes do not fit the catalog."""
    meta = json.loads(members["meta"].tobytes())
    spaces = {}
    rows = 2 * len(catalog.apps) + 2 * len(catalog.articles)
    for prefix, kind in (("words", WORDS), ("chars", CHARS)):
        arrays = {name: members[f"{prefix}_{name}"] for name in _ARRAYS}
        terms = meta[f"{prefix}_terms"]
        if not _fits(arrays, len(terms), rows):
            raise ValueError(f"the {prefix} space does not fit the catalog")
        spaces[prefix] = SpaceArrays(kind, terms, **arrays)
    errors = [(int(position), str(message), {str(w): float(v) for w, v in words.items()}, float(mean))
              for position, message, words, mean in meta["errors"]]
    if any(not 0 <= row[0] < len(catalog.apps) for row in errors):
        raise ValueError("an error text names an app the catalog does not have")
    stems, english = meta["stems"], meta["english"]
    if not (all(isinstance(k, str) and isinstance(v, str) for k, v in stems.items())
            and all(isinstance(k, str) and isinstance(v, bool) for k, v in english.items())):
        raise ValueError("the known stems or English words are not text")
    return Index(words=spaces["words"], chars=spaces["chars"], errors=errors,
                 hosts=_host_tables(meta["hosts"], catalog), catalog_words=[str(w) for w in meta["catalog_words"]],
                 stems=stems, english=english)


HOST_TABLES = ("home", "brands", "domain_words")


def _host_tables(tables: dict, catalog: Catalog) -> HostTables:
    """The host tables from their JSON form; ValueError when a key is not text or a position not an app's."""
    found = {}
    for name in HOST_TABLES:
        table = {}
        for key, positions in tables[name]:
            if not isinstance(key, str) or not all(type(p) is int and 0 <= p < len(catalog.apps) for p in positions):
                raise ValueError(f"the host table {name} does not fit the catalog")
            table[key] = tuple(positions)
        found[name] = table
    return HostTables(**found)


def cached_index(catalog: Catalog, tuning: Tuning, directory: Path | None, vocabulary: Vocabulary | None = None) \
        -> Index:
    """The catalog's index from the cache when it is there and sound; else built, and kept for next time."""
    vocabulary = vocabulary or load_vocabulary()
    if directory is None:
        return build_index(catalog, vocabulary)
    key = index_key(catalog, tuning, vocabulary)
    path = directory / f"index-{key[:32]}.npz"
    members = _read(path, key)
    if members is not None:
        try:
            return _index_from(members, catalog)
        except (KeyError, ValueError, TypeError) as exc:
            _note("cache file %s does not fit the catalog (%s); rebuilding", path, exc)
    index = build_index(catalog, vocabulary)
    _write(path, key, _index_members(index))
    prune(directory, "index-*.npz", KEPT)
    return index


def _words_key() -> str:
    """What the dictionary depends on: the sources read and the english-words package's files."""
    spec = find_spec("english_words")
    if spec is None or spec.origin is None:
        raise OSError("the english-words package is not installed")
    parts: list = [FORMAT, list(text.ENGLISH_SOURCES)]
    for path in sorted(Path(spec.origin).parent.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            parts.append([path.name, stat.st_size, stat.st_mtime_ns])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _english(directory: Path) -> frozenset[str]:
    """The dictionary from the cache (one text split: several times faster than the package's pickles
    and their union), else from the package, kept for next time."""
    try:
        key = _words_key()
    except OSError:
        return text.read_packaged_english()
    path = directory / f"english-{key[:32]}.npz"
    members = _read(path, key)
    if members is not None and set(members) == {"words"}:
        return frozenset(members["words"].tobytes().decode().split("\n"))
    words = text.read_packaged_english()
    _write(path, key, {"words": np.frombuffer("\n".join(sorted(words)).encode(), np.uint8)})
    return words


def cached_engine(catalog: Catalog, vocabulary=None, tuning: Tuning | None = None, directory: Path | None = None,
                  lazy: bool = False):
    """An engine over the catalog whose index (and the dictionary) come from the cache where they can."""
    from .engine import Engine
    tuning, vocabulary = tuning or Tuning(), vocabulary or load_vocabulary()
    if directory is not None:
        text.read_english_with(lambda: _english(directory))
    return Engine(catalog, vocabulary, tuning=tuning, index=cached_index(catalog, tuning, directory, vocabulary),
                  lazy=lazy)
