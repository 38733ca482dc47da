"""`pindesk eval`: the figures on one labelled set, or on every shipped split, with a reliability diagram."""
from __future__ import annotations

import json
from pathlib import Path

from pindesk.knowledge.errors import PindeskError
from pindesk.knowledge.evaluation import HELD_OUT, SPLITS, evaluate, load_cases, shipped_splits

from . import render


def run_eval(args, env, build_engine, load_catalog) -> int:
    """Run the evaluation the arguments ask for and print it; `build_engine(tuning)` gives the engine,
    `load_catalog()` the catalog (refitting needs no weights to start from)."""
    from pindesk.knowledge.tuning import Tuning
    try:
        tuning = Tuning().varied(args.tune)
    except ValueError as exc:
        raise PindeskError(str(exc)) from None
    if args.all and args.file:
        raise PindeskError("give a FILE or --all, not both")
    if args.fit:
        return _fit(args, env, load_catalog())
    engine = build_engine(tuning)
    known = {a.id for a in engine.apps} | {a.id for a in engine.articles}
    if args.dialogue:
        return _dialogue(args, env, engine, tuning, known)
    sets = shipped_splits() if args.all else {_split_name(args.file): args.file}
    reports = {name: evaluate(engine, load_cases(path, known_ids=known)) for name, path in sets.items()}
    if args.reliability:
        from .reliability import draw_reliability
        draw_reliability(reports, args.reliability)
    if args.json:
        figures = {name: report.to_dict() for name, report in reports.items()}
        body = {"splits": figures} if args.all else next(iter(figures.values()))
        env.print(json.dumps({**body, "tuning": tuning.to_dict()}, indent=2))
    elif args.all:
        env.print(render.splits_text(reports, show_failures=args.failures, hidden=HELD_OUT))
    else:
        name, report = next(iter(reports.items()))
        env.print(render.eval_text(report, show_failures=args.failures and name != HELD_OUT))
        if args.failures and name == HELD_OUT:
            env.print("\n(failures of the held-out split are not listed: nothing is tuned on it)")
    if args.reliability:
        env.stderr.write(f"reliability diagram written to {args.reliability}\n")
    return 0


def _dialogue(args, env, engine, tuning, known) -> int:
    """Play each query of one set as a person answering pindesk's questions from the catalog."""
    from pindesk.knowledge.simulation import evaluate_dialogue
    if args.all:
        raise PindeskError("--dialogue runs one set: give a FILE or none for the old set")
    report = evaluate_dialogue(engine, load_cases(args.file, known_ids=known))
    failures = args.failures and _split_name(args.file) != HELD_OUT
    figures = {**report.to_dict(), "tuning": tuning.to_dict(), "dialogue_tuning": report.tuning.to_dict()}
    env.print(json.dumps(figures, indent=2) if args.json else render.dialogue_text(report, failures))
    return 0


def _split_name(file) -> str:
    """The split a file is, when it is one of the shipped sets (by file name); else its name."""
    if file is None:
        return "old"
    name = Path(file).name
    return next((split for split, shipped in SPLITS.items() if shipped == name), name)


def _fit(args, env, catalog) -> int:
    """Refit the article chooser on the training splits' and the old set's topic questions, then the combiner
    on the training split and the old set, each choosing on dev; never on held-out."""
    from pindesk.knowledge.article_choice import DEFAULT_CHOOSER, fit_chooser
    from pindesk.knowledge.combiner import FEATURES, Combiner
    from pindesk.knowledge.engine import Engine
    from pindesk.knowledge.fitting import fit
    splits = shipped_splits()
    missing = [name for name in ("old", "train", "dev") if name not in splits]
    if missing:
        raise PindeskError(f"--fit needs the shipped splits; missing: {', '.join(missing)}")
    progress = lambda line: env.stderr.write(line + "\n")  # noqa: E731
    known = {a.id for a in catalog.apps} | {a.id for a in catalog.articles}
    training = [name for name in ("old", "train", "train-2", "train-3", "train-4") if name in splits]
    # The article chooser first (it does not depend on the combiner), so dev judges the combiner's choices
    # with the articles chosen as they will be.
    engine = Engine(catalog, combiner=Combiner(tuple([0.0] * len(FEATURES)), 0.0, 0.5), choose_articles=False)
    model, chosen = fit_chooser(engine, [c for name in training for c in load_cases(splits[name], known_ids=known)],
                                load_cases(splits["dev"], known_ids=known), progress=progress)
    chosen = {**chosen, "fitted_on": [Path(splits[name]).name for name in training],
              "chosen_on": Path(splits["dev"]).name}
    DEFAULT_CHOOSER.write_text(json.dumps({**chosen, **model.to_dict()}, indent=None, separators=(",", ":"))
                               + "\n", encoding="utf-8")
    record = fit(catalog, splits["train"], splits["dev"], splits["old"], progress=progress, article_model=model)
    env.print(json.dumps({**record, "article_chooser": chosen}, indent=2))
    return 0
