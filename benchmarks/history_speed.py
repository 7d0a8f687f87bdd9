"""A history of n versions against the n−1 ``condiff check`` runs it replaces, side by side.

The question a CI job asks of a series of versions: is ``condiff history V1 … Vn`` (each
version read once, the steps compared in parallel) cheaper than running ``condiff check`` on
each consecutive pair one after another? Both are whole processes, started the same way
(``python -m condiff`` from compiled bytecode, output to a temporary file), measured in the same
minute and interleaved round by round, so a noisy shared machine slows both alike; the figure
is the ratio of the medians (target: at most 0.8 on 2 cores).

Memory: the peak proportional set size of the history's whole process tree (its own process
plus the step workers, sampled every 10 ms from ``/proc``; pages the forked workers share with
it counted once) against one ``condiff check``: the bound the design promises is about one
check per worker in flight plus the versions and results held by the parent.

    python benchmarks/history_speed.py                      # Spain 1978 → 2024, 4 versions
    python benchmarks/history_speed.py --series spain --series chile --reps 7
    python benchmarks/history_speed.py --out -              # tables to the terminal only

Writes ``benchmarks/HISTORY.md`` unless ``--out -``. The texts are read from
``../shared/corpora-raw`` (``CONDIFF_CORPORA_RAW``); nothing is stored in the repository.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SERIES: dict[str, tuple[str, ...]] = {
    "spain": ("spain-1978-es", "spain-1978-rev1992-es", "spain-1978-rev2011-es",
              "spain-1978-rev2024-es"),
    "chile": ("chile-1980-es", "chile-1980-rev2005-es", "chile-1980-rev2012-es",
              "chile-1980-rev2018-es"),
    "mexico": ("mexico-1917-es", "mexico-1917-rev2011-es", "mexico-1917-rev2025-es"),
    "switzerland": ("switzerland-1874-en", "switzerland-1999-en", "switzerland-1999-rev2002-en"),
    # Bundled with condiff (names, not files): for a quick check that the script works.
    "lorvan": ("lorvan:2001", "lorvan:2008", "lorvan:2015", "lorvan:2022"),
}
TARGET = 0.8


def corpora() -> Path:
    env = os.environ.get("CONDIFF_CORPORA_RAW")
    return Path(env) if env else ROOT.parent / "shared" / "corpora-raw"


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """(proportional set size, KB, of the process and all its descendants; resident size of
    its largest single process). PSS splits the pages forked workers share with their parent
    among them, so the tree's figure counts each page once; RSS would count them per process."""
    total = largest = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        largest = max(largest, int(line.split()[1]))
                    elif line.startswith("Pss:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total, largest


#: Filled by :func:`main`: the environment every measured command runs in.
ENV: dict[str, str] = {}


def run(argv: list[str]) -> tuple[float, float, float, int, float]:
    """Run one command: (wall seconds, peak PSS of the process tree MB, peak RSS of its largest
    process MB, exit, CPU seconds of the command and its workers)."""
    env = ENV or dict(os.environ)
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        peak = [0, 0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                total, largest = _tree_memory_kb(proc.pid)
                peak[0] = max(peak[0], total)
                peak[1] = max(peak[1], largest)
                done.wait(0.01)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
    # The workers are waited for by the command, so their CPU time is in its usage.
    return wall, peak[0] / 1024, peak[1] / 1024, code, usage.ru_utime + usage.ru_stime


def measure(series: str, names: list[str], reps: int) -> list[str]:
    """The table of one series (Markdown lines); raises SystemExit(2) if a command fails."""
    condiff = [sys.executable, "-m", "condiff"]
    commands = {
        "history": [*condiff, "history", *names],
        "history --jobs 1": [*condiff, "history", *names, "--jobs", "1"],
        "history --jobs 2": [*condiff, "history", *names, "--jobs", "2"],
        "history --format json": [*condiff, "history", *names, "--format", "json"],
    }
    checks = [[*condiff, "check", a, b] for a, b in itertools.pairwise(names)]
    diffs = [[*condiff, "diff", a, b, "--format", "json"]
             for a, b in itertools.pairwise(names)]
    # One warm-up of each, so the first round does not pay for a cold disk cache.
    for argv in [*commands.values(), *checks]:
        run(argv)
    times: dict[str, list[float]] = {k: [] for k in [*commands, "checks", "diffs"]}
    cpu: dict[str, list[float]] = {k: [] for k in times}
    tree: dict[str, float] = {k: 0.0 for k in times}
    single: dict[str, float] = {k: 0.0 for k in times}
    for rep in range(reps):
        order = [*list(commands.items()), ("checks", None), ("diffs", None)]
        if rep % 2:
            order.reverse()
        for key, argv in order:
            if argv is None:
                parts = [run(c) for c in (checks if key == "checks" else diffs)]
                wall = sum(p[0] for p in parts)
                cpu[key].append(sum(p[4] for p in parts))
                tree[key] = max(tree[key], *(p[1] for p in parts))
                single[key] = max(single[key], *(p[2] for p in parts))
            else:
                wall, t_mb, s_mb, code, seconds = run(argv)
                cpu[key].append(seconds)
                if code not in (0, 1):
                    print(f"history_speed: {' '.join(argv)} exited {code}", file=sys.stderr)
                    raise SystemExit(2)
                tree[key] = max(tree[key], t_mb)
                single[key] = max(single[key], s_mb)
            times[key].append(wall)
        print(f"{series}: round {rep + 1}/{reps}", file=sys.stderr)
    med = {k: statistics.median(v) for k, v in times.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    n = len(names)
    ratio = med["history"] / med["checks"]
    lines = [
        f"## {series.capitalize()}: {n} versions, {n - 1} steps",
        "",
        f"Load average {os.getloadavg()[0]:.1f} when the series was done.",
        "",
        "| command | median s | min s | max s | CPU s | tree PSS MB | largest process RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {"checks": f"{n - 1} × `condiff check` (one after another)",
              "diffs": f"{n - 1} × `condiff diff --format json` (one after another)"}
    for key in times:
        label = labels.get(key, f"`condiff {key}`")
        lines.append(f"| {label} | {med[key]:.3f} | {min(times[key]):.3f} | "
                     f"{max(times[key]):.3f} | {med_cpu[key]:.3f} | {tree[key]:.0f} | "
                     f"{single[key]:.0f} |")
    json_ratio = med["history --format json"] / med["diffs"]
    verdict = "meets" if ratio <= TARGET else "misses"
    lines += [
        "",
        f"**Ratio history / checks: {ratio:.2f}** ({verdict} the target ≤ {TARGET}); "
        f"with every redline made and written as JSON, history / diffs: {json_ratio:.2f}; "
        f"two workers against one process: "
        f"{med['history --jobs 2'] / med['history --jobs 1']:.2f}. "
        "CPU time (all processes) history / checks: "
        f"{med_cpu['history'] / med_cpu['checks']:.2f}, the ratio on a machine with no spare "
        "core.",
        "",
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", choices=sorted(SERIES), action="append",
                        help="a series to measure (repeatable; default: spain)")
    parser.add_argument("--reps", type=int, default=9, help="rounds (default 9)")
    parser.add_argument("--out", default=str(HERE / "HISTORY.md"),
                        help="report file, or - for the terminal only")
    args = parser.parse_args()
    chosen = args.series or ["spain"]
    files = {name: [text if ":" in text else str(corpora() / f"{text}.txt")
                    for text in SERIES[name]] for name in chosen}
    missing = [f for fs in files.values() for f in fs if ":" not in f and not Path(f).is_file()]
    if missing:
        print(f"history_speed: {missing[0]} not found (set CONDIFF_CORPORA_RAW)",
              file=sys.stderr)
        return 2
    compileall.compile_dir(str(ROOT / "condiff"), quiet=1)
    # A pack cache of this run's own (filled by the warm-up): the shared one in ~/.cache may
    # be rewritten meanwhile by another checkout's condiff, which would make runs parse packs.
    cache = tempfile.mkdtemp(prefix="condiff-bench-cache-")
    ENV.update({k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    ENV["CONDIFF_CACHE_DIR"] = cache
    lines = [
        "# A history against the separate checks it replaces",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work, Python "
        f"{platform.python_version()}, by `python benchmarks/history_speed.py"
        + "".join(f" --series {name}" for name in chosen) + f" --reps {args.reps}`: "
        "commands interleaved round by round (order reversed every other round), median wall "
        "time of whole processes (`python -m condiff`, compiled bytecode); CPU: user + system "
        "time of the command and its step workers. Memory: the peak proportional set size of "
        "the whole process tree (the command and its step workers; pages forked workers share "
        "with the command counted once), and the peak resident size of its largest process, "
        "sampled every 10 ms. `condiff history` without `--jobs` uses worker processes only "
        "when the steps are long enough to gain from them (docs/history.md).",
        "",
    ]
    try:
        for name in chosen:
            lines += measure(name, files[name], args.reps)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    text = "\n".join(lines)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
