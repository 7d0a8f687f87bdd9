"""The centre panel: an article pair's redline, side by side (old | new) or inline.

One ``Static`` per aligned block, reused between articles (a pool), so moving to another
article only swaps renderables instead of mounting widgets; the block that carries the selected
finding can be scrolled into view.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ...model import ParagraphPair
from ...sanitize import visible
from ..redline_text import MUTED, badge, inline_text, side_text
from ..review_model import ReviewModel

MODES: tuple[str, ...] = ("side-by-side", "inline")


class Block(Horizontal):
    """One aligned block of the redline: old and new side by side, or one inline column.

    Two plain ``Static`` cells rather than a Rich table: Textual wraps and caches their text
    itself, which keeps moving between long articles well under the 50 ms budget.
    """

    DEFAULT_CSS = """
    Block { height: auto; margin: 0 0 1 0; padding: 0 1; border-left: blank; }
    Block.-selected { border-left: thick $warning; background: $warning 8%; }
    Block > Static { width: 1fr; height: auto; }
    Block > .new-cell { margin-left: 2; }
    Block.-inline > .new-cell { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        # Kept as attributes so a block can be filled before it is mounted.
        self.old_cell = Static(classes="old-cell")
        self.new_cell = Static(classes="new-cell")

    def compose(self) -> ComposeResult:
        yield self.old_cell
        yield self.new_cell

    def show(self, old: Text, new: Text | None) -> None:
        """Fill the cells; ``new`` None means one inline column."""
        self.old_cell.update(old)
        self.set_class(new is None, "-inline")
        if new is not None:
            self.new_cell.update(new)


def _cell(ref: str | None, body: Text, badges: list[Text]) -> Text:
    out = Text()
    for line in badges:
        out.append_text(line)
        out.append("\n")
    out.append(visible(ref or ""), MUTED)
    out.append(" ")
    out.append_text(body)
    return out


def block_texts(model: ReviewModel, pair_index: int, row: ParagraphPair, mode: str,
                query: str, selected: int | None) -> tuple[Text, Text | None, bool]:
    """(old cell, new cell or None when inline, whether it holds the selected finding)."""
    findings = model.comparison.findings
    old_marks = model.marks_for("old", row.old_id)
    new_marks = model.marks_for("new", row.new_id)
    badges: dict[str, list[Text]] = {"old": [], "new": []}
    holds_selected = False
    for fi in model.findings_by_pair.get(pair_index, ()):
        where = model.badge_block(fi)
        if where is None:
            continue
        side, block = where
        if block == (row.old_id if side == "old" else row.new_id):
            badges[side].append(badge(findings[fi], selected=fi == selected))
            holds_selected |= fi == selected
    if mode == "inline":
        refs = " → ".join(r for r in (row.old, row.new) if r) if row.old != row.new \
            else row.old
        body = inline_text(row.ops, old_marks=old_marks, new_marks=new_marks,
                           findings=findings, query=query)
        return _cell(refs, body, badges["old"] + badges["new"]), None, holds_selected
    has_old = bool(row.old_id or row.old)
    has_new = bool(row.new_id or row.new)
    old = _cell(row.old, side_text(row.ops, "old", marks=old_marks, findings=findings,
                                   query=query), badges["old"]) if has_old else Text("")
    new = _cell(row.new, side_text(row.ops, "new", marks=new_marks, findings=findings,
                                   query=query), badges["new"]) if has_new else Text("")
    return old, new, holds_selected


def pair_heading(model: ReviewModel, pair_index: int, mode: str) -> RenderableType:
    """Titles of the two sides and the kind of change."""
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

    status = Text(f"{pair.kind}", "italic")
    if pair.kind not in ("unchanged", "added", "removed"):
        status.append(f" · similarity {pair.score:.2f}", MUTED)
    if mode == "inline":
        return Group(title("old", pair.old_ids) + Text("  →  ") + title("new", pair.new_ids),
                     status)
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(Text("old ", MUTED) + title("old", pair.old_ids),
                 Text("new ", MUTED) + title("new", pair.new_ids))
    return Group(grid, status)


class DiffView(VerticalScroll, can_focus=False):
    """Redline of the selected article pair."""

    DEFAULT_CSS = """
    DiffView { height: 1fr; border: round $secondary 50%; padding: 0 0; }
    DiffView > #pair-heading { padding: 0 1; margin: 0 0 1 0; background: $boost; }
    """

    #: Blocks created up front, so most articles redraw without mounting anything.
    POOL = 20

    def compose(self) -> ComposeResult:
        yield Static(id="pair-heading")
        for _ in range(self.POOL):
            block = Block()
            block.display = False
            yield block

    def show(self, model: ReviewModel, pair_index: int, *, mode: str = "side-by-side",
             query: str = "", selected: int | None = None) -> Block | None:
        """Draw a pair; returns the block holding the selected finding, if any."""
        self.query_one("#pair-heading", Static).update(pair_heading(model, pair_index, mode))
        rows = model.rows(pair_index)
        blocks = list(self.query(Block))
        missing = len(rows) - len(blocks)
        if missing > 0:
            new_blocks = [Block() for _ in range(missing)]
            self.mount_all(new_blocks)
            blocks.extend(new_blocks)
        target: Block | None = None
        for block, row in zip(blocks, rows, strict=False):
            old, new, holds = block_texts(model, pair_index, row, mode, query, selected)
            block.show(old, new)
            block.display = True
            block.set_class(holds, "-selected")
            if holds:
                target = block
        for block in blocks[len(rows):]:
            block.display = False
            block.set_class(False, "-selected")
        self.border_title = f"{mode} · t toggles"
        self.scroll_home(animate=False)
        if target is not None:
            self.call_after_refresh(self.scroll_to_widget, target, animate=False, top=True)
        return target
