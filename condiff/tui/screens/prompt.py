"""A one-line question (search, go to, export path) answered with Enter, cancelled with Esc."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with it, or None when cancelled."""

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "",
                 hint: str = "", select: bool = True) -> None:
        """
        Args:
            select: Select the prefilled value, so typing replaces it (a search); False puts
                the cursor after it, so typing adds to it (a path to complete).
        """
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.select = select

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self.title_text, id="prompt-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input",
                        select_on_focus=self.select)
            if self.hint:
                yield Label(self.hint, id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        if not self.select:
            field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
