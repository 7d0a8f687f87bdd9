"""The centre panel: an article pair's redline, side by side (old | new) or inline.

Built on Textual's line API (a ``ScrollView`` painting precomputed strips) rather than one
widget per paragraph: the profile of the widget version showed most of a move's time in laying
out and re-rendering dozens of widgets, while here a move is one wrap of the article's text and
a repaint of the visible lines. The block that carries the selected finding gets a gutter mark
and is scrolled to the top.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import ParagraphPair
from ...render.cite import people_ref
from ...sanitize import visible
from ..redline_text import MUTED, badge, inline_text, is_evidence, side_text
from ..review_model import ReviewModel

MODES: tuple[str, ...] = ("side-by-side", "inline")


def _cell(ref: str | None, body: Text) -> Text:
    out = Text()
    out.append(visible(ref or ""), MUTED)
    out.append(" ")
    out.append_text(body)
    return out


@dataclass(frozen=True)
class Block:
    """One aligned block as the view draws it.

    Attributes:
        old: The old cell (label and text), or both sides in one flow when inline.
        new: The new cell, or None when inline.
        badges: The findings whose badge goes on this block, one line across the view above
            both cells (in a narrow column a badge wrapped into three lines and pushed the two
            texts out of step); None when there are none.
        label: The block's references ("24.3 → 27.3"), repeated in the view's top line while
            the selected block's start is scrolled away.
        selected: Whether it holds the selected finding.
    """

    old: Text
    new: Text | None
    badges: Text | None
    label: str
    selected: bool


def block_texts(model: ReviewModel, pair_index: int, row: ParagraphPair, mode: str,
                query: str, selected: int | None) -> Block:
    """How one aligned block of a pair is drawn."""
    findings = model.comparison.findings
    old_marks = model.marks_for("old", row.old_id)
    new_marks = model.marks_for("new", row.new_id)
    badges: list[Text] = []
    holds_selected = False
    for fi in model.findings_by_pair.get(pair_index, ()):
        where = model.badge_block(fi, pair_index)
        if where is None:
            continue
        side, block = where
        if block == (row.old_id if side == "old" else row.new_id):
            mark = badge(findings[fi], selected=fi == selected)
            # The selected finding's badge first: it is the one the top line keeps in view.
            if fi == selected:
                badges.insert(0, mark)
            else:
                badges.append(mark)
            holds_selected |= fi == selected
    badge_line = Text(" ").join(badges) if badges else None
    # References people type, never internal ids (a block numbered like another has only one).
    old_ref = people_ref(model.comparison.old, row.old) if row.old else None
    new_ref = people_ref(model.comparison.new, row.new) if row.new else None
    refs = " → ".join(r for r in (old_ref, new_ref) if r) if old_ref != new_ref \
        else (old_ref or "")
    if mode == "inline":
        body = inline_text(row.ops, old_marks=old_marks, new_marks=new_marks,
                           findings=findings, query=query)
        return Block(_cell(refs, body), None, badge_line, refs, holds_selected)
    has_old = bool(row.old_id or row.old)
    has_new = bool(row.new_id or row.new)
    old = _cell(old_ref, side_text(row.ops, "old", marks=old_marks, findings=findings,
                                   query=query)) if has_old else Text("")
    new = _cell(new_ref, side_text(row.ops, "new", marks=new_marks, findings=findings,
                                   query=query)) if has_new else Text("")
    return Block(old, new, badge_line, refs, holds_selected)


def pair_heading(model: ReviewModel, pair_index: int) -> Text:
    """Titles of the two sides and the kind of change, as one Text."""
    pair = model.comparison.alignment[pair_index]

    def title(side: str, ids: tuple[str, ...]) -> Text:
        text = Text()
        for n, uid in enumerate(ids):
            unit = model.unit(side, uid)
            if unit is None:
                continue
            if n:
                text.append(" + ")
            text.append(visible(unit.display_label), "bold")
            if unit.heading:
                text.append(f" {visible(unit.heading)}")
        return text if ids else Text("(none)", MUTED)

    heading = Text()
    heading.append("old ", MUTED)
    heading.append_text(title("old", pair.old_ids))
    heading.append("  →  new ", MUTED)
    heading.append_text(title("new", pair.new_ids))
    heading.append(f"\n{pair.kind}", "italic")
    if pair.kind not in ("unchanged", "added", "removed"):
        heading.append(f" · similarity {pair.score:.2f}", MUTED)
    return heading


@dataclass
class _Layout:
    """A pair wrapped at one width: its lines, and where the selected block is."""

    strips: list[Strip] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)
    #: (first line of the selected block, first line with highlighted evidence in it).
    where: tuple[int, int] | None = None
    #: Line after the selected block.
    selected_end: int | None = None
    #: The selected block's badge and references, for the top line while it is scrolled.
    sticky: Strip | None = None


@dataclass(frozen=True)
class _Item:
    """One thing the view draws: a block (two cells, or one when inline) or the heading."""

    old: Text
    new: Text | None
    selected: bool = False
    gap_after: bool = True
    badges: Text | None = None
    label: str = ""


class DiffView(ScrollView, can_focus=False):
    """Redline of the selected article pair, drawn with Textual's line API.

    The pair is wrapped once into lines (strips) at the current width; each frame then paints
    only the visible lines. Moving between long articles costs one wrap, never a layout of
    dozens of widgets.
    """

    DEFAULT_CSS = """
    DiffView {
        height: 1fr; border: round $secondary 50%; scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """
    #: Columns between the old and the new text.
    GAP = 3
    #: Articles whose wrapped lines are kept (moving back and forth costs nothing).
    CACHE_SIZE = 256

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[_Item] = []
        self._cache: dict[tuple[int, str, str, int | None], tuple[Any, ...]] = {}
        self._layout_now = _Layout()
        self._width = 0
        self._inline = False
        self._target = 0
        #: Line where the block with the selected finding starts (None when none is shown).
        self.selected_line: int | None = None
        #: First line of that block showing highlighted evidence (its start if none).
        self.evidence_line: int | None = None

    @property
    def _strips(self) -> list[Strip]:
        return self._layout_now.strips

    @property
    def _plain(self) -> list[str]:
        return self._layout_now.plain

    def show(self, model: ReviewModel, pair_index: int, *, mode: str = "side-by-side",
             query: str = "", selected: int | None = None) -> int | None:
        """Draw a pair; returns the line of the block holding the selected finding, if any."""
        self._inline = mode == "inline"
        self.border_title = f"{mode} · t toggles"
        self._items, layout = self._laid_out(model, pair_index, mode, query, selected)
        self._install(layout)
        self._target = self._scroll_target()
        self.scroll_to(y=self._target, animate=False, force=True)
        return self.selected_line

    def _scroll_target(self) -> int:
        """Where to scroll: the selected block's first line (its badge), or, in a window too
        small for the block, far enough down for the highlighted words to show; the badge and
        the block's references then stay in view in the top line (see :meth:`render_line`)."""
        target = self.selected_line or 0
        height = self.scrollable_content_region.height
        if self.evidence_line is not None and self.evidence_line >= target + height - 1:
            target = max(target, self.evidence_line - height + 3)
        return target

    def prefetch(self, model: ReviewModel, pair_index: int, *, mode: str = "side-by-side",
                 query: str = "") -> None:
        """Lay out a pair the reader is likely to open next, so showing it costs no wrap."""
        self._laid_out(model, pair_index, mode, query, None)

    def _laid_out(self, model: ReviewModel, pair_index: int, mode: str, query: str,
                  selected: int | None) -> tuple[list[_Item], _Layout]:
        """The pair's items and wrapped lines at the current width (cached)."""
        key = (pair_index, mode, query, selected)
        width = self.scrollable_content_region.width
        cached = self._cache.get(key)
        if cached is not None and cached[0] is model and cached[1] == width:
            return cached[2], cached[3]
        items = [_Item(pair_heading(model, pair_index), None)]
        for row in model.rows(pair_index):
            b = block_texts(model, pair_index, row, mode, query, selected)
            items.append(_Item(b.old, b.new, b.selected, badges=b.badges, label=b.label))
        layout = self._layout(items, width, inline=mode == "inline")
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = (model, width, items, layout)
        return items, layout

    def plain_text(self) -> str:
        """What the view shows, as plain text (for tests and screen readers)."""
        return "\n".join(self._plain)

    def visible_text(self) -> str:
        """The lines on screen now, sticky top line included, as plain text (for tests)."""
        height = self.scrollable_content_region.height
        return "\n".join(self.render_line(y).text.rstrip() for y in range(height))

    def on_resize(self) -> None:
        self._cache.clear()
        self._install(self._layout(self._items, self.scrollable_content_region.width,
                                   inline=self._inline))
        self._target = self._scroll_target() if self.selected_line is not None else \
            min(self._target, max(0, len(self._strips) - 1))
        self.scroll_to(y=self._target, animate=False, force=True)

    def _layout(self, items: list[_Item], width: int, *, inline: bool) -> _Layout:
        """Wrap items into strips of ``width`` cells; also plain lines, where the selected
        block starts and ends, where its first highlighted evidence is, and its sticky line."""
        out = _Layout()
        strips, plain = out.strips, out.plain
        if width <= 4:
            return out
        console = self.app.console
        mark = Style(color="#ffd700", bold=True)
        for n_item, item in enumerate(items):
            if item.selected:
                out.where = (len(strips), len(strips))
            gutter = Segment("▌" if item.selected else " ", mark if item.selected else None)
            body = width - 1
            if item.badges is not None:
                for line in self._wrap(console, item.badges, body):
                    strips.append(Strip([gutter, *line.render(console)])
                                  .adjust_cell_length(width))
                    plain.append(line.plain.rstrip())
            if item.new is None or inline or n_item == 0:
                columns = [self._wrap(console, item.old, body)]
                widths = [body]
            else:
                left = (body - self.GAP) // 2
                right = body - self.GAP - left
                columns = [self._wrap(console, item.old, left),
                           self._wrap(console, item.new, right)]
                widths = [left, right]
            for row in itertools.zip_longest(*columns):
                segments = [gutter]
                text_row = []
                for n, (line, cell) in enumerate(zip(row, widths, strict=True)):
                    if n:
                        segments.append(Segment(" " * self.GAP))
                    if line is None:
                        segments.append(Segment(" " * cell))
                        continue
                    segments.extend(line.render(console))
                    if item.selected and out.where is not None and \
                            out.where[1] == out.where[0] and \
                            any(is_evidence(span.style) for span in line.spans):
                        out.where = (out.where[0], len(strips))
                    if cell > line.cell_len:
                        segments.append(Segment(" " * (cell - line.cell_len)))
                    text_row.append(line.plain)
                strips.append(Strip(segments, width).adjust_cell_length(width))
                plain.append((" " * self.GAP).join(text_row).rstrip())
            if item.selected:
                out.selected_end = len(strips)
                sticky = Text()
                if item.badges is not None:
                    sticky.append_text(item.badges)
                    sticky.append("  ")
                sticky.append(visible(item.label), "bold")
                sticky.append(" ↑", MUTED)
                line = self._wrap(console, sticky, body)[0]
                out.sticky = Strip([gutter, *line.render(console)]).adjust_cell_length(width)
            if item.gap_after:
                strips.append(Strip.blank(width))
                plain.append("")
        return out

    def _install(self, layout: _Layout) -> None:
        self._layout_now = layout
        where = layout.where
        selected = where[0] if where is not None else None
        self.selected_line = selected
        self.evidence_line = where[1] if where is not None else None
        self._width = self.scrollable_content_region.width
        height = len(layout.strips)
        if selected is not None:
            # Room below the end, so the selected block can always sit at the top.
            height = max(height, selected + self.scrollable_content_region.height)
        self.virtual_size = Size(self._width, height)
        self.refresh()

    @staticmethod
    def _wrap(console: Console, text: Text, width: int) -> list[Text]:
        if width <= 0:
            return []
        return list(text.wrap(console, width, overflow="fold")) or [Text("")]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        layout = self._layout_now
        if y == 0 and layout.sticky is not None and layout.where is not None and \
                layout.where[0] < scroll_y < (layout.selected_end or 0):
            # The selected block starts above the window: its badge and references stay
            # on the top line, so the reader knows whose words are highlighted below.
            return layout.sticky.crop_extend(0, width, self.rich_style)
        if index >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        return self._strips[index].crop_extend(scroll_x, scroll_x + width, self.rich_style) \
            .apply_style(self.rich_style)
