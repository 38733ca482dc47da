"""The `pindesk` command as a person uses it: answers, JSON, batches, and clear errors."""
import json

import pytest
import yaml

from pindesk.knowledge.catalog import DEFAULT_CATALOG


def test_ask_prints_a_readable_answer(run_cli):
    result = run_cli("ask", "netflix", "on", "my", "iphone", "says", "currently", "unavailable")
    assert result.status == 0 and result.stderr == ""
    assert result.stdout.startswith("Netflix (confidence")
    assert "What to do:" in result.stdout and "Why it matched:" in result.stdout


def test_ask_json_has_the_documented_fields(run_cli):
    result = run_cli("ask", "--json", "Yelp says An SSL error has occurred")
    data = json.loads(result.stdout)
    assert data["answered"] is True and data["query"] == "Yelp says An SSL error has occurred"
    match = data["matches"][0]
    assert (match["type"], match["id"], match["name"]) == ("app", "yelp", "Yelp")
    assert 0 <= match["score"] <= 1 and "recommendation" in match and "domains" in match


def test_ask_from_stdin_gives_json_lines(run_cli):
    queries = "instagarm\n\nwhatsapp won't connect\n   \nCONNECT login.live.com:443 failed\n"
    result = run_cli("ask", "--json", "-", stdin=queries.encode())
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.status == 0 and len(lines) == 3
    assert [line["answered"] for line in lines] == [True, False, True]
    assert lines[0]["matches"][0]["id"] == "instagram" and lines[2]["ambiguous"] is True


def test_stdin_with_binary_and_nul_bytes(run_cli):
    result = run_cli("ask", "--json", "-", stdin=b"\xff\xfe\x00\x01netflix\x00 unavailable\n\x00\x00\n?!?\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Traceback" not in result.stderr
    assert lines[0]["matches"][0]["id"] == "netflix"
    assert "error" in lines[1] and "error" in lines[2]
    # every line is answered or refused, and a script sees that some were refused
    assert result.status == 2 and "2 lines could not be answered" in result.stderr


@pytest.mark.parametrize("query, message", [
    ("", "empty"), ("   ", "empty"), ("?!?!", "no letters"), ("x" * 100_000, "too long"),
])
def test_unusable_queries_exit_2_with_one_line(run_cli, query, message):
    result = run_cli("ask", query)
    assert result.status == 2 and result.stdout == ""
    assert result.stderr.startswith("pindesk: error:") and message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("query", ["🙃 netflix 🙃", "‏نتفليكس لا يعمل‏", "<b>netflix</b> & <i>spotify</i>"])
def test_odd_but_usable_text_is_answered(run_cli, query):
    result = run_cli("ask", "--json", query)
    assert result.status == 0 and json.loads(result.stdout)["query"]


def test_lookup(run_cli):
    result = run_cli("lookup", "https://chat.signal.org/v1/websocket")
    assert result.status == 0 and "Signal [signal] via .signal.org" in result.stdout
    both = json.loads(run_cli("lookup", "--json", "login.live.com:443").stdout)
    assert [a["id"] for a in both["apps"]] == ["xbox-live", "windows-store"]
    assert "in no app's list" in run_cli("lookup", "example.org").stdout
    assert run_cli("lookup", "not a host!").status == 2


def test_apps_and_show(run_cli):
    listing = run_cli("apps")
    assert listing.status == 0 and "google-shared-services  Google - Shared Services, Drive, etc." in listing.stdout
    assert len(json.loads(run_cli("apps", "--json").stdout)) == 46
    shown = run_cli("show", "Twitter")
    assert shown.status == 0 and "Catalog name: X" in shown.stdout
    assert json.loads(run_cli("show", "--json", "signal").stdout)["domains"] == [".whispersystems.org", ".signal.org"]
    assert "unknown_ca" in run_cli("show", "--article", "recognising-pinning").stdout


def test_show_unknown_app_exits_2(run_cli):
    result = run_cli("show", "whatsapp")
    assert result.status == 2 and "no app called 'whatsapp'" in result.stderr


def test_missing_catalog_exits_2_with_one_line(run_cli, tmp_path):
    result = run_cli("--catalog", str(tmp_path / "missing.yaml"), "ask", "netflix")
    assert result.status == 2 and result.stderr.count("\n") == 1 and "not found" in result.stderr


def test_broken_catalog_from_the_environment(run_cli, tmp_path):
    records = yaml.safe_load(DEFAULT_CATALOG.read_text())["apps"]
    records[0]["domains"] = ["bad domain"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump({"apps": records}))
    result = run_cli("apps", environ={"PINDESK_CATALOG": str(path)})
    assert result.status == 2 and "malformed domain 'bad domain'" in result.stderr
    assert "Traceback" not in result.stderr


def test_catalog_option_uses_that_catalog(run_cli, tmp_path):
    records = yaml.safe_load(DEFAULT_CATALOG.read_text())["apps"][:3]
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump({"apps": records}))
    assert len(json.loads(run_cli("--catalog", str(path), "apps", "--json").stdout)) == 3


def test_eval_prints_the_figures(run_cli):
    result = run_cli("eval")
    assert result.status == 0
    for label in ("top-1 accuracy", "top-3 accuracy", "abstain precision", "abstain recall", "uncovered"):
        assert label in result.stdout


def test_eval_all_tables_every_split_and_draws_the_diagram(run_cli, tmp_path):
    picture = tmp_path / "reliability.png"
    result = run_cli("eval", "--all", "--failures", "--reliability", str(picture))
    assert result.status == 0, result.stderr
    header, *rows = result.stdout.split("\n\n")[0].splitlines()
    assert header.split()[:3] == ["split", "queries", "top-1"] and "ECE" in header
    assert {row.split()[0] for row in rows} >= {"old", "dev", "held-out"}
    assert "per kind" in result.stdout and "lookalike_host" in result.stdout
    assert "failures (dev):" in result.stdout
    held_out = result.stdout.split("failures (held-out):")[1].split("failures (")[0]
    assert "want" not in held_out  # the held-out split's queries are never listed
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_json_reports_the_calibration_error(run_cli):
    figures = json.loads(run_cli("eval", "--json").stdout)
    assert 0 <= figures["ece"] <= 1


def test_eval_rejects_a_bad_file(run_cli, tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text("- {query: netflix, kind: app_error, expect: [nosuchapp]}\n")
    result = run_cli("eval", str(path))
    assert result.status == 2 and "unknown id 'nosuchapp'" in result.stderr


def test_bench_runs_small(run_cli):
    result = run_cli("bench", "--sizes", "200", "--queries", "50", "--json")
    runs = json.loads(result.stdout)["runs"]
    assert result.status == 0 and [r["apps"] for r in runs] == [46, 200]
    assert all(r["p50_ms"] > 0 and r["baseline"]["p50_ms"] > 0 for r in runs)


def test_config_masks_nothing_it_should_not_and_names_the_catalog(run_cli):
    result = run_cli("config")
    assert result.status == 0 and "PINDESK_CATALOG=" in result.stdout and "catalog.yaml" in result.stdout


def test_usage_errors_exit_2(run_cli):
    assert run_cli("frobnicate").status == 2
    assert run_cli("ask", "--limit", "0", "netflix").status == 2


def test_an_unexpected_failure_is_one_line_not_a_traceback(run_cli, monkeypatch):
    from pindesk.knowledge.engine import Engine

    def broken(self, *args, **kwargs):
        raise RuntimeError("index corrupted")
    monkeypatch.setattr(Engine, "ask", broken)
    result = run_cli("ask", "netflix")
    assert result.status == 1 and result.stdout == ""
    assert result.stderr == "pindesk: internal error: RuntimeError: index corrupted " \
                            "(please report it with the command you ran)\n"


def test_bench_startup_times_each_command_cold_and_warm_beside_python(run_cli):
    result = run_cli("bench", "--startup", "--runs", "1", "--json")
    assert result.status == 0, result.stderr
    rows = {row["command"]: row for row in json.loads(result.stdout)["commands"]}
    assert {"python -c pass", "pindesk ask 'netflix says currently unavailable'", "pindesk --help",
            "pindesk config", "pindesk apps", "pindesk lookup chat.signal.org"} <= set(rows)
    assert all(row[state]["median_s"] > 0 for row in rows.values() for state in ("cold", "warm"))
