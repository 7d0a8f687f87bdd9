"""Time and peak memory of condiff on very large inputs (issue 8's "50 MB case").

Two generated pairs, each text about ``--mb`` megabytes of ``Article N`` headings and 130-word
articles (nothing is stored in the repository; the texts are made in a temporary folder):

* **revision**: a text over a Zipf-distributed vocabulary of 20,000 made-up words, and a
  revision of it: one article in ten reworded in a few places, one in a hundred removed, one in
  a hundred added, a run of articles moved. This is what a user comparing two versions of a huge
  document does.
* **unrelated**: two unrelated texts over an eleven-word vocabulary
  (``benchmarks/speed_rules.py``'s adversarial pair): nothing aligns by identity, every article
  carries every right, every pair of articles looks alike. The worst case for alignment and
  for the rules.

Each command runs as a child process under GNU ``/usr/bin/time`` (peak resident memory)::

    python benchmarks/big_input.py                    # 50 MB texts, writes benchmarks/BIG-INPUT.md
    python benchmarks/big_input.py --mb 5 --out -     # smaller, to the terminal
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import run_once  # noqa: E402
from speed_rules import ADVERSARIAL_WORDS  # noqa: E402

#: A run slower than this is stopped (shown with its exit code, -9).
CAP_S = 1800.0
WORDS_PER_ARTICLE = 130
VOCABULARY = 20_000


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 11)))
            for _ in range(VOCABULARY)]


def _articles(n: int, words: list[str], weights: list[float] | None,
              rng: random.Random) -> list[list[str]]:
    return [rng.choices(words, weights, k=WORDS_PER_ARTICLE) for _ in range(n)]


def _write(path: Path, articles: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, words in enumerate(articles, 1):
            fh.write(f"Article {i}\n{' '.join(words)}.\n")


def articles_for(mb: float) -> int:
    """Articles that make a text of about ``mb`` megabytes (~880 bytes an article)."""
    return max(2, int(mb * 1_000_000 / 880))


def make_revision(folder: Path, n: int, seed: int = 1) -> tuple[Path, Path]:
    """A text of ``n`` articles and a revision of it (see the module docstring)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]  # Zipf, like real prose
    old = _articles(n, vocab, weights, rng)
    new: list[list[str]] = []
    for words in old:
        roll = rng.random()
        if roll < 0.01:
            continue  # removed
        words = list(words)
        if roll < 0.11:  # reworded in three places
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(vocab)
        new.append(words)
        if rng.random() < 0.01:
            new.append(rng.choices(vocab, weights, k=WORDS_PER_ARTICLE))  # added
    if len(new) > 40:  # a run of articles moved towards the end
        start = len(new) // 3
        run = new[start:start + 20]
        del new[start:start + 20]
        new[-10:-10] = run
    a, b = folder / f"revision-{n}-old.txt", folder / f"revision-{n}-new.txt"
    _write(a, old)
    _write(b, new)
    return a, b


def make_unrelated(folder: Path, n: int, seed: int = 1) -> tuple[Path, Path]:
    """Two unrelated texts of ``n`` articles over the eleven-word vocabulary."""
    rng = random.Random(seed)
    words = list(ADVERSARIAL_WORDS)
    a, b = folder / f"unrelated-{n}-old.txt", folder / f"unrelated-{n}-new.txt"
    _write(a, _articles(n, words, None, rng))
    _write(b, _articles(n, words, None, rng))
    return a, b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="size of each text (default 50)")
    ap.add_argument("--out", default=str(HERE / "BIG-INPUT.md"),
                    help="report file, or - for the terminal")
    ap.add_argument("--pairs", default="revision,unrelated",
                    help="which pairs: revision, unrelated (default both)")
    args = ap.parse_args(argv)
    n = articles_for(args.mb)
    limit = str(max(1, int(args.mb * 1.3) + 1))
    condiff = [sys.executable, "-m", "condiff"]
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in [k.strip() for k in args.pairs.split(",") if k.strip()]:
            make = {"revision": make_revision, "unrelated": make_unrelated}[kind]
            old, new = make(folder, n)
            size = f"{old.stat().st_size / 1e6:.1f} MB → {new.stat().st_size / 1e6:.1f} MB"
            out = str(folder / "out")
            for label, cmd in (
                ("condiff parse (old)", [*condiff, "parse", str(old), "--max-size", limit,
                                         "--format", "json", "-o", out + ".parse.json"]),
                ("condiff check", [*condiff, "check", str(old), str(new), "--max-size", limit]),
                ("condiff diff --format json", [*condiff, "diff", str(old), str(new),
                                                "--max-size", limit, "--format", "json",
                                                "-o", out + ".json"]),
                ("condiff diff --no-rules --format json",
                 [*condiff, "diff", str(old), str(new), "--max-size", limit, "--no-rules",
                  "--format", "json", "-o", out + ".json"]),
            ):
                # The suite's own runner: peak memory of the child alone (GNU time).
                wall, peak, code, _capped, tail = run_once(cmd, CAP_S)
                if code not in (0, 1):
                    sys.stderr.write(tail + "\n")
                print(f"{kind:<10} {label:<40} {wall:7.1f} s {peak:8.0f} MB  exit {code}",
                      flush=True)
                rows.append(f"| {kind} ({n:,} articles, {size}) | `{label}` | {wall:.1f} s "
                            f"| {peak:.0f} MB | {code} |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    report = "\n".join([
        "# condiff on very large inputs",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average at the "
        f"end {load:.2f}",
        f"- Rerun: `python benchmarks/big_input.py --mb {args.mb:g}` (texts generated, "
        "see the script's docstring); `--max-size` raised above the 20 MB default.",
        "- Exit 1 means the versions differ (or a right was removed, for `check`).",
        "",
        "| Pair | Command | Wall time | Peak memory | Exit |",
        "| --- | --- | ---: | ---: | ---: |",
        *rows,
        "",
    ])
    if args.out == "-":
        print(report)
    else:
        Path(args.out).write_text(report, encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
