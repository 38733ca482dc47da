"""Get bypass config: the app's domains as a list to paste into the proxy, or the advice when it has none."""
from __future__ import annotations

from slack_bolt import App

from pindesk.knowledge.errors import ExportError
from pindesk.knowledge.export import export

from .. import messages
from ..blocks import BYPASS
from . import button_app, button_value, respond_privately


def send_bypass(ack, action, respond, context):
    """The txt export of the app's domains; an app without domains gets its cloud-app exemption."""
    ack()
    catalog = context["desk"].catalog
    app = button_app(button_value(action), catalog, respond)
    if app is None:
        return
    try:
        listing = export(catalog, [app.id], "txt")
    except ExportError as exc:
        respond_privately(respond, messages.notice(str(exc)))
        return
    respond_privately(respond, messages.bypass_message(app, listing.text))


def register(app: App) -> None:
    """Listen for the Get bypass config button."""
    app.action(BYPASS)(send_bypass)
