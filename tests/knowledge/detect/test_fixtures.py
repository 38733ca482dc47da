"""On logs and a capture made by the real mitmproxy, Squid and tcpdump: every pinned host found with its
app, the client that trusts nothing flagged as such, and no host flagged because of it."""
import pytest

from .conftest import PINNED_IN_PROXY_LOGS, UNTRUSTING_CLIENT, by_client, by_host

INPUTS = {"mitmproxy": ["mitmproxy.log"], "squid": ["squid-access.log", "squid-cache.log"],
          "pcap": ["mitmproxy.pcap.gz"]}


@pytest.mark.parametrize("inputs", INPUTS.values(), ids=INPUTS.keys())
def test_every_pinned_host_is_found_with_its_app(run_detect, inputs):
    hosts = by_host(run_detect(*inputs))
    pinned = {name: tuple(host["apps"]) for name, host in hosts.items() if host["verdict"] == "pinned"}
    assert pinned == PINNED_IN_PROXY_LOGS
    assert not [name for name, host in hosts.items() if host["verdict"] == "suspect"]


@pytest.mark.parametrize("inputs", INPUTS.values(), ids=INPUTS.keys())
def test_the_client_that_trusts_nothing_is_flagged_and_flags_no_host(run_detect, inputs):
    report = run_detect(*inputs)
    clients = by_client(report)
    assert clients[UNTRUSTING_CLIENT]["verdict"] == "ca_missing"
    assert clients[UNTRUSTING_CLIENT]["hosts_ok"] == 0
    assert [c for c, row in clients.items() if row["verdict"] == "ca_missing"] == [UNTRUSTING_CLIENT]
    hosts = by_host(report)
    # only that client went to telemetry.fabrikam.net, and every browsed host failed for it alone
    for name in ("telemetry.fabrikam.net", "www.wikipedia.org", "github.com"):
        assert hosts[name]["verdict"] == "client_ca_missing"
        assert hosts[name]["clients_ok_elsewhere"] == 0


def test_failure_kinds_show_how_each_app_refused(run_detect):
    hosts = by_host(run_detect("mitmproxy.log"))
    assert set(hosts["chat.signal.org"]["kinds"]) == {"unknown_ca"}  # pinned to the vendor's certificate
    assert set(hosts["app.snapchat.com"]["kinds"]) == {"closed_after_handshake"}  # checked after it
    assert hosts["chat.signal.org"]["clients_failing"] == 4
    assert hosts["chat.signal.org"]["clients_ok_elsewhere"] == 3
    assert hosts["chat.signal.org"]["first_seen"] <= hosts["chat.signal.org"]["last_seen"]


def test_the_capture_reads_the_alert_under_tls_12_and_13(run_detect):
    hosts = by_host(run_detect("mitmproxy.pcap.gz"))
    # 127.0.0.11 speaks TLS 1.2, .12 and .13 TLS 1.3: OpenSSL sends its alert before switching to the
    # handshake keys, so it is readable under both
    assert hosts["chat.signal.org"]["kinds"] == {"unknown_ca": 3}
    assert hosts["app.snapchat.com"]["kinds"] == {"closed_after_handshake": 2}


def test_squid_cache_log_alone_counts_failures_but_judges_no_client(run_detect):
    report = run_detect("squid-cache.log")
    assert report["sources"][0]["format"] == "squid-cache"
    assert report["hosts"] == []
    clients = by_client(report)
    assert clients[UNTRUSTING_CLIENT]["failures"] == 16
    assert {row["verdict"] for row in clients.values()} == {"inconclusive"}


def test_unlisted_hosts_are_grouped_by_registered_domain_with_a_draft(run_detect):
    report = run_detect("mitmproxy.log")
    [group] = report["unlisted"]
    assert group["domain"] == "tallybank.co.uk" and group["verdict"] == "pinned"
    assert group["draft"]["domains"] == [".tallybank.co.uk"]
    assert {app["id"]: app["hosts"] for app in report["apps"]} == {
        "signal": ["chat.signal.org", "storage.signal.org"], "snapchat": ["app.snapchat.com"]}
    assert report["apps"][0]["recommendation"]["action"] == "url_category"


def test_min_clients_raises_the_bar_for_pinned(run_detect):
    hosts = by_host(run_detect("mitmproxy.log", min_clients=3))
    assert hosts["chat.signal.org"]["verdict"] == "pinned"  # three healthy clients fail it
    assert hosts["api.tallybank.co.uk"]["verdict"] == "suspect"  # two


def test_since_leaves_out_older_records(run_detect):
    everything = run_detect("squid-access.log")
    later = run_detect("squid-access.log", since=9_999_999_999)
    assert everything["hosts"] and later["hosts"] == []
    assert later["sources"][0]["skipped"]["before --since"] == everything["sources"][0]["records"]
