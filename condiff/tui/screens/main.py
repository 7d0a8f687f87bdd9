"""The review screen: summary on top, article list left, redline centre, annotations right.

Handlers are short: each reads the pure :class:`~condiff.tui.review_model.ReviewModel` for the
answer and asks the widgets to draw it. All state of a review (selected pair, filter, layout,
search, selected finding) lives here; notes live in the app's
:class:`~condiff.tui.notes_store.NotesSession`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList

from ...errors import CondiffError
from ...model import Note
from ...notes import NotesConflict
from ...sanitize import visible
from ..keys import ACTIONS
from ..review_model import FILTERS, ReviewModel
from ..widgets.annotations import AnnotationPanel
from ..widgets.diff_view import MODES, DiffView
from ..widgets.keys_footer import KeysFooter
from ..widgets.navigator import Navigator
from ..widgets.summary import Summary
from .confirm import ConfirmQuitScreen
from .conflict import ConflictScreen
from .help import HelpScreen
from .note import NoteScreen
from .notes import NotesChoice, NotesScreen
from .prompt import PromptScreen

if TYPE_CHECKING:
    from ..app import ReviewApp


class MainScreen(Screen[None]):
    """Walk through every change of one comparison."""

    CSS_PATH = "main.tcss"
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it as a plain attribute
        (0, "-narrow"), (110, "-wide"), (160, "-very-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(a.keys, a.action, a.label, show=a.show, key_display=a.display or None,
                  priority=a.priority) for a in ACTIONS),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]
    AUTO_FOCUS = "Navigator"

    def __init__(self, model: ReviewModel) -> None:
        super().__init__()
        self._prefetch_timer: Timer | None = None
        self.model = model
        self.filter = "all"
        self.mode = MODES[0]
        self.query_text = ""
        self.selected_finding: int | None = None
        self.finding_cursor: int | None = None
        self.current = model.entries[0].index if model.entries else -1

    @property
    def review(self) -> ReviewApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Summary(id="summary")
        with Horizontal(id="body"):
            yield Navigator(id="nav")
            with Horizontal(id="work"):
                yield DiffView(id="diff")
                yield AnnotationPanel(id="annotations")
        yield KeysFooter()

    def on_resize(self) -> None:
        # A small terminal (80x24) gets a one-line header: every row goes to the redline.
        self.query_one(Summary).set_compact(self.size.width < 110 or self.size.height < 30)

    def _prefetch(self) -> None:
        """While the reader reads, lay out the neighbours `↓`/`↑` and `n` would open."""
        diff = self.query_one(DiffView)
        entries = self.visible_entries()
        for target in (self.model.step(self.current, 1, entries=entries),
                       self.model.step(self.current, -1, entries=entries),
                       self.model.step(self.current, 1, changed_only=True, entries=entries)):
            if target is not None:
                diff.prefetch(self.model, target, mode=self.mode, query=self.query_text)

    def on_mount(self) -> None:
        self.query_one(Summary).show(self.model, pending=self.review.rules_pending)
        self.refresh_navigator()
        self.redraw()

    def set_model(self, model: ReviewModel) -> None:
        """Swap in the finished comparison (findings added), keeping the reader's place."""
        self.model = model
        if all(e.index != self.current for e in model.entries):
            self.current = model.entries[0].index if model.entries else -1
        self.selected_finding = self.finding_cursor = None
        if self.is_mounted:  # otherwise on_mount draws the new model when it comes
            self.on_mount()

    def say(self, message: str, **options: Any) -> None:
        """Notify without markup: messages may quote document text, paths or queries."""
        self.notify(visible(message), markup=False, **options)

    # -- drawing ------------------------------------------------------------------------------

    def visible_entries(self) -> list:  # type: ignore[type-arg]
        return self.model.visible_entries(self.filter)

    def refresh_navigator(self) -> None:
        nav = self.query_one(Navigator)
        entries = self.visible_entries()
        nav.border_title = f"{self.filter} ({len(entries)}) · f"
        nav.show(self.model, entries, self.current)

    def redraw(self) -> None:
        """Draw the selected pair in the diff view and the annotation panel."""
        if self.current < 0:
            return
        diff = self.query_one(DiffView)
        diff.show(self.model, self.current, mode=self.mode, query=self.query_text,
                  selected=self.selected_finding)
        entries = self.visible_entries()
        position = next((n for n, e in enumerate(entries, 1) if e.index == self.current), 0)
        subtitle = f"{position}/{len(entries)}" + (
            f" · search: {visible(self.query_text)}" if self.query_text else "")
        diff.border_subtitle = Text(subtitle)  # a Text: a query is never markup
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(0.15, self._prefetch)
        self.refresh_annotations()

    def refresh_annotations(self) -> None:
        every = self.review.notes.notes
        self.query_one(AnnotationPanel).show(
            self.model, self.current, self.model.notes_for(self.current, every),
            self.selected_finding, self.model.unattached_notes(every))

    def select(self, pair_index: int | None, *, finding: int | None = None) -> None:
        """Show a pair (switching the filter to "all" if it hides it)."""
        if pair_index is None:
            return
        if all(e.index != pair_index for e in self.visible_entries()):
            self.filter = "all"
            self.refresh_navigator()
        self.current = pair_index
        self.selected_finding = finding
        self.query_one(Navigator).point_at(pair_index)
        self.redraw()

    @on(OptionList.OptionHighlighted, "#nav")
    @on(OptionList.OptionSelected, "#nav")
    def navigator_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and int(event.option.id) != self.current:
            self.select(int(event.option.id))

    # -- moving -------------------------------------------------------------------------------

    def _step(self, direction: int, *, changed_only: bool = False) -> None:
        target = self.model.step(self.current, direction, changed_only=changed_only,
                                 entries=self.visible_entries())
        if target is None:
            self.say("No further change." if changed_only else "End of the list.",
                        timeout=2)
        self.select(target)

    def action_next_article(self) -> None:
        self._step(1)

    def action_previous_article(self) -> None:
        self._step(-1)

    def action_next_change(self) -> None:
        self._step(1, changed_only=True)

    def action_previous_change(self) -> None:
        self._step(-1, changed_only=True)

    def _finding(self, direction: int) -> None:
        if self.review.rules_pending:
            self.say("The rights rules are still running; findings appear in a moment.",
                     timeout=3)
            return
        shown = [i for i, p in enumerate(self.model.finding_pair) if p is not None]
        if not shown:
            self.say("No rights findings in this comparison.", timeout=3)
            return
        if self.finding_cursor in shown:
            pos = (shown.index(self.finding_cursor) + direction) % len(shown)
        else:
            pos = 0 if direction > 0 else len(shown) - 1
        self.finding_cursor = shown[pos]
        self.select(self.model.finding_pair[self.finding_cursor], finding=self.finding_cursor)

    def action_next_finding(self) -> None:
        self._finding(1)

    def action_previous_finding(self) -> None:
        self._finding(-1)

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        entries = self.visible_entries()
        if entries and all(e.index != self.current for e in entries):
            self.current = entries[0].index
            self.selected_finding = None
            self.redraw()
        self.refresh_navigator()

    def action_toggle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.redraw()

    def action_scroll_diff(self, direction: int) -> None:
        diff = self.query_one(DiffView)
        if direction > 0:
            diff.scroll_page_down(animate=False)
        else:
            diff.scroll_page_up(animate=False)

    # -- search and go-to ---------------------------------------------------------------------

    def action_search(self) -> None:
        self.app.push_screen(
            PromptScreen("Search both texts", value=self.query_text,
                         placeholder="words to find", hint="Enter: next match · esc: cancel"),
            self.search_for)

    def search_for(self, query: str | None) -> None:
        if query is None:
            return
        self.query_text = query.strip()
        if not self.query_text:
            self.redraw()
            return
        target = self.model.search(self.query_text, self.current)
        if target is None:
            self.say(f"Not found: {self.query_text}", severity="warning", timeout=3)
            self.redraw()
            return
        self.select(target)

    def action_clear_search(self) -> None:
        if self.query_text:
            self.query_text = ""
            self.redraw()

    def action_goto(self) -> None:
        self.app.push_screen(
            PromptScreen("Go to article", placeholder="27   27.3   old:24   new:27",
                         hint="A bare number is looked up in the new text first."),
            self.go_to)

    def go_to(self, text: str | None) -> None:
        if not text:
            return
        found = self.model.goto(text)
        if found is None:
            self.say(f"No article {text} in either version.", severity="warning",
                        timeout=3)
            return
        self.select(found[0])

    # -- notes, export, quit ------------------------------------------------------------------

    def action_note(self) -> None:
        """`a`: the notes on this article (several per reference allowed), or a new one."""
        if self.current < 0:
            return
        notes = self.review.notes
        here = self.model.note_indices_for(self.current, notes.notes)
        if not here:
            self._edit_note(None)
            return
        pair = self.model.comparison.alignment[self.current]
        where = f"old {', '.join(pair.old) or '—'} → new {', '.join(pair.new) or '—'}"

        def chosen(choice: NotesChoice | None) -> None:
            if choice is None:
                return
            action, index = choice
            if action == "add":
                self._edit_note(None)
            elif action == "edit" and index is not None:
                self._edit_note(index)
            elif action == "delete" and index is not None:
                notes.delete(index)
                self.refresh_annotations()
                self.say("Note deleted; ctrl+s saves the change to " + str(notes.path),
                         timeout=3)
                self.action_note()

        self.app.push_screen(NotesScreen(f"Notes on this article ({where})",
                                         [(i, notes.notes[i]) for i in here]), chosen)

    def _edit_note(self, index: int | None) -> None:
        """Open the editor on note ``index`` of the session, or on a new note (None)."""
        notes = self.review.notes
        if index is None:
            ref = self.model.default_note_ref(self.current, self.selected_finding)
            note = Note(ref, "", self.review.author)
        else:
            note = notes.notes[index]

        def done(result: Note | None) -> None:
            if result is None:
                return
            if index is None and not result.text.strip():
                self.say("An empty note is not kept.", timeout=3)
                return
            notes.put(result, index)
            if result.author:
                self.review.author = result.author
            self.refresh_annotations()
            self.say(("Note deleted" if not result.text.strip() else "Note kept")
                     + "; ctrl+s saves it to " + str(notes.path), timeout=3)

        self.app.push_screen(NoteScreen(note, editing=index is not None), done)

    def action_save_notes(self, then: Callable[[], None] | None = None) -> None:
        """ctrl+s; ``then`` runs once the notes are safely written (quitting after a save)."""
        try:
            path = self.review.notes.save()
        except NotesConflict:
            self._resolve_conflict(then)
            return
        except CondiffError as exc:
            self.say(str(exc), severity="error", timeout=8)
            return
        self.say(f"Notes saved to {path}", timeout=3)
        if then is not None:
            then()

    def _resolve_conflict(self, then: Callable[[], None] | None) -> None:
        """Someone changed the notes file meanwhile: Reload, Keep mine or Save as…."""
        notes = self.review.notes

        def chosen(choice: str | None) -> None:
            try:
                if choice == "reload":
                    added = notes.reload()
                    self.refresh_annotations()
                    self.say(f"Reloaded {notes.path}; {added} of your notes added to it "
                             "(ctrl+s saves them)." if added else
                             f"Reloaded {notes.path}; it already holds all your notes.",
                             timeout=6)
                    return
                if choice == "keep":
                    path = notes.save_over()
                    self.say(f"Your notes saved to {path}; their version is in {path}.bak",
                             timeout=6)
                elif choice == "save-as":
                    self._save_as(then)
                    return
                else:
                    return
            except CondiffError as exc:
                self.say(str(exc), severity="error", timeout=8)
                return
            if then is not None:
                then()

        self.app.push_screen(ConflictScreen(str(notes.path)), chosen)

    def _save_as(self, then: Callable[[], None] | None) -> None:
        notes = self.review.notes
        suggestion = notes.path.with_name(notes.path.name.replace(".notes.yaml", "")
                                          .removesuffix(".yaml") + ".mine.notes.yaml")

        def answered(path: str | None) -> None:
            if not path:
                return
            try:
                written = notes.save_as(Path(path).expanduser())
            except CondiffError as exc:
                self.say(str(exc), severity="error", timeout=8)
                return
            self.say(f"Notes saved to {written.resolve()}; ctrl+s now saves there.", timeout=6)
            if then is not None:
                then()

        self.app.push_screen(
            PromptScreen("Save your notes as", value=str(suggestion), select=False,
                         hint="Enter to write a new file, Esc to cancel"), answered)

    def action_export(self) -> None:
        self.app.push_screen(
            PromptScreen("Export the Markdown report to", value=str(self.review.export_path),
                         hint="Enter to write, Esc to cancel · written atomically, never over "
                         "an input file", select=False),
            self.export_to)

    def export_to(self, path: str | None) -> None:
        if not path:
            return
        try:
            written = self.review.export(Path(path).expanduser())
        except CondiffError as exc:
            self.say(str(exc), severity="error", timeout=8)
            return
        self.say(f"Report written to {written.resolve()}", timeout=6)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_request_quit(self) -> None:
        notes = self.review.notes
        if not notes.dirty:
            self.app.exit()
            return

        def done(choice: str | None) -> None:
            if choice == "save":
                self.action_save_notes(then=self.app.exit)
            elif choice == "discard":
                notes.discard_autosave()
                notes.dirty = False
                self.app.exit()

        self.app.push_screen(
            ConfirmQuitScreen(f"{len(notes.notes)} note(s) with unsaved changes "
                              f"(kept meanwhile in {notes.autosave_path})."), done)
