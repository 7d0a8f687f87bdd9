"""Synthetic growth: the same pair of documents made k times longer, to measure how time scales.

A document of k× size is k copies of the original one after another, with every article (and
chapter) renumbered so that copy i carries its own numbers (article 24 of copy 2 becomes 124 when
the original has fewer than 100 articles). The old and the new document are grown the same way,
so the k× pair holds k× the same changes. With ``distinct=True`` every word of copy i > 1 also
gets a per-copy tag, so the copies share no words: that separates "condiff scales with size" from
"condiff copes with a document that repeats itself k times" (identical copies are the harder
case for any aligner that indexes words, and rarer in real constitutions).

The grown documents are written as canonical YAML, condiff's own format, next to a plain-text
rendering of the same content for the baselines (git diff, wdiff, redlines …), so every tool
diffs the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from condiff.model import Document, Provision, finalize

_LEADING_NUMBER = re.compile(r"^(\d+)(.*)$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GrowthCase:
    """One size of the growth series.

    Attributes:
        factor: k, the number of copies.
        old: Path of the grown old document (YAML).
        new: Path of the grown new document (YAML).
        old_text: The same old document as plain text (for the baselines).
        new_text: The same new document as plain text.
        words: Words of old + new together.
    """

    factor: int
    old: Path
    new: Path
    old_text: Path
    new_text: Path
    words: int


def _numbers(doc: Document) -> list[int]:
    out: list[int] = []
    for node in doc.walk():
        if node.is_unit or node.is_container:
            m = _LEADING_NUMBER.match(node.label)
            if m:
                out.append(int(m.group(1)))
    return out


def number_offset(*docs: Document) -> int:
    """The power of ten above every printed number: the shift between copies."""
    top = max((n for d in docs for n in _numbers(d)), default=0)
    offset = 10
    while offset <= top:
        offset *= 10
    return offset


def _relabel(label: str, copy: int, offset: int) -> str:
    if copy == 0 or not label:
        return label
    m = _LEADING_NUMBER.match(label)
    if m:
        return f"{int(m.group(1)) + copy * offset}{m.group(2)}"
    return f"{label}-{copy + 1}"


def _tag_words(text: str, copy: int) -> str:
    if copy == 0 or not text:
        return text
    tag = "".join(chr(ord("q") + int(d)) for d in str(copy))  # q, r, … : letters, not digits
    return _WORD.sub(lambda m: m.group(0) + tag, text)


def _copy(node: Provision, copy: int, offset: int, distinct: bool) -> Provision:
    numbered = node.is_unit or node.is_container
    kids = tuple(_copy(c, copy, offset, distinct) for c in node.children)
    text = _tag_words(node.text, copy) if distinct else node.text
    heading = _tag_words(node.heading, copy) if distinct else node.heading
    label = _relabel(node.label, copy, offset) if numbered else node.label
    return replace(node, label=label, heading=heading, text=text, children=kids, id="", ref="")


def grow(doc: Document, factor: int, *, offset: int, distinct: bool = False) -> Document:
    """``factor`` renumbered copies of ``doc``, one after another.

    A preamble is kept in the first copy only: a constitution has one, and a second one
    would have no number to tell it apart.
    """
    top: list[Provision] = []
    for copy in range(factor):
        for p in doc.provisions:
            if copy and p.kind == "preamble":
                continue
            top.append(_copy(p, copy, offset, distinct))
    return finalize(replace(doc, provisions=tuple(top), path=""))


def as_text(doc: Document) -> str:
    """A plain rendering (headings, labels, text) for the tools that read plain text."""
    lines: list[str] = []
    for node in doc.walk():
        head = " ".join(x for x in (node.display_label if node.label or node.is_unit else "",
                                     node.heading) if x)
        if node.kind in ("paragraph", "subparagraph", "item", "clause"):
            head = ""
            if node.label:
                lines.append(f"{node.label}. {node.text}" if node.text else f"{node.label}.")
                continue
        if head:
            lines.append(head)
        if node.text:
            lines.append(node.text)
    return "\n\n".join(lines) + "\n"


def word_count(text: str) -> int:
    """Words as whitespace-separated tokens."""
    return len(text.split())


def write_growth(
    old: Document,
    new: Document,
    factors: tuple[int, ...],
    outdir: Path,
    *,
    distinct: bool = False,
) -> list[GrowthCase]:
    """Write the grown pairs for every factor into ``outdir``; returns what was written."""
    from condiff.read.yaml_format import dump_yaml

    offset = number_offset(old, new)
    outdir.mkdir(parents=True, exist_ok=True)
    cases: list[GrowthCase] = []
    tag = "distinct" if distinct else "copies"
    for k in factors:
        paths: list[Path] = []
        words = 0
        for side, doc in (("old", old), ("new", new)):
            grown = grow(doc, k, offset=offset, distinct=distinct)
            yaml_path = outdir / f"{tag}-{k}x-{side}.yaml"
            text_path = outdir / f"{tag}-{k}x-{side}.txt"
            yaml_path.write_text(dump_yaml(grown), encoding="utf-8")
            text = as_text(grown)
            text_path.write_text(text, encoding="utf-8")
            words += word_count(text)
            paths += [yaml_path, text_path]
        cases.append(GrowthCase(k, paths[0], paths[2], paths[1], paths[3], words))
    return cases


def fit_exponent(sizes: list[float], times: list[float]) -> float | None:
    """Least-squares slope of log(time) against log(size); None with fewer than two points."""
    import math

    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, times, strict=True)
              if s > 0 and t > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in points) / sxx
