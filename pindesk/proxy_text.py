"""The terminal's side of proxy profiles: the --proxy option, and the advice for one proxy as text."""
from __future__ import annotations

import argparse
import json
import textwrap

from pindesk.knowledge.advice import Advice, advice_for
from pindesk.knowledge.settings import PROXY, proxy_profile

from . import render

WIDTH = 88


def add_proxy_option(parser: argparse.ArgumentParser) -> None:
    """--proxy P on a subcommand: the profile to word the answer for ('' for the neutral wording)."""
    parser.add_argument("--proxy", metavar="PROXY", type=_profile_argument,
                        help="word what to do for this proxy: zscaler, panos, netskope, squid, mitmproxy, "
                             "cloudflare, fortinet, checkpoint; '' for the neutral wording (default: $PINDESK_PROXY)")


def chosen_proxy(args, environ) -> str | None:
    """The profile given with --proxy, else PINDESK_PROXY's; None for the neutral wording."""
    if args.proxy is not None:
        return args.proxy or None
    return PROXY.value(environ)


def show_app(app, proxy: str | None, catalog, as_json: bool) -> str:
    """`pindesk show`: the app's entry, and with a proxy its advice (JSON: under "advice")."""
    advice = advice_for(app, proxy, catalog) if proxy else None
    if as_json:
        return json.dumps({**app.to_dict(), **({"advice": advice.to_dict()} if advice else {})})
    return "\n\n".join(["\n".join(render.app_text(app))] + ([advice_text(advice)] if advice else []))


def advice_text(advice: Advice) -> str:
    """One app's advice for one proxy: what to do, the export to paste, what the proxy already does, sources."""
    lines = [f"On {advice.proxy_name} ({advice.app_name}):", _wrap(advice.summary)]
    for n, step in enumerate(advice.steps, 1):
        lines.append(_wrap(f"{n}. {step.text}", "  ", "     "))
        if step.link:
            lines.append(f"     {step.link}")
    if advice.export:
        lines.append(f"{advice.export.label}:")
        lines += [f"    {line}" for line in advice.export.content.splitlines()]
    if advice.built_in:
        lines.append(f"Built into {advice.proxy_name}:")
        for step in advice.built_in:
            lines.append(_wrap(f"- {step.text}", "  ", "    "))
            if step.link:
                lines.append(f"    {step.link}")
    return "\n".join(lines)


def _profile_argument(raw: str) -> str:
    """--proxy's value checked against the profiles ('' stays '': the neutral wording)."""
    try:
        return proxy_profile(raw) or ""
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{raw!r} {exc}") from None


def _wrap(text: str, indent: str = "  ", hanging: str | None = None) -> str:
    """A paragraph wrapped to the terminal width."""
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=hanging or indent,
                         break_on_hyphens=False, break_long_words=False)
