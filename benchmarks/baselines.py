"""The tools people use today to see how a constitution changed, as condiff's yardstick.

Each baseline is run as its own child process on the same two files condiff reads, so wall time
and peak memory are measured the same way for every row of the results table. The Python
baselines (difflib, redlines, whole-document diff-match-patch) are run through this file:

    python benchmarks/baselines.py difflib OLD NEW      # prints the redline to stdout

None of them aligns articles: they diff the two files as one stream of words, which is why
condiff is compared against them for speed only, never for what the output says.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_WORDS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Baseline:
    """One tool people would use instead of condiff.

    Attributes:
        key: Short stable key (cache key, CLI selector).
        label: How the results table names it.
        slow: True for tools that may take minutes on large pairs: run once, under the cap.
        min_cap: Run under at least this cap (seconds) whatever the suite's cap: the targets
            are ratios against this tool, so it should finish rather than show "> cap".
    """

    key: str
    label: str
    slow: bool = False
    min_cap: float = 0.0

    def cap(self, cap: float) -> float:
        """The time cap this tool runs under when the suite's cap is ``cap``."""
        return max(cap, self.min_cap)

    def missing(self) -> str | None:
        """Why the tool cannot run here, or None when it can."""
        return _MISSING[self.key]()

    def argv(self, old: str, new: str) -> list[str]:
        """The command line that diffs ``old`` against ``new`` (output goes to stdout)."""
        if self.key == "git":
            return ["git", "diff", "--no-index", "--word-diff", "--no-color", "--", old, new]
        if self.key == "wdiff":
            return ["wdiff", old, new]
        return [sys.executable, str(Path(__file__).resolve()), self.key, old, new]

    def version(self) -> str:
        """The installed version, for the machine description ("" when unknown)."""
        try:
            if self.key == "git":
                out = subprocess.run(["git", "--version"], capture_output=True, text=True)
                return out.stdout.strip().removeprefix("git version ")
            if self.key == "wdiff":
                out = subprocess.run(["wdiff", "--version"], capture_output=True, text=True)
                return out.stdout.splitlines()[0].split()[-1] if out.stdout else ""
            if self.key == "redlines":
                from importlib.metadata import version

                return version("redlines")
            if self.key == "dmp":
                from importlib.metadata import version

                return version("diff-match-patch")
            return f"Python {sys.version.split()[0]}"
        except (OSError, IndexError, ImportError, ValueError):
            return ""


def _has_module(name: str) -> Callable[[], str | None]:
    def check() -> str | None:
        if importlib.util.find_spec(name) is None:
            return f"not installed (pip install {name.replace('_', '-')})"
        return None

    return check


def _has_program(name: str, hint: str) -> Callable[[], str | None]:
    def check() -> str | None:
        return None if shutil.which(name) else f"not installed ({hint})"

    return check


_MISSING: dict[str, Callable[[], str | None]] = {
    "git": _has_program("git", "apt-get install git"),
    "wdiff": _has_program("wdiff", "apt-get install wdiff"),
    "difflib": lambda: None,
    "difflib-full": lambda: None,
    "redlines": _has_module("redlines"),
    "dmp": _has_module("diff_match_patch"),
}

#: Every baseline, in the order the results table lists them.
BASELINES: tuple[Baseline, ...] = (
    Baseline("git", "git diff --no-index --word-diff"),
    Baseline("wdiff", "GNU wdiff"),
    Baseline("difflib", "Python difflib, words, whole document", slow=True),
    Baseline("difflib-full", "Python difflib, words, autojunk=False", slow=True),
    Baseline("redlines", "redlines", slow=True, min_cap=600.0),
    Baseline("dmp", "diff-match-patch, words, whole document", slow=True),
)


def by_key(key: str) -> Baseline:
    """The baseline with this key."""
    for baseline in BASELINES:
        if baseline.key == key:
            return baseline
    raise KeyError(key)


# ---------------------------------------------------------------------------
# The Python baselines themselves (run in a child process by the harness)
# ---------------------------------------------------------------------------


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")


def redline_difflib(old: str, new: str, *, autojunk: bool = True) -> str:
    """Word redline of two whole texts with difflib's SequenceMatcher, as a script would.

    With the default ``autojunk`` difflib ignores every word that makes up more than 1% of a
    long text (articles, "the", "и"), which is fast but leaves those words out of the matching;
    ``autojunk=False`` is the careful (and slow) setting."""
    import difflib

    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=autojunk)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


def redline_dmp(old: str, new: str) -> str:
    """Whole-document diff-match-patch on words (each word mapped to one code point), with
    semantic cleanup and no internal time limit: what one gets without aligning first."""
    from diff_match_patch import diff_match_patch

    vocab: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        chars: list[str] = []
        for token in _WORDS.findall(text):
            code = vocab.get(token)
            if code is None:
                # Skip the surrogate block: those code points are not valid str characters
                # for the library's internal slicing on every platform.
                n = len(words) + 1
                code = chr(n if n < 0xD800 else n + 0x800)
                vocab[token] = code
                words.append(token)
            chars.append(code)
        return "".join(chars)

    def decode(chars: str) -> str:
        return "".join(words[(ord(c) if ord(c) < 0xD800 else ord(c) - 0x800) - 1] for c in chars)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encode(old), encode(new), False)
    dmp.diff_cleanupSemantic(diffs)
    marks = {0: ("", ""), -1: ("[-", "-]"), 1: ("{+", "+}")}
    return "".join(marks[op][0] + decode(data) + marks[op][1] for op, data in diffs)


def redline_redlines(old: str, new: str) -> str:
    """The ``redlines`` package's Markdown redline of the two whole texts."""
    from redlines import Redlines

    return str(Redlines(old, new).output_markdown)


_RUNNERS: dict[str, Callable[[str, str], str]] = {
    "difflib": redline_difflib,
    "difflib-full": lambda old, new: redline_difflib(old, new, autojunk=False),
    "dmp": redline_dmp,
    "redlines": redline_redlines,
}


def main(argv: list[str]) -> int:
    """``baselines.py KEY OLD NEW``: run one Python baseline, print its redline."""
    if len(argv) != 3 or argv[0] not in _RUNNERS:
        print(f"usage: baselines.py {{{','.join(_RUNNERS)}}} OLD NEW", file=sys.stderr)
        return 2
    key, old, new = argv
    sys.stdout.write(_RUNNERS[key](_read(old), _read(new)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
