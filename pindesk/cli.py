"""The `pindesk` command: ask, chat, lookup, apps, show, export, detect, eval, bench, config, serve, slack."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from enum import IntEnum

from pindesk.knowledge.answer import DEFAULT_MATCHES, MAX_MATCHES
from pindesk.knowledge.catalog import PLATFORMS
from pindesk.knowledge.errors import PindeskError, QueryError
from pindesk.knowledge.proxy_formats import FORMATS as EXPORT_FORMATS

from .metrics_folder import metrics_folder
from .proxy_text import add_proxy_option, advice_text, chosen_proxy, show_app

# Everything else is imported by the command that uses it: `pindesk --help` or `pindesk apps` should not
# pay for the engine's, the YAML reader's or the service's imports (tests/test_startup.py checks it).

PROG = "pindesk"


class ExitStatus(IntEnum):
    """What `pindesk` exits with."""

    SUCCESS = 0
    ERROR = 1  # a fault of pindesk's own: reported in one line, worth a bug report
    USAGE = 2  # something the person can fix: a bad argument, a broken catalog, a query it cannot use
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class Environment:
    """Everything the command touches from outside, so tests can swap it."""

    def __init__(self, stdin=None, stdout=None, stderr=None, environ=None):
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.environ = dict(os.environ if environ is None else environ)

    def print(self, text: str = "") -> None:
        """Write a line to standard output."""
        self.stdout.write(text + "\n")

    def read_lines(self):
        """Lines of standard input as text; undecodable bytes become U+FFFD."""
        stream = getattr(self.stdin, "buffer", self.stdin)
        for line in stream:
            if isinstance(line, bytes):
                line = line.decode("utf-8", errors="replace")
            yield line.rstrip("\r\n")


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
                          "on the training split and the old set, choosing on dev")
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


def main(argv=None, stdin=None, stdout=None, stderr=None, environ=None) -> int:
    """Run the command; return its exit status (ExitStatus.USAGE for any error a user can fix)."""
    env = Environment(stdin, stdout, stderr, environ)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args, env)
    except PindeskError as exc:
        env.stderr.write(f"{PROG}: error: {exc}\n")
        return ExitStatus.USAGE
    except BrokenPipeError:
        return ExitStatus.SUCCESS
    except KeyboardInterrupt:
        env.stderr.write(f"{PROG}: interrupted\n")
        return ExitStatus.INTERRUPTED
    except Exception as exc:  # a bug: one line for the user, the details for whoever reports it
        env.stderr.write(f"{PROG}: internal error: {type(exc).__name__}: {exc} "
                         f"(please report it with the command you ran)\n")
        return ExitStatus.ERROR


def _chat(args, env: Environment) -> int:
    """`pindesk chat`, its module imported only when it runs."""
    from . import chat
    return chat.cmd_chat(args, env, _engine(args, env))


def _cache_dir(env: Environment):
    """The folder PINDESK_CACHE_DIR names, else the user cache folder."""
    from pindesk.knowledge.settings import CACHE_DIR, cache_dir
    return cache_dir(CACHE_DIR.value(env.environ))


def _catalog(args, env: Environment):
    """The catalog named by --catalog or PINDESK_CATALOG, else the shipped one (its YAML parsed once, then
    read back from the cache folder)."""
    from pindesk.knowledge.catalog import load_catalog
    from pindesk.knowledge.settings import CATALOG
    from pindesk.knowledge.yamlfile import keep_parsed_in
    keep_parsed_in(_cache_dir(env))
    return load_catalog(args.catalog or CATALOG.value(env.environ))


def _engine(args, env: Environment, tuning=None):
    """An engine over the chosen catalog, its index from the cache directory when it is there."""
    from pindesk.knowledge.cache import cached_engine
    return cached_engine(_catalog(args, env), tuning=tuning, lazy=True, directory=_cache_dir(env))


def cmd_ask(args, env: Environment) -> int:
    """Answer one query, or one per line from stdin with '-'."""
    if not 1 <= args.limit <= MAX_MATCHES:
        raise QueryError(f"--limit must be between 1 and {MAX_MATCHES}")
    engine = _engine(args, env)
    args.proxy = chosen_proxy(args, env.environ)
    if args.query == ["-"]:
        return _ask_stream(engine, args, env)
    _print_answer(engine, engine.ask(" ".join(args.query), platform=args.platform, limit=args.limit), args, env)
    return ExitStatus.SUCCESS


def _print_answer(engine, answer, args, env: Environment) -> None:
    """One answer as JSON or text, with the chosen proxy's advice for its leading apps."""
    from pindesk.knowledge.advice import advise

    from . import render
    answer = advise(answer, args.proxy, engine.catalog)
    if args.json:
        env.print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    env.print("\n\n".join([render.answer_text(answer, engine.catalog), *map(advice_text, answer.advice)]))


def _ask_stream(engine, args, env: Environment) -> int:
    """JSON Lines (or text blocks) for each line of stdin; a bad line gets an error object, and the
    command then exits with ExitStatus.USAGE once every line is answered."""
    failed = 0
    for line in env.read_lines():
        if not line.strip():
            continue
        try:
            answer = engine.ask(line, platform=args.platform, limit=args.limit)
        except QueryError as exc:
            failed += 1
            if args.json:
                env.print(json.dumps({"query": line[:200], "error": str(exc)}, ensure_ascii=False))
            else:
                env.stderr.write(f"{PROG}: error: {exc}\n")
            continue
        _print_answer(engine, answer, args, env)
        if not args.json:
            env.print()
        env.stdout.flush()
    if failed:
        env.stderr.write(f"{PROG}: {failed} line{'s' if failed != 1 else ''} could not be answered\n")
    return ExitStatus.USAGE if failed else ExitStatus.SUCCESS


def cmd_lookup(args, env: Environment) -> int:
    """Which apps' lists cover a host."""
    from . import render
    catalog = _catalog(args, env)
    try:
        found = catalog.lookup(args.host)
    except QueryError:
        raise QueryError(f"{args.host!r} is not a host name or URL") from None
    if args.json:
        env.print(json.dumps(found.to_dict()))
    else:
        env.print(render.lookup_text(found))
    return ExitStatus.SUCCESS


def cmd_apps(args, env: Environment) -> int:
    """List the catalog."""
    from . import render
    catalog = _catalog(args, env)
    if args.json:
        env.print(json.dumps([app.summary_dict() for app in catalog.apps]))
    else:
        env.print(render.apps_table(catalog.apps))
        env.print(f"\n{len(catalog.apps)} apps, {len(catalog.articles)} articles, catalog version {catalog.version}")
    return ExitStatus.SUCCESS


def cmd_show(args, env: Environment) -> int:
    """Show one app or article."""
    from . import render
    catalog = _catalog(args, env)
    if args.article:
        article = catalog.article(args.name.strip().lower())
        env.print(json.dumps(article.to_dict()) if args.json else render.article_text(article))
        return ExitStatus.SUCCESS
    env.print(show_app(catalog.find(args.name), chosen_proxy(args, env.environ), catalog, args.json))
    return ExitStatus.SUCCESS


def cmd_export(args, env: Environment) -> int:
    """Print a bypass list for the apps; remarks and steps left go to stderr."""
    from pindesk.knowledge.export import export
    result = export(_catalog(args, env), args.apps, args.format, include_optional=args.include_optional,
                    name=args.name)
    env.print(result.text)
    for note in result.notes:
        env.stderr.write(f"# {note}\n")
    return ExitStatus.SUCCESS


def cmd_detect(args, env: Environment) -> int:
    """Judge clients and hosts in logs or captures; end with the bypass change in the chosen format."""
    from pindesk.knowledge.detect import detect
    from pindesk.knowledge.detect.drafts import bypass
    from pindesk.knowledge.detect.inputs import parse_since

    from . import detect_render
    if args.bench is not None:
        return detect_render.print_bench(env, args.bench, args.json)
    catalog = _catalog(args, env)
    since = parse_since(args.since) if args.since else None
    with detect_render.progress_bar(env.stderr) as progress:
        report = detect(args.files, catalog, stdin=env.stdin, since=since, min_clients=args.min_clients,
                        log_format=args.log_format, progress=progress)
    change = bypass(report, catalog, args.format, include_suspect=args.include_suspect)
    detect_render.print_report(env, report, change, args.format, args.json)
    return 0


def cmd_eval(args, env: Environment) -> int:
    """Measure the engine on labelled query sets (eval_command.py)."""
    from .eval_command import run_eval
    return run_eval(args, env, lambda tuning: _engine(args, env, tuning), lambda: _catalog(args, env))


def cmd_bench(args, env: Environment) -> int:
    """Time index building and queries, with the plain baseline beside; or whole processes with --startup."""
    if args.startup:
        return _bench_startup(args, env)
    from pindesk.knowledge.bench import run_bench

    from . import render
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        raise QueryError("--sizes takes whole numbers separated by commas") from None
    if args.queries < 10:
        raise QueryError("--queries must be at least 10")
    results = run_bench(_catalog(args, env), sizes, args.queries,
                        progress=lambda msg: (env.stderr.write(msg + "\n"), env.stderr.flush()))
    if args.json:
        env.print(json.dumps(results, indent=2))
    else:
        env.print(render.bench_text(results))
    return ExitStatus.SUCCESS


def _bench_startup(args, env: Environment) -> int:
    """Time whole processes, cold and warm."""
    from . import render
    from .startup import run_startup
    if args.runs < 1:
        raise QueryError("--runs must be at least 1")
    results = run_startup(args.runs, env.environ, progress=lambda msg: (env.stderr.write(msg + "\n"),
                                                                        env.stderr.flush()))
    env.print(json.dumps(results, indent=2) if args.json else render.startup_text(results))
    return 0


def cmd_config(args, env: Environment) -> int:
    """Print the effective settings: the core's, the service's and the Slack bot's."""
    from pindesk.bots.settings import SETTINGS as SLACK
    from pindesk.knowledge.settings import SETTINGS as CORE
    from pindesk.knowledge.settings import masked
    from pindesk.service.settings import SETTINGS as SERVICE
    for setting, value in masked(CORE + SERVICE + SLACK, env.environ):
        env.print(f"{setting.name}={value}")
        env.print(f"    {setting.help} (default: {setting.default or 'empty'})")
    catalog = _catalog(args, env)
    env.print(f"# catalog: {catalog.source} (version {catalog.version}, {len(catalog.apps)} apps)")
    return ExitStatus.SUCCESS


def cmd_serve(args, env: Environment) -> int:
    """Run the HTTP service: gunicorn, or Flask's reloading development server with --dev."""
    # gunicorn's workers write their metrics to files in one folder, named before the service is imported.
    with contextlib.nullcontext() if args.dev else metrics_folder():
        from pindesk.service.app import create_app
        from pindesk.service.server import gunicorn_options, listen_address, serve
        gunicorn_options(args.host, args.port, env.environ)  # bad numbers stop it before the engine is built
        host, port = listen_address(args.host, args.port, env.environ)
        if env.stdout.isatty():  # a person is watching: where to go first; piped output stays JSON lines only
            env.print(f"pindesk on http://{f'[{host}]' if ':' in host else host}:{port}/ — web form and API")
            env.stdout.flush()
        app = create_app(_service_config(args, env))  # a broken catalog raises CatalogError: one line, exit 2
        if args.dev:
            app.run(host=host, port=port, debug=True, use_reloader=True)
        else:
            serve(app, args.host, args.port, env.environ)
    return ExitStatus.SUCCESS


def cmd_slack(args, env: Environment) -> int:
    """Run the Slack bot over Socket Mode until stopped, with the service's engine and store."""
    from pindesk.bots.settings import SlackSettings
    from pindesk.bots.socket_mode import run, socket_mode_handler
    from pindesk.service.app import create_app
    config = _service_config(args, env)
    settings = SlackSettings.from_config(config)
    for name, value in (("SLACK_APP_TOKEN", settings.app_token), ("SLACK_BOT_TOKEN", settings.bot_token)):
        if not value:
            raise PindeskError(f"{name} is not set: Socket Mode needs the app-level token (xapp-...) "
                               f"and the bot token (xoxb-...)")
    app = create_app(config)
    env.stderr.write(f"{PROG}: Slack bot connecting over Socket Mode; answering {settings.command}\n")
    app.extensions["pindesk_live"].watch()
    app.extensions["pindesk_desk"].start()
    run(socket_mode_handler(app.extensions["pindesk_desk"], settings), settings.web_api_url)
    return ExitStatus.SUCCESS


def _service_config(args, env: Environment) -> dict:
    """The service's settings from the environment, --catalog winning over PINDESK_CATALOG."""
    from pindesk.service.settings import config
    found = config(env.environ)
    found["CATALOG"] = args.catalog or found["CATALOG"]
    return found


COMMANDS = {"ask": cmd_ask, "lookup": cmd_lookup, "apps": cmd_apps, "show": cmd_show,
            "export": cmd_export, "detect": cmd_detect, "eval": cmd_eval, "bench": cmd_bench, "config": cmd_config,
            "serve": cmd_serve, "slack": cmd_slack,
            "chat": lambda args, env: _chat(args, env)}


def run() -> None:
    """Console-script entry point."""
    # The engine's matrix products are a few thousand cells: OpenBLAS's extra threads only spin (on two
    # cores they cost a one-shot command some 70 ms of CPU and gunicorn's workers each other's cores).
    # Set before NumPy is imported; a value already set wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())


if __name__ == "__main__":
    run()
