"""Redlines as Rich ``Text``: deleted words struck through in red, inserted words green, and the
words that carried a right in a style of their own.

Document text is never turned into markup: every piece goes through
:func:`condiff.sanitize.visible` and ``Text.append`` with an explicit style, so a constitution
holding ``[bold]``, ``\\x1b]52;…`` or a bidi override shows those characters instead of obeying
them. Offsets of evidence spans refer to the raw text; pieces are cut at span boundaries
*before* sanitising, so highlights stay on the right words even when a control character
becomes a three-character marker.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from rich.style import Style
from rich.text import Text

from ..model import Finding
from ..sanitize import visible
from .review_model import LOSS_KINDS, RIGHTS_MARK, WEAKEN_KINDS, Mark

DELETED = Style(color="#ff5f5f", strike=True)
INSERTED = Style(color="#5fd75f", bold=True)
SEARCH_HIT = Style(color="#000000", bgcolor="#00d7d7")
RIGHT_LOST = Style(color="#000000", bgcolor="#ffd700", bold=True, underline=True)
RIGHT_WEAKENED = Style(color="#000000", bgcolor="#ff8700", bold=True)
RIGHT_OTHER = Style(color="#000000", bgcolor="#d7afff")
BADGE_LOST = Style(color="#ffffff", bgcolor="#d70000", bold=True)
BADGE_WEAKENED = Style(color="#000000", bgcolor="#ffaf00", bold=True)
BADGE_OTHER = Style(color="#000000", bgcolor="#af87ff", bold=True)
MUTED = Style(dim=True)
#: Backgrounds that mark a right's evidence (badges use other shades), so the view can find
#: the first highlighted line even where a deletion's style was combined with them.
EVIDENCE_BACKGROUNDS = frozenset(s.bgcolor for s in (RIGHT_LOST, RIGHT_WEAKENED, RIGHT_OTHER))


def is_evidence(style: object) -> bool:
    """Whether a span style marks a right's evidence."""
    return isinstance(style, Style) and style.bgcolor in EVIDENCE_BACKGROUNDS
# Colours are given as hex on purpose: named ANSI colours are remapped by the terminal's (and
# Textual's) theme, which made "yellow" and "dark orange" look alike in some terminals.


def right_style(finding: Finding) -> Style:
    """Highlight for the words a finding points at, by how bad the change is."""
    if finding.kind in LOSS_KINDS:
        return RIGHT_LOST
    if finding.kind in WEAKEN_KINDS:
        return RIGHT_WEAKENED
    return RIGHT_OTHER


def badge(finding: Finding, *, selected: bool = False) -> Text:
    """``⚑ Right to strike · removed`` in the finding's colours."""
    if finding.kind in LOSS_KINDS:
        style = BADGE_LOST
    elif finding.kind in WEAKEN_KINDS:
        style = BADGE_WEAKENED
    else:
        style = BADGE_OTHER
    text = Text()
    text.append(f" {RIGHTS_MARK} ", style)
    text.append(visible(finding.title or finding.topic), style)
    text.append(f" · {visible(finding.kind)} ", style)
    if selected:
        text.append(" ◀", Style(bold=True))
    return text


def hits(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of ``query`` in ``text`` as (start, end) offsets."""
    needle = query.lower()
    haystack = text.lower()
    if not needle or len(haystack) != len(text):
        return []
    found: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return found


class _Painter:
    """Appends raw pieces of one side's text to a ``Text``, cutting them at highlight edges."""

    def __init__(self, marks: Sequence[Mark], findings: Sequence[Finding],
                 search: Sequence[tuple[int, int]]) -> None:
        self.marks = marks
        self.findings = findings
        self.search = search

    def paint(self, out: Text, raw: str, base: Style | None, offset: int) -> None:
        end = offset + len(raw)
        cuts = {0, len(raw)}
        ranges: list[tuple[int, int, Style]] = [
            (m.start, m.end, right_style(self.findings[m.finding])) for m in self.marks
        ]
        ranges += [(a, b, SEARCH_HIT) for a, b in self.search]
        for a, b, _ in ranges:
            if b > offset and a < end:
                cuts.add(max(a, offset) - offset)
                cuts.add(min(b, end) - offset)
        points = sorted(cuts)
        for a, b in itertools.pairwise(points):
            style = base or Style()
            for start, stop, extra in ranges:
                if start <= offset + a < stop:
                    style = style + extra
            out.append(visible(raw[a:b]), style)


def side_text(
    ops: Iterable[tuple[str, str]],
    side: str,
    *,
    marks: Sequence[Mark] = (),
    findings: Sequence[Finding] = (),
    query: str = "",
) -> Text:
    """One side of a redline: the old text with deletions, or the new text with insertions."""
    keep = "-" if side == "old" else "+"
    pieces = [(op, s) for op, s in ops if op in ("=", keep)]
    raw = "".join(s for _, s in pieces)
    painter = _Painter(marks, findings, hits(raw, query) if query else [])
    out = Text()
    offset = 0
    for op, s in pieces:
        painter.paint(out, s, None if op == "=" else (DELETED if side == "old" else INSERTED),
                      offset)
        offset += len(s)
    return out


def needs_gap(before: tuple[str, str], after: tuple[str, str]) -> bool:
    """Whether an inline redline must show a space between two neighbouring ops: a deletion
    and an insertion that touch with no whitespace would read as one word ("lawstatute")."""
    kinds = {before[0], after[0]}
    return kinds == {"-", "+"} and bool(before[1]) and bool(after[1]) \
        and not before[1][-1].isspace() and not after[1][0].isspace()


def inline_text(
    ops: Iterable[tuple[str, str]],
    *,
    old_marks: Sequence[Mark] = (),
    new_marks: Sequence[Mark] = (),
    findings: Sequence[Finding] = (),
    query: str = "",
) -> Text:
    """Both sides in one flow: deletions struck in red right before insertions in green."""
    op_list = list(ops)
    old_raw = "".join(s for op, s in op_list if op in ("=", "-"))
    new_raw = "".join(s for op, s in op_list if op in ("=", "+"))
    old_p = _Painter(old_marks, findings, hits(old_raw, query) if query else [])
    new_p = _Painter(new_marks, findings, hits(new_raw, query) if query else [])
    out = Text()
    o = n = 0
    for k, (op, s) in enumerate(op_list):
        if k and needs_gap(op_list[k - 1], (op, s)):
            out.append(" ")  # shown only: offsets of marks and hits count the texts' characters
        if op == "=":
            # Kept text carries the marks of both sides; paint with the new side's spans
            # only when the old side has none there.
            painter = old_p if any(m.start < o + len(s) and m.end > o for m in old_marks) \
                else new_p
            painter.paint(out, s, None, o if painter is old_p else n)
            o += len(s)
            n += len(s)
        elif op == "-":
            old_p.paint(out, s, DELETED, o)
            o += len(s)
        else:
            new_p.paint(out, s, INSERTED, n)
            n += len(s)
    return out
