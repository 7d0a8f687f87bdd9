"""The ``condiff parse`` outline: counts per kind and the tree of labels and headings."""

from __future__ import annotations

from collections import Counter

from ..model import KINDS, SUBUNIT_KINDS, Document, Provision
from ..sanitize import visible


def _line(p: Provision) -> str:
    name = p.display_label if p.is_unit else f"{p.kind.capitalize()} {p.label}".strip()
    heading = f" — {p.heading}" if p.heading else ""
    flag = " [repealed]" if p.repealed else ""
    subs = sum(1 for c in p.children if c.kind in SUBUNIT_KINDS)
    tail = f" ({subs} paragraph{'s' if subs != 1 else ''})" if p.is_unit and subs else ""
    return visible(f"{name}{heading}{flag}{tail}")


def outline(doc: Document) -> str:
    """Human-readable summary of a parsed document."""
    counts = Counter(p.kind for p in doc.walk())
    repealed = sum(1 for p in doc.walk() if p.repealed)
    words = sum(len(p.text.split()) for p in doc.walk())
    head = [
        visible(doc.title or "(untitled)"),
        visible(" · ".join(x for x in (doc.country, doc.version, doc.date, doc.language) if x)),
        "counts: " + ", ".join(f"{k} {counts[k]}" for k in KINDS if counts[k])
        + (f", repealed {repealed}" if repealed else "") + f", words {words}",
        "",
    ]
    lines = [h for h in head if h or h == ""]

    def visit(p: Provision, depth: int) -> None:
        lines.append("  " * depth + _line(p))
        if p.is_unit:
            return
        for c in p.children:
            visit(c, depth + 1)

    for p in doc.provisions:
        visit(p, 0)
    return "\n".join(lines) + "\n"
