"""Every review action once: its keys, its footer label and what it does.

The main screen's bindings, the `?` help screen and the command palette are all built from
:data:`ACTIONS`, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    """One user action.

    Attributes:
        keys: Textual key names, comma-separated ("n", "shift+n").
        action: Name of the screen action (``action_<name>``).
        label: Short label for the footer.
        help: One sentence for the help screen and the command palette.
        show: Whether the footer shows it.
        display: How the key is written in the help screen.
        priority: Handled by the screen before the focused widget (the article list would
            otherwise move its own cursor first and redraw twice).
    """

    keys: str
    action: str
    label: str
    help: str
    show: bool = True
    display: str = ""
    priority: bool = False


#: In footer order, most needed first: at 80 columns the footer shows up to `q`, and `?`
#: lists everything. Footer labels are short on purpose; the help text says it in full.
ACTIONS: tuple[Action, ...] = (
    Action("question_mark", "help", "Help", "Show keys and what the glyphs mean", display="?"),
    Action("down", "next_article", "Next", "Move to the next article in the list",
           show=False, display="↓", priority=True),
    Action("up", "previous_article", "Prev", "Move to the previous article in the list",
           show=False, display="↑", priority=True),
    Action("r", "next_finding", "Right", "Go to the next rights finding (most severe first)"),
    Action("R", "previous_finding", "Prev right", "Go to the previous rights finding",
           show=False, display="R"),
    Action("n", "next_change", "Next", "Go to the next changed article"),
    Action("N", "previous_change", "Prev change", "Go to the previous changed article",
           show=False, display="N"),
    Action("f", "cycle_filter", "List", "Cycle the list filter: all / changed / rights only"),
    Action("slash", "search", "Find", "Search both texts; Enter again finds the next match",
           display="/"),
    Action("g", "goto", "Go", "Go to an article by number: 27, 27.3, old:24, new:27"),
    Action("t", "toggle_mode", "Split", "Toggle side by side / inline redline"),
    Action("a", "note", "Note", "Notes on the selected article: add one, or list them to "
           "edit or delete (several per reference)"),
    Action("ctrl+s", "save_notes", "Save", "Save notes to the sidecar file (ctrl+s, atomically)",
           display="^s"),
    Action("q", "request_quit", "Quit", "Quit (asks first when notes are unsaved)"),
    Action("e", "export", "Report", "Export the Markdown report (with your notes)"),
    Action("pagedown", "scroll_diff(1)", "", "Scroll the redline down a page", show=False,
           display="PgDn"),
    Action("pageup", "scroll_diff(-1)", "", "Scroll the redline up a page", show=False,
           display="PgUp"),
)
