"""Add or edit a reviewer note on one reference (``old:24.3`` / ``new:27.3``)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, TextArea

from ...model import Note
from ...sanitize import visible


class NoteScreen(ModalScreen[Note | None]):
    """Dismisses with the edited note (empty text = delete it), or None when cancelled."""

    CSS_PATH = "note.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # Not a priority binding: ctrl+s then waits behind the keys typed before it in the
        # text area's queue (pasted or fast-typed text was otherwise read before it arrived,
        # and a new note came out empty and was dropped).
        Binding("ctrl+s", "save", "Keep note"),
    ]

    def __init__(self, note: Note, *, editing: bool) -> None:
        super().__init__()
        self.note = note
        self.editing = editing

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Label(f"Edit the note on {visible(self.note.ref)}" if self.editing
                        else f"Add a note on {visible(self.note.ref)}", id="note-title",
                        markup=False)
            with Horizontal(classes="note-row"):
                yield Label("Ref", classes="note-label")
                yield Input(visible(self.note.ref), id="note-ref",
                            placeholder="old:24.3 or new:27.3")
            with Horizontal(classes="note-row"):
                yield Label("Author", classes="note-label")
                yield Input(visible(self.note.author), id="note-author")
            with Horizontal(classes="note-row"):
                yield Label("Tags", classes="note-label")
                yield Input(visible(", ".join(self.note.tags)), id="note-tags",
                            placeholder="strike, follow-up")
            # A note file is a file like any other: never hand its control characters to the
            # terminal, even while editing.
            yield TextArea(visible(self.note.text), id="note-text")
            yield Label("ctrl+s keep · esc cancel · empty text deletes the note",
                        id="note-hint")
            with Horizontal(id="note-buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        # Typing adds to the note: the cursor starts after its last character.
        area.move_cursor(area.document.end)

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def action_save(self) -> None:
        tags = tuple(t.strip() for t in self._value("#note-tags").split(",") if t.strip())
        text = self.query_one("#note-text", TextArea).text.strip()
        ref = self._value("#note-ref") or self.note.ref
        self.dismiss(Note(ref, text, self._value("#note-author"), tags, self.note.created))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#keep")
    def keep(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.action_cancel()
