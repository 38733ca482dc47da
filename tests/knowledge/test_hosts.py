"""Hosts: listed by an app, under an app's own registered domain, or only imitating one."""
import pytest

from pindesk.knowledge.domains import hosts_in_text, is_registered_domain, registered_domain


@pytest.mark.parametrize("host, registered", [
    ("api.twitter.com", "twitter.com"), ("paypal.com.secure-login.top", "secure-login.top"),
    ("evernote-com.support", "evernote-com.support"), ("a.b.example.co.uk", "example.co.uk"),
])
def test_registered_domain_comes_from_the_public_suffix_list(host, registered):
    assert registered_domain(host) == registered


def test_home_domains_are_registered_domains():
    assert is_registered_domain("twitter.com") and is_registered_domain("googleapis.com")
    assert not is_registered_domain("api.twitter.com") and not is_registered_domain("co.uk")


def test_hosts_under_any_top_level_domain_are_read_but_not_file_names():
    assert hosts_in_text("netflix-billing.help and spotify-premium-family.gift") == [
        "netflix-billing.help", "spotify-premium-family.gift"]
    assert hosts_in_text("open report.zip and setup.exe") == []


@pytest.mark.parametrize("query, app", [
    ("Proxy shows failed handshakes to api.twitter.com from the iPhones", "x-twitter"),
    ("handshake failures for something.netflix.com on the guest wifi", "netflix"),
])
def test_a_host_under_an_apps_own_domain_answers_that_app(engine, query, app):
    answer = engine.ask(query)
    assert answer.answered and answer.matches[0].id == app
    assert answer.hosts[0].home_of and not answer.hosts[0].app_ids


@pytest.mark.parametrize("query, imitated", [
    ("paypal.com.secure-login.top fails with a cert error, can we exempt it?", "paypal"),
    ("Can you whitelist evernote-com.support? Evernote support sent him there", "evernote"),
    ("lnstagram-copyright-appeal.com won't open, the user says Instagram sent it", "instagram"),
    ("signal.org.verify-device.app in the proxy log, is that part of Signal?", "signal"),
])
def test_a_host_that_only_imitates_an_app_is_never_evidence_for_it(engine, query, imitated):
    answer = engine.ask(query)
    assert answer.outcome == "abstained"
    report = next(h for h in answer.hosts if h.imitates)
    assert report.imitates == (imitated,) and not report.app_ids
    assert f"is not {engine.catalog.app(imitated).display_name}'s" in answer.message
    assert report.registered_domain in answer.message and "do not exempt it" in answer.message


def test_a_host_the_lists_name_stays_the_strongest_evidence(engine):
    answer = engine.ask("CONNECT chat.signal.org:443 failed")
    assert answer.answered and answer.matches[0].id == "signal"
    assert answer.to_dict()["hosts"][0] == {"host": "chat.signal.org", "apps": ["signal"],
                                           "registered_domain": "signal.org", "home_of": ["signal"],
                                           "imitates": []}
