"""The article list on the left: pairs grouped by chapter, a glyph per change kind, and a flag
on every article that carries a rights finding."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...sanitize import visible
from ..review_model import KIND_GLYPHS, LOSS_KINDS, RIGHTS_MARK, WEAKEN_KINDS, Entry, ReviewModel

#: Colour of each alignment kind's glyph.
KIND_STYLES: dict[str, str] = {
    "unchanged": "dim",
    "modified": "yellow",
    "renumbered": "cyan",
    "moved": "cyan",
    "split": "magenta",
    "merged": "magenta",
    "added": "green",
    "removed": "red",
}


def entry_prompt(model: ReviewModel, entry: Entry) -> Text:
    """``~ 5 → 6  Work ⚑`` for one navigator line."""
    pair = model.comparison.alignment[entry.index]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(KIND_GLYPHS.get(pair.kind, "?"), KIND_STYLES.get(pair.kind, ""))
    text.append(" ")
    text.append(visible(entry.label))
    if entry.findings:
        kinds = {model.comparison.findings[f].kind for f in entry.findings}
        style = "bold red" if kinds & LOSS_KINDS else \
            "bold dark_orange" if kinds & WEAKEN_KINDS else "bold magenta"
        text.append(f" {RIGHTS_MARK}", style)
    side, ids = ("new", pair.new_ids) if pair.new_ids else ("old", pair.old_ids)
    unit = model.unit(side, ids[0]) if ids else None
    if unit is not None and unit.heading:
        text.append(f"  {visible(unit.heading)}", "dim")
    return text


class Navigator(OptionList):
    """Article pairs in reading order; highlighting one shows it."""

    DEFAULT_CSS = """
    Navigator { width: 34; height: 1fr; border: round $primary 50%; }
    Navigator:focus { border: round $primary; }
    Navigator { text-wrap: nowrap; text-overflow: ellipsis; }
    Navigator > .option-list--option-disabled { color: $text-accent; text-style: bold; }
    """

    def show(self, model: ReviewModel, entries: Sequence[Entry], current: int | None) -> None:
        """List ``entries`` under their chapter headings and highlight ``current``."""
        options: list[Option] = []
        group: str | None = None
        for entry in entries:
            if entry.group != group and entry.group:
                options.append(Option(Text(visible(entry.group), no_wrap=True,
                                           overflow="ellipsis"), disabled=True))
            group = entry.group
            options.append(Option(entry_prompt(model, entry), id=str(entry.index)))
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
        self.point_at(current)

    def point_at(self, pair_index: int | None) -> None:
        """Highlight a pair without announcing it (the screen already shows it)."""
        if pair_index is None:
            return
        try:
            position = self.get_option_index(str(pair_index))
        except OptionDoesNotExist:  # not listed under the current filter
            return
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = position
