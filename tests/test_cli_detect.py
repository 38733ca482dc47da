"""`pindesk detect` as a network admin runs it."""
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "knowledge" / "detect" / "fixtures"


def test_json_names_hosts_apps_verdicts_and_clients(run_cli):
    result = run_cli("detect", "--json", str(FIXTURES / "mitmproxy.log"))
    assert result.status == 0, result.stderr
    report = json.loads(result.stdout)
    host = next(h for h in report["hosts"] if h["host"] == "chat.signal.org")
    assert {"host", "apps", "verdict", "clients_failing", "clients_ok_elsewhere", "kinds", "first_seen",
            "last_seen"} <= set(host)
    assert host["apps"] == ["signal"] and host["verdict"] == "pinned"
    client = next(c for c in report["clients"] if c["client"] == "127.0.0.20")
    assert client == {"client": "127.0.0.20", "verdict": "ca_missing", "hosts_ok": 0, "hosts_failed": 8,
                      "failures": 22}
    assert report["bypass"]["format"] == "txt" and ".signal.org" in report["bypass"]["content"]


def test_the_report_reads_top_down_and_ends_with_the_change(run_cli):
    result = run_cli("detect", "--format", "panos", str(FIXTURES / "squid-access.log"),
                     str(FIXTURES / "squid-cache.log"))
    assert result.status == 0, result.stderr
    out = result.stdout
    assert out.index("Signal [signal] - pinned") < out.index("tallybank.co.uk - pinned") \
        < out.index("Hosts with failed handshakes") < out.index("127.0.0.20: completed 0 of 8 hosts") \
        < out.index("Bypass change (panos):")
    assert out.rstrip().endswith('exclude yes')
    assert 'set shared ssl-decrypt ssl-exclude-cert "*.tallybank.co.uk"' in out
    assert "draft" in result.stderr


def test_stdin_with_a_dash(run_cli):
    result = run_cli("detect", "--json", "-", stdin=(FIXTURES / "zeek-ssl.json").read_bytes())
    assert result.status == 0
    assert json.loads(result.stdout)["sources"][0] == {"name": "-", "format": "zeek", "records": 27,
                                                        "skipped": {}}


def test_since_in_the_future_leaves_nothing_to_exempt(run_cli):
    result = run_cli("detect", "--since", "2999-01-01", str(FIXTURES / "panos-decryption.csv"))
    assert result.status == 0
    assert "Nothing to exempt" in result.stdout


def test_mistakes_exit_2_with_one_line(run_cli, tmp_path):
    (tmp_path / "bin").write_bytes(bytes(range(256)) * 10)
    for args in (["detect"], ["detect", "--since", "yesterday", str(FIXTURES / "mitmproxy.log")],
                 ["detect", "--min-clients", "0", str(FIXTURES / "mitmproxy.log")],
                 ["detect", str(tmp_path / "bin")], ["detect", str(tmp_path / "missing.log")]):
        result = run_cli(*args)
        assert result.status == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("pindesk: error:"), result.stderr


def test_escape_sequences_from_a_log_never_reach_the_terminal(run_cli):
    line = ("1795793282.933 10.0.0.7\x1b[2J 10.0.0.7 bump 200 ERR_SECURE_ACCEPT_FAIL "
            "SQUID_TLS_ERR_ACCEPT+TLS_LIB_ERR=A000418+TLS_IO_ERR=1 CONNECT x.example.com:443\n")
    result = run_cli("detect", "-", stdin=line.encode())
    assert result.status == 0
    assert "\x1b" not in result.stdout + result.stderr


def test_bench_gives_lines_a_minute_per_format(run_cli):
    result = run_cli("detect", "--json", "--bench", "2000")
    assert result.status == 0, result.stderr
    figures = json.loads(result.stdout)
    assert [f["format"] for f in figures] == ["mitmproxy", "squid-access", "zeek", "panos", "zscaler"]
    assert all(f["lines"] == 2000 and f["lines_per_minute"] > 0 for f in figures)
