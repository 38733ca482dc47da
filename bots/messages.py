"""Block Kit messages besides answers: help, a lookup by host, a bypass list, short notices."""
from __future__ import annotations

from pindesk.knowledge.answer import UNLISTED_ARTICLE
from pindesk.knowledge.catalog import App, Catalog, Lookup
from pindesk.knowledge.proxy_formats import FORMATS

from .blocks import CANDIDATE, SECTION_LIMIT, actions, button, context, escape, message, section

FENCE = "```"


def notice(text: str) -> dict:
    """A short message: an error a person can fix, a thank-you, a store that is down."""
    return message(text, [section(escape(text))])


def help_message(command: str) -> dict:
    """How to ask, with examples for the slash command, a mention and a direct message."""
    lines = [
        "*pindesk* says which app breaks behind TLS inspection because it pins certificates, and what to do.",
        f"• `{command} netflix says currently unavailable`: a symptom, an error text or an app",
        f"• `{command} lookup chat.signal.org`: which apps' domain lists cover a host",
        f"• `{command} proxy panos`: word answers for this workspace's proxy (`{command} proxy` shows it)",
        f"• `{command} help`: this message",
        "Mention me in a channel (I answer in a thread) or write to me directly, the same way.",
        "When unsure I ask back: press a button, or reply in the thread (mention me) or in our DM.",
        "Answers to the command are only for you; *Share in channel* posts one for everyone.",
    ]
    return message("How to use pindesk", [section("\n".join(lines))])


def lookup_message(lookup: Lookup, catalog: Catalog) -> dict:
    """Which apps' lists cover a host, each with a button opening its entry."""
    host = lookup.host
    if not lookup.matches:
        article = catalog.article(UNLISTED_ARTICLE)
        text = (f"`{escape(host)}` is in no app's list. If an app fails on it: *{escape(article.title)}*\n"
                f"{escape(article.summary)}")
        return message(f"{host}: in no app's list", [section(text)])
    lines, buttons = [f"*{escape(host)}*"], []
    for n, (app, rule) in enumerate(lookup.matches):
        how = "domain and subdomains" if rule.wildcard else "exact host"
        extra = "" if rule.kind == "required" else f", {rule.kind}"
        lines.append(f"• {escape(app.display_name)} via `{escape(rule.pattern)}` ({how}{escape(extra)})")
        buttons.append(button(app.display_name, f"{CANDIDATE}_{n}", host, app=app.id))
    names = ", ".join(app.name for app, _ in lookup.matches)
    return message(f"{host}: {names}", [section("\n".join(lines)), actions(*buttons[:25])])


def bypass_message(app: App, listing: str) -> dict:
    """An app's bypass list in a code block, with the command for the other proxy formats."""
    room = SECTION_LIMIT - 200
    cut = listing if len(listing) <= room else listing[:listing.rfind("\n", 0, room)] + "\n# (cut short)"
    text = (f"*Bypass list for {escape(app.display_name)}* (one entry a line; a leading dot means the "
            f"domain and its subdomains):\n{FENCE}\n{escape(cut)}\n{FENCE}")
    others = [name for name in FORMATS if name != "txt"]
    how = f"Other proxies: `pindesk export {app.id} --format {others[0]}` (or {', '.join(others[1:])})"
    return message(f"Bypass list for {app.display_name}", [section(text), context(how)])
