"""``condiff review --history``: the timeline of a history, and each step in the review screen.

The app opens on the timeline (:class:`~condiff.tui.screens.timeline.TimelineScreen`). Opening
a step shows that step's comparison in the same review screen as ``condiff review OLD NEW``
(every key works there), with that pair's own notes file: the one ``condiff review OLD NEW``
would use, beside the step's new version. `b` or Esc goes back to the timeline.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..history.model import History
from ..read import is_bundled_name
from .app import ReviewApp, document_label
from .notes_store import NotesSession
from .screens.step import StepScreen
from .screens.timeline import TimelineScreen
from .timeline_model import Target, TimelineModel


class HistoryApp(ReviewApp):
    """Review a history: the timeline first, each step on demand.

    Args:
        history: What to review.
        author: Name put on new notes.
        notes_dir: Folder for the notes of steps whose new version is not a file (bundled).
    """

    TITLE = "condiff review --history"

    def __init__(self, history: History, *, author: str = "",
                 notes_dir: str | os.PathLike[str] = ".") -> None:
        self.history = history
        self.timeline = TimelineModel(history)
        self.notes_dir = Path(notes_dir)
        self.sessions: dict[int, NotesSession] = {}
        self.step = 0
        sources = [v.document.path for v in history.versions if v.document.path]
        super().__init__(history.steps[0].comparison, self.session(0), author=author,
                         sources=sources)

    def notes_path(self, step: int) -> Path:
        """``<new version>.notes.yaml`` beside the step's new version, as ``condiff review``
        uses for that pair; for a bundled version, a file per step in ``notes_dir``."""
        version = self.history.versions[self.history.steps[step].new]
        path = version.document.path
        if path and not is_bundled_name(version.name) and os.access(Path(path).parent,
                                                                    os.W_OK):
            p = Path(path)
            return p.with_name(f"{p.stem}.notes.yaml")
        return self.notes_dir / f"condiff-history-step-{step + 1}.notes.yaml"

    def session(self, step: int) -> NotesSession:
        """The notes of one step (opened once)."""
        found = self.sessions.get(step)
        if found is None:
            comparison = self.history.steps[step].comparison
            found = NotesSession.open(
                self.notes_path(step), (), inputs=[d.path for d in (comparison.old,
                                                                    comparison.new) if d.path],
                old_label=document_label(comparison.old),
                new_label=document_label(comparison.new))
            self.sessions[step] = found
        return found

    def _show_review(self) -> None:
        # ReviewApp opens its review screen here once mounted; a history opens on its timeline.
        self.push_screen(TimelineScreen(self.timeline))

    def open_step(self, target: Target) -> None:
        """Show a step in the review screen, at the entry (and finding) ``target`` names."""
        self.step = target.step
        self.comparison = self.history.steps[target.step].comparison
        self.model = self.timeline.step_model(target.step)
        self.notes = self.session(target.step)
        screen = StepScreen(self.model)
        if target.pair is not None:
            screen.current = target.pair
        screen.selected_finding = screen.finding_cursor = target.finding
        self.push_screen(screen)

    def request_quit(self) -> None:
        """Quit from the timeline: through the unsaved-notes question of a step that has
        unsaved notes, else at once."""
        dirty = [k for k, s in self.sessions.items() if s.dirty]
        if not dirty:
            self.exit()
            return
        self.open_step(Target(dirty[0]))
        self.call_after_refresh(self.main.action_request_quit)

    def action_quit(self) -> None:  # type: ignore[override]
        self.request_quit()

    def get_system_commands(self, screen: Any) -> Any:
        # The review actions apply to a step's screen only.
        if isinstance(screen, TimelineScreen):
            yield from super(ReviewApp, self).get_system_commands(screen)
        else:
            yield from super().get_system_commands(screen)
