"""The terminal history: versions, rights over time, provisions over time, then each step.

Tables have a column per version. A rights cell lists the provisions that carry the right in
that version (``—`` none, ``?`` no rule pack for its language) with the mark of the step's
finding (``✗ removed``, ``↓ weakened``); a provision cell gives its label with the mark of the
change that led there (``13 ~``). Each step then says what changed, and which ``condiff diff``
command shows its full redline. ``--provision`` prints one provision in every version and the
redline of each step instead (:func:`render_provision`). Every piece of document text passes
through :func:`~condiff.sanitize.visible`, as in the diff's text redline.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

from ..history.model import History, Step
from ..history.provision import ProvisionHistory
from ..sanitize import visible
from . import history_view as view
from .text import _ops, _paint

#: Widest column of a table (longer cells are cut with "…").
MAX_CELL = 28


def _cut(text: str, width: int = MAX_CELL) -> str:
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    cells = [[_cut(c) for c in header], *[[_cut(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    out = []
    for n, row in enumerate(cells):
        out.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                   .rstrip())
        if n == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    return out


def _diff_command(history: History, step: Step) -> str:
    # The path it was read from (a manifest's entries are relative to the manifest).
    old, new = (history.versions[v].document.path or history.versions[v].name
                for v in (step.old, step.new))
    return f"condiff diff {shlex.quote(old)} {shlex.quote(new)}"


def _versions(history: History) -> list[str]:
    rows = []
    for v in history.versions:
        doc = v.document
        rows.append([str(v.index + 1), v.label, v.date or "", doc.language or "?",
                     str(len(doc.units())), v.name])
    return _table(["#", "Version", "Date", "Lang", "Articles", "Source"], rows)


def _rights(history: History, changed_only: bool) -> list[str]:
    rights = [r for r in history.rights if r.events or not changed_only]
    if not history.rights:
        return ["No rights topic is carried by any version (or no rule pack covers their "
                "language)."]
    lines = []
    if rights:
        header = ["Right", *[v.label for v in history.versions]]
        rows = [[r.title or r.topic, *[view.right_cell(history, r, v.index)
                                       for v in history.versions]] for r in rights]
        lines += _table(header, rows)
        lines.append(f"  {view.LEGEND_RIGHTS}")
    steady = len(history.rights) - len(rights)
    if steady:
        lines.append(f"  {steady} more right{'s' * (steady != 1)} carried without a finding "
                     "in any step (--all lists them).")
    return lines


def _provisions(history: History, changed_only: bool) -> list[str]:
    shown = [lin for lin in history.lineages if lin.changed or not changed_only]
    lines: list[str] = []
    if shown:
        header = [v.label for v in history.versions]
        rows = [[view.lineage_cell(lin, v.index) for v in history.versions] for lin in shown]
        lines += _table(header, rows)
        lines.append(f"  {view.LEGEND_LINEAGE}")
    same = len(history.lineages) - len(shown)
    if same:
        lines.append(f"  {same} provision{'s' * (same != 1)} unchanged in every step"
                     + (" (--all lists them)." if changed_only else "."))
    return lines


def _step(history: History, step: Step, color: bool) -> list[str]:
    c = step.comparison
    title = f"Step {step.index + 1}: {view.step_name(history, step)}"
    lines = [_paint(visible(title), "header", color), f"  {view.step_summary(history, step)}"]
    for change in step.structure:
        lines.append("  " + visible(view.structure_line(
            change.kind, change.container, change.old_label, change.new_label,
            change.old_heading, change.new_heading)))
    for f in c.findings:
        refs = f"{', '.join(map(visible, f.old)) or view.ABSENT} → " \
               f"{', '.join(map(visible, f.new)) or view.ABSENT}"
        lines.append(f"  {view.RIGHT_MARKS.get(f.kind, '•')} {visible(f.title or f.topic)}: "
                     f"{view.kind_text(f.kind)} [{visible(f.severity)}] {refs}")
    changed = [a for a in c.alignment if a.kind != "unchanged"]
    if changed:
        names = []
        for a in changed[:40]:
            old = "+".join(map(visible, a.old)) or view.ABSENT
            new = "+".join(map(visible, a.new)) or view.ABSENT
            where = old if a.old == a.new else f"{old} → {new}"
            names.append(f"{where} ({view.kind_text(a.kind)})")
        more = f", and {len(changed) - 40} more" if len(changed) > 40 else ""
        lines.append(f"  changed: {', '.join(names)}{more}")
    if step.changed:
        lines.append(f"  full redline: {visible(_diff_command(history, step))}")
    return lines


def render(history: History, *, color: bool = False, unchanged: bool = False,
           **_: Any) -> str:
    """The history as terminal text.

    Args:
        history: The result of :func:`condiff.history.load_history`.
        color: ANSI colours for headings.
        unchanged: Also list the provisions unchanged in every step and the rights no step
            changed (``--all``).
    """
    h = history
    steps = f"{len(h.steps)} step" + ("s" if len(h.steps) != 1 else "")
    lines = [_paint(visible(f"History of {h.title or 'the constitution'}: "
                            f"{len(h.versions)} versions, {steps}"), "header", color), ""]
    lines += [*_versions(h), ""]
    lines += [_paint("Rights over time", "header", color), *_rights(h, not unchanged), ""]
    lines += [_paint("Provisions over time", "header", color)]
    lines += [*_provisions(h, not unchanged), ""]
    for step in h.steps:
        lines += [*_step(h, step, color), ""]
    for w in h.warnings:
        lines.append(_paint(f"warning: {visible(w)}", "warning", color))
    return "\n".join(lines).rstrip("\n") + "\n"


def render_provision(history: History, found: ProvisionHistory, *, color: bool = False,
                     **_: Any) -> str:
    """One provision in every version, then the redline of each step that changed it."""
    h = history
    what = "Paragraph" if found.paragraph else "Provision"
    lines = [_paint(visible(f"{what} {found.asked}: changes over time "
                            f"({len(h.versions)} versions)"), "header", color), ""]
    rows = []
    for v in h.versions:
        refs = ", ".join(found.refs[v.index]) or view.ABSENT
        rows.append([v.label, v.date, refs])
    lines += [*_table(["Version", "Date", "Provision"], rows), ""]
    for ps in found.steps:
        step = h.steps[ps.step]
        kind = view.kind_text(found.step_kind(ps))
        lines.append(_paint(visible(f"Step {step.index + 1}: {view.step_name(h, step)}: {kind}"),
                            "header", color))
        if ps.event is not None and not ps.paragraphs:
            lines.append("  (no text on either side)")
        for pp in ps.paragraphs:
            ref = visible(pp.old or view.ABSENT) if pp.old == pp.new else \
                visible(pp.old or view.ABSENT) + " → " + visible(pp.new or view.ABSENT)
            body = "(unchanged)" if pp.kind == "unchanged" else \
                _ops(pp, color).replace("\n", "\n    ")
            lines.append(f"  {_paint(ref, 'ref', color)}  {body}")
        lines.append("")
    texts = found.texts(h)
    last = max((v for v, t in enumerate(texts) if t is not None), default=None)
    if last is not None:
        lines.append(_paint(visible(f"Text in {h.versions[last].label}"), "header", color))
        lines += ["  " + visible(line) for line in (texts[last] or "").split("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"
