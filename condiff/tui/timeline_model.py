"""What the timeline of ``condiff review --history`` shows, computed once from a history.

Like :mod:`condiff.tui.review_model` for one comparison: the widgets only draw, and every
answer (which provisions the list shows under a filter, what a provision's strip of labels
reads, which step and alignment entry a right's event leads to) comes from here, without
Textual, so it is tested in plain pytest.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..history.model import History, Lineage, RightTimeline
from ..history.provision import ProvisionHistory, lineage_history
from ..render import history_view as view
from .review_model import ReviewModel

#: Provision filters, in the order `f` cycles through them.
TIMELINE_FILTERS: tuple[str, ...] = ("changed", "all")


@dataclass(frozen=True)
class Target:
    """Where a pick in the timeline leads: a step, an entry of its alignment, a finding.

    Attributes:
        step: Index of the step.
        pair: Index of the alignment entry to show, or None for the step's first.
        finding: Index of the finding to select in that step, or None.
    """

    step: int
    pair: int | None = None
    finding: int | None = None


class TimelineModel:
    """Answers the timeline's questions about one history.

    Args:
        history: The result of :func:`condiff.history.load_history`.
    """

    def __init__(self, history: History) -> None:
        self.history = history
        self._details: dict[int, ProvisionHistory] = {}
        self._models: dict[int, ReviewModel] = {}

    # -- provisions ----------------------------------------------------------------------------

    def provisions(self, filter_name: str) -> list[Lineage]:
        """The lineages the list shows: those changed in some step, or all."""
        if filter_name == "changed":
            return [lin for lin in self.history.lineages if lin.changed]
        return list(self.history.lineages)

    def default_filter(self) -> str:
        """"changed" when something changed (most provisions of a history do not), else "all"."""
        return "changed" if any(lin.changed for lin in self.history.lineages) else "all"

    def strip(self, lineage: Lineage) -> str:
        """``10 · 11 # · — - · 13 ↺``: the provision's cell in every version."""
        return " · ".join(view.lineage_cell(lineage, v.index) for v in self.history.versions)

    def detail(self, lineage: Lineage) -> ProvisionHistory:
        """The provision in every version with each step's paragraphs (cached)."""
        found = self._details.get(lineage.index)
        if found is None:
            found = self._details[lineage.index] = lineage_history(self.history, lineage)
        return found

    def changed_steps(self, lineage: Lineage) -> list[int]:
        """Steps that changed the provision (where `←`/`→` stop first)."""
        return [e.step for e in lineage.events if e.kind != "unchanged"]

    def first_step(self, lineage: Lineage) -> int:
        """The step shown first for a provision: the first that changed it, else the first in
        which it exists."""
        changed = self.changed_steps(lineage)
        if changed:
            return changed[0]
        return lineage.events[0].step if lineage.events else 0

    def provision_target(self, lineage: Lineage, step: int) -> Target:
        """The step's entry holding the provision."""
        event = lineage.event_at(step)
        return Target(step, event.pair if event is not None else None)

    def lineage_of(self, version: int, unit_id: str) -> Lineage | None:
        """The lineage holding a unit of a version."""
        return next((lin for lin in self.history.lineages if lin.ids[version] == unit_id),
                    None)

    # -- rights --------------------------------------------------------------------------------

    def rights(self) -> list[RightTimeline]:
        """Rights with events first (as the history orders them)."""
        return list(self.history.rights)

    def right_strip(self, right: RightTimeline) -> str:
        """``24.3 · 27.3 · — ✗ removed``."""
        return " · ".join(view.right_cell(self.history, right, v.index, limit=2)
                          for v in self.history.versions)

    def right_target(self, right: RightTimeline, n: int = 0) -> Target | None:
        """Where the ``n``-th event of a right leads (wrapping): its step, the entry the
        review screen shows the finding with, and the finding itself."""
        if not right.events:
            return None
        event = right.events[n % len(right.events)]
        pair = self.step_model(event.step).finding_pair[event.finding]
        return Target(event.step, pair, event.finding)

    # -- steps ---------------------------------------------------------------------------------

    def step_model(self, step: int) -> ReviewModel:
        """The review model of one step (built once, on first use)."""
        model = self._models.get(step)
        if model is None:
            model = self._models[step] = ReviewModel(self.history.steps[step].comparison)
        return model

    def step_label(self, step: int) -> str:
        """``Step 2 · 1992 → 2011``."""
        return f"Step {step + 1} · {view.step_name(self.history, self.history.steps[step])}"
