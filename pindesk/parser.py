"""The `pindesk` command's arguments: every subcommand and its options."""
from __future__ import annotations

import argparse

from pindesk.knowledge.answer import DEFAULT_MATCHES, MAX_MATCHES
from pindesk.knowledge.catalog import PLATFORMS
from pindesk.knowledge.proxy_formats import FORMATS as EXPORT_FORMATS

from .environment import PROG
from .proxy_text import add_proxy_option


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog=PROG, description="Which app breaks behind TLS inspection, "
                                     "and what to do about it.")
    parser.add_argument("--catalog", metavar="PATH",
                        help="catalog YAML file (default: $PINDESK_CATALOG, else the shipped catalog)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    ask = sub.add_parser("ask", help="answer a question, a symptom, an error text or a host")
    ask.add_argument("query", nargs="+", help="what the person typed; '-' reads one query per line from stdin")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON (JSON Lines with '-')")
    ask.add_argument("--platform", choices=PLATFORMS, help="the platform, if the query does not say")
    ask.add_argument("--limit", type=int, default=DEFAULT_MATCHES,
                     help=f"how many matches to list (1 to {MAX_MATCHES}, default {DEFAULT_MATCHES})")
    add_proxy_option(ask)

    lookup = sub.add_parser("lookup", help="which apps' domain lists cover a host or URL")
    lookup.add_argument("host", help="a host, host:port or URL")
    lookup.add_argument("--json", action="store_true", help="print JSON")

    apps = sub.add_parser("apps", help="list the apps in the catalog")
    apps.add_argument("--json", action="store_true", help="print JSON")

    show = sub.add_parser("show", help="show one app (by id or name) or article")
    show.add_argument("name", help="app id, catalog name or alias; with --article an article id")
    show.add_argument("--article", action="store_true", help="show an article instead of an app")
    show.add_argument("--json", action="store_true", help="print JSON")
    add_proxy_option(show)

    export = sub.add_parser("export", help="print apps' domains as a bypass list for a proxy")
    export.add_argument("apps", nargs="+", metavar="APP", help="app ids, catalog names or aliases")
    export.add_argument("--format", required=True, choices=tuple(EXPORT_FORMATS),
                        help="; ".join(f"{f.name}: {f.label}" for f in EXPORT_FORMATS.values()))
    export.add_argument("--include-optional", action="store_true", help="also export the optional domains")
    export.add_argument("--name", metavar="CATEGORY_NAME", help="name of the URL category or policy")

    from pindesk.knowledge.detect.formats import ALL_FORMATS
    detect = sub.add_parser("detect", help="find pinned apps in proxy logs and captures")
    detect.add_argument("files", nargs="*", metavar="FILE", help="logs or captures; '-' is stdin; gzip is read as is")
    detect.add_argument("--format", default="txt", choices=tuple(EXPORT_FORMATS),
                        help="format of the bypass change at the end, as `pindesk export` (default txt)")
    detect.add_argument("--json", action="store_true", help="print the report and the bypass change as JSON")
    detect.add_argument("--since", help="only records from then on: 2026-11-27, 2026-11-27T08:00 (UTC), 24h, 7d")
    detect.add_argument("--min-clients", type=int, default=2, metavar="N",
                        help="healthy clients that must fail a host for 'pinned' (default 2)")
    detect.add_argument("--log-format", choices=tuple(ALL_FORMATS), help="read every FILE as this format")
    detect.add_argument("--include-suspect", action="store_true", help="exempt 'suspect' hosts too")
    detect.add_argument("--bench", nargs="?", type=int, const=1_000_000, metavar="LINES",
                        help="instead: the readers' lines a minute on generated logs (default 1,000,000 a format)")

    evaluate = sub.add_parser("eval", help="measure the engine on a labelled query set")
    evaluate.add_argument("file", nargs="?", help="YAML list of {query, kind, expect} (default: the shipped set)")
    evaluate.add_argument("--all", action="store_true", help="run every shipped set: a table per split and per kind")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--failures", action="store_true",
                          help="also list the queries it got wrong (never those of the held-out split)")
    evaluate.add_argument("--reliability", metavar="PATH.png", help="draw a reliability diagram into a PNG file")
    evaluate.add_argument("--fit", action="store_true", help="refit the evidence combiner (knowledge/combiner.json) "
                          "on the training split and the old set, and the article chooser "
                          "(knowledge/article_chooser.json) on the training splits and the old set, choosing on dev")
    evaluate.add_argument("--dialogue", action="store_true",
                          help="play each query as a person answering pindesk's questions from the catalog")
    evaluate.add_argument("--tune", action="append", default=[], metavar="NAME=VALUE",
                          help="vary one field of the engine's tuning for this run (repeatable; "
                               "`--json` lists every field)")

    bench = sub.add_parser("bench", help="measure index build time and query latency")
    bench.add_argument("--sizes", default="10000,100000",
                       help="synthetic catalog sizes to measure besides the shipped one (default 10000,100000;"
                            " '' for none)")
    bench.add_argument("--queries", type=int, default=2000, help="queries timed per catalog (default 2000)")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument("--startup", action="store_true",
                       help="time whole `pindesk` processes instead (ask, lookup, apps, export, --help, config), "
                            "with the index cache cold and warm, beside `python -c pass`; uses hyperfine if installed")
    bench.add_argument("--runs", type=int, default=5, help="with --startup: timed runs per command (default 5)")

    chat = sub.add_parser("chat", help="a troubleshooting conversation: pindesk asks back when unsure")
    chat.add_argument("--platform", choices=PLATFORMS, help="the platform, if the first message does not say")
    chat.add_argument("--json", action="store_true",
                      help="one JSON object per message: {answer, question}, as the API gives them")

    sub.add_parser("config", help="print the effective settings (secrets masked)")

    serve = sub.add_parser("serve", help="run the HTTP service (JSON API under /api/v1)")
    serve.add_argument("--host", help="address to listen on (default: $PINDESK_HOST, else 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: $PINDESK_PORT, else 8080)")
    serve.add_argument("--dev", action="store_true", help="Flask's development server with the reloader")

    sub.add_parser("slack", help="run the Slack bot over Socket Mode (needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN)")
    return parser
