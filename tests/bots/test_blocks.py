"""The Block Kit renderer: within Slack's limits for every entry, user text escaped."""
import json

import pytest

from pindesk.bots import blocks
from pindesk.bots.blocks import answer_message, app_message, escape


def check_limits(message: dict) -> None:
    """Slack rejects messages over these limits; none of ours may reach them."""
    assert len(message["blocks"]) <= 50 and len(message["text"]) <= 3000
    for block in message["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "actions":
            ids = [element["action_id"] for element in block["elements"]]
            assert len(ids) == len(set(ids)) and len(ids) <= 25
            for element in block["elements"]:
                assert len(element["text"]["text"]) <= 75 and len(element["value"]) <= 2000
                json.loads(element["value"])


def test_escape_leaves_no_markup_that_could_ping():
    assert escape("<!channel> <@U1> & <https://x|y>") == "&lt;!channel&gt; &lt;@U1&gt; &amp; &lt;https://x|y&gt;"


@pytest.mark.parametrize("all_domains", [False, True])
def test_every_app_renders_within_slacks_limits(catalog, all_domains):
    for app in catalog.apps:
        check_limits(app_message(app, "a query", share=True, all_domains=all_domains))


def test_a_long_list_is_shortened_with_a_button_for_the_rest(catalog):
    app = max(catalog.apps, key=lambda a: len(a.domains + a.note_domains))
    short = app_message(app, "q", share=False)
    assert f"…and {len(dict.fromkeys(app.domains + app.note_domains)) - blocks.DOMAINS_SHOWN} more" in json.dumps(
        short, ensure_ascii=False)
    assert any(b["action_id"] == blocks.ALL_DOMAINS for blk in short["blocks"] if blk["type"] == "actions"
               for b in blk["elements"])


def test_a_query_too_long_for_a_button_is_cut_to_fit(engine):
    answer = engine.ask("netflix says currently unavailable " + '"quoted" ' * 400)
    message = answer_message(answer, engine.catalog, share=True)
    check_limits(message)


def test_answers_of_every_kind_render_within_limits(engine):
    for query in ("netflix says currently unavailable", "app says No Internet Connection", "tiktok won't load",
                  "what is certificate pinning", "CONNECT login.live.com:443 failed"):
        check_limits(answer_message(engine.ask(query), engine.catalog, share=True))
