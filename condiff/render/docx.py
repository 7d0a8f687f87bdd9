"""The redline as a Word document with real tracked changes (``diff --format docx``).

Lawyers exchange Word files and review changes with Word's own tools, so the redline is written
as tracked changes (``w:ins``/``w:del`` by author "condiff", dated with the new version's date),
not as coloured text: accepting every change gives the new text, rejecting every change gives
the old one, and each change can be accepted or rejected on its own. Article headings are Word
headings (the navigation pane lists them), each rights finding is a Word comment anchored on
its evidence (the words that carried the right), and the first page holds the summary and the
findings table.

Order is what makes accept-all and reject-all exact. The body follows the new version; an
article (or a paragraph inside one) whose old counterpart sits elsewhere in the old order
cannot be one redline without breaking the old order, so it is written as a deletion where the
old text stood and an insertion where the new text stands, with a comment saying it moved.
Which pairs stay in place is the longest run that is in order on both sides, as in any diff.

Built with python-docx and its XML layer from python-docx's bundled template: no network.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..model import (
    ALIGN_KINDS,
    FINDING_KINDS,
    ArticlePair,
    Comparison,
    Document,
    Finding,
    Op,
    ParagraphPair,
    Provision,
)
from ..policy import sort_findings
from .cite import cite_all, one_line
from .markdown import _names

AUTHOR = "condiff"
_INITIALS = "cd"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Heading text of the section that holds the redline (tests find the redline by it).
REDLINE_HEADING = "Redline"

#: One piece of a tracked paragraph: ("=", text) kept, ("-", text) deleted, ("+", text)
#: inserted, ("[", comment id) comment range start, ("]", comment id) comment range end.
Piece = tuple[str, Any]


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def in_place(items: Sequence[tuple[int | None, int | None]]) -> set[int]:
    """Indices of the items that can be shown as one redline in place.

    Args:
        items: ``(old position, new position)`` per item, in the order the body shows them;
            None for a side the item lacks. A position belongs to one item only.

    Returns:
        The items with both sides that lie on the longest run increasing on both sides (as the
        aligner finds its anchors): the others are shown as a deletion at their old place and
        an insertion at their new one.
    """
    from ..align.assign import increasing_anchors

    index = {(o, n): i for i, (o, n) in enumerate(items) if o is not None and n is not None}
    return {index[pair] for pair in increasing_anchors(index)}


def plan(items: Sequence[tuple[int | None, int | None]]) -> list[tuple[int, str]]:
    """The order to show items in, each as "=" (redline in place), "-" (old side only) or
    "+" (new side only), such that the "=" and "+" items are in new order and the "=" and "-"
    items in old order.

    Between two consecutive in-place items, the old-only items that fall between them in the
    old order come first, then the new-only items that fall between them in the new order.
    """
    keep = in_place(items)
    anchors = sorted((items[i][1] or 0, i) for i in keep)
    olds = sorted((o, i) for i, (o, _) in enumerate(items) if o is not None and i not in keep)
    news = sorted((n, i) for i, (_, n) in enumerate(items) if n is not None and i not in keep)
    out: list[tuple[int, str]] = []
    oi = ni = 0
    end = 1 << 62
    for a in [i for _, i in anchors] + [-1]:
        o_limit = end if a < 0 else (items[a][0] or 0)
        n_limit = end if a < 0 else (items[a][1] or 0)
        while oi < len(olds) and olds[oi][0] < o_limit:
            out.append((olds[oi][1], "-"))
            oi += 1
        while ni < len(news) and news[ni][0] < n_limit:
            out.append((news[ni][1], "+"))
            ni += 1
        if a >= 0:
            out.append((a, "="))
    return out


@dataclass
class _Anchors:
    """Comment ranges to place in block paragraphs, by (side, block id)."""

    spans: dict[tuple[str, str], list[tuple[int, int, int]]] = field(default_factory=dict)
    placed: set[int] = field(default_factory=set)

    def add(self, side: str, block_id: str, start: int, end: int, cid: int) -> None:
        self.spans.setdefault((side, block_id), []).append((start, end, cid))


def _pieces(segments: Iterable[tuple[str, str]], anchors: dict[str, list[tuple[int, int, int]]],
            placed: set[int]) -> list[Piece]:
    """Cut redline segments where comment ranges start and end.

    ``anchors`` maps a side ("-" old, "+" new) to ``(start, end, comment id)`` character ranges
    of that side's text; "=" segments belong to both sides.
    """
    out: list[Piece] = []
    pos = {"-": 0, "+": 0}
    events: dict[str, list[tuple[int, int, str]]] = {}
    for side, ranges in anchors.items():
        ev: list[tuple[int, int, str]] = []
        for start, end, cid in ranges:
            if cid in placed:
                continue
            ev.append((start, 1, f"[{cid}"))
            ev.append((max(end, start + 1), 0, f"]{cid}"))
        events[side] = sorted(ev)
    started: set[int] = set()

    def emit_events(side: str, at: int, ends_only: bool = False) -> None:
        """Emit the range marks at or before position ``at`` of ``side``'s text."""
        pending = events.get(side, [])
        while pending and pending[0][0] <= at:
            if ends_only and pending[0][2][0] == "[":
                return
            _, _, tag = pending.pop(0)
            cid = int(tag[1:])
            if tag[0] == "[":
                started.add(cid)
                out.append(("[", cid))
            elif cid in started:
                out.append(("]", cid))
                placed.add(cid)

    for kind, text in segments:
        if not text:
            continue
        sides = ("-", "+") if kind == "=" else (kind,)
        cuts = {0, len(text)}
        for side in sides:
            for at, _, _ in events.get(side, []):
                if pos[side] < at < pos[side] + len(text):
                    cuts.add(at - pos[side])
        bounds = sorted(cuts)
        for a, b in pairwise(bounds):
            for side in sides:
                emit_events(side, pos[side] + a)
            out.append((kind, text[a:b]))
            for side in sides:
                emit_events(side, pos[side] + b, ends_only=True)
        for side in sides:
            pos[side] += len(text)
    for side in ("-", "+"):
        emit_events(side, 1 << 62)
    return out


class _Builder:
    def __init__(self, comparison: Comparison, date: str) -> None:
        self.c = comparison
        self.doc = new_docx()
        self.date = date
        self.rev = 1_000_000  # revision ids kept apart from comment ids
        self.anchors = _Anchors()
        self.heading_comments: dict[tuple[str, str], list[int]] = {}
        style = self.doc.styles["Normal"]
        style.font.size = Pt(10.5)

    # -- tracked runs -----------------------------------------------------------------------

    def _mark(self, tag: str) -> Any:
        self.rev += 1
        return OxmlElement(tag, attrs={qn("w:id"): str(self.rev), qn("w:author"): AUTHOR,
                                       qn("w:date"): self.date})

    def _run(self, text: str, deleted: bool) -> list[Any]:
        runs = []
        for i, line in enumerate(_xml(text).split("\n")):
            if i:
                r = OxmlElement("w:r")
                r.append(OxmlElement("w:br"))
                runs.append(r)
            if line:
                r = OxmlElement("w:r")
                t = OxmlElement("w:delText" if deleted else "w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = line
                r.append(t)
                runs.append(r)
        return runs

    def tracked_paragraph(self, pieces: Sequence[Piece], *, style: str | None = None,
                          indent: int = 0, mark: str = "=") -> Any:
        """A paragraph of kept, deleted and inserted runs; ``mark`` tracks the paragraph mark
        itself ("+" inserted, "-" deleted) so accepting or rejecting removes the paragraph."""
        para = self.doc.add_paragraph(style=style)
        p = para._p
        ppr = p.get_or_add_pPr()
        if indent:
            ind = OxmlElement("w:ind", attrs={qn("w:left"): str(int(Cm(0.6 * indent).twips))})
            ppr.append(ind)
        if mark in ("+", "-"):
            rpr = OxmlElement("w:rPr")
            rpr.append(self._mark("w:ins" if mark == "+" else "w:del"))
            ppr.append(rpr)
        for kind, value in pieces:
            if kind == "[":
                p.append(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(value)}))
            elif kind == "]":
                p.append(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(value)}))
                ref = OxmlElement("w:r")
                rpr = OxmlElement("w:rPr")
                rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
                ref.append(rpr)
                ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(value)}))
                p.append(ref)
            elif kind == "=":
                for r in self._run(value, False):
                    p.append(r)
            else:
                wrapper = self._mark("w:ins" if kind == "+" else "w:del")
                for r in self._run(value, kind == "-"):
                    wrapper.append(r)
                p.append(wrapper)
        return para

    # -- comments ---------------------------------------------------------------------------

    def comment(self, lines: Sequence[str]) -> int:
        c = self.doc.comments.add_comment(text=_xml(lines[0]), author=AUTHOR,
                                          initials=_INITIALS)
        for line in lines[1:]:
            c.add_paragraph(_xml(line))
        return int(c.comment_id)


def _date(comparison: Comparison) -> str:
    if _FULL_DATE.match(comparison.new.date):
        return f"{comparison.new.date}T00:00:00Z"
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unit_title(unit: Provision) -> str:
    title = unit.display_label
    if unit.heading:
        title += f" — {unit.heading}"
    return title


def block_prefix(doc: Document, block_id: str) -> str:
    """The number shown before a block: "(3) " for a numbered paragraph, "" for a unit's own
    text or an unnumbered block."""
    node = doc.by_id(block_id)
    if node is None or node.is_unit or not node.label:
        return ""
    return f"({node.label}) "


def block_text(doc: Document, block_id: str) -> str:
    """What a block reads as in the Word document: its number, then its text."""
    node = doc.by_id(block_id)
    return block_prefix(doc, block_id) + (node.text if node is not None else "")


def _positions(doc: Document) -> tuple[dict[str, int], dict[str, int]]:
    """Reading order of the redline's paragraphs in one version: each unit's heading
    (keyed ``H:<id>``) followed by its text blocks (keyed by id); and each block's depth
    below its unit."""
    pos: dict[str, int] = {}
    depth: dict[str, int] = {}

    def visit(node: Provision, d: int) -> None:
        depth[node.id] = d
        for child in node.children:
            visit(child, d + 1)

    for u in doc.units():
        pos["H:" + u.id] = len(pos)
        visit(u, 0)
        for blk in u.blocks():
            pos[blk.id] = len(pos)
    return pos, depth


def _items(c: Comparison, old_pos: dict[str, int], new_pos: dict[str, int]
           ) -> tuple[list[tuple[int | None, int | None]], list[tuple[str, Any]]]:
    """Everything the redline shows, with its place in each version: unit headings (the
    first old and first new unit of an alignment entry paired, the others alone) and the
    aligned paragraph pairs."""
    items: list[tuple[int | None, int | None]] = []
    payload: list[tuple[str, Any]] = []
    for entry in c.alignment:
        # A unit's heading comes with its own entry, not with one that only holds a paragraph
        # of it that moved to (or from) another article.
        olds = [u for u in entry.old_ids if u not in entry.secondary_old_ids]
        news = [u for u in entry.new_ids if u not in entry.secondary_new_ids]
        count = max(len(olds), len(news))
        for i in range(count):
            o = olds[i] if i < len(olds) else None
            n = news[i] if i < len(news) else None
            items.append((old_pos.get(f"H:{o}") if o else None,
                          new_pos.get(f"H:{n}") if n else None))
            payload.append(("H", (entry, o, n)))
        for pair in entry.paragraphs:
            items.append((old_pos.get(pair.old_id) if pair.old_id else None,
                          new_pos.get(pair.new_id) if pair.new_id else None))
            payload.append(("B", pair))
    return items, payload


def _segments_for(ops: Sequence[Op], prefix_old: str, prefix_new: str
                  ) -> tuple[list[tuple[str, str]], int, int]:
    """Segments of a block paragraph: the number (tracked if it changed), then the text."""
    segs: list[tuple[str, str]] = []
    if prefix_old == prefix_new:
        if prefix_old:
            segs.append(("=", prefix_old))
    else:
        if prefix_old:
            segs.append(("-", prefix_old))
        if prefix_new:
            segs.append(("+", prefix_new))
    segs.extend((k, t) for k, t in ops if t)
    return segs, len(prefix_old), len(prefix_new)


def _shift(ranges: list[tuple[int, int, int]], by: int) -> list[tuple[int, int, int]]:
    return [(s + by, e + by, cid) for s, e, cid in ranges]


def render(comparison: Comparison, **options: Any) -> bytes:
    """The comparison as a .docx file (bytes). Options of the text formats are ignored."""
    from ..redline import redline

    c = comparison
    b = _Builder(c, _date(c))
    old_pos, old_depth = _positions(c.old)
    new_pos, new_depth = _positions(c.new)
    findings = sort_findings(c.findings) if c.findings else []

    # -- first page -------------------------------------------------------------------------
    d = b.doc
    d.core_properties.author = AUTHOR
    old_name, new_name = _names(c)
    d.core_properties.title = one_line(f"{old_name} → {new_name}")
    d.add_paragraph(_xml(d.core_properties.title), style="Title")
    d.add_paragraph(
        "The redline below is made of Word tracked changes by \u201ccondiff\u201d: accept all "
        "changes to get the new text, reject all to get the old one. Rights findings are "
        "comments anchored on the words that carry them.")
    d.add_heading("Summary", level=1)
    _versions_table(b, c)
    d.add_paragraph()
    kinds = Counter(p.kind for p in c.alignment)
    found = Counter(f.kind for f in c.findings)
    rows = [(k.replace("-", " ").capitalize(), str(kinds[k])) for k in ALIGN_KINDS if kinds[k]]
    rows += [(f"Rights {k.replace('-', ' ')}", str(found[k])) for k in FINDING_KINDS if found[k]]
    _table(b, ("Articles and findings", "Count"), rows)
    d.add_heading("Rights findings", level=1)
    finding_rows: list[Any] = []
    if findings:
        table = _table(b, ("#", "Severity", "Finding", "Old → new", "Why it matters"),
                       [(str(i), f.severity, f"{one_line(f.title or f.topic)}: "
                         f"{f.kind.replace('-', ' ')}",
                         f"{cite_all(c.old, f.old)} → {cite_all(c.new, f.new)}",
                         one_line(f.annotation))
                        for i, f in enumerate(findings, 1)],
                       widths=(0.8, 2.1, 3.6, 3.2, 6.3))
        finding_rows = list(table.rows)[1:]
    else:
        d.add_paragraph("No rights findings.")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading(REDLINE_HEADING, level=1)

    # -- comments: one per finding, anchored on its evidence ----------------------------------
    comment_of: dict[int, Finding] = {}
    for f in findings:
        cid = b.comment(_finding_lines(c, f))
        comment_of[cid] = f
        side, spans, doc = ("+", f.new_spans, c.new) if f.new_spans else ("-", f.old_spans, c.old)
        anchored = False
        for span in spans[:1]:
            node = doc.find(span.ref)
            if node is not None and node.text and 0 <= span.start < span.end <= len(node.text):
                b.anchors.add(side, node.id, span.start, span.end, cid)
                anchored = True
        if not anchored:
            refs = [(side_, r) for side_, refs_ in (("+", f.new), ("-", f.old)) for r in refs_]
            for side_, ref in refs:
                doc_ = c.new if side_ == "+" else c.old
                node = doc_.find(ref)
                unit = _unit_of(doc_, node) if node is not None else None
                if unit is not None:
                    b.heading_comments.setdefault((side_, unit.id), []).append(cid)
                    anchored = True
                    break
        if not anchored:
            b.anchors.placed.add(cid)
            _comment_on_row(finding_rows, findings.index(f), cid)

    # -- the redline --------------------------------------------------------------------------
    items, payload = _items(c, old_pos, new_pos)
    for idx, mode in plan(items):
        kind, data = payload[idx]
        if kind == "H":
            _heading(b, c, data, mode, redline)
        else:
            _block(b, c, data, mode, old_depth, new_depth)
    for cid, f in comment_of.items():
        if cid not in b.anchors.placed:
            # Evidence outside any paragraph shown (it should not happen): keep the comment
            # visible on the finding's row of the table.
            b.anchors.placed.add(cid)
            _comment_on_row(finding_rows, findings.index(f), cid)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _unit_of(doc: Document, node: Provision) -> Provision | None:
    for unit in doc.units():
        if node.id == unit.id or node.id.startswith(unit.id + "__"):
            return unit
    return None


def _finding_lines(c: Comparison, f: Finding) -> list[str]:
    lines = [f"{one_line(f.title or f.topic)}: {f.kind.replace('-', ' ')} "
             f"[{f.topic}, {f.severity}, confidence {f.confidence:.0%}]",
             f"{cite_all(c.old, f.old)} → {cite_all(c.new, f.new)}"]
    if f.detail:
        lines.append(one_line(f.detail))
    if f.annotation:
        lines.append(one_line(f.annotation))
    if f.references:
        lines.append("References: " + "; ".join(one_line(r) for r in f.references))
    for note in f.notes:
        lines.append(f"Note ({one_line(note.author or 'reviewer')}): {one_line(note.text)}")
    return lines


def _table(b: _Builder, header: Sequence[str], rows: Iterable[Sequence[str]],
           widths: Sequence[float] = ()) -> Any:
    """A table with a header row; ``widths`` in centimetres per column (Word otherwise makes
    every column as wide as the others, and a long "why it matters" wraps a word a line)."""
    rows = list(rows)
    table = b.doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = b.doc.styles["Light Grid Accent 1"]
    if widths:
        table.autofit = False
        for i, width in enumerate(widths):
            table.columns[i].width = Cm(width)  # the grid LibreOffice lays out by
    for r, row in enumerate([header, *rows]):
        cells = table.rows[r].cells
        for i, text in enumerate(row):
            cells[i].text = _xml(text)
            if widths:
                cells[i].width = Cm(widths[i])
    return table


def _versions_table(b: _Builder, c: Comparison) -> None:
    rows = []
    for name in ("title", "country", "version", "date", "language", "source"):
        old, new = getattr(c.old, name), getattr(c.new, name)
        if old or new:
            rows.append((name.capitalize(), one_line(old), one_line(new)))
    rows.append(("Articles", str(len(c.old.units())), str(len(c.new.units()))))
    _table(b, ("", "Old", "New"), rows)


def _comment_on_row(rows: list[Any], index: int, cid: int) -> None:
    """Anchor a comment on the findings-table row of its finding (no evidence to point at)."""
    if not rows:
        return
    para = rows[min(index, len(rows) - 1)].cells[2].paragraphs[0]
    runs = para.runs
    if runs:
        runs[0].mark_comment_range(runs[-1], cid)


def _heading(b: _Builder, c: Comparison, data: tuple[ArticlePair, str | None, str | None],
             mode: str, redline: Any) -> None:
    """A unit's heading: "Art. 24 — Heading", tracked like the text."""
    entry, old_id, new_id = data
    old_unit = c.old.by_id(old_id) if old_id and mode in ("=", "-") else None
    new_unit = c.new.by_id(new_id) if new_id and mode in ("=", "+") else None
    old_title = _unit_title(old_unit) if old_unit is not None else ""
    new_title = _unit_title(new_unit) if new_unit is not None else ""
    if mode == "=":
        ops = [(k, t) for k, t in redline(old_title, new_title, timeout=0.5) if t]
    else:
        ops = [(mode, old_title or new_title)]
    cids: list[int] = []
    if new_unit is not None:
        cids += b.heading_comments.get(("+", new_unit.id), [])
    if old_unit is not None:
        cids += b.heading_comments.get(("-", old_unit.id), [])
    if mode != "=" and old_id and new_id:
        other = (_unit_title(c.new.by_id(new_id) or entry_unit(c.new, entry.new_ids))
                 if mode == "-" else
                 _unit_title(c.old.by_id(old_id) or entry_unit(c.old, entry.old_ids)))
        cids.append(b.comment([
            ("Moved: its new text is inserted further on, as " if mode == "-" else
             "Moved: its old text is deleted where it stood, as ") + other,
            f"condiff paired the two ({entry.kind.replace('-', ' ')}, similarity "
            f"{entry.score:.2f}); their order changed, so the redline shows a deletion and an "
            "insertion instead of word changes."]))
    pieces: list[Piece] = [("[", cid) for cid in cids]
    pieces += ops
    for cid in cids:
        pieces.append(("]", cid))
        b.anchors.placed.add(cid)
    b.tracked_paragraph(pieces, style="Heading 2", mark=mode)


def entry_unit(doc: Document, ids: Sequence[str]) -> Provision:
    """The first unit of an alignment entry that exists in ``doc``."""
    for pid in ids:
        node = doc.by_id(pid)
        if node is not None:
            return node
    raise KeyError(ids)


def _block(b: _Builder, c: Comparison, p: ParagraphPair, mode: str, old_depth: dict[str, int],
           new_depth: dict[str, int]) -> None:
    """One aligned text block: its number and its words, tracked."""
    pre_old = block_prefix(c.old, p.old_id) if p.old_id and mode in ("=", "-") else ""
    pre_new = block_prefix(c.new, p.new_id) if p.new_id and mode in ("=", "+") else ""
    if mode == "=":
        ops: list[Op] = list(p.ops)
    elif mode == "-":
        node = c.old.by_id(p.old_id or "")
        ops = [("-", node.text if node is not None else "")]
    else:
        node = c.new.by_id(p.new_id or "")
        ops = [("+", node.text if node is not None else "")]
    segs, shift_old, shift_new = _segments_for(ops, pre_old, pre_new)
    ranges: dict[str, list[tuple[int, int, int]]] = {}
    if p.old_id and mode in ("=", "-"):
        ranges["-"] = _shift(b.anchors.spans.get(("-", p.old_id), []), shift_old)
    if p.new_id and mode in ("=", "+"):
        ranges["+"] = _shift(b.anchors.spans.get(("+", p.new_id), []), shift_new)
    pieces = _pieces(segs, ranges, b.anchors.placed)
    depth = new_depth.get(p.new_id or "", 0) if mode != "-" else old_depth.get(p.old_id or "", 0)
    b.tracked_paragraph(pieces, indent=max(depth - 1, 0), mark=mode)
