"""The ``condiff.diff/1`` JSON contract: what CI pipelines and other tools read.

One plain-data dict built from the :class:`~condiff.model.Comparison` by :func:`to_dict`, then
dumped with a fixed key order and no floats beyond four decimals, so the same inputs always
give byte-identical output (golden files and caches rely on it). Later versions add keys and
never remove or rename one; the JSON Schema lives in ``condiff/render/schema/``.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import ArticlePair, Comparison, Document, Finding, Note, ParagraphPair, Span

SCHEMA = "condiff.diff/1"


def _document(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": doc.title,
        "country": doc.country,
        "version": doc.version,
        "date": doc.date,
        "language": doc.language,
        "source": doc.source,
    }
    if doc.numbering:
        # Only when there is something to say: a clean document's output stays as it was.
        out["numbering"] = [
            {"kind": i.kind, "series": i.series, "labels": list(i.labels), "after": i.after,
             "before": i.before, "line": i.line}
            for i in doc.numbering
        ]
    return out


def _paragraph(p: ParagraphPair) -> dict[str, Any]:
    return {
        "old": p.old,
        "new": p.new,
        "old_id": p.old_id,
        "new_id": p.new_id,
        "kind": p.kind,
        "score": round(p.score, 4),
        "ops": [[op, text] for op, text in p.ops],
    }


def _article(a: ArticlePair) -> dict[str, Any]:
    out: dict[str, Any] = {
        "old": list(a.old),
        "new": list(a.new),
        "old_ids": list(a.old_ids),
        "new_ids": list(a.new_ids),
        "kind": a.kind,
        "score": round(a.score, 4),
        "matched_by": a.matched_by,
        "paragraphs": [_paragraph(p) for p in a.paragraphs],
    }
    # Only where a paragraph moved between articles: most entries stay as they were.
    if a.secondary_old_ids:
        out["secondary_old_ids"] = list(a.secondary_old_ids)
    if a.secondary_new_ids:
        out["secondary_new_ids"] = list(a.secondary_new_ids)
    return out


def _span(s: Span) -> dict[str, Any]:
    return {"ref": s.ref, "start": s.start, "end": s.end, "text": s.text}


def _note(n: Note) -> dict[str, Any]:
    return {"ref": n.ref, "text": n.text, "author": n.author, "tags": list(n.tags),
            "created": n.created}


def _finding(c: Comparison, f: Finding) -> dict[str, Any]:
    from .cite import cite

    old_cites = [cite(c.old, r) for r in f.old]
    new_cites = [cite(c.new, r) for r in f.new]
    kind = f.kind.replace("-", " ")
    where = f"{', '.join(old_cites) or '—'} → {', '.join(new_cites) or '—'}"
    return {
        "topic": f.topic,
        "title": f.title,
        "kind": f.kind,
        "severity": f.severity,
        "confidence": round(f.confidence, 4),
        "old": list(f.old),
        "new": list(f.new),
        "old_spans": [_span(s) for s in f.old_spans],
        "new_spans": [_span(s) for s in f.new_spans],
        "category": f.category,
        "annotation": f.annotation,
        "references": list(f.references),
        "detail": f.detail,
        "notes": [_note(n) for n in f.notes],
        "reasons": list(f.reasons),
        # For people reading the JSON (and tools that print it): the references as a lawyer
        # cites them, never internal ids; "old"/"new" above stay the machine references.
        "old_cites": old_cites,
        "new_cites": new_cites,
        "summary": f"{where}: {f.title or f.topic} {kind} [{f.topic}, {f.severity}]",
    }


def to_dict(comparison: Comparison, *, unchanged: bool = True) -> dict[str, Any]:
    """The comparison as ``condiff.diff/1`` plain data.

    Args:
        comparison: The result of :func:`condiff.compare`.
        unchanged: Include entries whose kind is ``unchanged`` (False for ``--only-changed``).
    """
    return {
        "schema": SCHEMA,
        "old": _document(comparison.old),
        "new": _document(comparison.new),
        "alignment": [_article(a) for a in comparison.alignment
                      if unchanged or a.kind != "unchanged"],
        "findings": [_finding(comparison, f) for f in comparison.findings],
        "notes": [_note(n) for n in comparison.notes],
        "warnings": list(comparison.warnings),
        "unchecked_languages": list(comparison.unchecked_languages),
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(comparison: Comparison, *, unchanged: bool = True, indent: int | None = None,
           timestamp: str | bool | None = None, **_: Any) -> str:
    """``condiff.diff/1`` JSON text (UTF-8, not ASCII-escaped, newline-terminated).

    By default each top-level key and each array element (alignment entry, finding, note)
    takes one line: readable in a line diff of two runs, and written by the C encoder, which
    ``indent`` would switch off (five times slower on a whole constitution).

    Args:
        comparison: The result of :func:`condiff.compare`.
        unchanged: Include unchanged entries (False for ``--only-changed``).
        indent: Indent fully with this many spaces instead.
        timestamp: Add a top-level ``generated`` field: ``True`` for the current UTC time, or
            the text to show. Off by default so two runs are byte-identical.
    """
    data = to_dict(comparison, unchanged=unchanged)
    if timestamp:
        from datetime import UTC, datetime

        data["generated"] = (datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                             if timestamp is True else str(timestamp))
    if indent is not None:
        return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
    lines = ["{"]
    keys = list(data)
    for k, key in enumerate(keys):
        value = data[key]
        comma = "," if k < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {_compact(key)}: [")
            lines.extend(f"    {_compact(item)}{',' if i < len(value) - 1 else ''}"
                         for i, item in enumerate(value))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
