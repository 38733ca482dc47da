"""Reading YAML: libyaml's C loader where PyYAML has it, and parsed documents kept as JSON in the cache.

The catalog, its articles and the vocabulary are parsed on every command; a document already parsed
is read back from `<cache>/yaml-<SHA-256 of its text>.json`, so a warm command does not import PyYAML
at all (`kept` does the same for other parsed files: the Public Suffix List's rules). Only what JSON
gives back exactly (text, numbers, lists, mappings with text keys) is kept; everything after parsing
(validation, building the catalog) runs as it always does. A cache file has a header (format, key,
checksum) and is ignored when any of them is wrong.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

FORMAT = 1  # raise when what the files hold, or how, changes
KEPT = 64  # parsed documents kept (each edit of the catalog leaves one)
_FOLDER: list[Path] = []  # where parsed documents are kept; none until a command names one


class YAMLSyntaxError(ValueError):
    """Text that is not valid YAML; `problem` and `problem_mark` as PyYAML gives them."""

    def __init__(self, original: Exception):
        super().__init__(str(original))
        self.problem = getattr(original, "problem", None)
        self.problem_mark = getattr(original, "problem_mark", None)


def keep_parsed_in(folder: Path | None) -> None:
    """Keep parsed documents in this folder (None: parse every time)."""
    _FOLDER[:] = [folder] if folder is not None else []


def safe_load(source: bytes | str):
    """yaml.safe_load through the C loader, or the parsed document from the cache; YAMLSyntaxError if invalid."""
    return kept(source.encode("utf-8") if isinstance(source, str) else source, _parse_yaml, "yaml")


def _parse_yaml(text: bytes):
    """The document through libyaml's C loader where PyYAML has it; YAMLSyntaxError if invalid."""
    import yaml
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise YAMLSyntaxError(exc) from None


def kept(text: bytes, parse, name: str):
    """parse(text), read back from `<cache>/<name>-<SHA-256 of the text>.json` when it was kept before.

    What JSON would not give back exactly (dates, sets, tuples) is parsed every time."""
    key = hashlib.sha256(text).hexdigest()
    path = _FOLDER[0] / f"{name}-{key[:32]}.json" if _FOLDER else None
    if path is not None:
        found = read_checked(path, key)
        if found is not None:
            return json.loads(found)
    data = parse(text)
    if path is not None:
        try:
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            encoded = body.encode()
        except (TypeError, ValueError):
            return data
        if json.loads(body) == data:
            write_atomically(path, lambda handle: handle.write(_checked(key, encoded)))
            prune(path.parent, f"{name}-*.json", KEPT)
    return data


def _checked(key: str, body: bytes) -> bytes:
    """A header line (format, key, SHA-256 of the body), then the body."""
    header = {"format": FORMAT, "key": key, "checksum": hashlib.sha256(body).hexdigest()}
    return json.dumps(header).encode() + b"\n" + body


def read_checked(path: Path, key: str) -> bytes | None:
    """The body of a file written by _checked when its format, key and checksum are right; else None."""
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        expected = {"format": FORMAT, "key": key, "checksum": hashlib.sha256(body).hexdigest()}
        return body if json.loads(header) == expected else None
    except (OSError, ValueError):
        return None


def write_atomically(path: Path, write) -> bool:
    """Write a file through a temporary one renamed into place; False (and nothing left) when it fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp",
                                         delete=False) as handle:
            try:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            except BaseException:
                os.unlink(handle.name)
                raise
        os.replace(handle.name, path)
        return True
    except OSError:
        return False


def prune(folder: Path, pattern: str, kept: int) -> None:
    """Remove all but the `kept` most recent files matching the pattern."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[kept:]:
            old.unlink()
    except OSError:
        pass
