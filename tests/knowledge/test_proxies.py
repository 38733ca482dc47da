"""The proxy profiles file: validated on load, with errors naming file, record and field."""
import pytest
import yaml

from pindesk.knowledge.errors import CatalogError, PindeskError
from pindesk.knowledge.proxies import DEFAULT_PROXIES, load_profiles
from pindesk.knowledge.settings import PROXY


@pytest.fixture
def data():
    """The shipped profiles, to break one field at a time."""
    return yaml.safe_load(DEFAULT_PROXIES.read_text())


def load_error(tmp_path, data) -> str:
    path = tmp_path / "proxies.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError) as info:
        load_profiles(path)
    assert "\n" not in str(info.value)
    return str(info.value)


def test_the_shipped_profiles_load():
    profiles = load_profiles()
    assert list(profiles.by_id) == ["zscaler", "panos", "netskope", "squid", "mitmproxy", "cloudflare",
                                    "fortinet", "checkpoint"]


def test_unknown_export_format(tmp_path, data):
    data["proxies"][1]["export"] = "pan-os"
    message = load_error(tmp_path, data)
    assert "proxies.yaml" in message and "proxies[1] (id 'panos')" in message and "'export'" in message


def test_unknown_placeholder(tmp_path, data):
    data["proxies"][0]["domains"]["summary"] = "Exempt {application}"
    message = load_error(tmp_path, data)
    assert "proxies[0] (id 'zscaler')" in message and "'domains'" in message and "{application}" in message


def test_step_link_must_be_a_web_address(tmp_path, data):
    data["proxies"][3]["domains"]["steps"][0]["link"] = "wiki.squid-cache.org"
    message = load_error(tmp_path, data)
    assert "(id 'squid')" in message and "steps[0]" in message and "'link'" in message


def test_unknown_field(tmp_path, data):
    data["proxies"][2]["colour"] = "blue"
    assert "unknown field 'colour'" in load_error(tmp_path, data)


def test_missing_summary(tmp_path, data):
    del data["proxies"][4]["cloud_app"]["summary"]
    message = load_error(tmp_path, data)
    assert "(id 'mitmproxy')" in message and "'cloud_app'" in message and "missing field 'summary'" in message


def test_duplicate_id(tmp_path, data):
    data["proxies"][2]["id"] = "zscaler"
    assert "duplicate id" in load_error(tmp_path, data)


def test_the_setting_takes_a_profile_or_nothing():
    assert PROXY.value({}) is None
    assert PROXY.value({"PINDESK_PROXY": " PANOS "}) == "panos"
    with pytest.raises(PindeskError) as info:
        PROXY.value({"PINDESK_PROXY": "bluecoat"})
    assert "PINDESK_PROXY" in str(info.value) and "checkpoint" in str(info.value)
