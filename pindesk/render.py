"""Plain-text renderings of answers and catalog entries for the terminal."""
from __future__ import annotations

import textwrap

from pindesk.knowledge.answer import ABSTAINED, AMBIGUOUS, UNLISTED_ARTICLE, Answer, Match
from pindesk.knowledge.catalog import App, Catalog, Lookup

WIDTH = 88


def _wrap(text: str, indent: str = "  ", hanging: str | None = None) -> str:
    """Wrap a paragraph to the terminal width with an indent (and a hanging one for lists)."""
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=hanging or indent)


def answer_text(answer: Answer, catalog: Catalog) -> str:
    """A readable answer: app, confidence, what to do, domains, caveats, why."""
    lines = []
    if answer.outcome == ABSTAINED:
        lines.append(f"Not in the catalog (confidence {answer.confidence:.2f})")
        lines.append(_wrap(answer.message))
        if answer.matches:
            lines.append("Closest entries:")
            lines += [f"  - {m.app.display_name} [{m.id}] ({m.score:.2f})" for m in answer.matches if m.app]
        lines += _see_also(answer, catalog)
        return "\n".join(lines)
    if answer.matches and answer.matches[0].article:
        article = answer.matches[0].article
        lines.append(f"{article.title} (confidence {answer.confidence:.2f})")
        lines.append(_wrap(article.summary))
        lines.append(f"  Read it: pindesk show --article {article.id}")
        others = [m for m in answer.matches[1:]]
        if others:
            lines.append("Related: " + ", ".join(m.article.title for m in others))
        return "\n".join(lines)
    if answer.outcome == AMBIGUOUS:
        lines.append(f"Several entries fit equally (confidence {answer.confidence:.2f}):")
        for match in answer.candidates:
            lines.append("")
            lines += app_text(match.app, match)
    else:
        match = answer.matches[0]
        lines.append(f"{match.app.display_name} (confidence {answer.confidence:.2f})")
        lines += app_text(match.app, match)[1:]
    for caveat in answer.caveats:
        lines.append("Caveat: " + caveat)
    lines += _see_also(answer, catalog)
    return "\n".join(lines)


def _see_also(answer: Answer, catalog: Catalog) -> list[str]:
    """Lines pointing at the articles the answer refers to."""
    lines = []
    for article_id in answer.see_also:
        article = catalog.article(article_id)
        lines.append(f"See also: {article.title} (pindesk show --article {article.id})")
    return lines


def app_text(app: App, match: Match | None = None) -> list[str]:
    """An app's entry: name, platforms, errors, what to do, domains, caveats, links."""
    rec = app.recommendation
    lines = [f"{app.display_name} [{app.id}]"]
    if app.title and app.title != app.name:
        lines.append(f"  Catalog name: {app.name}")
    lines.append(f"  Breaks on: {app.platform_source}")
    if app.error_messages:
        lines.append("  Error shown: " + " / ".join(f'"{e}"' for e in app.error_messages))
    lines.append("What to do:")
    lines.append(_wrap(rec.summary))
    lines += [_wrap(f"{n}. {step}", "  ", "     ") for n, step in enumerate(rec.steps, 1)]
    if app.required_domains:
        lines.append("Domains to exempt:")
        lines += [f"  {d}" for d in app.required_domains]
    if app.optional_domains:
        lines.append("If it still fails, also exempt:")
        lines += [f"  {d}" for d in app.optional_domains]
    if app.also_exempt_apps:
        lines.append("Cloud apps to exempt as well: " + ", ".join(app.also_exempt_apps))
    if not app.exempt_domains:
        lines.append("Domains: none listed; exempt the cloud application, or find its hosts "
                     "(pindesk show --article unlisted-apps).")
    lines.append("Notes:")
    lines.append(_wrap(app.notes))
    lines += [_wrap("Caveat: " + c) for c in app.caveats]
    lines += [f"  {link.title}: {link.url}" for link in app.links]
    if match and match.why:
        lines.append("Why it matched:")
        lines += [_wrap(f"- {r.field}: \"{r.text}\"" + (f" (your words: {r.matched})" if r.matched else ""),
                        "  ", "    ") for r in match.why]
    return lines


def lookup_text(lookup: Lookup) -> str:
    """Which apps' lists cover a host, one line each, or where to turn when none does."""
    if not lookup.matches:
        return (f"{lookup.host}: in no app's list. If an app fails on it, see "
                f"`pindesk show --article {UNLISTED_ARTICLE}`.")
    lines = []
    for app, rule in lookup.matches:
        how = "exact host" if not rule.wildcard else "domain and subdomains"
        extra = "" if rule.kind == "required" else f", {rule.kind}"
        lines.append(f"{lookup.host}: {app.display_name} [{app.id}] via {rule.pattern} ({how}{extra})")
    return "\n".join(lines)


def apps_table(apps) -> str:
    """One line per app: id, catalog name, platforms, number of domains."""
    width = max(len(app.id) for app in apps)
    return "\n".join(f"{app.id:<{width}}  {app.name}  ({app.platform_source}; "
                     f"{plural(len(app.exempt_domains), 'domain')})" for app in apps)


def plural(count: int, noun: str) -> str:
    """"1 domain", "2 domains"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def article_text(article) -> str:
    """An article in full."""
    return f"{article.title}\n\n{article.body}\n"


def eval_text(report, show_failures: bool = False) -> str:
    """The evaluation figures and a per-kind table."""
    figures = report.to_dict()
    lines = [f"queries: {figures['queries']} ({figures['covered']} covered, {figures['uncovered']} not covered)",
             f"top-1 accuracy (covered):      {report.top1:.3f}",
             f"top-3 accuracy (covered):      {report.top3:.3f}",
             f"abstain precision:             {report.abstain_precision:.3f}",
             f"abstain recall (not covered):  {report.abstain_recall:.3f}",
             f"wrongly abstained (covered):   {report.wrongly_abstained:.3f}",
             f"calibration error (ECE):       {report.ece:.3f}",
             "",
             f"{'kind':<12} {'count':>5} {'top-1':>6} {'top-3':>6} {'abstained':>9}"]
    for kind, row in report.by_kind().items():
        top1 = "-" if row["top1"] is None else f"{row['top1']:.3f}"
        top3 = "-" if row["top3"] is None else f"{row['top3']:.3f}"
        lines.append(f"{kind:<12} {row['count']:>5} {top1:>6} {top3:>6} {row['abstained']:>9.3f}")
    if show_failures:
        lines += ["", "failures:", *_failure_lines(report)]
    return "\n".join(lines)


def _failure_lines(report) -> list[str]:
    """Each query answered wrong or not abstained on: what was wanted and what came."""
    lines = []
    for outcome in report.failures():
        got = ", ".join(outcome.top[:3]) or "-"
        state = "answered" if outcome.answered else "abstained"
        want = ", ".join(outcome.case.expect) or "(abstain)"
        lines.append(f"  [{outcome.case.kind}] {outcome.case.query!r}\n      want {want}; "
                     f"{state} {outcome.confidence:.2f}: {got}")
    return lines


def splits_text(reports: dict, show_failures: bool = False, hidden: str = "") -> str:
    """Every split's figures in one table, then top-1 (covered) or share abstained (not covered) per kind."""
    lines = [f"{'split':<10} {'queries':>7} {'top-1':>6} {'top-3':>6} {'abst.rec':>8} {'abst.prec':>9} "
             f"{'wrong.abst':>10} {'ECE':>6}"]
    for name, report in reports.items():
        lines.append(f"{name:<10} {len(report.outcomes):>7} {report.top1:>6.3f} {report.top3:>6.3f} "
                     f"{report.abstain_recall:>8.3f} {report.abstain_precision:>9.3f} "
                     f"{report.wrongly_abstained:>10.3f} {report.ece:>6.3f}")
    tables = {name: report.by_kind() for name, report in reports.items()}
    kinds = list(dict.fromkeys(kind for table in tables.values() for kind in table))
    lines += ["", "per kind: top-1 where the catalog covers the query, else share abstained (a = abstain)",
              f"{'kind':<15}" + "".join(f" {name:>13}" for name in reports)]
    for kind in kinds:
        cells = []
        for table in tables.values():
            row = table.get(kind)
            if row is None:
                cells.append("-")
            elif row["top1"] is None:
                cells.append(f"a {row['abstained']:.3f} ({row['count']})")
            else:
                cells.append(f"{row['top1']:.3f} ({row['count']})")
        lines.append(f"{kind:<15}" + "".join(f" {cell:>13}" for cell in cells))
    if show_failures:
        for name, report in reports.items():
            shown = ["  (not listed: nothing is tuned on this split)"] if name == hidden else _failure_lines(report)
            lines += ["", f"failures ({name}):", *shown]
    return "\n".join(lines)


def bench_text(results: dict) -> str:
    """The benchmark figures, pindesk beside the plain baseline."""
    lines = [f"{'catalog':<22} {'build s':>8} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8}   "
             f"{'baseline build s':>16} {'p50 ms':>7} {'p99 ms':>7}"]
    for row in results["runs"]:
        base = row.get("baseline") or {}
        lines.append(f"{row['catalog']:<22} {row['build_s']:>8.2f} {row['p50_ms']:>8.3f} {row['p99_ms']:>8.3f} "
                     f"{row['mean_ms']:>8.3f}   {base.get('build_s', float('nan')):>16.2f} "
                     f"{base.get('p50_ms', float('nan')):>7.3f} {base.get('p99_ms', float('nan')):>7.3f}")
    lines.append("")
    lines.append(f"queries per catalog: {results['queries']}; machine: {results['machine']}")
    return "\n".join(lines)


def dialogue_text(report, show_failures: bool = False) -> str:
    """The dialogue evaluation's figures, the single-turn ones beside them."""
    figures = report.to_dict()
    single, talk, missed = figures["single_turn"], figures["dialogue"], figures["missed_first_turn"]
    rows = [("right, covered (top-1)", single["top1"], talk["top1"]),
            ("right, not covered (no app named)", single["abstain_recall"], talk["abstain_recall"]),
            ("wrongly answered", single["wrongly_answered"], talk["wrongly_answered"]),
            ("resolved on the first turn", None, talk["resolved_first_turn"]),
            ("resolved within two questions", None, talk["resolved_within_two"]),
            ("average questions asked", 0.0, talk["average_questions"])]
    lines = [f"queries: {figures['queries']} ({figures['covered']} covered, {figures['uncovered']} not covered), "
             f"each played as a person answering from the catalog", "",
             f"{'':<36} {'single-turn':>11} {'dialogue':>9}"]
    lines += [f"{label:<36} {'-' if one is None else f'{one:.3f}':>11} {two:>9.3f}" for label, one, two in rows]
    share = missed["resolved_within_two"] / missed["count"] if missed["count"] else 1.0
    lines += ["", f"covered queries not right on the first turn: {missed['count']}; resolved within two "
                  f"questions: {missed['resolved_within_two']} ({share:.3f})",
              f"right on the first turn, wrong after the questions: {figures['became_wrong']}"]
    if show_failures:
        lines += ["", "not right at the end:"]
        for played in report.failures():
            want = ", ".join(played.case.expect) or "(no app)"
            got = played.last.matches[0].id if played.last.answered and played.last.matches else "(no app)"
            asked = "; ".join(f"{q.kind}? {reply}" for q, reply in played.exchanges) or "no question"
            lines.append(f"  [{played.case.kind}] {played.case.query!r}\n      want {want}; got {got} ({asked})")
    return "\n".join(lines)


def startup_text(results: dict) -> str:
    """Whole-process start-up times, cold (the catalog's index not yet built) and warm, in a table."""
    lines = [f"{results['runs']} runs each, {results['timer']}; {results['machine']}; "
             f"load average {results['load']:.2f} at the start",
             f"{'command':48} {'cold: median':>12} {'min':>6} {'cpu':>6}  {'warm: median':>12} {'min':>6} {'cpu':>6}"]
    for row in results["commands"]:
        cells = [f"{row[state]['median_s']:11.3f}s {row[state]['min_s']:5.3f}s {row[state]['cpu_s']:5.3f}s"
                 for state in ("cold", "warm")]
        lines.append(f"{row['command']:48} {cells[0]}  {cells[1]}")
    return "\n".join(lines)
