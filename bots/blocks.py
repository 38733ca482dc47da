"""Block Kit renderings of the engine's answers and catalog entries; nothing here decides anything."""
from __future__ import annotations

import json

from pindesk.desk.conversations import Exchange
from pindesk.knowledge.answer import ABSTAINED, AMBIGUOUS, UNLISTED_ARTICLE, Answer
from pindesk.knowledge.catalog import App, Catalog
from pindesk.knowledge.conversation import PICKS, Question

# Action ids of the buttons; candidate buttons get a position suffix (ids must differ within a block).
SHARE, HELPFUL, NOT_HELPFUL = "pindesk_share", "pindesk_helpful", "pindesk_not_helpful"
CANDIDATE, ALL_DOMAINS, BYPASS = "pindesk_candidate", "pindesk_all_domains", "pindesk_bypass"
REPLY = "pindesk_reply"  # an option of pindesk's question back, numbered like the candidates'
NOT_INSPECTION = "Probably not TLS inspection"

SECTION_LIMIT = 3000  # characters of mrkdwn in one section
VALUE_LIMIT = 2000  # characters of a button's value
LABEL_LIMIT = 75  # characters of a button's label
DOMAINS_SHOWN = 8  # domains listed before "Show all domains"


def escape(text: str) -> str:
    """Text safe inside mrkdwn: `<!channel>` or `<@U123>` in what someone typed cannot ping anyone."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> dict:
    """A mrkdwn section, cut to Slack's limit."""
    if len(text) > SECTION_LIMIT:
        text = text[:SECTION_LIMIT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(text: str) -> dict:
    """A small grey line under or over the answer."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_LIMIT]}]}


def button(label: str, action_id: str, query: str, style: str | None = None, **ids) -> dict:
    """A button whose value carries the query (cut to fit) and the ids its action needs."""
    value = json.dumps({"q": query, **ids}, ensure_ascii=False)
    while len(value) > VALUE_LIMIT:
        query = query[:len(query) - (len(value) - VALUE_LIMIT) - 1]
        value = json.dumps({"q": query, **ids}, ensure_ascii=False)
    element = {"type": "button", "action_id": action_id, "value": value,
               "text": {"type": "plain_text", "text": label[:LABEL_LIMIT]}}
    if style:
        element["style"] = style
    return element


def actions(*elements) -> dict:
    """A row of buttons."""
    return {"type": "actions", "elements": list(elements)}


def message(fallback: str, blocks: list[dict]) -> dict:
    """A message: notification text (escaped) and blocks, as ack(), say() and respond() take them."""
    return {"text": escape(fallback)[:SECTION_LIMIT], "blocks": blocks[:50]}


def answer_message(answer: Answer, catalog: Catalog, share: bool, candidates: bool = True) -> dict:
    """The engine's answer: asked, the app or article or candidates, then feedback (and sharing).

    `candidates=False` leaves out the buttons opening each candidate (a question back offers them).
    """
    top = answer.matches[0] if answer.matches else None
    if answer.outcome == ABSTAINED:
        body, answer_id = _abstained(answer, catalog, candidates), None
    elif top.article:
        body, answer_id = _article(answer), top.id
    elif answer.outcome == AMBIGUOUS:
        body, answer_id = _ambiguous(answer, candidates), None
    else:
        body, answer_id = app_blocks(top.app, answer.query, f"confidence {answer.confidence:.2f}"), top.id
    body += [section(f"*Caveat:* {escape(caveat)}") for caveat in answer.caveats]
    for host in answer.hosts:
        body.append(context(_host_line(host, catalog)))
    # Sharing an app names it: a conversation's answer is more than its query asked again.
    shared = {"app": answer_id} if answer.outcome != ABSTAINED and top.app else {}
    footer = feedback_buttons(answer.query, answer_id) + ([share_button(answer.query, **shared)] if share else [])
    return message(answer.message, [asked(answer.query), *body, actions(*footer)])


def exchange_message(exchange: Exchange, catalog: Catalog, share: bool, in_thread: bool) -> dict:
    """An answer in a conversation, then pindesk's question back with a button per option.

    The buttons carry the conversation's id; `in_thread` says a reply in words can follow too.
    """
    turn, answer = exchange.turn, exchange.answer
    if turn.not_inspection:
        text = f"*{NOT_INSPECTION}*\n{escape(answer.message)}"
        result = message(answer.message, [asked(answer.query), section(text),
                                          actions(*feedback_buttons(answer.query, None))])
    else:
        # A question offering the candidates replaces the buttons that open them.
        offering = turn.question is not None and turn.question.kind in PICKS
        result = answer_message(answer, catalog, share, candidates=not offering)
    if turn.question and exchange.id:
        result["blocks"][-1:-1] = question_blocks(turn.question, exchange.id, in_thread)
    return result


def question_blocks(question: Question, conversation_id: str, in_thread: bool) -> list[dict]:
    """The question: its text, a button per option carrying the reply and the conversation's id."""
    buttons = [button(option.label, f"{REPLY}_{n}", option.value, c=conversation_id)
               for n, option in enumerate(question.options[:25])]
    found = [section(f"*{escape(question.text)}*"), actions(*buttons)]
    if in_thread:
        found.append(context("Or reply here in your own words."))
    return found


def _host_line(host, catalog: Catalog) -> str:
    """Which lists name a host, or whose brand it only imitates (a helpdesk must not exempt it)."""
    def names(ids):
        """The apps' display names, escaped."""
        return escape(", ".join(catalog.app(app_id).display_name for app_id in ids))
    if host.app_ids:
        return f"`{escape(host.host)}` is in the lists of {names(host.app_ids)}"
    if host.imitates:
        return (f"`{escape(host.host)}` is *not* {names(host.imitates)}'s: it is registered under "
                f"`{escape(host.registered_domain)}`. Do not exempt it.")
    if host.home_of:
        return f"`{escape(host.host)}` is under a domain of {names(host.home_of)}, in no app's list"
    return f"`{escape(host.host)}` is in no app's list"


def app_message(app: App, query: str, share: bool, all_domains: bool = False) -> dict:
    """One app's entry, chosen from candidates or opened in full."""
    footer = feedback_buttons(query, app.id) + ([share_button(query, app=app.id)] if share else [])
    return message(f"{app.display_name}: {app.recommendation.summary}",
                   [asked(query), *app_blocks(app, query, all_domains=all_domains), actions(*footer)])


def asked(query: str) -> dict:
    """The question, echoed escaped."""
    return context(f"Asked: {escape(query)}")


def feedback_buttons(query: str, answer_id: str | None) -> list[dict]:
    """Helpful / Not helpful, naming the app or article the feedback is about."""
    return [button("Helpful", HELPFUL, query, id=answer_id),
            button("Not helpful", NOT_HELPFUL, query, id=answer_id)]


def share_button(query: str, **ids) -> dict:
    """Post the same answer for everyone in the channel."""
    return button("Share in channel", SHARE, query, style="primary", **ids)


def app_blocks(app: App, query: str, headline: str = "", all_domains: bool = False) -> list[dict]:
    """What to do about one app: name, what to do, domains (shortened unless asked), caveats, links."""
    rec = app.recommendation
    lines = [f"*{escape(app.display_name)}*" + (f"  ·  {headline}" if headline else ""),
             f"Vendor: {escape(app.vendor)}  ·  breaks on: {escape(app.platform_source)}"]
    if app.error_messages:
        lines.append("Error shown: " + " / ".join(f"“{escape(e)}”" for e in app.error_messages))
    todo = [f"*What to do:* {escape(rec.summary)}"] + [f"{n}. {escape(s)}" for n, s in enumerate(rec.steps, 1)]
    if rec.cloud_app:
        todo.append(f"Cloud application to exempt: *{escape(rec.cloud_app)}*")
    if app.also_exempt_apps:
        todo.append("Exempt as well: " + escape(", ".join(app.also_exempt_apps)))
    blocks = [section("\n".join(lines)), section("\n".join(todo)), *_domain_blocks(app, query, all_domains)]
    blocks += [section(f"*Caveat:* {escape(caveat)}") for caveat in app.caveats]
    if app.links:
        blocks.append(context("  ·  ".join(f"<{link.url}|{escape(link.title)}>" for link in app.links)))
    return blocks


def _domain_blocks(app: App, query: str, all_domains: bool) -> list[dict]:
    """The domains to exempt, the first few unless all are asked for, with the buttons for more."""
    domains = list(app.required_domains)
    optional = [] if not all_domains else list(app.optional_domains)
    bypass = button("Get bypass config", BYPASS, query, app=app.id)
    if not domains:
        return [section("*Domains:* none listed; exempt the cloud application, or find its hosts "
                        "(see “Checking an app that is not in the catalog”)."), actions(bypass)]
    shown = domains if all_domains else domains[:DOMAINS_SHOWN]
    text = f"*Domains to exempt* ({len(domains)}):\n" + "\n".join(f"`{escape(d)}`" for d in shown)
    if len(shown) < len(domains):
        text += f"\n…and {len(domains) - len(shown)} more"
    if optional:
        text += "\n*If it still fails, also exempt:*\n" + "\n".join(f"`{escape(d)}`" for d in optional)
    more = [] if all_domains or (len(shown) == len(domains) and not app.optional_domains) else [
        button("Show all domains", ALL_DOMAINS, query, app=app.id)]
    return [section(text), actions(*more, bypass)]


def _candidate_buttons(query: str, apps: list[App]) -> dict:
    """A button per candidate app, opening its entry."""
    return actions(*(button(app.display_name, f"{CANDIDATE}_{n}", query, app=app.id)
                     for n, app in enumerate(apps[:25])))


def _ambiguous(answer: Answer, candidates: bool = True) -> list[dict]:
    """Several entries fit equally: each in a line, and a button per candidate."""
    tied = [m.app for m in answer.candidates]
    lines = [f"*Several entries fit equally* (confidence {answer.confidence:.2f}). Which app is it?"]
    lines += [f"• *{escape(app.display_name)}*: {escape(app.recommendation.summary)}" for app in tied]
    return [section("\n".join(lines))] + ([_candidate_buttons(answer.query, tied)] if candidates else [])


def _abstained(answer: Answer, catalog: Catalog, candidates: bool = True) -> list[dict]:
    """Not in the catalog: the engine's message, how to check an unlisted app, the nearest entries."""
    article = catalog.article(UNLISTED_ARTICLE)
    blocks = [section(f"*Not in the catalog* (confidence {answer.confidence:.2f})\n{escape(answer.message)}"),
              section(f"*{escape(article.title)}*\n{escape(article.summary)}\n"
                      f"The whole article: `pindesk show --article {article.id}`")]
    nearest = [m.app for m in answer.matches if m.app]
    if nearest and candidates:
        blocks += [context("Nearest entries in the catalog:"), _candidate_buttons(answer.query, nearest)]
    return blocks


def _article(answer: Answer) -> list[dict]:
    """A question about pinning itself: the article's summary and the related ones."""
    article = answer.matches[0].article
    lines = [f"*{escape(article.title)}*  ·  confidence {answer.confidence:.2f}", escape(article.summary),
             f"The whole article: `pindesk show --article {article.id}`"]
    related = [m.article.title for m in answer.matches[1:] if m.article]
    if related:
        lines.append("Related: " + escape(", ".join(related)))
    return [section("\n".join(lines))]
