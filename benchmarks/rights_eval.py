"""How well the rights findings match hand labels of real constitution pairs.

Reads the label files in ``../shared/labels`` (``rights-dev.yaml``, ``rights-dev-es.yaml``, or
``--labels FILE``), runs every labelled pair both ways (backwards the verdicts flip: added ↔
removed, weakened ↔ strengthened) and prints, per run, the recall of ``removed`` and ``added``
and every false removal or false addition with its topic and the references condiff gave, then
one summary line per label file. A false removal is a ``removed`` finding on a topic labelled
kept, added, weakened or strengthened in that direction (the scoring of the labels' README).

Usage (from the project root)::

    python benchmarks/rights_eval.py                       # both label files
    python benchmarks/rights_eval.py --labels ../shared/labels/rights-dev-es.yaml
    python benchmarks/rights_eval.py --pair poland-1952-1997 --findings
    python benchmarks/rights_eval.py --json                # machine-readable
    python benchmarks/rights_eval.py --max-false-removals 2   # exit 1 above it

The labels are facts to evaluate against: nothing here copies their notes. Texts are read from
``../shared/corpora-raw`` (or ``CONDIFF_CORPORA_RAW``, or ``--corpora``); a pair whose texts are
absent is skipped with a message. ``--cache DIR`` keeps the aligned pairs between runs (keyed by
the texts and by the source of condiff's readers and aligner), so a change to the rules is
measured in seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
FLIP = {"added": "removed", "removed": "added", "weakened": "strengthened",
        "strengthened": "weakened"}
#: Verdicts against which a ``removed`` (or ``added``) finding is false.
CONTRARY = ("kept", "added", "removed", "strengthened", "weakened")
#: Label keys whose topic a pack may file under another key (the labels' README).
LABEL_ALIASES: dict[str, frozenset[str]] = {
    "deathpen": frozenset({"cappun"}), "healthr": frozenset({"health"}),
    "property": frozenset({"proprght"}), "vote": frozenset({"voteun"}),
    "work": frozenset({"provwork"}),
    "educate": frozenset({"edfree", "edcomp", "achighed", "education"}),
    "socsec": frozenset({"finsup2", "social_security"}),
    "habcorp": frozenset({"arbitrary_detention"}),
    "citdep": frozenset({"citrev", "exile"}),
}
DEFAULT_LABELS = ("rights-dev.yaml", "rights-dev-es.yaml")


def shared_dir() -> Path:
    return ROOT.parent / "shared"


def raw_dir() -> Path:
    env = os.environ.get("CONDIFF_CORPORA_RAW")
    return Path(env) if env else shared_dir() / "corpora-raw"


@dataclass
class Miss:
    """A wrong or missed finding: the topic, its label in this direction, and where."""

    topic: str
    label: str
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    detail: str = ""

    def show(self) -> str:
        where = ", ".join(self.old) or "-"
        to = ", ".join(self.new) or "-"
        return f"{self.topic} (label {self.label}; {where} -> {to})"


@dataclass
class Run:
    """One directional run of a labelled pair."""

    pair: str
    backwards: bool
    removed_n: int = 0
    removed_tp: int = 0
    added_n: int = 0
    added_tp: int = 0
    missed_removed: list[Miss] = field(default_factory=list)
    missed_added: list[Miss] = field(default_factory=list)
    false_removed: list[Miss] = field(default_factory=list)
    false_added: list[Miss] = field(default_factory=list)
    findings: list[dict[str, object]] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str = ""

    @property
    def name(self) -> str:
        return f"{self.pair}{' <-' if self.backwards else ' ->'}"


def _source_key() -> str:
    """A digest of the readers' and aligner's source: cached alignments are stale when it
    changes."""
    digest = hashlib.sha256()
    for folder in ("read", "align"):
        for path in sorted((ROOT / "condiff" / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    for name in ("model.py", "redline.py"):
        digest.update((ROOT / "condiff" / name).read_bytes())
    return digest.hexdigest()[:16]


def _aligned(old_path: Path, new_path: Path, cache: Path | None) -> object:
    """The comparison without rules (redlines made lazily), from the cache when fresh."""
    from condiff.pipeline import compare
    from condiff.read import read_document

    key = ""
    if cache is not None:
        digest = hashlib.sha256(_source_key().encode())
        for p in (old_path, new_path):
            digest.update(p.read_bytes())
        key = digest.hexdigest()[:24]
        hit = cache / f"{key}.pickle"
        if hit.is_file():
            with hit.open("rb") as fh:
                return pickle.load(fh)
    c = compare(read_document(str(old_path)), read_document(str(new_path)), rules=False,
                redlines=False)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        # Redlines are made when read: pickling reads them, so the cached pair carries them.
        tmp = cache / f"{key}.tmp{os.getpid()}"
        with tmp.open("wb") as fh:
            pickle.dump(c, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache / f"{key}.pickle")
    return c


def _topics(findings: Iterable[dict[str, object]], kind: str) -> dict[str, list[dict[str, object]]]:
    """Label topic → findings of ``kind`` filed under it (or under one of its aliases)."""
    out: dict[str, list[dict[str, object]]] = {}
    for f in findings:
        if f["kind"] != kind:
            continue
        topic = str(f["topic"])
        out.setdefault(topic, []).append(f)
        for label, alts in LABEL_ALIASES.items():
            if topic in alts:
                out.setdefault(label, []).append(f)
    return out


def score(pair: dict[str, object], findings: list[dict[str, object]], backwards: bool) -> Run:
    """Score one directional run's findings against the pair's labels."""
    run = Run(str(pair["id"]), backwards, findings=findings)
    removed, added = _topics(findings, "removed"), _topics(findings, "added")
    topics = pair.get("topics") or {}
    assert isinstance(topics, dict)
    for topic, label in topics.items():
        if label.get("skip"):
            continue
        verdict = label["verdict"]
        if backwards:
            verdict = FLIP.get(verdict, verdict)
        old_refs, new_refs = label.get("old") or [], label.get("new") or []
        if backwards:
            old_refs, new_refs = new_refs, old_refs
        for kind, got, missed, false in (
                ("removed", removed, run.missed_removed, run.false_removed),
                ("added", added, run.missed_added, run.false_added)):
            if verdict == kind:
                setattr(run, f"{kind}_n", getattr(run, f"{kind}_n") + 1)
                if topic in got:
                    setattr(run, f"{kind}_tp", getattr(run, f"{kind}_tp") + 1)
                else:
                    missed.append(Miss(topic, verdict, [str(r) for r in old_refs],
                                       [str(r) for r in new_refs]))
            elif topic in got and verdict in CONTRARY:
                f = got[topic][0]
                false.append(Miss(topic, verdict, list(f["old"]),  # type: ignore[arg-type]
                                  list(f["new"]), str(f.get("detail", ""))))  # type: ignore[arg-type]
    return run


def _finding_dict(f: object) -> dict[str, object]:
    return {"topic": f.topic, "kind": f.kind, "old": list(f.old),  # type: ignore[attr-defined]
            "new": list(f.new), "detail": f.detail,  # type: ignore[attr-defined]
            "confidence": f.confidence,  # type: ignore[attr-defined]
            "reasons": list(getattr(f, "reasons", ()))}


def _one(job: tuple[dict[str, object], str, str, bool, str | None]) -> Run:
    pair, old_name, new_name, backwards, cache = job
    from condiff.rules import apply_rules

    folder = raw_dir()
    a, b = folder / f"{old_name}.txt", folder / f"{new_name}.txt"
    if backwards:
        a, b = b, a
    if not (a.is_file() and b.is_file()):
        return Run(str(pair["id"]), backwards, skipped=f"texts not found in {folder}")
    start = time.perf_counter()
    aligned = _aligned(a, b, Path(cache) if cache else None)
    c = apply_rules(aligned)  # type: ignore[arg-type]
    run = score(pair, [_finding_dict(f) for f in c.findings], backwards)
    run.seconds = time.perf_counter() - start
    return run


def evaluate(label_file: Path, *, jobs: int = 2, cache: Path | None = None,
             only: Sequence[str] = ()) -> list[Run]:
    """Every labelled pair of ``label_file`` run both ways, scored."""
    import yaml

    data = yaml.safe_load(label_file.read_text(encoding="utf-8"))
    work = [(p, p["old"], p["new"], back, str(cache) if cache else None)
            for p in data["pairs"] if not only or p["id"] in only for back in (False, True)]
    if jobs <= 1:
        return [_one(w) for w in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_one, work))


def summary(runs: Sequence[Run]) -> Counter[str]:
    c: Counter[str] = Counter()
    for r in runs:
        if r.skipped:
            c["skipped"] += 1
            continue
        c["runs"] += 1
        c["removed_n"] += r.removed_n
        c["removed_tp"] += r.removed_tp
        c["added_n"] += r.added_n
        c["added_tp"] += r.added_tp
        c["false_removed"] += len(r.false_removed)
        c["false_added"] += len(r.false_added)
    return c


def summary_line(name: str, runs: Sequence[Run]) -> str:
    c = summary(runs)
    line = (f"{name} ({c['runs']} runs): removed {c['removed_tp']}/{c['removed_n']}, "
            f"false removals {c['false_removed']}; added {c['added_tp']}/{c['added_n']}, "
            f"false added {c['false_added']}")
    if c["skipped"]:
        line += f" ({c['skipped']} runs skipped: texts absent)"
    return line


def report(name: str, runs: Sequence[Run], *, findings: bool = False) -> list[str]:
    lines = [f"== {name}"]
    for r in runs:
        if r.skipped:
            lines.append(f"{r.name}: skipped ({r.skipped})")
            continue
        lines.append(f"{r.name}: removed {r.removed_tp}/{r.removed_n}, added "
                     f"{r.added_tp}/{r.added_n} ({r.seconds:.1f} s)")
        for title, items in (("false removal", r.false_removed),
                             ("missed removal", r.missed_removed),
                             ("false added", r.false_added), ("missed added", r.missed_added)):
            for m in items:
                lines.append(f"    {title}: {m.show()}")
                if m.detail and findings:
                    lines.append(f"        {m.detail[:300]}")
        if findings:
            for f in r.findings:
                lines.append(f"    - {f['kind']} {f['topic']} {f['old']} -> {f['new']} "
                             f"[{f['confidence']:.2f} {','.join(f['reasons'])}] "  # type: ignore[arg-type]
                             f"{str(f['detail'])[:160]}")
    lines.append(summary_line(name, runs))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    ap.add_argument("--labels", action="append", default=None, metavar="FILE",
                    help="label file (repeatable; default: both files in ../shared/labels)")
    ap.add_argument("--corpora", default=None, help="folder of the texts")
    ap.add_argument("--pair", action="append", default=[], help="only this pair id")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", default=None, help="folder to keep aligned pairs in")
    ap.add_argument("--findings", action="store_true", help="list every finding per run")
    ap.add_argument("--json", action="store_true", help="print the runs as JSON")
    ap.add_argument("--max-false-removals", type=int, default=None,
                    help="exit 1 when a label file has more false removals than this")
    args = ap.parse_args(argv)
    if args.corpora:
        os.environ["CONDIFF_CORPORA_RAW"] = args.corpora
    files = [Path(p) for p in args.labels] if args.labels else [
        shared_dir() / "labels" / n for n in DEFAULT_LABELS]
    status = 0
    out: dict[str, object] = {}
    for path in files:
        if not path.is_file():
            print(f"{path}: no label file, skipped", file=sys.stderr)
            continue
        runs = evaluate(path, jobs=args.jobs, cache=Path(args.cache) if args.cache else None,
                        only=args.pair)
        if args.json:
            out[path.name] = {"runs": [asdict(r) for r in runs], "summary": summary(runs)}
        else:
            print("\n".join(report(path.name, runs, findings=args.findings)))
        if (args.max_false_removals is not None
                and summary(runs)["false_removed"] > args.max_false_removals):
            status = 1
    if args.json:
        print(json.dumps(out, indent=1, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
