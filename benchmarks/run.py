"""condiff's benchmark suite: condiff side by side with the tools people use today.

One command measures everything and writes the report::

    python benchmarks/run.py                  # full suite, about 10 minutes on 2 cores
    python benchmarks/run.py --quick          # sample pair only, one run each, seconds

For every pair of documents, each tool runs as its own child process on the same files, several
times; the table gives the median wall time and the peak resident memory of the child (from
``os.wait4``, so every row is measured the same way, Python start-up included). Slow baselines
run once under a time cap and show as "> cap" when they hit it; their figures are cached per
machine and per input (``~/.cache/condiff-bench``) because they do not change when condiff
does, so the suite can be rerun after every change to condiff in minutes (``--fresh`` measures
them again). A condiff command that does not exist yet shows as "n/a", a missing tool as
"not installed": the suite never fails because something is absent.

Writes ``benchmarks/RESULTS.md`` (machine, tables, ratios, targets), ``benchmarks/results.json``
(the raw figures) and ``benchmarks/time-vs-size.png`` (via ``benchmarks/plot.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from baselines import BASELINES, Baseline  # noqa: E402
from report import render_report  # noqa: E402

PYTHON = sys.executable
CONDIFF = [PYTHON, "-m", "condiff"]
GROWTH_FACTORS = (1, 2, 4, 8, 16)
#: Runs slower than this are not repeated: the median of one is the figure.
ONE_RUN_ABOVE_S = 20.0
#: Runs slower than this are repeated at most three times.
FEW_RUNS_ABOVE_S = 3.0
#: Baseline figures at least this long are cached between runs of the suite.
CACHE_ABOVE_S = 10.0


# ---------------------------------------------------------------------------
# Measuring one command
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One tool on one pair: what the results table shows.

    Attributes:
        key: Stable key ("condiff-check", "git", "redlines", …).
        label: Name in the table.
        status: "ok", "cap" (hit the time cap), "n/a" (command not available),
            "missing" (tool not installed), "error" (the command failed).
        times: Wall times of the timed runs, seconds.
        peak_mb: Largest peak resident memory of the child over the runs, MB.
        note: Why it is n/a / missing / an error; or where a cached figure came from.
        cap: The time cap in seconds that applied.
    """

    key: str
    label: str
    status: str
    times: tuple[float, ...] = ()
    peak_mb: float = 0.0
    note: str = ""
    cap: float = 0.0

    @property
    def median(self) -> float | None:
        """Median wall time, None when nothing was measured."""
        if self.status == "cap":
            return self.cap
        return statistics.median(self.times) if self.status == "ok" and self.times else None


#: GNU time measures the peak memory of the command alone. Measured from here instead,
#: ``os.wait4`` would report at least this harness's own size: a child forked from a process
#: starts with the parent's resident pages counted, and Linux keeps that high-water mark
#: across exec.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


def run_once(argv: list[str], cap: float) -> tuple[float, float, int, bool, str]:
    """Run a command once: (wall seconds, peak RSS MB, exit code, hit the cap, stderr tail).

    Output goes to a temporary file, as when a user saves a report: some tools behave
    differently when writing to /dev/null or to a terminal.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        timed_out = threading.Event()
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, *argv] if GNU_TIME else argv
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True, cwd=ROOT)

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(cap, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()
        peak_kb = float(usage.ru_maxrss)  # kilobytes on Linux
        if GNU_TIME:
            lines = Path(rss.name).read_text().split()
            with contextlib.suppress(IndexError, ValueError):
                peak_kb = float(lines[-1])
    return wall, peak_kb / 1024, proc.returncode, timed_out.is_set(), " ".join(tail[-2:])


def measure(key: str, label: str, argv: list[str], *, reps: int, cap: float,
            ok_codes: tuple[int, ...] = (0, 1)) -> Row:
    """Median of repeated runs (fewer when a run is slow) and the peak memory."""
    progress(f"  {label} …")
    times: list[float] = []
    peak = 0.0
    wall, mb, code, capped, tail = run_once(argv, cap)
    if capped:
        return Row(key, label, "cap", (), mb, f"stopped after {cap:g} s", cap)
    if code not in ok_codes:
        return Row(key, label, "error", (), mb, f"exit {code}: {tail[:200]}", cap)
    wanted = reps
    if wall > ONE_RUN_ABOVE_S:
        wanted = 1
    elif wall > FEW_RUNS_ABOVE_S:
        wanted = min(reps, 3)
    if wanted == 1 or wall > 2.0:
        times.append(wall)
        peak = mb
    # else: the first run was a warm-up (cold file cache, .pyc compilation); not timed.
    while len(times) < wanted:
        wall, mb, code, capped, tail = run_once(argv, cap)
        if capped or code not in ok_codes:
            return Row(key, label, "cap" if capped else "error", tuple(times), mb,
                       tail[:200], cap)
        times.append(wall)
        peak = max(peak, mb)
    return Row(key, label, "ok", tuple(times), peak, "", cap)


def progress(message: str) -> None:
    """A line on stderr, so long runs show where they are."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# What is measured
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A condiff command line measured on each pair."""

    key: str
    label: str
    args: Callable[[str, str], list[str]]
    subcommand: str


COMMANDS: tuple[Command, ...] = (
    Command("condiff-check", "condiff check", lambda o, n: ["check", o, n], "check"),
    Command("condiff-diff-md", "condiff diff --format md",
            lambda o, n: ["diff", o, n, "--format", "md"], "diff"),
    Command("condiff-diff-json", "condiff diff --format json",
            lambda o, n: ["diff", o, n, "--format", "json"], "diff"),
    Command("condiff-parse", "condiff parse (new document)", lambda o, n: ["parse", n], "parse"),
)


@dataclass(frozen=True)
class Pair:
    """Two versions of a constitution to compare.

    Attributes:
        key: Short name ("kazakhstan").
        title: Name in the report.
        old: What condiff is given (a path or a bundled name such as ``sample:2009``).
        new: Same for the new version.
        old_file: The file behind ``old``, which the baselines read.
        new_file: Same for ``new``.
    """

    key: str
    title: str
    old: str
    new: str
    old_file: Path
    new_file: Path


REAL_PAIRS: tuple[tuple[str, str, str, str], ...] = (
    ("kazakhstan", "Kazakhstan 1995 (rev. 2022) → 2026, Russian",
     "kazakhstan-1995-rev2022-ru.txt", "kazakhstan-2026-ru.txt"),
    ("germany", "Germany 2012 → 2022, German Markdown", "germany-2012-de.md", "germany-2022-de.md"),
    ("india", "India 1949 → 1949 (rev. 2012), English", "india-1949-en.txt",
     "india-1949-rev2012-en.txt"),
)


def corpora_raw_dir(override: str | None) -> Path:
    """The folder of the real texts: --corpora, else CONDIFF_CORPORA_RAW, else ../shared."""
    env = override or os.environ.get("CONDIFF_CORPORA_RAW")
    return Path(env) if env else ROOT.parent / "shared" / "corpora-raw"


def sample_pair() -> Pair | str:
    """The bundled sample pair, or why it is not available."""
    try:
        from condiff.read import resolve_path

        old, new = resolve_path("sample:2009"), resolve_path("sample:2026")
    except Exception as exc:  # the corpora module may not exist yet
        return f"bundled sample pair not available ({type(exc).__name__}: {exc})"
    if not (old.is_file() and new.is_file()):
        return "bundled sample pair not available (files not found)"
    return Pair("sample", "Bundled sample 2009 → 2026", "sample:2009", "sample:2026", old, new)


def select_pairs(names: list[str], raw: Path) -> tuple[list[Pair], list[str]]:
    """The pairs to measure and a message for each one skipped."""
    pairs: list[Pair] = []
    skipped: list[str] = []
    for name in names:
        if name == "sample":
            found = sample_pair()
            if isinstance(found, str):
                skipped.append(f"sample: {found}")
            else:
                pairs.append(found)
            continue
        spec = next((p for p in REAL_PAIRS if p[0] == name), None)
        if spec is None:
            skipped.append(f"{name}: unknown pair")
            continue
        old, new = raw / spec[2], raw / spec[3]
        if not (old.is_file() and new.is_file()):
            skipped.append(f"{name}: real texts not found in {raw} (set CONDIFF_CORPORA_RAW)")
            continue
        pairs.append(Pair(name, spec[1], str(old), str(new), old, new))
    return pairs, skipped


_AVAILABLE: dict[str, str | None] = {}


def condiff_missing(subcommand: str) -> str | None:
    """None when ``condiff SUBCOMMAND`` exists, else why it is n/a."""
    if subcommand not in _AVAILABLE:
        proc = subprocess.run([*CONDIFF, subcommand, "--help"], capture_output=True, cwd=ROOT)
        _AVAILABLE[subcommand] = None if proc.returncode == 0 else "not available"
    return _AVAILABLE[subcommand]


# ---------------------------------------------------------------------------
# Cache of the slow baselines (they do not change when condiff does)
# ---------------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


class BaselineCache:
    """Figures of slow baselines keyed by machine, tool version, inputs and cap."""

    def __init__(self, path: Path | None, fresh: bool) -> None:
        self.path = path
        self.fresh = fresh
        self.data: dict[str, Any] = {}
        if path and path.is_file():
            with contextlib.suppress(OSError, ValueError):
                self.data = json.loads(path.read_text(encoding="utf-8"))

    def key(self, baseline: Baseline, old: Path, new: Path, cap: float) -> str:
        machine = machine_info()
        return "|".join([machine["cpu"], str(machine["cores"]), baseline.key, baseline.version(),
                         _sha(old), _sha(new), f"{cap:g}"])

    def get(self, key: str) -> Row | None:
        if self.fresh or self.path is None or key not in self.data:
            return None
        entry = self.data[key]
        row = Row(**{**entry["row"], "times": tuple(entry["row"]["times"])})
        return replace(row, note=(row.note + "; " if row.note else "")
                       + f"measured {entry['date']}, cached")

    def put(self, key: str, row: Row) -> None:
        if self.path is None:
            return
        self.data[key] = {"date": today(), "row": asdict(row)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=1), encoding="utf-8")
        tmp.replace(self.path)


def measure_baselines(old: Path, new: Path, *, reps: int, cap: float,
                      cache: BaselineCache, keys: set[str] | None) -> list[Row]:
    """Every baseline on one pair of files."""
    rows: list[Row] = []
    for baseline in BASELINES:
        if keys is not None and baseline.key not in keys:
            continue
        missing = baseline.missing()
        if missing:
            rows.append(Row(baseline.key, baseline.label, "missing", note=missing))
            continue
        tool_cap = baseline.cap(cap)
        ckey = cache.key(baseline, old, new, tool_cap) if baseline.slow else ""
        cached = cache.get(ckey) if ckey else None
        # Figures under CACHE_ABOVE_S are measured again every run, beside condiff's, so a
        # busy machine slows both sides of a ratio alike; only the long ones are reused.
        if cached is not None and (cached.median or 0.0) >= CACHE_ABOVE_S:
            rows.append(cached)
            continue
        row = measure(baseline.key, baseline.label, baseline.argv(str(old), str(new)),
                      reps=reps, cap=tool_cap)
        if ckey and row.status in ("ok", "cap") and (row.median or 0.0) >= CACHE_ABOVE_S:
            cache.put(ckey, row)
        rows.append(row)
    return rows


def measure_condiff(old: str, new: str, *, reps: int, cap: float) -> list[Row]:
    """Every condiff command on one pair."""
    rows: list[Row] = []
    for command in COMMANDS:
        missing = condiff_missing(command.subcommand)
        if missing:
            rows.append(Row(command.key, command.label, "n/a", note=missing))
            continue
        rows.append(measure(command.key, command.label, [*CONDIFF, *command.args(old, new)],
                            reps=reps, cap=cap))
    return rows


# ---------------------------------------------------------------------------
# TUI: time to first screen and per-keystroke redraw, with Textual's pilot
# ---------------------------------------------------------------------------


TUI_SPEED = HERE / "tui_speed.py"


def measure_tui(pair: Pair, *, reps: int, cap: float) -> dict[str, Any]:
    """First screen (median over launches) and per-keystroke redraw on one pair.

    Reuses the TUI's own probe (``benchmarks/tui_speed.py``, written with the review app): a
    fresh interpreter runs what ``condiff review OLD NEW`` runs, headless at 120×40, and times
    the first frame of the review screen from launch, then the next frame after each ``down``
    and each ``r`` (next rights finding).
    """
    if not TUI_SPEED.is_file():
        return {"status": "n/a", "note": "benchmarks/tui_speed.py not available"}
    firsts: list[float] = []
    phases: list[dict[str, float]] = []
    moves: list[float] = []
    findings: list[float] = []
    for _ in range(max(1, min(reps, 3))):
        progress(f"  TUI on {pair.key} …")
        env = dict(os.environ, TUI_SPEED_T0=repr(time.time()))
        try:
            proc = subprocess.run(
                [PYTHON, str(TUI_SPEED), pair.old, pair.new, "--child", "--moves", "20"],
                capture_output=True, text=True, timeout=cap, cwd=ROOT, env=env,
            )
        except subprocess.TimeoutExpired:
            return {"status": "cap", "note": f"not done within {cap:g} s"}
        try:
            data = json.loads(proc.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            tail = " ".join(proc.stderr.strip().splitlines()[-2:])
            return {"status": "error", "note": tail[:300] or f"exit {proc.returncode}"}
        firsts.append(data["first_screen_s"])
        phases.append(data.get("phases_s", {}))
        moves.extend(m / 1000 for m in data["move_ms"])
        findings.extend(m / 1000 for m in data.get("finding_ms", []))
    ordered = sorted(moves)
    return {"status": "ok", "first_screen_s": statistics.median(firsts),
            "redraw_median_s": statistics.median(moves),
            "redraw_p90_s": ordered[max(0, round(0.9 * len(ordered)) - 1)],
            "finding_median_s": statistics.median(findings) if findings else None,
            "runs": len(firsts), "keystrokes": len(moves),
            # the phases of the launch whose first screen was the median one
            "phases_s": phases[firsts.index(sorted(firsts)[(len(firsts) - 1) // 2])]}


HOTSPOTS = HERE / "hotspots.py"


def measure_hotspots(pair: Pair, *, reps: int, cap: float, profile: bool) -> dict[str, Any]:
    """Seconds per pipeline phase (median over fresh processes) and, if asked, the hot
    functions of ``condiff check`` under cProfile (see ``hotspots.py``)."""
    def probe(kind: str) -> dict[str, Any] | str:
        try:
            proc = subprocess.run([PYTHON, str(HOTSPOTS), kind, pair.old, pair.new],
                                  capture_output=True, text=True, timeout=cap, cwd=ROOT)
            result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
            return result
        except subprocess.TimeoutExpired:
            return f"not done within {cap:g} s"
        except (IndexError, ValueError):
            return " ".join(proc.stderr.strip().splitlines()[-2:])[:300] or "no output"

    out: dict[str, Any] = {}
    runs: list[dict[str, float]] = []
    for _ in range(max(1, min(reps, 3))):
        progress(f"  phases on {pair.key} …")
        got = probe("phases")
        if isinstance(got, str):
            out["phases_error"] = got
            break
        runs.append(got)
    if runs:
        out["phases"] = {k: statistics.median(r[k] for r in runs if k in r) for k in runs[0]}
    if profile:
        progress(f"  profile of condiff check on {pair.key} …")
        got = probe("profile")
        out["profile"] = got if isinstance(got, dict) else {"error": got}
    return out


# ---------------------------------------------------------------------------
# Machine description
# ---------------------------------------------------------------------------

_MACHINE: dict[str, Any] = {}


def machine_info() -> dict[str, Any]:
    """CPU model, cores, RAM, OS and Python: enough to judge whether figures compare."""
    if _MACHINE:
        return _MACHINE
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = 0.0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
    _MACHINE.update(
        cpu=cpu, cores=os.cpu_count() or 0, ram_gb=round(ram_gb, 1),
        os=platform.platform(terse=True), python=platform.python_version(),
        implementation=platform.python_implementation(),
    )
    return _MACHINE


def condiff_revision() -> str:
    """Git commit of the checkout measured (with "+changes" when the tree is dirty)."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "condiff"],
                               capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return rev + ("+changes" if dirty else "")


def today() -> str:
    """Current UTC time, to the minute."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# ---------------------------------------------------------------------------
# Running the suite
# ---------------------------------------------------------------------------


@dataclass
class Options:
    """What one run of the suite measures."""

    pairs: list[str]
    reps: int
    cap: float
    growth: tuple[int, ...]
    growth_distinct: bool
    growth_base: tuple[str, str] | None
    growth_reps: int
    tui: bool
    hotspots: bool
    baselines: set[str] | None
    cache: BaselineCache
    corpora: Path
    notes: list[str] = field(default_factory=list)


def file_words(path: Path) -> int:
    """Whitespace-separated words of a file."""
    return len(path.read_text(encoding="utf-8", errors="replace").split())


def run_pairs(opts: Options) -> list[dict[str, Any]]:
    """Measure every selected pair; returns one record per pair."""
    pairs, skipped = select_pairs(opts.pairs, opts.corpora)
    for message in skipped:
        progress(f"skipped {message}")
        opts.notes.append(f"Skipped {message}.")
    out: list[dict[str, Any]] = []
    for pair in pairs:
        progress(f"{pair.title}")
        rows = measure_condiff(pair.old, pair.new, reps=opts.reps, cap=opts.cap)
        if opts.baselines is None or opts.baselines:
            rows += measure_baselines(pair.old_file, pair.new_file, reps=opts.reps,
                                      cap=opts.cap, cache=opts.cache, keys=opts.baselines)
        record: dict[str, Any] = {
            "key": pair.key, "title": pair.title,
            "old": pair.old_file.name, "new": pair.new_file.name,
            "words_old": file_words(pair.old_file), "words_new": file_words(pair.new_file),
            "rows": [row_dict(r) for r in rows],
        }
        if opts.hotspots and condiff_missing("check") is None:
            record["hotspots"] = measure_hotspots(
                pair, reps=opts.reps, cap=max(opts.cap, 120.0),
                profile=pair.key in ("kazakhstan", "india"))
        if opts.tui and pair.key in ("kazakhstan", "india"):
            record["tui"] = measure_tui(pair, reps=opts.reps, cap=max(opts.cap, 60.0))
        out.append(record)
    return out


def growth_base(opts: Options) -> tuple[str, Any, Any] | None:
    """The documents to grow: the Kazakhstan pair when present, else the sample pair."""
    from condiff.errors import CondiffError
    from condiff.read import read_document

    candidates: list[tuple[str, str, str]] = []
    if opts.growth_base:
        old, new = opts.growth_base
        candidates.append((f"{Path(old).name} → {Path(new).name}", old, new))
    kz = opts.corpora / "kazakhstan-1995-rev2022-ru.txt"
    if kz.is_file():
        candidates.append(("Kazakhstan 1995 (rev. 2022) → 2026", str(kz),
                           str(opts.corpora / "kazakhstan-2026-ru.txt")))
    candidates.append(("bundled sample 2009 → 2026", "sample:2009", "sample:2026"))
    for title, old, new in candidates:
        try:
            return title, read_document(old), read_document(new)
        except (CondiffError, ImportError, OSError) as exc:
            opts.notes.append(f"Growth could not start from {title}: {exc}.")
    return None


def run_growth(opts: Options, workdir: Path) -> dict[str, Any] | None:
    """The growth series: condiff and the quick baselines on 1×, 2×, … the base pair."""
    from growth import fit_exponent, write_growth

    base = growth_base(opts)
    if base is None:
        return None
    title, old_doc, new_doc = base
    startup = measure("startup", "python -m condiff --version", [*CONDIFF, "--version"],
                      reps=opts.reps, cap=opts.cap, ok_codes=(0,))
    series: dict[str, Any] = {"base": title, "startup": row_dict(startup), "modes": {}}
    modes = ["copies", "distinct"] if opts.growth_distinct else ["copies"]
    growth_baselines = {"git", "wdiff", "redlines"}
    if opts.baselines is not None:
        growth_baselines &= opts.baselines
    for mode in modes:
        cases = write_growth(old_doc, new_doc, opts.growth, workdir / mode,
                             distinct=mode == "distinct")
        records: list[dict[str, Any]] = []
        for case in cases:
            progress(f"growth {mode} {case.factor}× ({case.words} words)")
            rows = measure_condiff(str(case.old), str(case.new), reps=opts.growth_reps,
                                   cap=opts.cap)
            rows += measure_baselines(case.old_text, case.new_text, reps=opts.growth_reps,
                                      cap=opts.cap, cache=opts.cache, keys=growth_baselines)
            records.append({"factor": case.factor, "words": case.words,
                            "rows": [row_dict(r) for r in rows]})
        exponents: dict[str, dict[str, float | None]] = {}
        fixed = startup.median or 0.0
        for key in {r["key"] for rec in records for r in rec["rows"]}:
            points = [(rec["words"], r["median"]) for rec in records for r in rec["rows"]
                      if r["key"] == key and r["status"] == "ok"]
            if len(points) < 2:
                continue
            sizes = [float(p[0]) for p in points]
            exponents[key] = {
                "raw": fit_exponent(sizes, [p[1] for p in points]),
                "net": fit_exponent(sizes, [p[1] - fixed for p in points])
                if key.startswith("condiff") else None,
            }
        series["modes"][mode] = {"cases": records, "exponents": exponents}
    return series


def row_dict(row: Row) -> dict[str, Any]:
    """A Row as JSON, with its median."""
    return {**asdict(row), "median": row.median}


def prepare_bytecode() -> None:
    """Measure condiff as installed, with its modules compiled to bytecode.

    pip compiles a package when it installs it, and Python keeps ``.pyc`` files after a
    module's first import. A shell with ``PYTHONDONTWRITEBYTECODE`` set (some containers and CI
    images set it) would instead make every child process recompile every condiff module from
    source, a fixed cost no user pays twice. So the children run without it, and the package
    is compiled once before any timing.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "condiff")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def run_suite(opts: Options) -> dict[str, Any]:
    """Everything, as one JSON-ready record."""
    started = time.perf_counter()
    prepare_bytecode()
    load_before = os.getloadavg()[0]
    results: dict[str, Any] = {
        "date": today(),
        "machine": machine_info(),
        "condiff": condiff_revision(),
        "versions": {b.key: b.version() for b in BASELINES if not b.missing()},
        "reps": opts.reps,
        "cap_s": opts.cap,
        "caps": {b.key: b.cap(opts.cap) for b in BASELINES},
    }
    results["pairs"] = run_pairs(opts)
    if opts.growth:
        with tempfile.TemporaryDirectory(prefix="condiff-growth-") as tmp:
            results["growth"] = run_growth(opts, Path(tmp))
    results["notes"] = opts.notes
    results["suite_s"] = round(time.perf_counter() - started, 1)
    results["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return results


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Measure condiff against git diff --word-diff, wdiff, difflib, redlines and "
        "whole-document diff-match-patch on real constitution pairs and on synthetic growth, "
        "and write benchmarks/RESULTS.md with a plot.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  python benchmarks/run.py                         the full suite (about 10 min)\n"
        "  python benchmarks/run.py --quick --out /tmp/R.md sample pair, one run, no plot\n"
        "  python benchmarks/run.py --pairs kazakhstan --no-growth --fresh\n",
    )
    parser.add_argument("--quick", action="store_true",
                        help="sample pair only, one run each, no growth, TUI, cache or plot")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"), help="report (Markdown)")
    parser.add_argument("--json", default=None,
                        help="raw figures (default: results.json beside the report)")
    parser.add_argument("--plot", default=None,
                        help="PNG of time against size (default: time-vs-size.png beside the "
                        "report; needs the 'bench' extra)")
    parser.add_argument("--no-plot", action="store_true", help="do not draw the plot")
    parser.add_argument("--pairs", default=None,
                        help="comma-separated: sample,kazakhstan,germany,india (default: all)")
    parser.add_argument("--reps", type=int, default=None, help="timed runs per tool (default 5)")
    parser.add_argument("--cap", type=float, default=None,
                        help="time cap per run in seconds (default 120; 10 with --quick)")
    parser.add_argument("--growth", default=None,
                        help="growth factors, comma-separated (default 1,2,4,8,16)")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth series")
    parser.add_argument("--growth-reps", type=int, default=None,
                        help="timed runs per tool in the growth series (default 3)")
    parser.add_argument("--growth-base", nargs=2, metavar=("OLD", "NEW"), default=None,
                        help="pair to grow (default: the Kazakhstan pair, else the sample pair)")
    parser.add_argument("--growth-distinct", action="store_true",
                        help="also grow with copies that share no words")
    parser.add_argument("--no-tui", action="store_true", help="skip the TUI timings")
    parser.add_argument("--no-hotspots", action="store_true",
                        help="skip the phase timings and the profile of condiff check")
    parser.add_argument("--baselines", default=None,
                        help="comma-separated baseline keys (git,wdiff,difflib,difflib-full,"
                        "redlines,dmp), or 'none' (default: all)")
    parser.add_argument("--corpora", default=None,
                        help="folder of the real texts (default: CONDIFF_CORPORA_RAW or "
                        "../shared/corpora-raw)")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "condiff-bench" /
                                               "baselines.json"),
                        help="cache of slow-baseline figures")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write it")
    parser.add_argument("--fresh", action="store_true",
                        help="measure the slow baselines again (and update the cache)")
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace) -> Options:
    """Options from the command line, with --quick's defaults."""
    quick = args.quick
    pairs = (args.pairs.split(",") if args.pairs
             else ["sample"] if quick else ["sample", "kazakhstan", "germany", "india"])
    growth: tuple[int, ...] = ()
    if not (quick or args.no_growth):
        growth = tuple(int(x) for x in args.growth.split(",")) if args.growth else GROWTH_FACTORS
    baselines: set[str] | None = None
    if args.baselines:
        baselines = set() if args.baselines == "none" else set(args.baselines.split(","))
    cache_path = None if (quick or args.no_cache) else Path(args.cache)
    return Options(
        pairs=pairs,
        reps=args.reps or (1 if quick else 5),
        cap=args.cap or (10.0 if quick else 120.0),
        growth=growth,
        growth_distinct=args.growth_distinct,
        growth_base=tuple(args.growth_base) if args.growth_base else None,
        growth_reps=args.growth_reps or min(args.reps or 3, 3),
        tui=not (quick or args.no_tui),
        hotspots=not (quick or args.no_hotspots),
        baselines=baselines,
        cache=BaselineCache(cache_path, args.fresh),
        corpora=corpora_raw_dir(args.corpora),
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    opts = options_from(args)
    results = run_suite(opts)
    results["growth_factors"] = list(opts.growth)
    out = Path(args.out)
    json_path = Path(args.json) if args.json else out.with_name("results.json")
    plot_path: Path | None = None
    if not (args.quick or args.no_plot):
        plot_path = Path(args.plot) if args.plot else out.with_name("time-vs-size.png")
        try:
            from plot import plot_results

            plot_results(results, plot_path)
        except ImportError as exc:
            results["notes"].append(f"No plot: {exc} (pip install -e '.[bench]').")
            plot_path = None
    out.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    out.write_text(render_report(results, plot_path.name if plot_path else None),
                   encoding="utf-8")
    progress(f"wrote {out}" + (f" and {plot_path}" if plot_path else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
