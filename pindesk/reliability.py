"""The reliability diagram of `pindesk eval --reliability PATH.png`: confidence against being right."""
from __future__ import annotations

from pathlib import Path

from pindesk.knowledge.errors import PindeskError
from pindesk.knowledge.evaluation import CALIBRATION_BINS, reliability_bins

# One colour per split, the same in every drawing, so two diagrams compare at a glance.
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def draw_reliability(reports: dict, path: str | Path) -> Path:
    """Draw each report's accuracy per confidence bin against the diagonal, counts below; write a PNG."""
    try:
        import matplotlib
    except ImportError:
        raise PindeskError("--reliability draws with matplotlib: pip install 'pindesk[eval]'") from None
    matplotlib.use("Agg")  # files only: no display, no GUI toolkit
    from matplotlib import pyplot

    path = Path(path)
    figure, (curve, counts) = pyplot.subplots(2, 1, figsize=(6.4, 7.2), height_ratios=(3, 1), sharex=True)
    curve.plot((0, 1), (0, 1), linestyle="--", color="#888888", linewidth=1, label="perfectly calibrated")
    width = 1.0 / CALIBRATION_BINS / max(1, len(reports))
    for number, (name, report) in enumerate(reports.items()):
        colour = COLOURS[number % len(COLOURS)]
        cells = reliability_bins([(o.confidence, o.right) for o in report.outcomes])
        shown = [(conf, right) for count, conf, right in cells if count]
        curve.plot([c for c, _ in shown], [r for _, r in shown], marker="o", color=colour,
                   label=f"{name}: ECE {report.ece:.3f} ({len(report.outcomes)} queries)")
        lefts = [i / CALIBRATION_BINS + number * width for i in range(CALIBRATION_BINS)]
        counts.bar(lefts, [count for count, _, _ in cells], width=width, align="edge", color=colour)
    curve.set(xlim=(0, 1), ylim=(0, 1), ylabel="share right (first entry acceptable)",
              title="pindesk: confidence against accuracy")
    curve.grid(alpha=0.3)
    curve.legend(loc="upper left", fontsize="small")
    counts.set(xlabel="confidence of the first entry (10 bins)", ylabel="queries")
    counts.grid(alpha=0.3)
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=110)
    except OSError as exc:
        raise PindeskError(f"{path}: cannot write the diagram ({exc.strerror})") from None
    finally:
        pyplot.close(figure)
    return path
