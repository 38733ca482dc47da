"""Bypass exports: merged entries without repeats, and each format as its consumer reads it."""
import csv
import io
import json
import re

import jsonschema
import pytest

from pindesk.knowledge.errors import ExportError
from pindesk.knowledge.export import export, merge_entries, plan_bypass

HOST = r"^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$"
ZIA_BODY = {  # the fields of POST /api/v1/urlCategories that a custom category uses
    "type": "object",
    "required": ["configuredName", "superCategory", "urls", "description"],
    "additionalProperties": False,
    "properties": {
        "configuredName": {"type": "string", "minLength": 1},
        "customCategory": {"const": True},
        "superCategory": {"const": "USER_DEFINED"},
        "urls": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": HOST}},
        "description": {"type": "string", "minLength": 1},
    },
}
GATEWAY_RULE = {  # a Cloudflare Gateway rule as POST /accounts/{id}/gateway/rules takes it
    "type": "object",
    "required": ["name", "action", "enabled", "filters", "traffic"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "action": {"const": "off"},
        "enabled": {"const": True},
        "filters": {"const": ["http"]},
        "traffic": {"type": "string", "minLength": 1},
    },
}


def exportable(catalog):
    """Every app with at least one required or note domain."""
    return [app for app in catalog.apps if app.domains + app.note_domains]


def test_zia_body_for_imessage_and_signal(catalog):
    body = json.loads(export(catalog, ["Apple iMessage", "Signal"], "zia").text)
    jsonschema.validate(body, ZIA_BODY)
    assert body["urls"] == ["p24-keyvalueservice.icloud.com", ".whispersystems.org", ".signal.org"]
    assert "Apple iMessage" in body["description"] and "Signal" in body["description"]


def test_zia_steps_left_are_notes_not_json(catalog):
    notes = " ".join(export(catalog, ["signal"], "zia", name="Pinned apps").notes)
    assert "'Pinned apps'" in notes and "Do Not Inspect" in notes and "activate" in notes


def test_a_wildcard_covers_its_hosts_and_its_repeats():
    pairs = [("A", "chat.signal.org"), ("B", ".signal.org"), ("C", ".signal.org"), ("D", "signal.org"),
             ("E", ".a.signal.org"), ("F", "notsignal.org")]
    entries = merge_entries(pairs)
    assert [entry.pattern for entry in entries] == [".signal.org", "notsignal.org"]
    assert entries[0].apps == ("B", "A", "C", "D", "E")


def test_note_domains_are_exported_and_optional_ones_only_on_request(catalog):
    assert ".oaspapps.com" in export(catalog, ["People Graph"], "txt").text.splitlines()
    plain = export(catalog, ["google-hangouts"], "txt").text
    assert ".appspot.com" not in plain.splitlines() and "# Google Hangouts: optional" in plain
    assert ".appspot.com" in export(catalog, ["google-hangouts"], "txt", include_optional=True).text.splitlines()


def test_an_app_without_domains_is_a_comment_not_an_empty_list(catalog):
    text = export(catalog, ["Netflix", "Signal"], "txt").text
    comment = next(line for line in text.splitlines() if line.startswith("# Netflix"))
    assert "'Netflix'" in comment and "unlisted-apps" in comment
    assert [line for line in text.splitlines() if not line.startswith("#")] == [".whispersystems.org", ".signal.org"]


def test_no_exportable_app_is_an_error(catalog):
    with pytest.raises(ExportError, match="Netflix, Dropbox.*unlisted-apps"):
        export(catalog, ["Netflix", "Dropbox"], "zia")


@pytest.mark.parametrize("name", ["", "two\nlines", 'say "hi"', "x" * 129])
def test_a_bad_category_name_is_an_error(catalog, name):
    with pytest.raises(ExportError, match="--name"):
        export(catalog, ["signal"], "zia", name=name)


def test_panos_gives_bare_and_one_label_wildcard_for_a_domain(catalog):
    lines = export(catalog, ["Apple iMessage", "Signal"], "panos").text.splitlines()
    commands = [line for line in lines if not line.startswith("#")]
    assert all(re.fullmatch(r'set shared ssl-decrypt ssl-exclude-cert "[a-z0-9*.-]+" description "[^"]+" '
                            r"exclude yes", line) for line in commands)
    names = [line.split('"')[1] for line in commands]
    assert names == ["p24-keyvalueservice.icloud.com", "whispersystems.org", "*.whispersystems.org",
                     "signal.org", "*.signal.org"]


def test_squid_parses_the_fragment_for_every_app_at_once(catalog, squid_parse):
    fragment = export(catalog, [app.id for app in catalog.apps], "squid", include_optional=True).text
    status, output = squid_parse(fragment)
    assert status == 0, output
    assert not re.search(r"WARNING|ERROR|FATAL", output), output
    assert "ssl_bump splice pindesk_nobump" in fragment and fragment.endswith("ssl_bump bump all")


def test_squid_would_have_complained_about_an_overlap(squid_parse):
    status, output = squid_parse("acl x ssl::server_name .signal.org\nacl x ssl::server_name chat.signal.org")
    assert "subdomain" in output


def test_mitmproxy_pattern_matches_host_and_port_exactly(catalog):
    result = export(catalog, ["Apple iMessage", "Signal"], "mitmproxy")
    pattern = re.compile(result.text)
    for host in ["chat.signal.org:443", "signal.org:443", "a.b.whispersystems.org:8443",
                 "p24-keyvalueservice.icloud.com:443"]:
        assert pattern.search(host), host
    for host in ["signal.org.evil.com:443", "notsignal.org:443", "x.p24-keyvalueservice.icloud.com:443",
                 "p24-keyvalueservicexicloud.com:443", "evil.com:443/signal.org:443"]:
        assert not pattern.search(host), host
    assert "\n" not in result.text and any("--ignore-hosts" in note for note in result.notes)


def test_cloudflare_rule_uses_domain_and_host_selectors(catalog):
    rule = json.loads(export(catalog, ["Apple iMessage", "Signal"], "cloudflare").text)
    jsonschema.validate(rule, GATEWAY_RULE)
    assert rule["traffic"] == ('any(http.conn.domains[*] in {"whispersystems.org" "signal.org"}) '
                               'or http.conn.hostname in {"p24-keyvalueservice.icloud.com"}')


def test_csv_has_one_row_per_entry(catalog):
    rows = list(csv.DictReader(io.StringIO(export(catalog, ["Apple iMessage", "Signal"], "csv").text)))
    assert [(row["app"], row["entry"], row["kind"]) for row in rows] == [
        ("Apple iMessage", "p24-keyvalueservice.icloud.com", "exact_host"),
        ("Signal", ".whispersystems.org", "domain_and_subdomains"),
        ("Signal", ".signal.org", "domain_and_subdomains")]


def test_every_app_round_trips_from_catalog_to_export(catalog):
    for app in catalog.apps:
        wanted = app.domains + app.note_domains
        if not wanted:
            with pytest.raises(ExportError):
                plan_bypass(catalog, [app.id])
            continue
        entries = plan_bypass(catalog, [app.id]).entries
        assert {entry.pattern for entry in entries} <= set(wanted), app.id
        for domain in wanted:
            assert any(entry.covers(domain) for entry in entries), (app.id, domain)
        exported = [line for line in export(catalog, [app.id], "txt").text.splitlines() if not line.startswith("#")]
        assert exported == [entry.pattern for entry in entries]


def test_every_format_renders_every_exportable_app(catalog):
    ids = [app.id for app in exportable(catalog)]
    for fmt in ["zia", "panos", "squid", "mitmproxy", "cloudflare", "txt", "csv"]:
        assert export(catalog, ids, fmt, include_optional=True).text
    jsonschema.validate(json.loads(export(catalog, ids, "zia").text), ZIA_BODY)
    jsonschema.validate(json.loads(export(catalog, ids, "cloudflare").text), GATEWAY_RULE)


def test_fortios_exempts_each_entry_in_the_inspection_profile(catalog):
    result = export(catalog, ["Signal", "Apple iMessage"], "fortios")
    lines = result.text.splitlines()
    assert lines[0] == "config firewall address" and lines[-1] == "end"
    fqdns = re.findall(r'set fqdn "([^"]+)"', result.text)
    assert fqdns == ["whispersystems.org", "*.whispersystems.org", "signal.org", "*.signal.org",
                     "p24-keyvalueservice.icloud.com"]
    names = re.findall(r'edit "(pindesk-[^"]+)"', result.text)
    assert re.findall(r'set address "([^"]+)"', result.text) == names
    assert 'edit "custom-deep-inspection"' in result.text and "config ssl-exempt" in result.text
    assert result.text.count("config ") == result.text.count("\nend") + result.text.count("        end")
    assert any("Full SSL Inspection" in note for note in result.notes)
