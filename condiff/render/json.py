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
    return {
        "title": doc.title,
        "country": doc.country,
        "version": doc.version,
        "date": doc.date,
        "language": doc.language,
        "source": doc.source,
    }


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
    return {
        "old": list(a.old),
        "new": list(a.new),
        "old_ids": list(a.old_ids),
        "new_ids": list(a.new_ids),
        "kind": a.kind,
        "score": round(a.score, 4),
        "matched_by": a.matched_by,
        "paragraphs": [_paragraph(p) for p in a.paragraphs],
    }


def _span(s: Span) -> dict[str, Any]:
    return {"ref": s.ref, "start": s.start, "end": s.end, "text": s.text}


def _note(n: Note) -> dict[str, Any]:
    return {"ref": n.ref, "text": n.text, "author": n.author, "tags": list(n.tags),
            "created": n.created}


def _finding(f: Finding) -> dict[str, Any]:
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
        "findings": [_finding(f) for f in comparison.findings],
        "notes": [_note(n) for n in comparison.notes],
        "warnings": list(comparison.warnings),
    }


def render(comparison: Comparison, *, unchanged: bool = True, indent: int | None = 2,
           **_: Any) -> str:
    """``condiff.diff/1`` JSON text (UTF-8, not ASCII-escaped, newline-terminated)."""
    data = to_dict(comparison, unchanged=unchanged)
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
