"""The terminal redline: every aligned article with its word-level changes marked.

With colour (a terminal, no ``--no-color``, no ``NO_COLOR``), deletions are red and struck
through, insertions green and underlined. Without colour the markers are the ones wdiff and
``git diff --word-diff=plain`` use, ``[-deleted-]`` and ``{+inserted+}``, so the output reads
in a log, a pipe or an e-mail. Every piece of document text passes through
:func:`~condiff.sanitize.visible`: a hostile input cannot move the cursor, recolour the
terminal or hide a deletion behind a bidi override.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import ArticlePair, Comparison, Document, ParagraphPair
from ..sanitize import visible
from .cite import cite_all, people_ref

_RESET = "\x1b[0m"
_STYLE = {
    "-": "\x1b[31;9m",  # red, struck through
    "+": "\x1b[32;4m",  # green, underlined
    "header": "\x1b[1;36m",
    "kind": "\x1b[33m",
    "ref": "\x1b[2m",
    "warning": "\x1b[33m",
}
_PLAIN = {"-": ("[-", "-]"), "+": ("{+", "+}")}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLE[style]}{text}{_RESET}" if color and text else text


def _name(doc: Document) -> str:
    parts = [doc.title or doc.path or "document"]
    if doc.version:
        parts.append(f"({doc.version})")
    return visible(" ".join(parts))


def _labels(doc: Document, labels: tuple[str, ...], ids: tuple[str, ...]) -> str:
    """``Art. 24``, ``Amendment XIV``, ``Preamble``: as the document's units call themselves."""
    if not labels:
        return "—"
    names: list[str] = []
    for label, pid in zip(labels, ids, strict=False):
        unit = doc.by_id(pid)
        names.append(visible(unit.display_label) if unit is not None else f"Art. {visible(label)}")
    return ", ".join(names)


def _ops(p: ParagraphPair, color: bool) -> str:
    out: list[str] = []
    previous = ("=", "")
    for op, text in p.ops:
        shown = visible(text)
        if color and {previous[0], op} == {"-", "+"} and previous[1] and text and \
                not previous[1][-1].isspace() and not text[0].isspace():
            out.append(" ")  # colour alone would run "law" and "statute" into one word
        previous = (op, text)
        if op == "=":
            out.append(shown)
        elif color:
            # Colour each line separately so a deletion spanning lines stays marked.
            out.append("\n".join(_paint(line, op, True) for line in shown.split("\n")))
        else:
            start, end = _PLAIN[op]
            out.append(f"{start}{shown}{end}")
    return "".join(out)


def _paragraph(c: Comparison, p: ParagraphPair, color: bool) -> str:
    old = people_ref(c.old, p.old) if p.old else ""
    new = people_ref(c.new, p.new) if p.new else ""
    ref = f"{old or '—'} → {new or '—'}"
    if old == new or not old or not new:
        ref = new or old
    body = _ops(p, color).replace("\n", "\n    ")
    return f"  {_paint(ref, 'ref', color)}  {body}"


def _header(c: Comparison, a: ArticlePair, color: bool) -> str:
    old = _labels(c.old, a.old, a.old_ids)
    new = _labels(c.new, a.new, a.new_ids)
    where = old if a.old == a.new else f"{old} → {new}"
    detail = a.kind if a.kind in ("added", "removed") else f"{a.kind}, {a.score:.2f}"
    return f"{_paint('== ' + where, 'header', color)}  {_paint('[' + detail + ']', 'kind', color)}"


def render(
    comparison: Comparison,
    *,
    color: bool = False,
    unchanged: bool = True,
    **_: Any,
) -> str:
    """The redline as terminal text.

    Args:
        comparison: The result of :func:`condiff.compare`.
        color: Use ANSI colours instead of ``[-…-]``/``{+…+}`` markers.
        unchanged: Show unchanged articles and paragraphs (False for ``--only-changed``).
    """
    kinds = Counter(a.kind for a in comparison.alignment)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "nothing to compare"
    lines = [
        f"{_name(comparison.old)} → {_name(comparison.new)}",
        f"{len(comparison.alignment)} alignment entries: {summary}",
    ]
    if comparison.unchecked_languages:
        from ..rules import uncovered_message

        lines.append(uncovered_message(comparison.unchecked_languages))
    if comparison.findings:
        lines.append(f"{len(comparison.findings)} rights findings:")
        for f in comparison.findings:
            # Cited as `condiff check` cites them, never by internal id.
            refs = f"{cite_all(comparison.old, f.old)} → {cite_all(comparison.new, f.new)}"
            lines.append(f"  {visible(f.title or f.topic)}: {visible(f.kind)} "
                         f"[{visible(f.severity)}] {refs}")
    lines.append("")
    for a in comparison.alignment:
        if not unchanged and a.kind == "unchanged":
            continue
        lines.append(_header(comparison, a, color))
        for p in a.paragraphs:
            if not unchanged and p.kind == "unchanged":
                continue
            lines.append(_paragraph(comparison, p, color))
        lines.append("")
    for w in comparison.warnings:
        lines.append(_paint(f"warning: {visible(w)}", "warning", color))
    return "\n".join(lines).rstrip("\n") + "\n"
