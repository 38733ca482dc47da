"""The labelled evaluation set and the figures pindesk is held to."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine
from .errors import CatalogError
from .yamlfile import YAMLSyntaxError, safe_load

EVAL_DIR = Path(__file__).resolve().parent / "eval"
DEFAULT_EVAL = EVAL_DIR / "queries.yaml"
# The shipped sets by split, in the order tables list them. The held-out split is only ever measured:
# nothing is tuned or fitted on it, and its failures are not listed.
SPLITS = {"old": "queries.yaml", "train": "independent-train.yaml", "train-2": "independent-train-2.yaml",
          "train-3": "independent-train-3.yaml", "train-4": "independent-train-4.yaml",
          "dev": "independent-dev.yaml", "held-out": "independent-heldout.yaml"}
HELD_OUT = "held-out"
CALIBRATION_BINS = 10
KINDS = ("app_error", "error_text", "symptom", "typo", "alias", "host", "platform", "topic", "uncovered",
         # the independently written sets (eval/independent-*.yaml): what people really type
         "described", "two_apps", "lookalike_host", "own_domain", "outside_app", "generic_word", "ticket", "chat",
         "log", "foreign", "near_miss")


@dataclass(frozen=True)
class Case:
    """One labelled query: what a person typed and the ids acceptable as the top answer."""

    query: str
    kind: str
    expect: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """Whether the catalog covers the query (else pindesk should abstain)."""
        return bool(self.expect)


@dataclass
class Outcome:
    """How the engine did on one case."""

    case: Case
    answered: bool
    top: tuple[str, ...]
    confidence: float

    @property
    def top1(self) -> bool:
        """Answered, with an acceptable id first."""
        return self.answered and bool(self.top) and self.top[0] in self.case.expect

    @property
    def top3(self) -> bool:
        """An acceptable id among the first three entries shown (answered or closest)."""
        return any(i in self.case.expect for i in self.top[:3])

    @property
    def right(self) -> bool:
        """Whether the first entry listed is acceptable, answered or not: what `confidence` is the chance of."""
        return bool(self.top) and self.top[0] in self.case.expect


@dataclass
class Report:
    """The figures of a run: accuracy, abstention and a per-kind table."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _covered(self):
        return [o for o in self.outcomes if o.case.covered]

    def _uncovered(self):
        return [o for o in self.outcomes if not o.case.covered]

    @property
    def top1(self) -> float:
        """Share of covered queries answered with an acceptable entry first."""
        return _share(self._covered(), lambda o: o.top1)

    @property
    def top3(self) -> float:
        """Share of covered queries with an acceptable entry among the first three."""
        return _share(self._covered(), lambda o: o.top3)

    @property
    def abstain_recall(self) -> float:
        """Share of uncovered queries on which pindesk abstained."""
        return _share(self._uncovered(), lambda o: not o.answered)

    @property
    def abstain_precision(self) -> float:
        """Share of abstentions that were on uncovered queries."""
        abstained = [o for o in self.outcomes if not o.answered]
        return _share(abstained, lambda o: not o.case.covered)

    @property
    def wrongly_abstained(self) -> float:
        """Share of covered queries on which pindesk abstained."""
        return _share(self._covered(), lambda o: not o.answered)

    @property
    def ece(self) -> float:
        """Expected calibration error: the gap between confidence and being right, over equal-width bins."""
        return expected_calibration_error([(o.confidence, o.right) for o in self.outcomes])

    def by_kind(self) -> dict[str, dict]:
        """Per kind: count, top-1, top-3 and the share abstained."""
        groups = defaultdict(list)
        for outcome in self.outcomes:
            groups[outcome.case.kind].append(outcome)
        table = {}
        for kind in sorted(groups, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS)):
            items = groups[kind]
            covered = [o for o in items if o.case.covered]
            table[kind] = {
                "count": len(items),
                "top1": _share(covered, lambda o: o.top1) if covered else None,
                "top3": _share(covered, lambda o: o.top3) if covered else None,
                "abstained": _share(items, lambda o: not o.answered),
            }
        return table

    def failures(self) -> list[Outcome]:
        """Covered queries not answered right first, and uncovered ones answered."""
        return [o for o in self.outcomes if (o.case.covered and not o.top1)
                or (not o.case.covered and o.answered)]

    def to_dict(self) -> dict:
        """JSON form of the figures."""
        return {"queries": len(self.outcomes), "covered": len(self._covered()),
                "uncovered": len(self._uncovered()), "top1": self.top1, "top3": self.top3,
                "abstain_precision": self.abstain_precision, "abstain_recall": self.abstain_recall,
                "wrongly_abstained": self.wrongly_abstained, "ece": self.ece, "by_kind": self.by_kind()}


def _share(items, predicate) -> float:
    """The share of items for which the predicate holds (1.0 for none)."""
    return sum(1 for i in items if predicate(i)) / len(items) if items else 1.0


def expected_calibration_error(points: list[tuple[float, bool]], bins: int = CALIBRATION_BINS) -> float:
    """Sum over bins of confidence of (share of points in the bin) x |mean confidence - share right|."""
    if not points:
        return 0.0
    return sum(count * abs(conf - right) for count, conf, right in reliability_bins(points, bins)) / len(points)


def reliability_bins(points: list[tuple[float, bool]], bins: int = CALIBRATION_BINS) -> list[tuple[int, float, float]]:
    """Per bin of confidence: how many points, their mean confidence and the share right (0s when empty).

    Bin i holds confidences in [i/bins, (i+1)/bins); a confidence of 1.0 goes in the last bin.
    """
    totals = [[0, 0.0, 0] for _ in range(bins)]
    for confidence, right in points:
        cell = totals[min(bins - 1, max(0, int(confidence * bins)))]
        cell[0] += 1
        cell[1] += confidence
        cell[2] += bool(right)
    return [(count, conf / count if count else 0.0, right / count if count else 0.0) for count, conf, right in totals]


def shipped_splits() -> dict[str, Path]:
    """The shipped evaluation sets that exist, by split name."""
    return {name: EVAL_DIR / file for name, file in SPLITS.items() if (EVAL_DIR / file).exists()}


def load_cases(path: str | Path | None = None, known_ids: set[str] | None = None) -> list[Case]:
    """Read an evaluation file: a YAML list of {query, kind, expect}."""
    path = Path(path) if path else DEFAULT_EVAL
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: evaluation file not found") from None
    except (OSError, UnicodeDecodeError, YAMLSyntaxError) as exc:
        raise CatalogError(f"{path}: cannot read the evaluation set ({exc})") from None
    if not isinstance(data, list) or not data:
        raise CatalogError(f"{path}: expected a non-empty list of {{query, kind, expect}}")
    cases = []
    for index, item in enumerate(data):
        label = f"{path}: item {index}"
        if not isinstance(item, dict) or not isinstance(item.get("query"), str):
            raise CatalogError(f"{label}: missing field 'query'")
        if set(item) - {"query", "kind", "expect"}:
            raise CatalogError(f"{label}: unknown field {sorted(set(item) - {'query', 'kind', 'expect'})[0]!r}")
        kind = item.get("kind")
        if kind not in KINDS:
            raise CatalogError(f"{label}: field 'kind': {kind!r} is not one of {', '.join(KINDS)}")
        expect = item.get("expect") or []
        if not isinstance(expect, list) or any(not isinstance(e, str) for e in expect):
            raise CatalogError(f"{label}: field 'expect': expected a list of ids")
        if known_ids is not None:
            for entry in expect:
                if entry not in known_ids:
                    raise CatalogError(f"{label}: field 'expect': unknown id {entry!r}")
        cases.append(Case(query=item["query"], kind=kind, expect=tuple(expect)))
    return cases


def evaluate(engine: Engine, cases: list[Case]) -> Report:
    """Ask every case and collect the outcomes."""
    report = Report()
    for case in cases:
        answer = engine.ask(case.query)
        report.outcomes.append(Outcome(case=case, answered=answer.answered,
                                       top=tuple(m.id for m in answer.matches),
                                       confidence=answer.confidence))
    return report
