"""YAML is parsed once: the document is kept as JSON in the cache folder and read back, never trusted blindly."""
import datetime

import pytest

from pindesk.knowledge import yamlfile
from pindesk.knowledge.catalog import DEFAULT_CATALOG, load_catalog

TEXT = b"apps:\n  - id: x\n    names: [a, b]\n    n: 3\n"


@pytest.fixture
def kept(tmp_path):
    """Parsed documents kept in a folder of their own for this test."""
    yamlfile.keep_parsed_in(tmp_path)
    yield tmp_path
    yamlfile.keep_parsed_in(None)


def test_a_document_is_kept_and_read_back_the_same(kept):
    first = yamlfile.safe_load(TEXT)
    (path,) = kept.glob("yaml-*.json")
    assert yamlfile.safe_load(TEXT) == first == {"apps": [{"id": "x", "names": ["a", "b"], "n": 3}]}
    assert yamlfile.read_checked(path, "another key") is None


def test_a_damaged_copy_is_parsed_again(kept):
    yamlfile.safe_load(TEXT)
    (path,) = kept.glob("yaml-*.json")
    path.write_bytes(path.read_bytes().replace(b'"x"', b'"y"'))  # the checksum no longer fits
    assert yamlfile.safe_load(TEXT)["apps"][0]["id"] == "x"


def test_what_json_cannot_hold_is_parsed_every_time(kept):
    assert yamlfile.safe_load(b"when: 2024-01-02\n") == {"when": datetime.date(2024, 1, 2)}
    assert not list(kept.glob("yaml-*.json"))


def test_invalid_yaml_names_the_line(kept):
    with pytest.raises(yamlfile.YAMLSyntaxError) as error:
        yamlfile.safe_load(b"apps:\n  - id: [unclosed\n")
    assert error.value.problem_mark.line >= 1


def test_the_catalog_read_back_is_the_catalog_parsed(kept):
    parsed = load_catalog()
    again = load_catalog()
    assert again.apps == parsed.apps and again.articles == parsed.articles and again.version == parsed.version
    assert len(list(kept.glob("yaml-*.json"))) >= 1 + len(parsed.articles)
    assert DEFAULT_CATALOG.exists()
