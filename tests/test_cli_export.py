"""`pindesk export` as a person uses it: pure output on stdout, remarks on stderr, errors in one line."""
import json
import re


def test_zia_export_prints_the_body_and_the_steps_left(run_cli):
    result = run_cli("export", "Apple iMessage", "Signal", "--format", "zia")
    body = json.loads(result.stdout)
    assert result.status == 0
    assert {"p24-keyvalueservice.icloud.com", ".whispersystems.org", ".signal.org"} <= set(body["urls"])
    assert body["superCategory"] == "USER_DEFINED"
    assert "Do Not Inspect" in result.stderr and all(line.startswith("# ") for line in result.stderr.splitlines())


def test_name_sets_the_category_name(run_cli):
    result = run_cli("export", "signal", "--format", "cloudflare", "--name", "Pinned apps")
    assert json.loads(result.stdout)["name"] == "Pinned apps"


def test_mitmproxy_export_is_one_line_of_regex(run_cli):
    result = run_cli("export", "signal", "--format", "mitmproxy")
    pattern = result.stdout.rstrip("\n")
    assert result.status == 0 and "\n" not in pattern
    assert re.search(pattern, "chat.signal.org:443") and not re.search(pattern, "signal.org.evil.com:443")
    assert "--ignore-hosts" in result.stderr


def test_squid_export_passes_squid_parse(run_cli, squid_parse):
    result = run_cli("export", "Apple iMessage", "Signal", "People Graph", "--format", "squid")
    status, output = squid_parse(result.stdout)
    assert status == 0 and not re.search(r"WARNING|ERROR|FATAL", output), output


def test_include_optional_adds_the_optional_domains(run_cli):
    plain = run_cli("export", "google-hangouts", "--format", "txt").stdout.splitlines()
    more = run_cli("export", "google-hangouts", "--format", "txt", "--include-optional").stdout.splitlines()
    assert ".video.google.com" not in plain and ".video.google.com" in more


def test_a_domainless_app_among_others_is_named_on_stderr(run_cli):
    result = run_cli("export", "Netflix", "Signal", "--format", "csv")
    assert result.status == 0 and result.stdout.splitlines()[0] == "app,entry,kind"
    assert "Netflix" in result.stderr and "unlisted-apps" in result.stderr


def test_only_domainless_apps_exit_2_with_one_line(run_cli):
    result = run_cli("export", "Netflix", "Dropbox", "--format", "zia")
    assert result.status == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("pindesk: error: nothing to export")
    assert "Traceback" not in result.stderr


def test_an_unknown_app_or_format_exits_2(run_cli):
    assert run_cli("export", "no such app", "--format", "txt").status == 2
    assert run_cli("export", "signal", "--format", "pac").status == 2
    assert run_cli("export", "signal").status == 2
