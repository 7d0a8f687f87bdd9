"""The timeline of a history: provisions and rights through every version.

Left, two lists: the provisions (changed ones first; `f` shows all), each with its label in
every version and the mark of each change, and the rights, each with where every version
carries it. Centre: the selected provision in every version with the redline of each step
(`←`/`→` choose the step, Enter opens it in the review screen at that article), or the selected
right's cells and events (Enter jumps to the step of its next event, the finding selected).
Inside a step every key of ``condiff review`` works; `b` or Esc comes back here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...history.model import Lineage, RightTimeline
from ...render import history_view as view
from ...sanitize import visible
from ..redline_text import BADGE_LOST, BADGE_WEAKENED, MUTED, inline_text
from ..timeline_model import TIMELINE_FILTERS, Target, TimelineModel
from .prompt import PromptScreen

if TYPE_CHECKING:
    from ..history_app import HistoryApp

#: Rights kinds painted as losses / weakenings (the review screen's colours).
_LOSS = {"removed", "oversight-removed"}
_WEAK = {"weakened", "restriction-added"}


class TimelineScreen(Screen[None]):
    """Pick a provision or a right; see it through every version; open a step."""

    CSS_PATH = "timeline.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 - as Textual declares it
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_step", "Open step", priority=True),
        Binding("right", "step(1)", "Next step", key_display="→"),
        Binding("left", "step(-1)", "Prev step", key_display="←"),
        Binding("f", "cycle_filter", "Filter"),
        Binding("g", "goto", "Go"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit_app", "Quit"),
    ]
    AUTO_FOCUS = "#provisions"

    def __init__(self, model: TimelineModel) -> None:
        super().__init__()
        self.model = model
        self.filter = model.default_filter()
        #: What the centre shows: ("provision", lineage index) or ("right", position).
        self.showing: tuple[str, int] | None = None
        #: The step chosen in the shown provision's timeline.
        self.step_cursor = 0
        #: How many times Enter has jumped on the shown right (cycles through its events).
        self.right_jumps = 0

    @property
    def history_app(self) -> HistoryApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-summary")
        with Horizontal(id="timeline-body"):
            with Vertical(id="timeline-lists"):
                yield OptionList(id="provisions")
                yield OptionList(id="rights")
            with VerticalScroll(id="timeline-detail"):
                yield Static(id="timeline-text")
                # One block per step, so the chosen step can be scrolled into view.
                for k in range(len(self.model.history.steps)):
                    yield Static(id=f"timeline-step-{k}", classes="timeline-step")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timeline-summary", Static).update(self.summary())
        self.fill_provisions()
        rights = self.query_one("#rights", OptionList)
        rights.border_title = "Rights · tab"
        rights.add_options([Option(self.right_prompt(r), id=str(i))
                            for i, r in enumerate(self.model.rights())])
        shown = self.model.provisions(self.filter)
        if shown:
            self.show_provision(shown[0])

    # -- lists ---------------------------------------------------------------------------------

    def summary(self) -> Text:
        h = self.model.history
        text = Text()
        text.append(visible(h.title or "History"), "bold")
        text.append("  ")
        text.append(" → ".join(visible(v.label) for v in h.versions), "bold")
        changed = sum(1 for lin in h.lineages if lin.changed)
        events = sum(len(r.events) for r in h.rights)
        text.append(f"\n{len(h.steps)} steps · {changed} of {len(h.lineages)} provisions "
                    f"changed · {events} rights events", MUTED)
        return text

    def fill_provisions(self) -> None:
        provisions = self.query_one("#provisions", OptionList)
        shown = self.model.provisions(self.filter)
        provisions.clear_options()
        provisions.add_options([Option(self.provision_prompt(lin), id=str(lin.index))
                                for lin in shown])
        provisions.border_title = f"Provisions: {self.filter} ({len(shown)}) · f"

    def provision_prompt(self, lineage: Lineage) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(visible(self.model.strip(lineage)),
                    "" if lineage.changed else "dim")
        return text

    def right_prompt(self, right: RightTimeline) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        kinds = {self.model.history.finding(e).kind for e in right.events}
        style = BADGE_LOST if kinds & _LOSS else BADGE_WEAKENED if kinds & _WEAK else \
            ("bold" if kinds else "dim")
        text.append(visible(right.title or right.topic), style)
        text.append(f"  {visible(self.model.right_strip(right))}", "dim")
        return text

    @on(OptionList.OptionHighlighted, "#provisions")
    def provision_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_provision(self.model.history.lineages[int(event.option.id)])

    @on(OptionList.OptionHighlighted, "#rights")
    def right_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_right(int(event.option.id))

    @on(OptionList.OptionSelected)
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_step()

    # -- the centre ----------------------------------------------------------------------------

    def show_provision(self, lineage: Lineage, step: int | None = None) -> None:
        if self.showing != ("provision", lineage.index):
            self.step_cursor = self.model.first_step(lineage) if step is None else step
        elif step is not None:
            self.step_cursor = step
        self.showing = ("provision", lineage.index)
        head, steps = self.provision_text(lineage)
        self.query_one("#timeline-text", Static).update(head)
        chosen: Static | None = None
        for k, body in enumerate(steps):
            block = self.query_one(f"#timeline-step-{k}", Static)
            block.update(body)
            block.display = True
            if k == self.step_cursor:
                chosen = block
        detail = self.query_one("#timeline-detail", VerticalScroll)
        detail.border_title = f"Provision {visible(view.lineage_name(lineage))}"
        detail.border_subtitle = f"{self.model.step_label(self.step_cursor)} · ←/→ · Enter"
        if chosen is not None:
            self.call_after_refresh(detail.scroll_to_widget, chosen, animate=False, top=True)

    def provision_text(self, lineage: Lineage) -> tuple[Text, list[Text]]:
        """The provision's label in every version, and each step's block."""
        h = self.model.history
        found = self.model.detail(lineage)
        head = Text()
        for v in h.versions:
            head.append(f"{visible(v.label)}: ", "bold")
            head.append(visible(view.lineage_cell(lineage, v.index)))
            head.append("   ")
        steps: list[Text] = []
        for ps in found.steps:
            text = Text()
            chosen = ps.step == self.step_cursor
            text.append("▶ " if chosen else "  ", "bold")
            kind = view.kind_text(ps.event.kind) if ps.event is not None else "not present"
            text.append(visible(self.model.step_label(ps.step)), "bold" if chosen else "")
            text.append(f" · {kind}", "bold yellow" if ps.event is not None and
                        ps.event.kind != "unchanged" else MUTED)
            for pp in ps.paragraphs:
                if pp.kind == "unchanged" and not chosen:
                    continue
                ref = " → ".join(r for r in (pp.old, pp.new) if r) if pp.old != pp.new \
                    else (pp.old or "")
                text.append(f"\n    {visible(ref)} ", MUTED)
                text.append_text(inline_text(pp.ops))
            steps.append(text)
        return head, steps

    def show_right(self, position: int) -> None:
        right = self.model.rights()[position]
        if self.showing != ("right", position):
            self.right_jumps = 0
        self.showing = ("right", position)
        h = self.model.history
        text = Text()
        text.append(visible(right.title or right.topic), "bold")
        text.append(f"  ({visible(right.topic)})\n\n", MUTED)
        for v in h.versions:
            text.append(f"{visible(v.label)}: ", "bold")
            text.append(visible(view.right_cell(h, right, v.index, limit=8)) + "\n")
        if not right.events:
            text.append("\nNo step changed it.", MUTED)
        for e in right.events:
            f = h.finding(e)
            style = BADGE_LOST if f.kind in _LOSS else BADGE_WEAKENED if f.kind in _WEAK \
                else "bold"
            text.append(f"\n{visible(self.model.step_label(e.step))} · ")
            text.append(f"{view.RIGHT_MARKS.get(f.kind, '•')} {view.kind_text(f.kind)}", style)
            text.append(f" [{visible(f.severity)}] {', '.join(map(visible, f.old)) or '—'} → "
                        f"{', '.join(map(visible, f.new)) or '—'}\n")
            if f.detail:
                text.append(f"  {visible(f.detail)}\n", MUTED)
        self.query_one("#timeline-text", Static).update(text)
        for block in self.query(".timeline-step"):
            block.display = False
        detail = self.query_one("#timeline-detail", VerticalScroll)
        detail.scroll_home(animate=False)
        detail.border_title = f"Right: {visible(right.title or right.topic)}"
        detail.border_subtitle = "Enter: go to the step where it changed" if right.events \
            else ""

    # -- actions -------------------------------------------------------------------------------

    def action_step(self, direction: int) -> None:
        if self.showing is None or self.showing[0] != "provision":
            return
        last = len(self.model.history.steps) - 1
        self.step_cursor = max(0, min(last, self.step_cursor + direction))
        self.show_provision(self.model.history.lineages[self.showing[1]], self.step_cursor)

    def action_open_step(self) -> None:
        if self.showing is None:
            return
        kind, index = self.showing
        target: Target | None
        if kind == "provision":
            lineage = self.model.history.lineages[index]
            target = self.model.provision_target(lineage, self.step_cursor)
        else:
            target = self.model.right_target(self.model.rights()[index], self.right_jumps)
            if target is None:
                self.notify("No step changed this right.", timeout=3)
                return
            self.right_jumps += 1
        self.history_app.open_step(target)

    def action_cycle_filter(self) -> None:
        self.filter = TIMELINE_FILTERS[(TIMELINE_FILTERS.index(self.filter) + 1)
                                       % len(TIMELINE_FILTERS)]
        self.fill_provisions()

    def action_goto(self) -> None:
        self.app.push_screen(
            PromptScreen("Go to provision", placeholder="24   24.3   1992:13",
                         hint="The newest version holding it is searched first."),
            self.go_to)

    def go_to(self, text: str | None) -> None:
        if not text:
            return
        from ...errors import CondiffError
        from ...history.provision import find_provision

        try:
            found = find_provision(self.model.history, text)
        except CondiffError as exc:
            self.notify(visible(str(exc)), severity="warning", timeout=4, markup=False)
            return
        lineage = found.lineage
        if self.filter != "all" and not lineage.changed:
            self.filter = "all"
            self.fill_provisions()
        provisions = self.query_one("#provisions", OptionList)
        provisions.highlighted = provisions.get_option_index(str(lineage.index))
        provisions.focus()
        self.show_provision(lineage)

    def action_help(self) -> None:
        self.notify(
            "Provisions (top left) and rights (bottom left): ↑/↓ pick, tab switches list, f "
            "shows all provisions or the changed ones, g goes to a provision (24, 24.3, "
            "1992:13). ←/→ choose a step of the provision; Enter opens it in the review screen "
            "(on a right: the step of its next event). In a step every review key works; b or "
            "Esc comes back here. q quits.", title="Timeline keys", timeout=12, markup=False)

    def action_quit_app(self) -> None:
        self.history_app.request_quit()
