"""Saying when a reader could not find every article: the numbering checked after reading.

Article numbers run in order, so after a text is read its article labels say what may have
been missed: a gap (17 … 40 absent), a number read twice, a number out of order. None of these
is an error (constitutions do leave numbers out, and print a misprint twice), but each is the
likeliest trace of a heading the reader did not recognise, and a lost article becomes an
"added" or "removed" article and a false "removed" right downstream. So every reader records
them as :class:`~condiff.model.NumberingIssue` in ``Document.numbering`` and warns
(:class:`NumberingWarning`); ``--strict`` turns the warning into an error.

Labels are compared by number: "14 bis", "83-1", "12a" and "24 (2)" are inserted articles and
leave no gap; "379-391" covers the numbers it spans; Roman labels ("XIV") count as numbers; the
ordinal words of transitional provisions ("Segunda", "Forty-sixth") too. Separately numbered
series (articles, transitional provisions) are checked each on its own, and a transitional
numbering that starts again from one (additional provisions, then transitional ones) is a new
series.
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import replace

from ..errors import CondiffWarning
from ..model import Document, NumberingIssue, Provision

#: Unit kinds checked, and the series each belongs to.
SERIES = {"article": "main", "transitional": "transitional"}
#: How many issues a warning spells out before summing up the rest.
SHOWN = 8

# compiled on first use: most runs read documents whose numbering is never in doubt
_NUMBER = functools.cache(lambda: re.compile(r"(\d+)(.*)$"))
_ROMAN = functools.cache(lambda: re.compile(r"[IVXLCDM]+$"))
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_RANGE = functools.cache(lambda: re.compile(r"\s*[-–]\s*(\d+)$"))


class NumberingWarning(CondiffWarning):
    """Numbers missing, repeated or out of order in a document's articles."""


def _roman(text: str) -> int:
    total = prev = 0
    for ch in reversed(text):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def _to_roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def number_of(label: str) -> tuple[int, int, str, str] | None:
    """(first number, last number covered, suffix, style) of a label, or None when it has no
    number ("A", "*"). Style is "arabic", "roman" or "word"."""
    text = label.strip()
    m = _NUMBER().match(text)
    if m:
        first = int(m.group(1))
        rest = m.group(2)
        span = _RANGE().match(rest)
        if span and int(span.group(1)) > first:
            return first, int(span.group(1)), "", "arabic"
        return first, first, rest.strip().casefold(), "arabic"
    if _ROMAN().match(text):
        value = _roman(text)
        return value, value, "", "roman"
    from .text.ordinals import ordinal_value

    value = ordinal_value(text)
    if value:
        return value, value, "", "word"
    return None


def _letters(units: list[Provision]) -> bool:
    """Whether a series is numbered by letters ("A", "B", … "I"): then "I" is the ninth."""
    labels = [u.label.strip() for u in units]
    return len(labels) >= 3 and all(len(x) == 1 and x.isalpha() for x in labels) \
        and any(x not in "IVXLCDM" for x in labels)


def _runs(units: list[Provision], series: str) -> list[list[Provision]]:
    """The units of one series; a transitional numbering that starts again from its first
    number is a new run (additional provisions, then transitional ones)."""
    if series != "transitional" or _letters(units):
        return [units]
    runs: list[list[Provision]] = []
    for u in units:
        n = number_of(u.label)
        if not runs or (n is not None and n[0] == 1 and runs[-1]):
            runs.append([])
        runs[-1].append(u)
    return runs


def check(doc: Document) -> tuple[NumberingIssue, ...]:
    """Gaps, duplicates and numbers out of order in each numbered series of ``doc``."""
    by_series: dict[str, list[Provision]] = {}
    for unit in doc.units():
        series = SERIES.get(unit.kind)
        if series is not None and unit.label:
            by_series.setdefault(series, []).append(unit)
    issues: list[NumberingIssue] = []
    for series, units in by_series.items():
        for run in _runs(units, series):
            issues.extend(_check_run(run, series))
    return tuple(issues)


def _check_run(units: list[Provision], series: str) -> list[NumberingIssue]:
    issues: list[NumberingIssue] = []
    seen: set[tuple[int, str]] = set()
    last_num = 0  # highest number read so far
    last_key: tuple[int, str] | None = None
    last_label = ""
    if _letters(units):
        numbered: list[tuple[Provision, tuple[int, int, str, str] | None]] = [
            (u, (v, v, "", "letter")) for u in units
            for v in (ord(u.label.strip().upper()) - ord("A") + 1,)]
    else:
        numbered = [(u, number_of(u.label)) for u in units]
    # the label of the next numbered unit after each one, found in one backward pass
    after: list[str] = [""] * len(numbered)
    nxt = ""
    for i in range(len(numbered) - 1, -1, -1):
        after[i] = nxt
        if numbered[i][1] is not None:
            nxt = numbered[i][0].label
    for i, (unit, n) in enumerate(numbered):
        if n is None:
            continue
        first, last, suffix, style = n
        key = (first, suffix)
        following = after[i]
        if key in seen:
            issues.append(NumberingIssue("duplicate", series, (unit.label,), last_label,
                                         following, unit.line))
            continue
        if last_key is not None and key < last_key:
            issues.append(NumberingIssue("order", series, (unit.label,), last_label,
                                         following, unit.line))
            seen.add(key)
            continue
        if first > last_num + 1:
            missing = tuple(_spell(k, style) for k in range(last_num + 1, first))
            issues.append(NumberingIssue("gap", series, missing, last_label, unit.label,
                                         unit.line))
        seen.add(key)
        last_key = key
        last_num = max(last_num, last)
        last_label = unit.label
    return issues


def _spell(n: int, style: str) -> str:
    if style == "roman":
        return _to_roman(n)
    if style == "letter":
        return chr(ord("A") + n - 1)
    return str(n)


def _compress(labels: list[str]) -> str:
    """Labels with runs of three or more consecutive numbers written as ranges ("17–40")."""
    parts: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0]}–{run[-1]}")
        else:
            parts.extend(run)
        run.clear()

    previous = None
    for label in labels:
        n = number_of(label)
        value = n[0] if n else None
        if run and not (value is not None and previous is not None and value == previous + 1):
            flush()
        run.append(label)
        previous = value
    flush()
    if len(parts) > SHOWN:
        parts = [*parts[:SHOWN], f"… ({len(parts) - SHOWN} more)"]
    return ", ".join(parts)


def describe(issues: tuple[NumberingIssue, ...] | list[NumberingIssue]) -> str:
    """The issues in words: "articles 17–40, 52 not found (headings not recognised?);
    article 12 read twice; article 71 out of order (after 10)"."""
    parts: list[str] = []
    for series, word in (("main", "article"), ("transitional", "transitional provision")):
        mine = [i for i in issues if i.series == series]
        missing = [label for i in mine if i.kind == "gap" for label in i.labels]
        twice = [i.labels[0] for i in mine if i.kind == "duplicate"]
        order = [i for i in mine if i.kind == "order"]
        if missing:
            parts.append(f"{word}{'s' if len(missing) > 1 else ''} {_compress(missing)} not "
                         "found (headings not recognised?)")
        if twice:
            parts.append(f"{word}{'s' if len(twice) > 1 else ''} {_compress(twice)} read twice")
        for i in order[:3]:
            parts.append(f"{word} {i.labels[0]} out of order"
                         + (f" (after {i.after})" if i.after else ""))
        if len(order) > 3:
            parts.append(f"{len(order) - 3} more out of order")
    return "; ".join(parts)


def message(path: str, issues: tuple[NumberingIssue, ...]) -> str:
    """The warning a command prints for a document whose numbering has issues."""
    shown = path or "<text>"
    return f"{shown}: {describe(issues)} — check with condiff parse"


def attach(doc: Document, *, warn: bool = True) -> Document:
    """``doc`` with its numbering checked; warns (:class:`NumberingWarning`) when it has
    issues."""
    issues = check(doc)
    if not issues:
        return doc
    if warn:
        warnings.warn(message(doc.path, issues), NumberingWarning, stacklevel=3)
    return replace(doc, numbering=issues)
