"""The draft catalog entries load as catalog records, and the bypass change passes `pindesk export`'s checks."""
import json
import re

import pytest
import yaml

from pindesk.knowledge.catalog import DEFAULT_CATALOG, load_catalog
from pindesk.knowledge.detect import detect
from pindesk.knowledge.detect.drafts import bypass, draft_entry, registered_domain
from pindesk.knowledge.proxy_formats import FORMATS

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def report(catalog):
    """The report on the mitmproxy fixture."""
    return detect([str(FIXTURES / "mitmproxy.log")], catalog)


def test_a_draft_added_to_the_catalog_loads_and_covers_the_hosts(report, tmp_path):
    [group] = report.unlisted
    data = yaml.safe_load(DEFAULT_CATALOG.read_text())
    data["apps"].append(group.draft)
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    extended = load_catalog(path)
    for host in group.hosts:
        assert [m.rule.app_id for m in extended.domain_index.lookup(host)] == [group.draft["id"]]


@pytest.mark.parametrize("host, domain", [("api.tallybank.co.uk", "tallybank.co.uk"),
                                          ("chat.signal.org", "signal.org"),
                                          ("a.b.c.example.com", "example.com"),
                                          ("d111.cloudfront.net", "d111.cloudfront.net")])
def test_registered_domains_follow_the_public_suffix_list(host, domain):
    assert registered_domain(host) == domain


def test_a_single_host_stays_exact_and_ids_never_clash():
    draft = draft_entry("fitband.io", ["api.fitband.io"], {"fitband-io"})
    assert draft["domains"] == ["api.fitband.io"] and draft["id"] == "fitband-io-2"


def test_squid_parses_the_bypass_change(report, catalog, squid_parse):
    change = bypass(report, catalog, "squid")
    status, output = squid_parse(change.text)
    assert status == 0, output
    assert "acl pindesk_nobump ssl::server_name .tallybank.co.uk" in change.text
    assert "acl pindesk_nobump ssl::server_name app.snapchat.com" in change.text


def test_the_mitmproxy_pattern_matches_the_pinned_hosts_and_no_others(report, catalog):
    pattern = re.compile(bypass(report, catalog, "mitmproxy").text)
    for host in ("chat.signal.org:443", "api.tallybank.co.uk:443", "app.snapchat.com:443"):
        assert pattern.match(host), host
    for host in ("github.com:443", "telemetry.fabrikam.net:443", "evil-tallybank.co.uk:443"):
        assert not pattern.match(host), host


def test_the_zia_body_is_json_with_the_drafts_named_for_review(report, catalog):
    change = bypass(report, catalog, "zia")
    body = json.loads(change.text)
    assert body["urls"] == [".whispersystems.org", ".signal.org", "app.snapchat.com", ".tallybank.co.uk"]
    assert any("draft" in note and ".tallybank.co.uk" in note for note in change.notes)


def test_every_format_renders_and_suspects_join_only_on_request(catalog):
    strict = detect([str(FIXTURES / "mitmproxy.log")], catalog, min_clients=3)
    for fmt in FORMATS:
        assert "tallybank" not in bypass(strict, catalog, fmt).text
        assert "tallybank" in bypass(strict, catalog, fmt, include_suspect=True).text


def test_nothing_to_exempt_is_none(catalog):
    only_untrusting = detect([str(FIXTURES / "squid-cache.log")], catalog)
    assert bypass(only_untrusting, catalog, "txt") is None
