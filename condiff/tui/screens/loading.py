"""Shown while the comparison is still being computed in the background."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, LoadingIndicator


class LoadingScreen(Screen[None]):
    """"Comparing A → B…" with a spinner; replaced by the review screen when ready."""

    CSS_PATH = "loading.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "Quit")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="loading-box"):
            yield Label(f"Comparing {self.what}…", id="loading-what", markup=False)
            yield LoadingIndicator()
        yield Footer()
