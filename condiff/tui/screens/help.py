"""The `?` screen: every key, the glyphs of the article list, and the redline colours."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import ACTIONS
from ..redline_text import DELETED, INSERTED, RIGHT_LOST, RIGHT_WEAKENED, SEARCH_HIT
from ..review_model import KIND_GLYPHS, RIGHTS_MARK
from ..widgets.navigator import KIND_STYLES


def help_table() -> Table:
    """Keys, glyphs and colours as one table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    table.add_row(Text("Keys", "bold underline"), "")
    for act in ACTIONS:
        table.add_row(act.display or act.keys, act.help)
    table.add_row("esc", "Clear the search highlight")
    table.add_row("ctrl+p", "Command palette: every action above by name")
    table.add_row("mouse", "Click an article; scroll the redline and annotations with the wheel")
    table.add_row("", "")
    table.add_row(Text("Article list", "bold underline"), "")
    for kind, glyph in KIND_GLYPHS.items():
        table.add_row(Text(glyph, KIND_STYLES[kind]), kind)
    table.add_row(Text(RIGHTS_MARK, "bold red"), "carries a rights finding")
    table.add_row("", "")
    table.add_row(Text("Redline", "bold underline"), "")
    table.add_row(Text("deleted", DELETED), "words only in the old text")
    table.add_row(Text("inserted", INSERTED), "words only in the new text")
    table.add_row(Text("right lost", RIGHT_LOST), "words that carried a removed right")
    table.add_row(Text("weakened", RIGHT_WEAKENED), "words of a weakened or restricted right")
    table.add_row(Text("match", SEARCH_HIT), "search matches")
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and legend; any of esc, q, ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_table())

    def action_close(self) -> None:
        self.dismiss(None)
