"""Answers in the admin's own proxy's words: each profile's steps, its export inline, and its sources."""
import json
import re

import pytest

from pindesk.knowledge.advice import advice_for, advise
from pindesk.knowledge.proxies import load_profiles

from .proxy_expectations import APPS, EXPECTED

PROFILES = tuple(EXPECTED)


def test_every_profile_is_tested():
    assert set(load_profiles().by_id) == set(PROFILES)


@pytest.mark.parametrize("proxy", PROFILES)
@pytest.mark.parametrize("app_id", APPS)
def test_wording_per_profile(catalog, proxy, app_id):
    advice = advice_for(catalog.app(app_id), proxy, catalog)
    text = " ".join([advice.summary] + [step.text for step in advice.steps])
    assert EXPECTED[proxy][app_id] in text
    assert "Zscaler" not in text or proxy == "zscaler"  # no other vendor's words
    assert "{" not in text.replace("{16}", "")  # every placeholder filled


@pytest.mark.parametrize("proxy", PROFILES)
def test_the_export_for_an_app_with_hosts_is_inline(catalog, proxy):
    advice = advice_for(catalog.app("signal"), proxy, catalog)
    assert advice.export is not None
    assert EXPECTED[proxy]["export"] in advice.export.content
    assert advice.export.format == load_profiles().get(proxy).export


@pytest.mark.parametrize("proxy", PROFILES)
@pytest.mark.parametrize("app_id", ["netflix", "microsoft-365"])
def test_no_export_for_an_app_without_hosts(catalog, proxy, app_id):
    assert advice_for(catalog.app(app_id), proxy, catalog).export is None


@pytest.mark.parametrize("proxy", PROFILES)
def test_links_go_to_the_vendors_pages(catalog, proxy):
    advice = advice_for(catalog.app("signal"), proxy, catalog)
    assert any(EXPECTED[proxy]["site"] in link for link in advice.links)
    assert all(link.startswith(("https://", "http://")) for link in advice.links)


def test_built_in_handling_is_named_where_the_vendor_documents_it(catalog):
    built_in = {proxy: " ".join(s.text for s in advice_for(catalog.app("netflix"), proxy, catalog).built_in)
                for proxy in PROFILES}
    assert "predefined SSL decryption exclusions" in built_in["panos"] and "not disabled" in built_in["panos"]
    assert "Certificate Pinned Applications" in built_in["netskope"]
    assert "certificate-pinned applications" in built_in["checkpoint"]
    assert "application type Do Not Inspect" in built_in["cloudflare"] and "app.type.ids[*] in {16}" in built_in[
        "cloudflare"]
    assert "Zscaler-Recommended Exemptions" in built_in["zscaler"]
    assert "Finance and Banking" in built_in["fortinet"]
    assert built_in["squid"] == built_in["mitmproxy"] == ""


def test_zscaler_maps_goto_to_ucaas_one_click(catalog):
    advice = advice_for(catalog.app("goto"), "zscaler", catalog)
    assert "UCaaS One Click" in advice.summary


def test_google_drive_switch_is_the_same_on_every_proxy_and_falls_back_to_hosts(catalog):
    for proxy in PROFILES:
        advice = advice_for(catalog.app("google-shared-services"), proxy, catalog)
        assert "--unsafe_network" in advice.steps[0].text
        assert advice.export is not None and "accounts" in advice.export.content


@pytest.mark.parametrize("proxy", PROFILES)
def test_every_remedy_in_the_catalog_maps_on_every_profile(catalog, proxy):
    for app in catalog.apps:
        advice = advice_for(app, proxy, catalog)
        assert advice.summary and advice.proxy == proxy


def test_squid_lines_in_the_advice_parse(catalog, squid_parse):
    content = advice_for(catalog.app("signal"), "squid", catalog).export.content
    status, output = squid_parse(content)
    assert status == 0, output
    assert not re.search(r"WARNING|ERROR|FATAL", output), output


def test_advice_joins_the_answer_only_when_a_proxy_is_chosen(engine, catalog):
    answer = engine.ask("signal messages stuck on the clock icon")
    assert advise(answer, None, catalog).to_dict() == answer.to_dict()
    assert "advice" not in answer.to_dict()
    advised = advise(answer, "panos", catalog).to_dict()
    assert [a["app"] for a in advised["advice"]] == ["signal"]
    assert {k: v for k, v in advised.items() if k != "advice"} == answer.to_dict()
    json.dumps(advised)


def test_an_ambiguous_answer_advises_every_candidate(engine, catalog):
    answer = engine.ask("login.live.com")
    assert answer.ambiguous
    advised = advise(answer, "squid", catalog)
    assert [a.app_id for a in advised.advice] == [m.id for m in answer.candidates]
