"""What the history renderers (text, Markdown, HTML) and the review UI's timeline all say the
same way: the mark of each kind of change, the cells of the timeline tables, the one-line
summary of a step. Plain strings, no markup: each renderer escapes them for its own format.
"""

from __future__ import annotations

from collections import Counter

from ..history.model import History, Lineage, RightTimeline, Step
from ..history.structure import container_name
from ..model import ALIGN_KINDS
from .cite import people_ref

#: The mark a timeline cell carries for the change that led to it.
LINEAGE_MARKS: dict[str, str] = {
    "unchanged": "",
    "modified": "~",
    "renumbered": "#",
    "moved": "↕",
    "split": "<",
    "split-from": "<",
    "merged": ">",
    "merged-into": ">",
    "added": "+",
    "removed": "-",
    "repealed": "✝",
    "reinserted": "↺",
}
#: The mark of a rights event.
RIGHT_MARKS: dict[str, str] = {
    "removed": "✗",
    "oversight-removed": "✗",
    "weakened": "↓",
    "restriction-added": "↓",
    "strengthened": "↑",
    "added": "+",
    "moved": "→",
}
#: What an empty cell says: the provision or the right is not there.
ABSENT = "—"
#: What a rights cell says when no rule pack covers the version's language.
UNKNOWN = "?"

LEGEND_LINEAGE = ("~ modified · # renumbered · ↕ moved · < split · > merged · + added · "
                  "- removed · ✝ repealed · ↺ reinserted · — not in this version")
LEGEND_RIGHTS = ("✗ removed · ↓ weakened or restricted · ↑ strengthened · + added · → moved · "
                 "— not carried · ? no rule pack for the language")


def kind_text(kind: str) -> str:
    """``split-from`` → ``split from``; ``restriction-added`` → ``restriction added``."""
    return kind.replace("-", " ")


def step_name(history: History, step: Step) -> str:
    """``1978 → 1992``."""
    return f"{history.versions[step.old].label} → {history.versions[step.new].label}"


def step_counts(step: Step) -> str:
    """``1 modified, 169 unchanged`` in the order of the alignment kinds."""
    kinds = Counter(a.kind for a in step.comparison.alignment)
    text = ", ".join(f"{kinds[k]} {k}" for k in ALIGN_KINDS if kinds[k])
    return text or "nothing to compare"


def step_summary(history: History, step: Step) -> str:
    """``1 modified, 169 unchanged; 2 rights findings; 1 chapter change``."""
    parts = [step_counts(step)]
    n = len(step.comparison.findings)
    parts.append(f"{n} rights finding{'s' * (n != 1)}")
    if step.structure:
        m = len(step.structure)
        parts.append(f"{m} chapter-level change{'s' * (m != 1)}")
    if step.structure_only:
        parts.append("structure only (different languages)")
    return "; ".join(parts)


def lineage_cell(lineage: Lineage, version: int) -> str:
    """The label in one version, with the mark of the change that led there: ``13 ~``,
    ``— -`` (removed in the step into this version), ``—``."""
    label = lineage.labels[version]
    mark = ""
    if version > 0:
        event = lineage.event_at(version - 1)
        if event is not None:
            mark = LINEAGE_MARKS.get(event.kind, "")
    if label is None:
        return f"{ABSENT} {mark}".strip() if mark in ("-", ">") else ABSENT
    return f"{label} {mark}".strip()


def lineage_name(lineage: Lineage) -> str:
    """How a lineage is named: its label in the newest version holding it."""
    return next((label for label in reversed(lineage.labels) if label is not None), "?")


def right_cell(history: History, right: RightTimeline, version: int, *,
               limit: int = 4) -> str:
    """The refs carrying the right in one version (at most ``limit``, then ``+n``), with the
    marks of the findings of the step into this version."""
    carried = right.carried[version]
    if carried is None:
        refs = UNKNOWN
    elif not carried:
        refs = ABSENT
    else:
        # A paragraph the reader could not give a unique reference is carried by its id;
        # people read the reference they would type (``2o.e [2nd]``), never the id.
        doc = history.versions[version].document
        shown = ", ".join(people_ref(doc, ref) for ref in carried[:limit])
        refs = shown + (f" +{len(carried) - limit}" if len(carried) > limit else "")
    marks = right_marks(history, right, version)
    return f"{refs} {marks}".strip()


def right_marks(history: History, right: RightTimeline, version: int) -> str:
    """The marks and kinds of the findings of the step into ``version``: ``✗ removed``."""
    if version == 0:
        return ""
    kinds = dict.fromkeys(history.finding(e).kind for e in right.events
                          if e.step == version - 1)
    return " ".join(f"{RIGHT_MARKS.get(k, '•')} {kind_text(k)}" for k in kinds)


def structure_line(change_kind: str, container: str, old_label: str, new_label: str,
                   old_heading: str, new_heading: str) -> str:
    """``Chapter I retitled: "Old heading" → "New heading"``."""
    old_name = container_name(container, old_label)
    new_name = container_name(container, new_label)
    if change_kind == "retitled":
        where = old_name if old_name == new_name else f"{old_name} → {new_name}"
        return f"{where} retitled: “{old_heading}” → “{new_heading}”"
    if change_kind == "renumbered":
        return f"{old_name} renumbered {new_name}" + (f" (“{new_heading}”)" if new_heading
                                                       else "")
    if change_kind == "added":
        return f"{new_name} added" + (f": “{new_heading}”" if new_heading else "")
    return f"{old_name} removed" + (f": “{old_heading}”" if old_heading else "")
