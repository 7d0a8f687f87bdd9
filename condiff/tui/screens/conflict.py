"""Asked when the notes file changed on disk since it was loaded (another reviewer, an editor):
reload theirs with yours added, keep yours over theirs, or save yours to a new file."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConflictScreen(ModalScreen[str]):
    """Dismisses with "reload", "keep", "save-as" or "cancel"."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload"),
        Binding("k", "choose('keep')", "Keep mine"),
        Binding("s", "choose('save-as')", "Save as…"),
        Binding("escape,c", "choose('cancel')", "Cancel"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label("The notes file changed on disk", id="confirm-title")
            yield Label(f"{self.path} was changed by someone else since you opened it; "
                        "nothing was written.", markup=False)
            yield Label("Reload: their file, with your notes added to it (a note you both "
                        "changed shows both versions).\nKeep mine: write yours over theirs "
                        "(theirs stays in the .bak file).\nSave as…: write yours to a new "
                        "file and keep working there.", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("Reload (r)", id="reload", variant="primary")
                yield Button("Keep mine (k)", id="keep", variant="warning")
                yield Button("Save as… (s)", id="save-as")
                yield Button("Cancel (esc)", id="cancel")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
