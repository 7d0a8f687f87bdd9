"""The annotation panel: for the selected article, each rights finding (title, kind, severity,
why it matters, references) and the reviewer's notes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...model import Note
from ...render.cite import people_ref
from ...sanitize import visible
from ..redline_text import MUTED, badge
from ..review_model import ReviewModel

_SEVERITY_STYLES = {"critical": "bold red", "high": "red", "medium": "dark_orange",
                    "low": "yellow", "info": "dim"}


def _note_lines(notes: Sequence[Note]) -> list[Text]:
    parts: list[Text] = []
    for note in notes:
        head = Text(visible(note.ref), "bold")
        if note.author:
            head.append(f" · {visible(note.author)}", MUTED)
        if note.tags:
            head.append(" [" + visible(", ".join(note.tags)) + "]", "cyan")
        parts.append(head)
        parts.append(Text(visible(note.text)))
    return parts


def annotation_renderable(model: ReviewModel, pair_index: int, notes: Sequence[Note],
                          selected: int | None, unattached: Sequence[Note] = ()) -> Text:
    """Findings, then notes, of one article pair, as one Text (Textual renders a single Text
    much faster than a Rich Group)."""
    findings = model.comparison.findings
    parts: list[Text] = []
    listed = model.findings_by_pair.get(pair_index, ())
    if selected in listed:  # the finding `r` landed on first: a small panel shows it whole
        listed = (selected, *(fi for fi in listed if fi != selected))
    if not listed:
        parts.append(Text("No rights finding on this article.", MUTED))
    for fi in listed:
        f = findings[fi]
        parts.append(badge(f, selected=fi == selected))
        line = Text()
        line.append(visible(f.severity), _SEVERITY_STYLES.get(f.severity, ""))
        line.append(f" · confidence {f.confidence:.0%}", MUTED)
        if f.category:
            line.append(f" · {visible(f.category)}", MUTED)
        parts.append(line)
        refs = Text()
        refs.append("old ", MUTED)
        docs = model.comparison
        refs.append(", ".join(people_ref(docs.old, r) for r in f.old) or "—")
        refs.append("  →  new ", MUTED)
        refs.append(", ".join(people_ref(docs.new, r) for r in f.new) or "—")
        parts.append(refs)
        if f.annotation:
            parts.append(Text(visible(f.annotation)))
        if f.detail:
            parts.append(Text(visible(f.detail), "italic"))
        if f.references:
            parts.append(Text("See: ", MUTED) + Text(visible("; ".join(f.references))))
        parts.append(Text(""))
    parts.append(Text(f"Notes ({len(notes)})", "bold underline"))
    if not notes:
        parts.append(Text("a: add a note", MUTED))
    parts.extend(_note_lines(notes))
    if unattached:
        parts.append(Text(""))
        parts.append(Text(f"Notes on no article of either version ({len(unattached)})",
                          "bold underline"))
        parts.extend(_note_lines(unattached))
    return Text("\n").join(parts)


class AnnotationPanel(VerticalScroll, can_focus=False):
    """Findings and notes for the selected article."""

    DEFAULT_CSS = """
    AnnotationPanel { width: 44; height: 1fr; border: round $accent 50%; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Kept as an attribute: the screen may draw before this panel's children are mounted.
        self.body = Static(id="annotation-body")
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield self.body

    def show(self, model: ReviewModel, pair_index: int, notes: Sequence[Note],
             selected: int | None, unattached: Sequence[Note] = ()) -> None:
        """Draw the findings and notes of a pair."""
        listed = model.findings_by_pair.get(pair_index, ())
        key = (model, tuple(model.comparison.findings[i] for i in listed), tuple(notes),
               selected if selected in listed else None, tuple(unattached))
        if key == self._shown:
            return  # same findings and notes (most articles have none): nothing to redraw
        self._shown = key
        count = len(model.findings_by_pair.get(pair_index, ()))
        self.border_title = f"findings {count} · notes {len(notes)}"
        self.body.update(annotation_renderable(model, pair_index, notes, selected, unattached))
        self.scroll_home(animate=False)
