"""The Markdown history report: rights over time, provisions over time, then every step.

Laid out the way the questions come: *when* did a right change (a timeline table, a column
per version, then each event with the evidence of its step), *which* reform touched a provision
(the same table for provisions), then each step's summary linking to its full redline further
down, which is the diff report's own concordance and article-by-article redline, built by the
same functions (:mod:`condiff.render.markdown`), so a step reads as ``condiff diff`` of its pair.

Links are only ever to headings of this report (``#step-2``, ``#redline-of-step-2``): the
headings they point at are plain ASCII so that GitHub's, GitLab's and condiff's HTML slugs
agree. Every piece of source text goes through :func:`~condiff.render.markdown.escape`, as in
the diff report; bold stays reserved for inserted words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..history.model import History, RightTimeline, Step
from ..history.provision import ProvisionHistory
from ..policy import sort_findings
from . import history_view as view
from .cite import cite, cite_all

# The diff report's building blocks: one layout and one set of escaping rules for both reports.
from .markdown import (
    _concordance,
    _finding,
    _ParagraphIndex,
    _table,
    articles_by_chapter,
    escape,
    redline,
)

#: Most events listed under the rights table before referring to the steps.
MAX_EVENTS = 200


def step_anchor(step: Step) -> str:
    """``step-2``: the slug of a step's heading (1-based, as people count steps)."""
    return f"step-{step.index + 1}"


def redline_anchor(step: Step) -> str:
    """``redline-of-step-2``: the slug of a step's full redline heading."""
    return f"redline-of-step-{step.index + 1}"


def _versions(h: History) -> list[str]:
    rows = []
    for v in h.versions:
        doc = v.document
        rows.append([str(v.index + 1), escape(v.label), escape(v.date), escape(doc.language),
                     str(len(doc.units())), escape(" ".join(x for x in (doc.title, doc.version)
                                                          if x)), escape(v.name)])
    return _table(["#", "Version", "Date", "Language", "Articles", "Title", "Source"], rows,
                  "llllrll")


def _summary(h: History) -> list[str]:
    rows = []
    for step in h.steps:
        c = step.comparison
        changed = sum(1 for a in c.alignment if a.kind != "unchanged")
        rows.append([f"[{step.index + 1}](#{step_anchor(step)})",
                     escape(view.step_name(h, step)), str(changed),
                     str(len(c.findings)), str(len(step.structure))])
    return _table(["Step", "Versions", "Articles changed", "Rights findings",
                   "Chapter changes"], rows, "llrrr")


def _right_events(h: History, right: RightTimeline) -> list[str]:
    lines = []
    for event in right.events:
        step = h.steps[event.step]
        f = h.finding(event)
        c = step.comparison
        where = f"{escape(cite_all(c.old, f.old))} → {escape(cite_all(c.new, f.new))}"
        text = (f"- *{escape(right.title)}* {escape(view.kind_text(f.kind))} "
                f"({escape(f.severity)}) in [step {step.index + 1}](#{step_anchor(step)}), "
                f"{escape(view.step_name(h, step))}: {where}")
        if f.detail:
            text += f". {escape(f.detail)}"
        evidence = [(c.old, s) for s in f.old_spans[:2]] + [(c.new, s) for s in f.new_spans[:2]]
        if evidence:
            text += ". Evidence: " + "; ".join(
                f"{escape(cite(doc, s.ref))} “{escape(s.text)}”" for doc, s in evidence)
        lines.append(text)
    return lines


def _rights(h: History, unchanged: bool) -> list[str]:
    if not h.rights:
        return ["No rights topic is carried by any version, or no rule pack covers their "
                "language.", ""]
    shown = [r for r in h.rights if r.events or unchanged]
    lines: list[str] = []
    if shown:
        header = ["Right", *[escape(v.label) for v in h.versions]]
        rows = [[f"{escape(r.title)} ({escape(r.topic)})",
                 *[escape(view.right_cell(h, r, v.index, limit=6)) for v in h.versions]]
                for r in shown]
        lines += [*_table(header, rows), "", f"*{escape(view.LEGEND_RIGHTS)}*", ""]
    steady = len(h.rights) - len(shown)
    if steady:
        lines += [f"*{steady} more right{'s' * (steady != 1)} carried without a finding in "
                  "any step.*", ""]
    events = [line for r in shown for line in _right_events(h, r)]
    if events:
        lines += ["### Rights events", "", *events[:MAX_EVENTS], ""]
        if len(events) > MAX_EVENTS:
            lines += [f"*{len(events) - MAX_EVENTS} more events in the steps below.*", ""]
    return lines


def _provisions(h: History, unchanged: bool) -> list[str]:
    shown = [lin for lin in h.lineages if lin.changed or unchanged]
    lines: list[str] = []
    if shown:
        header = [escape(v.label) for v in h.versions]
        rows = [[escape(view.lineage_cell(lin, v.index)) for v in h.versions] for lin in shown]
        lines += [*_table(header, rows), "", f"*{escape(view.LEGEND_LINEAGE)}*", ""]
    same = len(h.lineages) - len(shown)
    if same:
        lines += [f"*{same} provision{'s' * (same != 1)} unchanged in every step"
                  + (" not listed.*" if not unchanged else ".*"), ""]
    return lines


def _step(h: History, step: Step) -> list[str]:
    c = step.comparison
    lines = [f"### Step {step.index + 1}", "",
             f"*{escape(view.step_name(h, step))}:* {escape(view.step_summary(h, step))}", ""]
    if step.structure:
        lines += [f"- {escape(view.structure_line(x.kind, x.container, x.old_label, x.new_label, x.old_heading, x.new_heading))}"  # noqa: E501
                  for x in step.structure] + [""]
    findings = sort_findings(c.findings)
    if findings:
        lines += ["*Rights findings:*", ""]
        lines += [f"- {escape(f.title or f.topic)}: {escape(view.kind_text(f.kind))} "
                  f"({escape(f.severity)}), {escape(cite_all(c.old, f.old))} → "
                  f"{escape(cite_all(c.new, f.new))}" for f in findings]
        lines.append("")
    changed = [a for a in c.alignment if a.kind != "unchanged"]
    if changed:
        names = []
        for a in changed[:60]:
            old = "+".join(a.old) or view.ABSENT
            new = "+".join(a.new) or view.ABSENT
            where = old if a.old == a.new else f"{old} → {new}"
            names.append(f"{escape(where)} ({escape(view.kind_text(a.kind))})")
        more = f", and {len(changed) - 60} more" if len(changed) > 60 else ""
        lines += [f"*Articles changed:* {', '.join(names)}{more}", ""]
    if step.changed:
        lines += [f"[Full redline of step {step.index + 1}](#{redline_anchor(step)})", ""]
    else:
        lines += ["*Nothing changed in this step.*", ""]
    return lines


def _redline(h: History, step: Step, unchanged: bool) -> list[str]:
    c = step.comparison
    lines = [f"### Redline of step {step.index + 1}", "",
             f"*{escape(view.step_name(h, step))}* · [back to the summary]"
             f"(#{step_anchor(step)})", ""]
    if step.structure_only:
        lines += ["*Structure only: the two versions are in different languages, so articles "
                  "are paired by number and not redlined.*", ""]
    findings = sort_findings(c.findings)
    if findings:
        index = _ParagraphIndex(c)
        for number, f in enumerate(findings, start=1):
            block = _finding(c, number, f, index)
            lines += ["#" + block[0], *block[1:]]
    lines += [*_concordance(c, unchanged), ""]
    shown = [i for i, a in enumerate(c.alignment) if a.kind != "unchanged"]
    lines += articles_by_chapter(c, shown, unchanged, depth=4)
    if not shown:
        lines += ["*No article changed.*", ""]
    return lines


def render(history: History, *, title: str | None = None,
           timestamp: str | bool | None = None, unchanged: bool = False, **_: Any) -> str:
    """The Markdown history report.

    Args:
        history: The result of :func:`condiff.history.load_history`.
        title: Report title (default: "History: TITLE").
        timestamp: Add a "Generated" line (``True``: now, UTC; or the text to show).
        unchanged: Also list provisions unchanged in every step, rights no step changed, and
            unchanged articles in each step's concordance (``--all``).

    Returns:
        GitHub-flavoured Markdown ending with a newline.
    """
    h = history
    heading = escape(title) if title else f"History: {escape(h.title or 'constitution')}"
    lines = [f"# {heading}", ""]
    if timestamp:
        when = (datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp is True
                else str(timestamp))
        lines += [f"*Generated {escape(when)} by condiff.*", ""]
    lines += [*_versions(h), ""]
    lines += ["## Summary", "", *_summary(h), ""]
    lines += ["## Rights over time", "", *_rights(h, unchanged)]
    lines += ["## Provisions over time", "", *_provisions(h, unchanged)]
    if h.warnings:
        lines += ["## Warnings", "", *[f"- {escape(w)}" for w in h.warnings], ""]
    lines += ["## Steps", ""]
    for step in h.steps:
        lines += _step(h, step)
    lines += ["## Redlines", ""]
    for step in h.steps:
        lines += _redline(h, step, unchanged)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_provision(history: History, found: ProvisionHistory, **_: Any) -> str:
    """One provision in every version, then the redline of each step (Markdown)."""
    h = history
    what = "Paragraph" if found.paragraph else "Provision"
    lines = [f"# {what} {escape(found.asked)}: changes over time", ""]
    rows = [[escape(v.label), escape(v.date),
             escape(", ".join(found.refs[v.index]) or view.ABSENT)] for v in h.versions]
    lines += [*_table(["Version", "Date", "Provision"], rows), ""]
    for ps in found.steps:
        step = h.steps[ps.step]
        c = step.comparison
        lines += [f"## Step {step.index + 1}", "",
                  f"*{escape(view.step_name(h, step))}:* "
                  f"{escape(view.kind_text(found.step_kind(ps)))}", ""]
        for pp in ps.paragraphs:
            if pp.old and pp.new:
                where = escape(cite(c.old, pp.old)) if pp.old == pp.new else \
                    f"{escape(cite(c.old, pp.old))} → {escape(cite(c.new, pp.new))}"
            elif pp.old:
                where = f"{escape(cite(c.old, pp.old))}, removed"
            else:
                where = f"{escape(cite(c.new, pp.new or ''))}, added"
            body = "unchanged" if pp.kind == "unchanged" else (redline(pp.ops) or "(empty)")
            lines.append(f"- *{where}:* {body}")
        if ps.paragraphs:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
