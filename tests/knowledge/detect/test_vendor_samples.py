"""PAN-OS, Zscaler NSS and Zeek, on samples written from the vendors' field references (none of them runs here)."""
import pytest

from .conftest import PINNED_IN_VENDOR_SAMPLES, UNTRUSTING_VENDOR_CLIENT, by_client, by_host

SAMPLES = {"panos": "panos-decryption.csv", "zscaler": "zscaler-nss-web.log", "zeek": "zeek-ssl.log",
           "zeek-json": "zeek-ssl.json"}


@pytest.mark.parametrize("name", SAMPLES.values(), ids=SAMPLES.keys())
def test_pinned_hosts_and_the_untrusting_client(run_detect, name):
    report = run_detect(name)
    hosts = by_host(report)
    pinned = {host: tuple(row["apps"]) for host, row in hosts.items() if row["verdict"] == "pinned"}
    assert pinned == PINNED_IN_VENDOR_SAMPLES
    assert by_client(report)[UNTRUSTING_VENDOR_CLIENT]["verdict"] == "ca_missing"
    assert hosts["updates.contoso-tools.net"]["verdict"] == "client_ca_missing"


@pytest.mark.parametrize("name, expected", [
    ("panos-decryption.csv", "panos"), ("zscaler-nss-web.log", "zscaler"), ("zeek-ssl.log", "zeek"),
    ("zeek-ssl.json", "zeek")])
def test_each_format_is_recognised_by_itself(run_detect, name, expected):
    assert run_detect(name)["sources"][0]["format"] == expected


def test_the_alert_names_of_each_vendor_map_to_the_same_kinds(run_detect):
    for name in ("panos-decryption.csv", "zeek-ssl.log", "zscaler-nss-web.log"):
        hosts = by_host(run_detect(name))
        assert set(hosts["mobile.southwest.com"]["kinds"]) == {"certificate_unknown"}, name
        assert set(hosts["p24-keyvalueservice.icloud.com"]["kinds"]) == {"unknown_ca"}, name


def test_zeek_cannot_name_a_tls13_alert(run_detect):
    assert by_host(run_detect("zeek-ssl.log"))["api.fitband.io"]["kinds"] == {"other": 2}


def test_a_panos_error_from_the_server_says_nothing_about_the_client(run_detect):
    # the sample's fourth row is a HandshakeFailure from the server for www.office.com
    office = by_host(run_detect("panos-decryption.csv"))["www.office.com"]
    assert office["clients_failing"] == 1 and office["verdict"] == "client_ca_missing"


def test_zscaler_counts_each_failure_the_feed_reports(run_detect):
    assert by_host(run_detect("zscaler-nss-web.log"))["mobile.southwest.com"]["failures"] == 6


def test_a_host_two_apps_cover_is_grouped_under_the_closer_rule(run_detect):
    apps = {app["id"]: app["hosts"] for app in run_detect("zeek-ssl.log")["apps"]}
    assert apps == {"apple-imessage": ["p24-keyvalueservice.icloud.com"], "southwest": ["mobile.southwest.com"]}


SQUID_7_CACHE_LOG = """\
2026/11/27 10:00:00 kid1| ERROR: Cannot accept a TLS connection
    problem: failure while accepting a TLS connection
    error detail: SQUID_TLS_ERR_ACCEPT+TLS_LIB_ERR=A000418+TLS_IO_ERR=1
    connection: conn23 local=10.0.0.1:3128 remote=10.1.0.11:54432 FD 12 flags=1
    current master transaction: master54
2026/11/27 10:00:01 kid1| ERROR: Cannot accept a TLS connection
2026/11/27 10:00:01 kid1| error detail: SQUID_TLS_ERR_ACCEPT+TLS_LIB_ERR=A000416+TLS_IO_ERR=1
    connection: conn24 local=10.0.0.1:3128 remote=[2001:db8::7]:54433 FD 13 flags=1
2026/11/27 10:00:02 kid1| Starting new helpers
"""


def test_squid_7_cache_log_gives_the_client_and_the_alert():
    from pindesk.knowledge.detect.proxies import read_squid_cache
    from pindesk.knowledge.detect.tally import Tallies
    tallies = Tallies()
    read_squid_cache(SQUID_7_CACHE_LOG.splitlines(), tallies)
    assert {client: tally.kinds for client, tally in tallies.unattributed.items()} == {
        "10.1.0.11": {"unknown_ca": 1}, "2001:db8::7": {"certificate_unknown": 1}}
