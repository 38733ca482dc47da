"""deploy/slack/manifest.yaml: what the bot needs from Slack, pointed at /slack/events."""
from pathlib import Path

import yaml

from pindesk.bots.settings import DEFAULT_COMMAND

MANIFEST = Path(__file__).resolve().parents[2] / "deploy" / "slack" / "manifest.yaml"


def test_the_manifest_asks_for_what_the_bot_uses_and_nothing_more():
    manifest = yaml.safe_load(MANIFEST.read_text())
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == DEFAULT_COMMAND and command["url"] == "https://YOUR-HOST/slack/events"
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(
        ["commands", "chat:write", "app_mentions:read", "im:history", "im:read", "im:write"])
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["bot_events"] == ["app_mention", "message.im"]
    assert settings["event_subscriptions"]["request_url"] == "https://YOUR-HOST/slack/events"
    assert settings["interactivity"] == {"is_enabled": True, "request_url": "https://YOUR-HOST/slack/events"}
    assert settings["socket_mode_enabled"] is False
