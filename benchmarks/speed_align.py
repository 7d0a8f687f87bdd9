"""Speed of alignment + redlines: the figures quoted in the README.

Measures, on the real texts in ``../shared/corpora-raw`` (or ``CONDIFF_CORPORA_RAW``):

- Kazakhstan 1995 (rev. 2022) → 2026: ``compare()`` in-process, median of several runs, without
  and with the rights rules (targets: <= 150 ms for alignment + redlines); and alignment alone
  (``align_documents(..., redlines=False)``: features, candidates, scoring, assignment, groups,
  paragraph alignment — what ``condiff check`` pays), the same for India;
- ``condiff diff --format json`` on the same pair, wall time of the whole process (<= 0.4 s);
- India 1949 → India as amended 2012, wall time of ``condiff diff --format json`` (<= 3 s);
- growth: ``compare()`` on 1×, 2×, 4×, 8× the Kazakhstan pair (each side made of renumbered
  concatenated copies), with the fitted exponent of time against size (target <= 1.2).

Usage::

    python benchmarks/speed_align.py            # everything
    python benchmarks/speed_align.py --quick    # fewer repetitions
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from condiff.align import align_documents
from condiff.model import Document, Provision, finalize
from condiff.pipeline import compare
from condiff.read import read_document

ROOT = Path(__file__).resolve().parent.parent
KZ_OLD, KZ_NEW = "kazakhstan-1995-rev2022-ru.txt", "kazakhstan-2026-ru.txt"
IN_OLD, IN_NEW = "india-1949-en.txt", "india-1949-rev2012-en.txt"


def raw_dir() -> Path:
    env = os.environ.get("CONDIFF_CORPORA_RAW")
    return Path(env) if env else ROOT.parent / "shared" / "corpora-raw"


def median_ms(fn: object, runs: int) -> float:
    """Median wall time in ms; the CPU time of the same runs goes to ``LAST_CPU``."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    LAST_CPU[0] = statistics.median(cpu) * 1000
    return statistics.median(times) * 1000


LAST_CPU = [0.0]


def wall(argv: list[str], runs: int) -> str:
    """Median wall and CPU seconds of a whole ``condiff`` process, formatted."""
    exe = Path(sys.executable).parent / "condiff"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "condiff"]
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*cmd, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return f"{statistics.median(times):5.2f} s wall, {statistics.median(cpu):5.2f} s CPU"


def copies(doc: Document, k: int) -> Document:
    """``k`` concatenated copies of a document, articles renumbered throughout."""
    provs: list[Provision] = []
    n = 0

    def renumber(p: Provision) -> Provision:
        nonlocal n
        if p.is_unit and p.kind != "preamble":
            n += 1
            return replace(p, label=str(n), id="", ref="")
        return replace(p, id="", ref="", children=tuple(renumber(c) for c in p.children))

    for _ in range(k):
        provs.extend(renumber(p) for p in doc.provisions)
    return finalize(replace(doc, provisions=tuple(provs)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = ap.parse_args(argv)
    runs = 3 if args.quick else 9
    folder = raw_dir()
    if not (folder / KZ_OLD).exists():
        print(f"reference texts not found in {folder}", file=sys.stderr)
        return 2
    old, new = read_document(folder / KZ_OLD), read_document(folder / KZ_NEW)
    compare(old, new, rules=False)  # warm up imports and caches
    plain = median_ms(lambda: compare(old, new, rules=False), runs)
    print(f"Kazakhstan compare() without rules: {plain:7.1f} ms median wall, "
          f"{LAST_CPU[0]:7.1f} ms CPU  (target <= 150 ms)")
    try:
        ruled = median_ms(lambda: compare(old, new), runs)
        print(f"Kazakhstan compare() with rules:    {ruled:7.1f} ms median wall, "
              f"{LAST_CPU[0]:7.1f} ms CPU")
    except ModuleNotFoundError:
        print("Kazakhstan compare() with rules:    (condiff.rules not installed)")
    only = median_ms(lambda: align_documents(old, new, redlines=False), runs)
    print(f"Kazakhstan alignment alone:         {only:7.1f} ms median wall, "
          f"{LAST_CPU[0]:7.1f} ms CPU  (no redlines, no rules)")
    if (folder / IN_OLD).exists():
        in_old, in_new = read_document(folder / IN_OLD), read_document(folder / IN_NEW)
        only = median_ms(lambda: align_documents(in_old, in_new, redlines=False),
                         max(1, runs // 3))
        print(f"India alignment alone:              {only:7.1f} ms median wall, "
              f"{LAST_CPU[0]:7.1f} ms CPU  (no redlines, no rules)")
    kz_args = ["diff", str(folder / KZ_OLD), str(folder / KZ_NEW), "--format", "json"]
    print(f"condiff diff --format json, Kazakhstan: {wall(kz_args, runs)} (target <= 0.4 s)")
    print(f"  same with --no-rules:                 {wall([*kz_args, '--no-rules'], runs)}")
    if (folder / IN_OLD).exists():
        in_args = ["diff", str(folder / IN_OLD), str(folder / IN_NEW), "--format", "json"]
        print(f"condiff diff --format json, India:      {wall(in_args, max(1, runs // 3))} "
              "(target <= 3 s)")
        print(f"  same with --no-rules:                 "
              f"{wall([*in_args, '--no-rules'], max(1, runs // 3))}")
    sizes, times = [], []
    for k in (1, 2, 4, 8):
        o, n = copies(old, k), copies(new, k)
        t = median_ms(lambda o=o, n=n: compare(o, n, rules=False), max(1, runs // (k * 2) + 1))
        sizes.append(k)
        times.append(t)
        times[-1] = LAST_CPU[0]
        print(f"growth {k}x: {t:8.1f} ms wall, {LAST_CPU[0]:8.1f} ms CPU  "
              f"({len(o.units())} → {len(n.units())} units)")
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)
    print(f"growth exponent of CPU time (log-log fit): {slope:.2f}  (target <= 1.2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
