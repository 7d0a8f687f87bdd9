"""The review app and :func:`make_app`, the one factory the CLI, the tests and the benchmark use.

The app is handed a ready :class:`~condiff.model.Comparison`: it never runs the pipeline itself,
so tests can feed it a hand-built comparison and the CLI decides how documents are read.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from ..io import write_atomic
from ..model import Comparison
from .keys import ACTIONS
from .notes_store import NotesSession
from .review_model import ReviewModel
from .screens.main import MainScreen


def report_path_for(notes_path: Path) -> Path:
    """Default place of the exported report: beside the notes, ``<name>.report.md``."""
    name = notes_path.name
    for suffix in (".notes.yaml", ".notes.yml", ".yaml", ".yml"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return notes_path.with_name(f"{name}.report.md")


def default_notes_path(comparison: Comparison) -> Path:
    """``<new file>.notes.yaml`` beside the new document, else in the current folder."""
    new_path = comparison.new.path
    if new_path and os.access(Path(new_path).parent, os.W_OK):
        p = Path(new_path)
        return p.with_name(f"{p.stem}.notes.yaml")
    return Path("condiff-notes.yaml")


class ReviewApp(App[None]):
    """``condiff review``: walk through every change of a comparison."""

    TITLE = "condiff review"

    def __init__(self, comparison: Comparison, notes: NotesSession, *,
                 author: str = "", sources: Sequence[str] = ()) -> None:
        super().__init__()
        self.comparison = comparison
        self.model = ReviewModel(comparison)
        self.notes = notes
        self.author = author
        self.sources = [s for s in sources if s]
        self.export_path = report_path_for(notes.path)

    @property
    def main(self) -> MainScreen:
        """The review screen (under any modal)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the review screen is not open")

    def on_mount(self) -> None:
        # Pushed rather than returned by get_default_screen(): only pushed screens load
        # their CSS_PATH.
        self.push_screen(MainScreen(self.model))
        if self.notes.recovered:
            self.notify(f"Recovered unsaved notes from {self.notes.autosave_path}; "
                        "ctrl+s keeps them.", timeout=8)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for act in ACTIONS:
            yield SystemCommand(act.help, f"key {act.display or act.keys}",
                                partial(self.run_action, act.action, self.main))

    def action_quit(self) -> None:  # type: ignore[override]
        """ctrl+q goes through the same unsaved-notes question as `q`."""
        self.main.action_request_quit()

    def reviewed(self) -> Comparison:
        """The comparison with the current notes attached (for export)."""
        notes = tuple(self.notes.notes)
        try:
            from ..notes import attach_notes
        except ImportError:
            return replace(self.comparison, notes=notes)
        return attach_notes(replace(self.comparison, notes=()), notes)

    def export(self, path: Path) -> Path:
        """Write the Markdown report atomically; returns the path written.

        Raises:
            CondiffError: when the renderer is missing or the file cannot be written.
        """
        from ..errors import CondiffError
        from ..render import render

        try:
            text = render(self.reviewed(), "md")
        except ModuleNotFoundError as exc:
            raise CondiffError(f"the Markdown report is not available ({exc.name} missing)",
                               hint="Install condiff completely") from None
        write_atomic(path, text, inputs=[*self.sources, self.notes.path])
        self.export_path = path
        return path


def make_app(comparison: Comparison, *, notes_path: str | os.PathLike[str] | None = None,
             author: str | None = None, sources: Sequence[str] = ()) -> ReviewApp:
    """Build the review app for a ready comparison.

    Args:
        comparison: What to review (``condiff.compare(old, new)``, or hand-built in tests).
        notes_path: Notes sidecar to load and save; default ``<new>.notes.yaml`` beside the
            new document. An autosave left beside it by a crash is recovered.
        author: Name put on new notes (default ``$CONDIFF_AUTHOR`` or the login name).
        sources: Input files that must never be overwritten (defaults to the documents' paths).
    """
    path = Path(notes_path) if notes_path is not None else default_notes_path(comparison)
    inputs = list(sources) or [p for p in (comparison.old.path, comparison.new.path) if p]
    notes = NotesSession.open(
        path, comparison.notes, inputs=inputs,
        old_label=" ".join(x for x in (comparison.old.country, comparison.old.version) if x),
        new_label=" ".join(x for x in (comparison.new.country, comparison.new.version) if x),
    )
    if author is None:
        try:
            author = os.environ.get("CONDIFF_AUTHOR") or getpass.getuser()
        except (KeyError, OSError):
            author = ""
    return ReviewApp(comparison, notes, author=author, sources=inputs)
