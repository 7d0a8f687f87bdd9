"""One step of a history in the review screen, with a way back to the timeline."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from .main import MainScreen


class StepScreen(MainScreen):
    """The review screen (every key of ``condiff review``) for one step of a history;
    `b`, or Esc when no search is shown, goes back to the timeline."""

    CSS_PATH = "main.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *MainScreen.BINDINGS,
        Binding("b", "back", "Timeline"),
    ]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_clear_search(self) -> None:
        """Esc clears the search first, then goes back to the timeline."""
        if self.query_text:
            super().action_clear_search()
        else:
            self.action_back()
