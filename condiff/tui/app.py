"""The review app and :func:`make_app`, the one factory the CLI, the tests and the benchmark use.

The app is handed a ready :class:`~condiff.model.Comparison`: it never runs the pipeline itself,
so tests can feed it a hand-built comparison and the CLI decides how documents are read.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from ..errors import CondiffError
from ..io import write_atomic
from ..model import Comparison, Document
from ..sanitize import visible
from .background import Loader, Outcome, Ready
from .keys import ACTIONS
from .notes_store import NotesSession
from .review_model import ReviewModel
from .screens.loading import LoadingScreen
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
    """``condiff review``: walk through every change of a comparison.

    Args:
        comparison: What to review; None when ``load`` is still computing it.
        notes: The notes session (sidecar path, notes, unsaved state).
        load: Waited on in a worker thread when ``comparison`` is None: first for the
            redline (shown at once), then for the findings (see :mod:`condiff.tui.background`).
        loading_label: What the loading screen says is being compared.
        author: Name put on new notes.
        sources: Input files that must never be overwritten.
    """

    TITLE = "condiff review"

    def __init__(self, comparison: Comparison | None, notes: NotesSession, *,
                 load: Loader | None = None, loading_label: str = "",
                 author: str = "", sources: Sequence[str] = ()) -> None:
        super().__init__()
        if comparison is None and load is None:
            raise ValueError("ReviewApp needs a comparison or a load function")
        self.comparison = comparison or Comparison(Document(), Document())
        self.model = ReviewModel(self.comparison)
        self.notes = notes
        self.author = author
        self.sources = [s for s in sources if s]
        self.export_path = report_path_for(notes.path)
        self._load = load if comparison is None else None
        #: True while the redline is shown but the rights rules are still running.
        self.rules_pending = False
        self._loading_label = loading_label
        #: Set when the background comparison failed; the CLI reports it after exit.
        self.failure: CondiffError | None = None
        #: Warnings the comparison raised (also shown as notifications).
        self.load_warnings: list[str] = []
        #: The background comparison's outcome, with its timings (for the speed benchmark).
        self.outcome: Outcome | None = None

    def say(self, message: str, **options: Any) -> None:
        """Notify without markup: messages may quote document text, paths or queries."""
        self.notify(visible(message), markup=False, **options)

    @property
    def main(self) -> MainScreen:
        """The review screen (under any modal)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the review screen is not open")

    def on_mount(self) -> None:
        if self._load is None:
            self._show_review()
            return
        self.push_screen(LoadingScreen(self._loading_label or "the two versions"))
        self.run_worker(self._wait_for_comparison, thread=True, exit_on_error=False)

    def _wait_for_comparison(self) -> None:
        assert self._load is not None
        partial = self._load.aligned()
        if partial is not None:
            self.call_from_thread(self._aligned, partial)
        outcome = self._load.result()
        self.call_from_thread(self._loaded, outcome)

    def _aligned(self, partial: Comparison) -> None:
        """The redline exists: show it while the rules still run."""
        self.comparison = partial
        self.model = ReviewModel(partial)
        self.rules_pending = True
        self._show_review()

    def _loaded(self, outcome: Outcome) -> None:
        self.load_warnings = list(outcome.warnings)
        self.outcome = outcome
        if outcome.comparison is None:
            self.failure = outcome.error or CondiffError(
                f"the comparison failed: {outcome.crash}",
                hint="This is a bug in condiff; run with --debug and report it")
            self.exit()
            return
        self.comparison = outcome.comparison
        self.model = ReviewModel(outcome.comparison)
        self.rules_pending = False
        self.notes.old_label = self.notes.old_label or document_label(outcome.comparison.old)
        self.notes.new_label = self.notes.new_label or document_label(outcome.comparison.new)
        try:
            self.main.set_model(self.model)
        except LookupError:
            self._show_review()
        for message in self.load_warnings[:5]:
            self.say(message, severity="warning", timeout=6)

    def _show_review(self) -> None:
        # Pushed rather than returned by get_default_screen(): only pushed screens load
        # their CSS_PATH.
        if isinstance(self.screen, LoadingScreen):
            self.switch_screen(MainScreen(self.model))
        else:
            self.push_screen(MainScreen(self.model))
        if self.notes.recovered:
            self.say(f"Recovered unsaved notes from {self.notes.autosave_path}; "
                        "ctrl+s keeps them.", timeout=8)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        try:
            main = self.main
        except LookupError:
            return
        for act in ACTIONS:
            yield SystemCommand(act.help, f"key {act.display or act.keys}",
                                partial(self.run_action, act.action, main))

    def action_quit(self) -> None:  # type: ignore[override]
        """ctrl+q goes through the same unsaved-notes question as `q`."""
        try:
            self.main.action_request_quit()
        except LookupError:
            self.exit()

    def reviewed(self) -> Comparison:
        """The comparison with the current notes attached (for export)."""
        notes = tuple(self.notes.notes)
        try:
            from ..notes import attach_notes
        except ImportError:
            return replace(self.comparison, notes=notes)
        result: Comparison = attach_notes(replace(self.comparison, notes=()), notes)
        return result

    def export(self, path: Path) -> Path:
        """Write the Markdown report atomically; returns the path written.

        Raises:
            CondiffError: when the renderer is missing or the file cannot be written.
        """
        from ..render import render

        try:
            text = render(self.reviewed(), "md")
        except ModuleNotFoundError as exc:
            raise CondiffError(f"the Markdown report is not available ({exc.name} missing)",
                               hint="Install condiff completely") from None
        write_atomic(path, text, inputs=[*self.sources, self.notes.path])
        self.export_path = path
        return path


def document_label(doc: Document) -> str:
    """"Veridia 2009" (else the file name, else the title): how the notes file names a
    document."""
    return " ".join(x for x in (doc.country, doc.version) if x) or Path(doc.path).name \
        or doc.title


def make_app(comparison: Comparison | None = None, *,
             notes_path: str | os.PathLike[str] | None = None, author: str | None = None,
             sources: Sequence[str] = (),
             load: Loader | Callable[[], Outcome] | None = None,
             loading_label: str = "") -> ReviewApp:
    """Build the review app for a ready comparison (or one still being computed).

    Args:
        comparison: What to review (``condiff.compare(old, new)``, or hand-built in tests).
        notes_path: Notes sidecar to load and save; default ``<new>.notes.yaml`` beside the
            new document. An autosave left beside it by a crash is recovered.
        author: Name put on new notes (default ``$CONDIFF_AUTHOR`` or the login name).
        sources: Input files that must never be overwritten (defaults to the documents' paths).
        load: Instead of ``comparison``: a background comparison
            (:func:`condiff.tui.background.start_compare`), or a function returning its
            outcome; a loading screen shows until the redline is there.
        loading_label: What the loading screen names ("1995 → 2026").

    Raises:
        CondiffError: when the notes file exists but cannot be read.
    """
    if notes_path is not None:
        path = Path(notes_path)
    elif comparison is not None:
        path = default_notes_path(comparison)
    else:
        path = Path("condiff-notes.yaml")
    inputs = list(sources)
    if not inputs and comparison is not None:
        inputs = [p for p in (comparison.old.path, comparison.new.path) if p]
    notes = NotesSession.open(
        path, comparison.notes if comparison is not None else (), inputs=inputs,
        old_label=document_label(comparison.old) if comparison is not None else "",
        new_label=document_label(comparison.new) if comparison is not None else "",
    )
    if author is None:
        try:
            author = os.environ.get("CONDIFF_AUTHOR") or getpass.getuser()
        except (KeyError, OSError):
            author = ""
    loader = Ready(load) if load is not None and not hasattr(load, "result") else load
    return ReviewApp(comparison, notes, load=loader,  # type: ignore[arg-type]
                     loading_label=loading_label,
                     author=author, sources=inputs)
