"""The plot of time against document size, from the figures ``run.py`` measured.

Log-log axes, so a straight line's slope is the growth exponent: condiff's lines should run
parallel to git's (linear), the whole-document word diffs steeper. The growth series are lines,
the real pairs single labelled points. Needs matplotlib (the ``bench`` extra); nothing else in
condiff imports it.

    python benchmarks/plot.py benchmarks/results.json benchmarks/time-vs-size.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: Tools drawn, with their line style: condiff's commands solid, the baselines dashed.
SERIES: tuple[tuple[str, str, str], ...] = (
    ("condiff-check", "condiff check", "-"),
    ("condiff-diff-json", "condiff diff --format json", "-"),
    ("git", "git diff --word-diff", "--"),
    ("wdiff", "GNU wdiff", "--"),
    ("redlines", "redlines", "--"),
)


def _points(results: dict[str, Any], key: str) -> tuple[list[tuple[int, float]], list[Any]]:
    growth: list[tuple[int, float]] = []
    copies = ((results.get("growth") or {}).get("modes") or {}).get("copies")
    if copies:
        for case in copies["cases"]:
            for row in case["rows"]:
                if row["key"] == key and row["status"] == "ok":
                    growth.append((case["words"], row["median"]))
    pairs: list[Any] = []
    for pair in results.get("pairs", []):
        for row in pair["rows"]:
            if row["key"] == key and row["status"] in ("ok", "cap"):
                words = pair["words_old"] + pair["words_new"]
                pairs.append((words, row["median"], pair["key"], row["status"] == "cap"))
    return growth, pairs


def plot_results(results: dict[str, Any], path: Path) -> None:
    """Draw ``results`` (as written by run.py) into the PNG ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 6), dpi=110)
    marked: dict[str, int] = {}
    for n, (key, label, style) in enumerate(SERIES):
        color = f"C{n}"
        growth, pairs = _points(results, key)
        if growth:
            xs, ys = zip(*growth, strict=True)
            ax.plot(xs, ys, style, marker="o", color=color, label=f"{label} (growth)")
        for words, seconds, name, capped in pairs:
            ax.scatter([words], [seconds], marker="^" if capped else "s", color=color,
                       edgecolors="black", zorder=3, label=None if growth else label)
            marked[name] = words
    # One faint line per real pair, named once at the bottom, instead of a label on every point.
    for name, words in marked.items():
        ax.axvline(words, color="grey", alpha=0.25, linewidth=1)
        ax.annotate(name, (words, 0.01), xycoords=("data", "axes fraction"), rotation=90,
                    va="bottom", ha="right", fontsize=7, color="dimgrey")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("words (old + new document)")
    ax.set_ylabel("median wall time, seconds (log)")
    base = ((results.get("growth") or {}).get("base")) or "no growth series"
    ax.set_title(f"Time against size — lines: {base} ×1…×16; squares: real pairs "
                 "(triangles: stopped at the cap)\n"
                 f"{results['machine']['cpu']}, {results['machine']['cores']} cores, "
                 f"{results['date']}", fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def main(argv: list[str]) -> int:
    """``plot.py RESULTS.json OUT.png``."""
    if len(argv) != 2:
        print("usage: plot.py RESULTS.json OUT.png", file=sys.stderr)
        return 2
    plot_results(json.loads(Path(argv[0]).read_text(encoding="utf-8")), Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
