"""Where condiff's time goes: wall time per pipeline phase, and the hot functions.

The results table says how long a command takes; this says why, so whoever owns the slow stage
knows where to look. Two probes, each run in a fresh interpreter (as a user's command would be):

    python benchmarks/hotspots.py phases OLD NEW        # JSON: seconds per phase
    python benchmarks/hotspots.py profile OLD NEW       # JSON: top functions of `condiff check`

Phases are timed with ``perf_counter`` around the public calls (no profiler, so the figures are
true wall time): imports, reading both documents, alignment with redlines (up to
``compare``'s ``on_aligned`` callback), the rights rules (the rest of ``compare``, including
loading the rule packs), then rendering JSON and Markdown. The profile runs ``condiff check``
under cProfile, which inflates code that makes many small calls: use its shares to rank
functions, and the phase times for how long things really take.
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def phases(old: str, new: str) -> dict[str, float]:
    """Seconds per phase of ``condiff diff``/``check`` for one pair, in this process."""
    marks: dict[str, float] = {}
    t = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    import condiff
    from condiff.pipeline import compare

    marks["imports"] = time.perf_counter() - t
    t = time.perf_counter()
    old_doc, new_doc = condiff.load(old), condiff.load(new)
    marks["read both documents"] = time.perf_counter() - t
    aligned: list[float] = []
    t = time.perf_counter()
    comparison = compare(old_doc, new_doc, on_aligned=lambda _c: aligned.append(
        time.perf_counter()))
    end = time.perf_counter()
    marks["align + redline"] = (aligned[0] if aligned else end) - t
    marks["rights rules"] = end - (aligned[0] if aligned else end)
    for fmt in ("json", "md"):
        t = time.perf_counter()
        try:
            from condiff.render import render

            render(comparison, fmt)
        except ImportError:
            continue
        marks[f"render {fmt}"] = time.perf_counter() - t
    return marks


def profile(old: str, new: str, top: int = 16) -> dict[str, Any]:
    """The functions of condiff where ``condiff check OLD NEW`` spends its time."""
    sys.path.insert(0, str(ROOT))
    from condiff.cli import main

    profiler = cProfile.Profile()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        profiler.enable()
        with contextlib.suppress(SystemExit):
            main(["check", old, new])
        profiler.disable()
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in stats.values())
    rows: list[dict[str, Any]] = []
    for (filename, _line, function), (_cc, calls, self_s, cum_s, _callers) in stats.items():
        path = Path(filename)
        if "condiff" not in path.parts or path.name in ("cli.py", "__main__.py"):
            continue
        if "commands" in path.parts or function.startswith("<"):
            continue  # the command shell and comprehensions: their callers say more
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        rows.append({"function": f"{rel}:{function}", "cum_share": cum_s / total,
                     "self_share": self_s / total, "calls": calls})
    rows.sort(key=lambda r: -r["cum_share"])
    return {"total_s_under_profiler": total, "functions": rows[:top]}


def main(argv: list[str]) -> int:
    """``hotspots.py phases|profile OLD NEW``: print JSON."""
    if len(argv) != 3 or argv[0] not in ("phases", "profile"):
        print("usage: hotspots.py phases|profile OLD NEW", file=sys.stderr)
        return 2
    probe = phases if argv[0] == "phases" else profile
    print(json.dumps(probe(argv[1], argv[2])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
