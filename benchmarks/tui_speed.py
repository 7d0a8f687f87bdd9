"""How fast ``condiff review`` is ready, and how fast it moves between articles.

Usage::

    .venv/bin/python benchmarks/tui_speed.py                      # the Kazakhstan pair
    .venv/bin/python benchmarks/tui_speed.py OLD NEW --moves 40
    .venv/bin/python benchmarks/tui_speed.py --fixture            # the small test comparison

Two figures (targets from issue 7: first screen <= 1.0 s, move <= 50 ms):

* **first screen**: wall time from launching a fresh interpreter to the first frame of the
  review screen written by the app (headless driver, 120x40), with the redline of the first
  article; then the time until the rights findings are shown too (the rules finish in the
  background). The child process reports the phases (imports, reading, compare, app start).
* **move**: for each `down` key press, the time from sending the key to the next frame the app
  writes (key handling, redraw of the three panels, layout, compositing). Reported as median,
  90th percentile and maximum over ``--moves`` presses; then the same for `r` (next rights
  finding, which also scrolls the redline to the evidence).

Frames are timed by wrapping ``App._display`` (the one place a Textual app writes a frame).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = Path(os.environ.get("CONDIFF_CORPORA_RAW", ROOT.parent / "shared" / "corpora-raw"))
NOTES = Path(os.environ.get("TMPDIR", "/tmp")) / "condiff-tui-speed.notes.yaml"
DEFAULT_PAIR = (str(RAW / "kazakhstan-1995-rev2022-ru.txt"), str(RAW / "kazakhstan-2026-ru.txt"))


def child(args: argparse.Namespace) -> None:
    """Runs in a fresh interpreter: build, show, move; print JSON timings."""
    t_start = float(os.environ["TUI_SPEED_T0"])
    mark = time.time()
    phases: dict[str, float] = {"interpreter start": mark - t_start}

    import asyncio

    sys.path.insert(0, str(ROOT))
    if args.fixture:
        from condiff.tui.app import make_app  # imported here on purpose: it is timed
        from tests.tui_fixture import build_comparison

        app = make_app(build_comparison(), notes_path=NOTES, author="bench")
    else:
        # Exactly what `condiff review OLD NEW` does before app.run().
        from condiff.cli import build_parser
        from condiff.commands.review import prepare

        app = prepare(build_parser().parse_args(
            ["review", args.old, args.new, "--notes", str(NOTES), "--author", "bench"]))
    phases["prepare (read, fork compare, import UI)"] = time.time() - mark
    from condiff.tui.screens.main import MainScreen

    frames: list[tuple[float, bool]] = []
    original = app._display

    def display(*a: object, **k: object) -> None:
        original(*a, **k)  # type: ignore[arg-type]
        frames.append((time.perf_counter(), isinstance(app.screen, MainScreen)))

    app._display = display  # type: ignore[method-assign]
    result: dict[str, object] = {}

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while not any(main for _, main in frames):
                await asyncio.sleep(0.001)
            result["first_screen_s"] = time.time() - t_start
            result["ui_cpu_s"] = time.process_time()
            while app.rules_pending:
                await asyncio.sleep(0.001)
            await pilot.pause()
            result["findings_s"] = time.time() - t_start
            if app.outcome is not None:
                result["compare_wall_s"] = app.outcome.seconds
                result["compare_cpu_aligned_s"] = app.outcome.cpu_aligned
                result["compare_cpu_s"] = app.outcome.cpu_seconds
            result["articles"] = len(app.comparison.alignment)
            result["findings"] = len(app.comparison.findings)
            phases["UI start and wait for the comparison"] = (
                result["first_screen_s"] - sum(phases.values()))  # type: ignore[operator]
            await pilot.pause()

            cpu: dict[str, list[float]] = {"down": [], "r": []}

            async def timed(key: str) -> float:
                seen = len(frames)
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press(key)
                while len(frames) == seen:
                    await asyncio.sleep(0.0005)
                cpu[key].append((time.process_time() - c0) * 1000)
                return (frames[seen][0] - t0) * 1000

            result["move_ms"] = [await timed("down") for _ in range(args.moves)]
            result["finding_ms"] = [await timed("r") for _ in range(min(10, args.moves))]
            result["move_cpu_ms"], result["finding_cpu_ms"] = cpu["down"], cpu["r"]

    asyncio.run(drive())
    result["phases_s"] = phases
    print(json.dumps(result))


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return (f"median {statistics.median(ordered):.1f} ms · p90 {p90:.1f} ms · "
            f"max {ordered[-1]:.1f} ms (n={len(ordered)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", nargs="?", default=DEFAULT_PAIR[0])
    parser.add_argument("new", nargs="?", default=DEFAULT_PAIR[1])
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3, help="fresh launches to time")
    parser.add_argument("--fixture", action="store_true", help="use tests/tui_fixture.py")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    bundled = ":" in args.old and ":" in args.new and not Path(args.old).exists()
    if not args.fixture and not bundled and not (Path(args.old).is_file()
                                                 and Path(args.new).is_file()):
        print(f"missing inputs: {args.old} {args.new} (set CONDIFF_CORPORA_RAW)",
              file=sys.stderr)
        return 2
    runs = []
    for _ in range(args.runs):
        env = dict(os.environ, TUI_SPEED_T0=repr(time.time()))
        cmd = [sys.executable, __file__, args.old, args.new, "--child",
               "--moves", str(args.moves)] + (["--fixture"] if args.fixture else [])
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    name = "fixture" if args.fixture else f"{Path(args.old).name} → {Path(args.new).name}"
    print(f"pair: {name} · {runs[0]['articles']} article pairs · "
          f"{runs[0]['findings']} findings")
    firsts = [r["first_screen_s"] for r in runs]
    print(f"first screen: best {min(firsts):.2f} s · median {statistics.median(firsts):.2f} s "
          f"over {len(runs)} launches (target <= 1.0 s)")
    found = [r["findings_s"] for r in runs]
    print(f"rights findings shown: best {min(found):.2f} s · median "
          f"{statistics.median(found):.2f} s")
    best = min(runs, key=lambda r: r["first_screen_s"])
    print("  phases of the best launch (wall): " + ", ".join(
        f"{k} {v:.2f} s" for k, v in best["phases_s"].items()))
    if "compare_cpu_s" in best:
        print(f"  background compare: {best['compare_wall_s']:.2f} s wall, CPU "
              f"{best['compare_cpu_aligned_s']:.2f} s to the redline, "
              f"{best['compare_cpu_s']:.2f} s with the rules; UI process CPU to first screen "
              f"{best['ui_cpu_s']:.2f} s (on an idle 2-core machine the first screen takes "
              "about the larger of the UI CPU and read + redline CPU)")
    if hasattr(os, "getloadavg"):
        print(f"  load average during the run: {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
    moves = [m for r in runs for m in r["move_ms"]]
    print(f"move to next article: {summary(moves)} (target <= 50 ms)")
    print(f"  CPU per move (key, redraw, pilot overhead): "
          f"{summary([m for r in runs for m in r['move_cpu_ms']])}")
    findings = [m for r in runs for m in r["finding_ms"]]
    print(f"next rights finding (r): {summary(findings)}")
    print(f"  CPU per r: {summary([m for r in runs for m in r['finding_cpu_ms']])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
