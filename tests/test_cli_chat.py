"""`pindesk chat` in a terminal or with piped lines, and `pindesk eval --dialogue`."""
import json


def test_chat_asks_back_and_a_numbered_reply_settles_it(run_cli):
    result = run_cli("chat", stdin=b"No Internet Connection\n2\n")
    assert result.status == 0 and result.stderr == ""
    first, second = result.stdout.split("Which of these apps is it?")
    assert "Several entries fit equally" in first
    assert "1. TrainingPeaks" in second and "2. Overcast" in second and "None of these" in second
    assert second.rstrip().split("\n\n")[-1].startswith("Overcast (confidence")


def test_chat_json_gives_the_apis_answer_and_question_per_message(run_cli):
    result = run_cli("chat", "--json", stdin=b"the store won't load\nit's on android\n")
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["question"]["options"] and first["answer"]["outcome"] == "abstained"
    assert second["question"] is None and second["answer"]["matches"][0]["id"] == "google-play-store"


def test_new_starts_over_and_an_empty_line_ends(run_cli):
    result = run_cli("chat", "--json", stdin=b"No Internet Connection\nnew\nthe store won't load\n\nnetflix\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["answer"]["query"] for line in lines] == ["No Internet Connection", "the store won't load"]


def test_an_unusable_line_is_reported_and_the_chat_goes_on(run_cli):
    result = run_cli("chat", "--json", stdin=b"?!?\nnetflix says currently unavailable\n")
    assert "no letters" in result.stderr and result.status == 0
    assert json.loads(result.stdout)["answer"]["matches"][0]["id"] == "netflix"


def test_eval_dialogue_prints_both_columns(run_cli):
    result = run_cli("eval", "--dialogue")
    assert result.status == 0
    assert "single-turn" in result.stdout and "dialogue" in result.stdout
    assert "resolved within two questions" in result.stdout and "average questions asked" in result.stdout


def test_eval_dialogue_json(run_cli):
    figures = json.loads(run_cli("eval", "--dialogue", "--json").stdout)
    assert set(figures["dialogue"]) >= {"resolved_first_turn", "resolved_within_two", "wrongly_answered",
                                        "average_questions"}
    assert figures["became_wrong"] == 0 and "dialogue_tuning" in figures
