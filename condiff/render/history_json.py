"""The ``condiff.history/1`` JSON contract: a history for CI pipelines and other tools.

``versions`` (label, title, date, language, …), ``steps`` (each a ``condiff.diff/1`` object,
built by the diff's own :func:`condiff.render.json.to_dict`, with ``old``/``new`` the indexes of
its two versions instead of the documents), ``lineages`` (one per provision: its label and id
in each version or null, and what each step did to it), ``rights`` (per topic: the references
carrying it in each version, and the findings of the steps about it). Same guarantees as the
diff's JSON: fixed key order, four decimals at most, byte-identical for the same inputs; later
versions add keys and never remove or rename one. JSON Schema: ``condiff/render/schema/``.
"""

from __future__ import annotations

import json
from typing import Any

from ..history.model import History, Lineage, RightTimeline, Step, StructureChange, Version
from .json import _document
from .json import to_dict as diff_dict

SCHEMA = "condiff.history/1"


def _version(v: Version) -> dict[str, Any]:
    return {"label": v.label, **_document(v.document), "date": v.date, "name": v.name,
            "articles": len(v.document.units())}


def _structure(x: StructureChange) -> dict[str, Any]:
    return {"kind": x.kind, "container": x.container, "old_label": x.old_label,
            "new_label": x.new_label, "old_heading": x.old_heading,
            "new_heading": x.new_heading, "old_id": x.old_id, "new_id": x.new_id}


def step_dict(step: Step, *, unchanged: bool = True) -> dict[str, Any]:
    """One step as a ``condiff.diff/1`` object with version indexes for ``old`` and ``new``."""
    data = diff_dict(step.comparison, unchanged=unchanged)
    data["old"], data["new"] = step.old, step.new
    data["structure_only"] = step.structure_only
    data["structure"] = [_structure(x) for x in step.structure]
    return data


def _lineage(lin: Lineage) -> dict[str, Any]:
    return {
        "labels": list(lin.labels),
        "ids": list(lin.ids),
        "changed": lin.changed,
        "events": [{"step": e.step, "kind": e.kind, "pair": e.pair, "related": list(e.related)}
                   for e in lin.events],
    }


def _right(h: History, r: RightTimeline) -> dict[str, Any]:
    events = []
    for e in r.events:
        f = h.finding(e)
        events.append({"step": e.step, "finding": e.finding, "kind": f.kind,
                       "severity": f.severity, "old": list(f.old), "new": list(f.new),
                       "detail": f.detail})
    return {"topic": r.topic, "title": r.title,
            "carried": [None if c is None else list(c) for c in r.carried], "events": events}


def to_dict(history: History, *, unchanged: bool = True) -> dict[str, Any]:
    """The history as ``condiff.history/1`` plain data.

    Args:
        history: The result of :func:`condiff.history.load_history`.
        unchanged: Keep unchanged entries in each step's alignment (their ``pair`` indexes in
            the lineages refer to the full alignment, so leaving them out breaks those links).
    """
    h = history
    return {
        "schema": SCHEMA,
        "title": h.title,
        "versions": [_version(v) for v in h.versions],
        "steps": [step_dict(s, unchanged=unchanged) for s in h.steps],
        "lineages": [_lineage(lin) for lin in h.lineages],
        "rights": [_right(h, r) for r in h.rights],
        "warnings": list(h.warnings),
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _lines(value: Any, depth: int, indent: str) -> list[str]:
    """``value`` laid out over lines down to ``depth`` levels, compact below: one alignment
    entry, finding or lineage per line, readable in a line diff of two runs."""
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        return [_compact(value)]
    inner = indent + "  "
    out: list[str] = []
    if isinstance(value, dict):
        items = list(value.items())
        out.append("{")
        for i, (key, item) in enumerate(items):
            body = _lines(item, depth - 1, inner)
            body[0] = f"{inner}{_compact(key)}: {body[0]}"
            if i < len(items) - 1:
                body[-1] += ","
            out.extend(body)
        out.append(indent + "}")
        return out
    out.append("[")
    for i, item in enumerate(value):
        body = _lines(item, depth - 1, inner)
        body[0] = inner + body[0]
        if i < len(value) - 1:
            body[-1] += ","
        out.extend(body)
    out.append(indent + "]")
    return out


def render(history: History, *, indent: int | None = None,
           timestamp: str | bool | None = None, **_: Any) -> str:
    """``condiff.history/1`` JSON text (UTF-8, not ASCII-escaped, newline-terminated).

    Args:
        history: The result of :func:`condiff.history.load_history`.
        indent: Indent fully with this many spaces instead of the line-per-entry layout.
        timestamp: Add a top-level ``generated`` field (``True``: now, UTC; or the text).
    """
    data = to_dict(history)
    if timestamp:
        from datetime import UTC, datetime

        data["generated"] = (datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                             if timestamp is True else str(timestamp))
    if indent is not None:
        return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
    # Each step is laid out down to its entries (steps → step → list → one entry per line);
    # the other lists hold one element per line.
    lines = ["{"]
    keys = list(data)
    for k, key in enumerate(keys):
        depth = 3 if key == "steps" else 1
        body = _lines(data[key], depth, "  ")
        body[0] = f"  {_compact(key)}: {body[0]}"
        if k < len(keys) - 1:
            body[-1] += ","
        lines.extend(body)
    lines.append("}")
    return "\n".join(lines) + "\n"
