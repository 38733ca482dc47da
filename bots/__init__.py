"""pindesk in Slack: a Bolt app that routes what people type to the engine and renders its answers."""
