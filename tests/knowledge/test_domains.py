"""Domain semantics: a leading dot covers the domain and its subdomains, otherwise one host."""
from pindesk.knowledge.domains import hosts_in_text, is_valid_rule, normalise_host


def apps_for(catalog, host):
    return [m.rule.app_id for m in catalog.domain_index.lookup(host)]


def test_leading_dot_covers_subdomains_and_the_domain_itself(catalog):
    assert apps_for(catalog, "chat.signal.org") == ["signal"]
    assert apps_for(catalog, "signal.org") == ["signal"]
    assert apps_for(catalog, "notsignal.org") == []
    assert apps_for(catalog, "signal.org.evil.com") == []


def test_exact_host_covers_only_itself(catalog):
    assert apps_for(catalog, "app.snapchat.com") == ["snapchat"]
    assert apps_for(catalog, "www.app.snapchat.com") == []
    assert apps_for(catalog, "snapchat.com") == []


def test_a_host_in_two_lists_gives_both_most_specific_first(catalog):
    assert apps_for(catalog, "login.live.com") == ["xbox-live", "windows-store"]


def test_hosts_with_a_tld_inside_are_one_host(catalog):
    assert apps_for(catalog, "eus-streaming-video-msn.com.akamaized.net") == ["windows-store"]
    assert apps_for(catalog, "other.akamaized.net") == []


def test_url_and_port_forms(catalog):
    assert normalise_host("https://www.evernote.com/Login.action") == "www.evernote.com"
    assert normalise_host("android.clients.google.com:443") == "android.clients.google.com"
    assert normalise_host("not a host") == ""


def test_hosts_found_in_free_text():
    assert hosts_in_text("connect android.clients.google.com:443 failed") == ["android.clients.google.com"]
    assert hosts_in_text("see https://www.evernote.com/login.action now") == ["www.evernote.com"]
    assert hosts_in_text("tls alert sni=chat.signal.org, then rst") == ["chat.signal.org"]
    assert hosts_in_text("run googledrivesync.exe --unsafe_network") == []
    assert hosts_in_text("version 2.3.1 of the app, e.g. on ios") == []


def test_rule_syntax():
    assert is_valid_rule(".signal.org") and is_valid_rule("p24-keyvalueservice.icloud.com")
    assert not is_valid_rule("signal") and not is_valid_rule("-bad-.com") and not is_valid_rule("*.x.com")


def test_example_names_are_no_hosts_a_network_contacts():
    from pindesk.knowledge.domains import hosts_in_text
    assert hosts_in_text("does .example.com cover sub.example.com, or *.example.org, or api.test?") == []
    assert hosts_in_text("CONNECT api.example-unlisted.com:443 and chat.signal.org") == [
        "api.example-unlisted.com", "chat.signal.org"]


def test_a_question_about_exempting_with_example_names_goes_to_the_articles(engine):
    answer = engine.ask("if I put .example.com in a custom URL category, are its subdomains covered?")
    assert answer.answered and answer.matches[0].article is not None


def test_an_e_mail_address_is_no_host_but_a_url_s_user_info_is_skipped():
    assert hosts_in_text("from: anna berg <a.berg@fabrikam-supplies.de>, cc it-desk@contoso.co.uk") == []
    assert hosts_in_text("ftp://anna:secret@files.evernote.com/export") == ["files.evernote.com"]


def test_a_ticket_signed_with_an_e_mail_address_is_answered(engine):
    """A sender's address in a forwarded ticket is not a host the app contacts that no list covers."""
    answer = engine.ask("Fwd from Anna Berg <a.berg@fabrikam-supplies.de>: Spotify on my work laptop keeps "
                        "saying it is offline while I am in the office")
    assert answer.answered and answer.matches[0].id == "spotify" and not answer.hosts
