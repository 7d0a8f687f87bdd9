"""Where the time of one comparison goes, stage by stage, with the rights rules in focus.

For the Kazakhstan (Russian text), Germany (German Markdown) and India (English, the largest)
pairs in ``../shared/corpora-raw`` (or ``CONDIFF_CORPORA_RAW``), prints the median over several
runs of each stage as a fresh ``condiff`` process meets it: every run starts with the rule-pack
and stem caches emptied, so "rules load" and "rules run" are what a CLI invocation pays, not
what a warm long-running process (the review UI) pays. Then the wall time and peak memory of
whole ``condiff check`` / ``condiff diff --format json`` processes, the figures the targets
(issue 6 and 9) are stated in.

Usage::

    python benchmarks/speed_rules.py            # stages and processes
    python benchmarks/speed_rules.py --quick    # fewer repetitions
    python benchmarks/speed_rules.py --stages   # in-process stages only
    python benchmarks/speed_rules.py --adversarial   # only the many-articles scaling line
    python benchmarks/speed_rules.py --memory        # memory of the rules stage, 60,000 articles
    python benchmarks/speed_rules.py --memory 6000   # the same on a smaller pair

The adversarial line: thousands of articles drawn from an eleven-word vocabulary, so every
article carries the same rights and every article pair holds carriers. The rules stage must
grow linearly with the number of articles (it was quadratic: each pair scanned every carrier);
it prints the rules time per size and the log-log slope between the smallest and largest.

The memory line (issue 8: bounded memory on a 50 MB input): the same kind of pair with 60,000
articles a side (about 53 MB each). It prints the time and the growth of the resident set of the
rules stage alone, measured in-process around ``run_rules`` on an already aligned pair, then
the wall time and peak memory of a whole ``condiff diff A B --max-size 60 --format json -o …``.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from condiff.align import align_documents
from condiff.model import Comparison
from condiff.read import read_document
from condiff.rules import _builtin_packs, load_registry
from condiff.rules.engine import run_rules

ROOT = Path(__file__).resolve().parent.parent
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("Kazakhstan", "kazakhstan-1995-rev2022-ru.txt", "kazakhstan-2026-ru.txt"),
    ("Germany", "germany-2012-de.md", "germany-2022-de.md"),
    ("India", "india-1949-en.txt", "india-1949-rev2012-en.txt"),
)


def raw_dir() -> Path:
    env = os.environ.get("CONDIFF_CORPORA_RAW")
    return Path(env) if env else ROOT.parent / "shared" / "corpora-raw"


def _cold() -> None:
    """Forget what a fresh process would not know yet."""
    from condiff.rules import stem

    _builtin_packs.cache_clear()
    for name in ("stem", "_stemmer", "forms_cache_clear"):
        fn = getattr(stem, name, None)
        if fn is None:
            continue
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()
        else:
            fn()


def stages(old_path: Path, new_path: Path, runs: int) -> dict[str, float]:
    """Median milliseconds per stage over ``runs`` cold runs."""
    got: dict[str, list[float]] = {"read": [], "align": [], "rules load": [], "rules run": []}
    findings = 0
    for _ in range(runs):
        _cold()
        t0 = time.perf_counter()
        old, new = read_document(old_path), read_document(new_path)
        t1 = time.perf_counter()
        alignment, _ = align_documents(old, new)
        t2 = time.perf_counter()
        registry = load_registry()
        t3 = time.perf_counter()
        found, _ = run_rules(Comparison(old=old, new=new, alignment=alignment),
                             registry.active(), registry.frozen_cues())
        t4 = time.perf_counter()
        findings = len(found)
        for key, a, b in (("read", t0, t1), ("align", t1, t2), ("rules load", t2, t3),
                          ("rules run", t3, t4)):
            got[key].append((b - a) * 1000)
    out = {k: statistics.median(v) for k, v in got.items()}
    out["findings"] = findings
    return out


ADVERSARIAL_WORDS = ("freedom", "right", "law", "state", "person", "citizen", "court", "shall",
                     "may", "everyone", "guarantee")


def adversarial_pair(folder: Path, n: int, words: int = 130) -> tuple[Path, Path]:
    """Two unrelated texts of ``n`` articles (headed "Article N") of ``words`` words drawn
    from :data:`ADVERSARIAL_WORDS`; every 7th new article has "liberty" as its fourth word.
    With ``n`` = 60,000 each file is about 53 MB (``--max-size 60`` lets condiff read it)."""
    rng = random.Random(1)
    paths = []
    for name in ("a", "b"):
        path = folder / f"adv-{n}-{name}.txt"
        with path.open("w", encoding="utf-8") as f:
            for i in range(1, n + 1):
                drawn = [rng.choice(ADVERSARIAL_WORDS) for _ in range(words)]
                if name == "b" and i % 7 == 0:
                    drawn[3] = "liberty"
                f.write(f"Article {i}\n" + " ".join(drawn) + ".\n")
        paths.append(path)
    return paths[0], paths[1]


def _resident_mb() -> float:
    """Resident set of this process now (MB), from /proc (Linux); NaN elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return float("nan")


def rules_stage_memory(old_path: Path, new_path: Path) -> tuple[float, float, int]:
    """Seconds, growth of the resident set (MB, peak during the stage minus before it) and
    number of findings of ``run_rules`` alone, on an already read and aligned pair.

    The stage runs in a fresh process that loads the aligned pair from a pickle: in the process
    that aligned it, memory the aligner freed is reused without growing the resident set, which
    would hide most of what the rules stage takes.
    """
    limit = 64 * 2**20
    old, new = read_document(old_path, limit=limit), read_document(new_path, limit=limit)
    alignment, _ = align_documents(old, new)
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "comparison.pickle"
        with saved.open("wb") as f:
            pickle.dump(Comparison(old=old, new=new, alignment=alignment), f, protocol=5)
        del old, new, alignment
        child = subprocess.run([sys.executable, __file__, "--stage-child", str(saved)],
                               capture_output=True, text=True, check=True)
    seconds, grown, found = json.loads(child.stdout.strip().splitlines()[-1])
    return float(seconds), float(grown), int(found)


def _stage_child(saved: Path) -> None:
    """The measuring side of :func:`rules_stage_memory` (prints one JSON line)."""
    with saved.open("rb") as f:
        comparison = pickle.load(f)
    registry = load_registry()
    rules, cues = registry.active(), registry.frozen_cues()
    gc.collect()
    before = peak = _resident_mb()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.01):
            peak = max(peak, _resident_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    found, _ = run_rules(comparison, rules, cues)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    peak = max(peak, _resident_mb())
    print(json.dumps([seconds, peak - before, len(found)]))


def memory(n: int, runs: int) -> None:
    """Print the rules stage's time and memory on the adversarial pair of ``n`` articles, and
    the whole ``condiff diff … --format json`` process's wall time and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        old, new = adversarial_pair(Path(tmp), n)
        size = old.stat().st_size / 2**20
        print(f"memory: {n} articles a side ({size:.0f} MB each), 11-word vocabulary")
        seconds, grown, found = rules_stage_memory(old, new)
        print(f"  rules stage alone (in-process): {seconds:7.1f} s, resident set "
              f"+{grown:.0f} MB, {found} findings")
        out = Path(tmp) / "diff.json"
        max_size = str(math.ceil(size) + 5)
        wall, peak = process(["diff", str(old), str(new), "--max-size", max_size,
                              "--format", "json", "-o", str(out)], runs)
        print(f"  condiff diff --format json (whole process): {wall:7.1f} s, "
              f"peak {peak:.0f} MB")


def adversarial(sizes: Sequence[int]) -> None:
    """Print the stage times of the many-articles-small-vocabulary case and the slope."""
    print("adversarial: n articles, 11-word vocabulary (ms, one cold run each):")
    print(f"  {'articles':<11}{'read':>8}{'align':>8}{'load':>8}{'rules':>8}  findings")
    rules: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            old, new = adversarial_pair(Path(tmp), n)
            s = stages(old, new, 1)
            rules.append(s["rules run"])
            print(f"  {n:<11}{s['read']:8.1f}{s['align']:8.1f}{s['rules load']:8.1f}"
                  f"{s['rules run']:8.1f}  {int(s['findings'])}")
    if len(sizes) > 1:
        slope = math.log(rules[-1] / rules[0]) / math.log(sizes[-1] / sizes[0])
        print(f"  rules log-log slope {sizes[0]} → {sizes[-1]} articles: {slope:.2f} "
              "(1.0 = linear)")


def process(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and peak resident memory (MB) of a whole ``condiff`` process, read
    by GNU time (a forked child's ``ru_maxrss`` would include this process's own memory)."""
    exe = Path(sys.executable).parent / "condiff"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "condiff"]
    gnu_time = Path("/usr/bin/time")
    walls, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time.txt"
        for _ in range(runs):
            timed = [str(gnu_time), "-f", "%e %M", "-o", str(report)] if gnu_time.exists() \
                else []
            start = time.perf_counter()
            subprocess.run([*timed, *cmd, *argv], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            walls.append(time.perf_counter() - start)
            if timed:
                fields = report.read_text().split()
                walls[-1] = float(fields[-2])
                peaks.append(float(fields[-1]) / 1024)
    return statistics.median(walls), max(peaks, default=float("nan"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--stages", action="store_true", help="in-process stages only")
    ap.add_argument("--adversarial", action="store_true",
                    help="only the many-articles, small-vocabulary scaling line")
    ap.add_argument("--memory", type=int, nargs="?", const=60_000, metavar="ARTICLES",
                    help="only the memory line: the rules stage and a whole diff on the "
                    "adversarial pair of ARTICLES articles a side (default 60000, ~53 MB)")
    ap.add_argument("--stage-child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.stage_child:
        _stage_child(args.stage_child)
        return 0
    runs = 3 if args.quick else 5
    sizes = (500, 1000, 2000) if args.quick else (1000, 2000, 4500, 9000)
    if args.memory:
        memory(args.memory, 1)
        return 0
    if args.adversarial:
        adversarial(sizes)
        return 0
    folder = raw_dir()
    present = [(n, folder / o, folder / w) for n, o, w in PAIRS
               if (folder / o).exists() and (folder / w).exists()]
    if not present:
        print(f"reference texts not found in {folder}", file=sys.stderr)
        return 2
    print(f"stages, median of {runs} cold runs (ms):")
    print(f"  {'pair':<11}{'read':>8}{'align':>8}{'load':>8}{'rules':>8}  findings")
    for name, old, new in present:
        s = stages(old, new, runs)
        print(f"  {name:<11}{s['read']:8.1f}{s['align']:8.1f}{s['rules load']:8.1f}"
              f"{s['rules run']:8.1f}  {int(s['findings'])}")
    adversarial(sizes)
    if args.stages:
        return 0
    print(f"whole processes, median wall of {runs} runs, peak memory:")
    for name, old, new in present:
        for label, extra in (("check", ["check"]), ("diff json", ["diff", "--format", "json"])):
            wall, peak = process([*extra, str(old), str(new)], runs)
            print(f"  {name:<11}{label:<10}{wall:6.2f} s  {peak:6.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
