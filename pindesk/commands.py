"""What each `pindesk` subcommand does; each takes the parsed arguments and the Environment.

Heavy modules are imported by the command that uses them: `pindesk --help` or `pindesk apps` should not
pay for the engine's, the YAML reader's or the service's imports (tests/test_startup.py checks it).
"""
from __future__ import annotations

import contextlib
import json

from pindesk.knowledge.answer import MAX_MATCHES
from pindesk.knowledge.errors import PindeskError, QueryError

from .environment import PROG, Environment, ExitStatus
from .metrics_folder import metrics_folder
from .proxy_text import advice_text, chosen_proxy, show_app


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
