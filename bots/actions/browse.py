"""Opening an entry: a candidate's button, or Show all domains of a long list."""
from __future__ import annotations

import re

from slack_bolt import App

from ..blocks import ALL_DOMAINS, CANDIDATE, app_message
from . import button_app, button_text, button_value, respond_privately


def open_candidate(ack, action, respond, context):
    """The chosen app's entry, for the person who clicked."""
    ack()
    show(action, respond, context, all_domains=False)


def show_all_domains(ack, action, respond, context):
    """The app's entry with every domain, optional ones included."""
    ack()
    show(action, respond, context, all_domains=True)


def show(action: dict, respond, context, all_domains: bool) -> None:
    """Render the app the button names, with a Share in channel button."""
    value = button_value(action)
    app = button_app(value, context["desk"].catalog, respond)
    if app:
        respond_privately(respond, app_message(app, button_text(value, "q"), share=True, all_domains=all_domains))


def register(app: App) -> None:
    """Listen for the candidate buttons (numbered ids) and Show all domains."""
    app.action(re.compile(rf"^{CANDIDATE}_\d+$"))(open_candidate)
    app.action(ALL_DOMAINS)(show_all_domains)
