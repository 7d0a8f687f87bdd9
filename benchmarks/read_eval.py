"""How many of each text's article labels the readers recover, against hand-made label lists.

Every text that has an entry in ``../shared/labels/articles-dev.yaml`` (override the folder with
``CONDIFF_LABELS``; texts come from ``../shared/corpora-raw`` or ``CONDIFF_CORPORA_RAW``) is read
in this process and scored the way ``labels/README.md`` says: the labels of the provisions of
kind article, section and amendment are compared with the list's ``main`` labels after removing
spaces, dots, dashes and ordinal signs; recall is over ``main``, precision over everything read,
where a label of the separately numbered transitional provisions also counts as right.

It prints one row per text (recall, precision, articles expected and found, the numbering
issues the reader reported, reading time) and a summary; ``--out FILE`` writes the same table as
Markdown, ``--json FILE`` every figure, ``--dump DIR`` the labels read from each text (one per
line, for diffing two versions of the reader), ``--detail`` the labels missed and invented.

Usage::

    python benchmarks/read_eval.py
    python benchmarks/read_eval.py --detail --only ecuador
    python benchmarks/read_eval.py --out /tmp/read.md --json /tmp/read.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from condiff.model import Document, Provision
from condiff.read import read_document

ROOT = Path(__file__).resolve().parent.parent
#: Kinds the label lists count (a US-style "Section" under an article is one too).
COUNTED = ("article", "section", "amendment")
TARGET = 0.98


def shared_dir(env: str, name: str) -> Path:
    value = os.environ.get(env)
    return Path(value) if value else ROOT.parent / "shared" / name


def norm(label: object) -> str:
    """A label without spaces, dots, dashes or ordinal signs (1º, 1°, 1o), lower-cased."""
    s = re.sub(r"[\s.\-–º°ª]", "", str(label))
    return re.sub(r"(\d)o\b", r"\1", s).lower()


def counted(doc: Document) -> Iterator[Provision]:
    """Every provision the label lists count, in document order."""
    for node in doc.walk():
        if node.kind in COUNTED:
            yield node


@dataclass
class Row:
    name: str
    expected: int
    found: int = 0
    recall: float = 0.0
    precision: float = 0.0
    seconds: float = 0.0
    numbering: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.recall >= TARGET and self.precision >= TARGET


def score(name: str, truth: dict[str, object], texts: Path, dump: Path | None) -> Row:
    main = [str(x) for x in truth.get("main") or []]  # type: ignore[attr-defined]
    trans = [str(x) for x in truth.get("transitional") or []]  # type: ignore[attr-defined]
    row = Row(name, expected=len(main))
    path = texts / name
    t0 = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = read_document(path)
    except Exception as exc:  # a benchmark reports every failure and goes on
        row.error = f"{type(exc).__name__}: {exc}"
        return row
    row.seconds = time.perf_counter() - t0
    labels = [p.label for p in counted(doc)]
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"{name}.labels").write_text(
            "".join(f"{p.kind}\t{p.label}\n" for p in doc.walk() if p.kind in
                    (*COUNTED, "transitional")), encoding="utf-8")
    got = Counter(map(norm, labels))
    want = Counter(map(norm, main))
    every = want + Counter(map(norm, trans))
    row.found = sum(got.values())
    row.recall = sum((want & got).values()) / max(1, sum(want.values()))
    row.precision = sum((every & got).values()) / max(1, sum(got.values()))
    row.missed = sorted((want - got).elements(), key=_natural)
    row.invented = sorted((got - every).elements(), key=_natural)
    row.numbering = [_issue(i) for i in doc.numbering]
    return row


def _natural(label: str) -> tuple[int, str]:
    m = re.match(r"\d+", label)
    return (int(m.group()), label) if m else (10**9, label)


def _issue(issue: object) -> str:
    kind = getattr(issue, "kind", "")
    series = getattr(issue, "series", "")
    labels = getattr(issue, "labels", ())
    shown = ",".join(labels[:6]) + ("…" if len(labels) > 6 else "")
    return f"{series} {kind} {shown}".strip()


def table(rows: list[Row]) -> str:
    out = ["| text | recall | precision | expected | found | numbering issues | read |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if r.error:
            out.append(f"| {r.name} | error | | {r.expected} | | | {r.error[:60]} |")
            continue
        mark = "" if r.ok else " ✗"
        out.append(f"| {r.name}{mark} | {r.recall:.3f} | {r.precision:.3f} | {r.expected} | "
                   f"{r.found} | {len(r.numbering)} | {r.seconds * 1000:.0f} ms |")
    ok = sum(r.ok for r in rows)
    out.append("")
    out.append(f"{ok} of {len(rows)} texts with recall and precision >= {TARGET}; "
               f"lowest recall {min((r.recall for r in rows), default=0):.3f}, "
               f"lowest precision {min((r.precision for r in rows), default=0):.3f}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="score only texts whose name contains this")
    ap.add_argument("--detail", action="store_true", help="list labels missed and invented")
    ap.add_argument("--out", type=Path, help="write the table as Markdown to this file")
    ap.add_argument("--json", type=Path, help="write every figure as JSON to this file")
    ap.add_argument("--dump", type=Path, help="write the labels read per text into this folder")
    args = ap.parse_args(argv)
    labels = shared_dir("CONDIFF_LABELS", "labels") / "articles-dev.yaml"
    texts = shared_dir("CONDIFF_CORPORA_RAW", "corpora-raw")
    if not labels.is_file() or not texts.is_dir():
        print(f"read_eval: no labels at {labels} or no texts in {texts} "
              "(set CONDIFF_LABELS / CONDIFF_CORPORA_RAW)", file=sys.stderr)
        return 2
    truth = yaml.safe_load(labels.read_text(encoding="utf-8"))
    names = [n for n in sorted(truth) if args.only in n and (texts / n).is_file()]
    rows = [score(n, truth[n], texts, args.dump) for n in names]
    text = table(rows)
    print(text, end="")
    if args.detail:
        for r in rows:
            if r.missed or r.invented or r.numbering:
                print(f"\n{r.name}:")
                if r.missed:
                    print(f"  missed ({len(r.missed)}): {' '.join(r.missed[:60])}")
                if r.invented:
                    print(f"  invented ({len(r.invented)}): {' '.join(r.invented[:60])}")
                if r.numbering:
                    print(f"  numbering: {'; '.join(r.numbering[:12])}")
    if args.out:
        args.out.write_text("# Articles recovered per text\n\n" + text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
