"""`pindesk ask/show --proxy P` and PINDESK_PROXY: the answer in that proxy's own words, the export inline."""
import json

import pytest

from tests.knowledge.proxy_expectations import APPS, EXPECTED, QUERIES


@pytest.mark.parametrize("proxy", EXPECTED)
@pytest.mark.parametrize("app_id", APPS)
def test_show_words_the_app_for_the_proxy(run_cli, proxy, app_id):
    result = run_cli("show", app_id, "--proxy", proxy)
    assert result.status == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert EXPECTED[proxy][app_id] in text
    if app_id != "microsoft-365" or proxy == "zscaler":  # elsewhere no vendor page documents a one-click setting
        assert EXPECTED[proxy]["site"] in result.stdout
    if app_id == "signal":
        assert EXPECTED[proxy]["export"] in result.stdout


@pytest.mark.parametrize("proxy", EXPECTED)
@pytest.mark.parametrize("app_id", APPS)
def test_ask_json_carries_the_advice_for_the_answered_app(run_cli, proxy, app_id):
    result = run_cli("ask", "--json", QUERIES[app_id], environ={"PINDESK_PROXY": proxy})
    answer = json.loads(result.stdout)
    assert answer["matches"][0]["id"] == app_id
    [advice] = answer["advice"]
    assert advice["proxy"] == proxy and advice["app"] == app_id
    assert EXPECTED[proxy][app_id] in " ".join([advice["summary"]] + [s["text"] for s in advice["steps"]])
    if app_id == "signal":
        assert EXPECTED[proxy]["export"] in advice["export"]["content"]
    else:
        assert advice["export"] is None


def test_without_a_profile_the_answer_is_unchanged(run_cli):
    plain = run_cli("ask", "--json", QUERIES["signal"]).stdout
    assert "advice" not in json.loads(plain)
    assert run_cli("ask", "--json", QUERIES["signal"], environ={"PINDESK_PROXY": ""}).stdout == plain
    neutral = run_cli("ask", "--json", "--proxy", "", QUERIES["signal"], environ={"PINDESK_PROXY": "panos"})
    assert neutral.stdout == plain
    assert run_cli("show", "signal", "--json").stdout == run_cli("show", "signal", "--json", "--proxy", "").stdout


def test_the_option_wins_over_the_setting(run_cli):
    result = run_cli("ask", "--json", "--proxy", "squid", QUERIES["signal"], environ={"PINDESK_PROXY": "panos"})
    assert json.loads(result.stdout)["advice"][0]["proxy"] == "squid"


def test_an_unknown_profile_is_refused_in_one_line(run_cli, capsys):
    result = run_cli("show", "signal", "--proxy", "bluecoat")
    assert result.status == 2 and "checkpoint" in capsys.readouterr().err  # argparse's own usage error
    result = run_cli("ask", "signal", environ={"PINDESK_PROXY": "bluecoat"})
    assert result.status == 2 and result.stderr.count("\n") == 1 and "PINDESK_PROXY" in result.stderr


def test_each_line_of_a_stream_gets_the_advice(run_cli):
    result = run_cli("ask", "--json", "--proxy", "cloudflare", "-", stdin=b"signal won't send\nnetflix unavailable\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["advice"][0]["proxy"] for line in lines] == ["cloudflare", "cloudflare"]


def test_eval_figures_do_not_depend_on_the_profile(run_cli):
    plain = run_cli("eval", "--json").stdout
    assert run_cli("eval", "--json", environ={"PINDESK_PROXY": "fortinet"}).stdout == plain
