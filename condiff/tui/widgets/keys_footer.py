"""The footer: the keys that fit the terminal's width, whole, `?` always first.

Textual's footer lays every key out in a row and lets the window cut the last ones in half
("e Rep…", the palette key gone) at 80 columns. This one keeps the keys in their order (most
needed first, see :mod:`condiff.tui.keys`), leaves out those that do not fit whole, and shows
the command palette's key only when there is room after them; `?` lists every key anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Below this width the footer uses Textual's compact key style (one space less per key).
COMPACT_BELOW = 120


def _width(key: FooterKey, compact: bool) -> int:
    # Compact: "k Label" and a margin; wide: " k " + "Label " (Textual's own paddings).
    text = cell_len(key.key_display) + cell_len(key.description)
    return text + (2 if compact else 3)


def fitting(keys: Iterable[FooterKey], width: int, compact: bool) -> list[FooterKey]:
    """The keys that fit ``width`` cells whole, in order; the palette key only last."""
    shown: list[FooterKey] = []
    used = 0
    palette = None
    for key in keys:
        if key.has_class("-command-palette"):
            palette = key
            continue
        need = _width(key, compact)
        if used + need <= width or not shown:  # the first key (`?`) always
            shown.append(key)
            used += need
    if palette is not None and used + _width(palette, compact) + 2 <= width:
        shown.append(palette)
    return shown


class KeysFooter(Footer):
    """A footer showing only the keys that fit, `?` always."""

    def __init__(self) -> None:
        super().__init__()
        self._fitted_width = 0

    def _room(self) -> int:
        return self.size.width or (self.screen.size.width if self.is_attached else 0) or \
            self.app.size.width

    def compose(self) -> ComposeResult:
        width = self._room()
        self._fitted_width = width
        self.compact = width < COMPACT_BELOW
        widgets: list[Widget] = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        keep = set(map(id, fitting(keys, width, self.compact)))
        yield from (w for w in widgets if not isinstance(w, FooterKey) or id(w) in keep)

    def on_resize(self) -> None:
        if self._room() != self._fitted_width:
            self.call_after_refresh(self.recompose)
