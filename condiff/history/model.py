"""The data of a history: many versions of one constitution, compared step by step.

A :class:`History` holds the versions in the order given, one :class:`Step` per consecutive
pair (each step's ``comparison`` is exactly ``compare(old, new)`` of that pair, so it is the
same thing ``condiff diff`` shows), and what the steps say together: the :class:`Lineage` of
every provision through all versions, the :class:`RightTimeline` of every rights topic, and
the chapter-level :class:`StructureChange` of each step. Renderers and the review UI only read
these frozen records; nothing here knows how they were computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Comparison, Document, Finding

#: What happened to a provision in one step, as :attr:`LineageEvent.kind` says it. The
#: alignment kinds of ``condiff diff`` plus the ones only a history can tell: a repealed
#: placeholder taking an article's number (``repealed``), an article coming back after it had
#: gone (``reinserted``), and the side of a split or merge this lineage is on.
LINEAGE_KINDS: tuple[str, ...] = (
    "unchanged",
    "modified",
    "renumbered",
    "moved",
    "split",        # this provision was split; its text continues here and in `related`
    "split-from",   # this provision was born of another's split (`related` names it)
    "merged",       # others merged into this provision (`related` names them)
    "merged-into",  # this provision ended merged into another (`related` names it)
    "added",
    "removed",
    "repealed",     # its number now holds a repealed placeholder
    "reinserted",   # back after a repeal or an absence, under the same or another number
)

#: Lineage kinds that count as "the provision changed in this step".
CHANGE_KINDS: frozenset[str] = frozenset(LINEAGE_KINDS) - {"unchanged"}

#: Kinds of :class:`StructureChange`.
STRUCTURE_KINDS: tuple[str, ...] = ("retitled", "renumbered", "added", "removed")


@dataclass(frozen=True)
class Version:
    """One version of the constitution in a history.

    Attributes:
        index: Position in the history (0 = the oldest given).
        label: Name people use for it ("1992", "rev. 2011"); unique in the history.
        document: The version as read (once) from its file.
        date: ISO date (or year) of the version, from the manifest or the document; "" if
            unknown.
        name: The path or bundled name it was read from, as the user gave it.
    """

    index: int
    label: str
    document: Document
    date: str = ""
    name: str = ""

    @property
    def language(self) -> str:
        """The document's language ("" if unknown)."""
        return self.document.language


@dataclass(frozen=True)
class StructureChange:
    """A change to a container (part, title, chapter, section) between two versions.

    Attributes:
        kind: One of :data:`STRUCTURE_KINDS`.
        container: The container's kind ("chapter", "title", …).
        old_label: Its label in the old version ("" if added).
        new_label: Its label in the new version ("" if removed).
        old_heading: Its heading in the old version.
        new_heading: Its heading in the new version.
        old_id: Its id in the old version, or "".
        new_id: Its id in the new version, or "".
    """

    kind: str
    container: str
    old_label: str = ""
    new_label: str = ""
    old_heading: str = ""
    new_heading: str = ""
    old_id: str = ""
    new_id: str = ""


@dataclass(frozen=True)
class Step:
    """Two consecutive versions and their comparison.

    Attributes:
        index: Position among the steps (step k compares versions k and k+1).
        old: Index of the old version.
        new: Index of the new version.
        comparison: ``compare(old, new)``: alignment, redlines, findings, warnings.
        structure: Chapter-level changes (retitled, renumbered, added, removed containers).
        structure_only: True when the two versions are in different languages and the user
            accepted a step that pairs articles by number only (no redline, no findings).
    """

    index: int
    old: int
    new: int
    comparison: Comparison
    structure: tuple[StructureChange, ...] = ()
    structure_only: bool = False

    @property
    def changed(self) -> bool:
        """Whether anything differs in this step (articles, paragraphs or chapters)."""
        return bool(self.structure) or any(
            a.kind != "unchanged" or any(p.kind != "unchanged" for p in a.paragraphs)
            for a in self.comparison.alignment)


@dataclass(frozen=True)
class LineageEvent:
    """What one step did to one provision.

    Attributes:
        step: Index of the step.
        kind: One of :data:`LINEAGE_KINDS`.
        pair: Index of the alignment entry of the step that holds its text: for a repeal,
            the entry of the repealed text; for a return, the entry of the returning text.
        related: Indexes of the other lineages concerned (the other parts of a split, the
            provisions merged into this one, the one it merged into).
    """

    step: int
    kind: str
    pair: int | None = None
    related: tuple[int, ...] = ()


@dataclass(frozen=True)
class Lineage:
    """One provision (article, amendment, preamble) through every version.

    Every unit of every version belongs to exactly one lineage.

    Attributes:
        index: Position in :attr:`History.lineages`.
        ids: Unit id in each version, or None where the provision does not exist.
        labels: Label as printed in each version (``"preamble"`` for a preamble), or None.
        events: One event per step in which the provision exists on either side.
    """

    index: int
    ids: tuple[str | None, ...]
    labels: tuple[str | None, ...]
    events: tuple[LineageEvent, ...] = ()

    @property
    def first(self) -> int:
        """Index of the first version holding it."""
        return next(i for i, x in enumerate(self.ids) if x is not None)

    @property
    def last(self) -> int:
        """Index of the last version holding it."""
        return max(i for i, x in enumerate(self.ids) if x is not None)

    @property
    def changed(self) -> bool:
        """Whether any step changed it."""
        return any(e.kind in CHANGE_KINDS for e in self.events)

    def event_at(self, step: int) -> LineageEvent | None:
        """Its event in one step, or None if it exists on neither side."""
        return next((e for e in self.events if e.step == step), None)


@dataclass(frozen=True)
class RightEvent:
    """A rights finding of one step, as the timeline of its topic lists it.

    Attributes:
        step: Index of the step.
        finding: Index of the finding in that step's ``comparison.findings``.
    """

    step: int
    finding: int


@dataclass(frozen=True)
class RightTimeline:
    """One rights topic through every version.

    Attributes:
        topic: Constitute Project topic key ("strike", "treatcon").
        title: Human title ("Right to strike").
        carried: Per version, the references of the provisions that carry the right (empty
            when none does), or None when no rule pack covers that version's language.
        events: The findings of every step about this topic, in step order.
    """

    topic: str
    title: str
    carried: tuple[tuple[str, ...] | None, ...]
    events: tuple[RightEvent, ...] = ()


@dataclass(frozen=True)
class History:
    """Many versions of one constitution and everything the steps between them say.

    Attributes:
        versions: The versions, oldest first (in the order given).
        steps: One step per consecutive pair.
        lineages: Every provision's path through the versions.
        rights: Every rights topic found in any version or step.
        warnings: Things the reader should know, each once.
        title: What the history is of (the manifest's ``title``, else the newest
            version's title).
    """

    versions: tuple[Version, ...]
    steps: tuple[Step, ...]
    lineages: tuple[Lineage, ...] = ()
    rights: tuple[RightTimeline, ...] = ()
    warnings: tuple[str, ...] = ()
    title: str = ""

    def finding(self, event: RightEvent) -> Finding:
        """The finding a rights event points at."""
        return self.steps[event.step].comparison.findings[event.finding]

    @property
    def changed(self) -> bool:
        """Whether any step changed anything (the exit status of ``condiff history``)."""
        return any(s.changed for s in self.steps)
