"""The notes on one article: list them, add another, edit or delete one.

A reference may carry several notes (two reviewers, or a question and its answer), so `a` on an
article that has notes opens this list rather than one of them; Enter edits the highlighted
note (the cursor at the end of its text), `a` adds a new one, `d` twice deletes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model import Note
from ...sanitize import visible

#: What the list was closed with: ("edit", note index), ("add", None), ("delete", note index).
NotesChoice = tuple[str, int | None]


def note_line(note: Note) -> Text:
    """``old:24.3 · Author — first line of the note`` for the list."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(visible(note.ref), "bold")
    if note.author:
        line.append(f" · {visible(note.author)}", "dim")
    first = note.text.strip().splitlines()[0] if note.text.strip() else ""
    line.append(f" — {visible(first)}")
    return line


class NotesScreen(ModalScreen[NotesChoice | None]):
    """Pick a note to edit or delete, or add one.

    Args:
        title: What the notes are on ("Notes on Art. 27").
        notes: ``(index in the session, note)`` for each note listed.
    """

    CSS_PATH = "notes.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("a,n", "add", "Add a note"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, title: str, notes: Sequence[tuple[int, Note]]) -> None:
        super().__init__()
        self.title_text = title
        self.notes = list(notes)
        self._armed: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Label(self.title_text, id="notes-title", markup=False)
            yield OptionList(*(Option(note_line(note), id=str(index))
                               for index, note in self.notes), id="notes-list")
            yield Label("Enter edit · a add another · d d delete · esc close", id="notes-hint")

    def on_mount(self) -> None:
        listed = self.query_one(OptionList)
        listed.focus()
        listed.highlighted = 0 if self.notes else None

    def _highlighted(self) -> int | None:
        listed = self.query_one(OptionList)
        if listed.highlighted is None:
            return None
        option = listed.get_option_at_index(listed.highlighted)
        return int(option.id) if option.id is not None else None

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(("edit", int(event.option.id)))

    @on(OptionList.OptionHighlighted)
    def moved(self) -> None:
        self._armed = None
        self.query_one("#notes-hint", Label).update(
            "Enter edit · a add another · d d delete · esc close")

    def action_edit(self) -> None:
        index = self._highlighted()
        if index is not None:
            self.dismiss(("edit", index))

    def action_add(self) -> None:
        self.dismiss(("add", None))

    def action_delete(self) -> None:
        index = self._highlighted()
        if index is None:
            return
        if self._armed == index:
            self.dismiss(("delete", index))
            return
        # A second d confirms: a note is the reviewer's work, one stray key must not lose it.
        self._armed = index
        self.query_one("#notes-hint", Label).update("Press d again to delete this note · "
                                                    "any other key keeps it")

    def action_close(self) -> None:
        self.dismiss(None)

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key not in ("d", "delete") and self._armed is not None:
            self._armed = None
