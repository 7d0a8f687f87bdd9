"""One provision through every version: "changes over time for this provision".

``condiff history … --provision 24`` and the timeline of the review UI ask the same question:
where is this provision in each version, and what did each step do to it? The answer follows
the provision's :class:`~condiff.history.model.Lineage` and, for a paragraph (``24.3``), the
paragraph pairs of each step, forwards and backwards from the version it was found in, so the
paragraph is followed even when the article around it was renumbered.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import CondiffError
from ..model import Document, ParagraphPair, Provision
from .lineage import RETURN_MIN, RETURN_MIN_SAME_LABEL, dice, word_pairs
from .model import History, Lineage, LineageEvent


@dataclass(frozen=True)
class ProvisionStep:
    """What one step did to the provision.

    Attributes:
        step: Index of the step.
        event: The lineage's event in that step (None when it exists on neither side).
        paragraphs: The paragraph pairs of the step that hold the provision, with their
            redlines (empty when it exists on neither side, or across a gap).
    """

    step: int
    event: LineageEvent | None
    paragraphs: tuple[ParagraphPair, ...] = ()


@dataclass(frozen=True)
class ProvisionHistory:
    """A provision in every version and what each step did to it.

    Attributes:
        asked: The reference as the user typed it.
        version: Index of the version it was found in.
        lineage: The lineage of the article holding it.
        refs: Per version, the references the provision has there (empty where absent).
        steps: One entry per step.
        paragraph: True when a paragraph (not a whole article) is followed.
    """

    asked: str
    version: int
    lineage: Lineage
    refs: tuple[tuple[str, ...], ...]
    steps: tuple[ProvisionStep, ...]
    paragraph: bool = False

    def step_kind(self, ps: ProvisionStep) -> str:
        """What a step did: the lineage's event for an article; for a paragraph, what its
        paragraph pairs say ("modified", "removed", "unchanged"), "absent" when the step has
        none of them."""
        if not self.paragraph:
            return ps.event.kind if ps.event is not None else "absent"
        kinds = {pp.kind for pp in ps.paragraphs}
        if not kinds:
            return "absent"
        changed = sorted(kinds - {"unchanged"})
        return ", ".join(changed) if changed else "unchanged"

    def texts(self, history: History) -> tuple[str | None, ...]:
        """The provision's text in each version (None where absent)."""
        out: list[str | None] = []
        for v, refs in enumerate(self.refs):
            doc = history.versions[v].document
            if not refs:
                out.append(None)
                continue
            if not self.paragraph:
                uid = self.lineage.ids[v]
                unit = doc.by_id(uid) if uid else None
                out.append(unit.full_text("\n") if unit is not None else None)
                continue
            parts = [n.text for r in refs if (n := doc.find(r)) is not None and n.text]
            out.append("\n".join(parts))
        return tuple(out)


def _unit_of(doc: Document, node: Provision) -> Provision | None:
    for unit in doc.units():
        if unit.id == node.id:
            return unit
        if any(n.id == node.id for n in unit.walk()):
            return unit
    return None


def _split_version(history: History, text: str) -> tuple[int | None, str]:
    """``1992:13.2`` → (index of version "1992", "13.2"); a prefix that names no version is
    part of the reference."""
    head, sep, rest = text.rpartition(":")
    if sep:
        wanted = head.strip().casefold()
        for v in history.versions:
            if v.label.casefold() == wanted:
                return v.index, rest.strip()
    return None, text.strip()


def find_provision(history: History, text: str) -> ProvisionHistory:
    """Resolve ``24``, ``24.3``, ``Art. 24(3)`` or ``LABEL:24`` (a version label first) to
    that provision's history. Without a label, the newest version holding the reference wins.

    Raises:
        CondiffError: when no version has that provision.
    """
    version, ref = _split_version(history, text)
    order = [version] if version is not None else list(range(len(history.versions)))[::-1]
    for v in order:
        doc = history.versions[v].document
        node = doc.find(ref)
        if node is None:
            node = next((u for u in doc.units() if u.label.casefold() == ref.casefold()),
                        None)
        if node is None:
            continue
        unit = node if node.is_unit else _unit_of(doc, node)
        if unit is None:
            continue
        lineage = next(lin for lin in history.lineages if lin.ids[v] == unit.id)
        return _follow(history, text, v, lineage, None if node.is_unit else node)
    where = f"version {history.versions[version].label!r}" if version is not None else \
        "any version"
    raise CondiffError(f"no provision {ref!r} in {where}",
                       hint="Give an article number as printed (24, 24.3, 83-1); prefix a "
                       "version label to choose the version (1992:24)")


def lineage_history(history: History, lineage: Lineage) -> ProvisionHistory:
    """A whole provision (one lineage) in every version and what each step did to it."""
    v = lineage.last
    return _follow(history, lineage.labels[v] or "", v, lineage, None)


def _unit_blocks(history: History, lineage: Lineage, v: int) -> set[str]:
    uid = lineage.ids[v]
    if uid is None:
        return set()
    unit = history.versions[v].document.by_id(uid)
    return {n.id for n in unit.walk()} if unit is not None else set()


def _follow(history: History, asked: str, v0: int, lineage: Lineage,
            node: Provision | None) -> ProvisionHistory:
    n = len(history.versions)
    if node is None:
        steps: list[ProvisionStep] = []
        for step in history.steps:
            event = lineage.event_at(step.index)
            paragraphs: tuple[ParagraphPair, ...] = ()
            if event is not None and event.pair is not None:
                pair = step.comparison.alignment[event.pair]
                mine_old = _unit_blocks(history, lineage, step.old)
                mine_new = _unit_blocks(history, lineage, step.new)
                paragraphs = tuple(pp for pp in pair.paragraphs
                                   if (pp.old_id in mine_old) or (pp.new_id in mine_new))
            steps.append(ProvisionStep(step.index, event, paragraphs))
        labels = tuple(((label,) if label is not None else ()) for label in lineage.labels)
        return ProvisionHistory(asked, v0, lineage, labels, tuple(steps))
    tracked: list[set[str]] = [set() for _ in range(n)]
    tracked[v0] = {x.id for x in node.walk()}
    unit = history.versions[v0].document.by_id(lineage.ids[v0] or "")
    relative = node.ref[len(unit.ref):] if unit is not None and node.ref.startswith(
        unit.ref) else ""
    last = node.full_text(" ")
    shown: dict[int, list[ParagraphPair]] = {}
    for k in range(v0, n - 1):  # forwards
        pairs = [pp for a in history.steps[k].comparison.alignment for pp in a.paragraphs
                 if pp.old_id in tracked[k]]
        after = _with_children(history.versions[k + 1].document,
                               {pp.new_id for pp in pairs if pp.new_id})
        if not after and last:
            after = _recover(history, lineage, k + 1, last, relative)
            pairs += [pp for a in history.steps[k].comparison.alignment for pp in a.paragraphs
                      if pp.new_id in after and pp not in pairs]
        tracked[k + 1] = after
        last = _text_of(history, k + 1, after) or last
        shown[k] = pairs
    last = node.full_text(" ")
    for k in range(v0 - 1, -1, -1):  # backwards
        pairs = [pp for a in history.steps[k].comparison.alignment for pp in a.paragraphs
                 if pp.new_id in tracked[k + 1]]
        before = _with_children(history.versions[k].document,
                                {pp.old_id for pp in pairs if pp.old_id})
        if not before and last:
            before = _recover(history, lineage, k, last, relative)
            pairs = [pp for a in history.steps[k].comparison.alignment for pp in a.paragraphs
                     if pp.old_id in before and pp not in pairs] + pairs
        tracked[k] = before
        last = _text_of(history, k, before) or last
        shown[k] = pairs
    refs: list[tuple[str, ...]] = []
    for v in range(n):
        doc = history.versions[v].document
        ordered = [p for p in doc.walk() if p.id in tracked[v] and p.text]
        refs.append(tuple(dict.fromkeys(p.ref or p.id for p in ordered)))
    steps = [ProvisionStep(s.index, lineage.event_at(s.index), tuple(shown.get(s.index, ())))
             for s in history.steps]
    return ProvisionHistory(asked, v0, lineage, tuple(refs), tuple(steps), paragraph=True)


def _text_of(history: History, version: int, ids: set[str]) -> str:
    doc = history.versions[version].document
    return " ".join(p.text for p in doc.walk() if p.id in ids and p.text)


def _recover(history: History, lineage: Lineage, version: int, text: str,
             relative: str) -> set[str]:
    """The paragraph of the article's own lineage, in ``version``, that is the followed one
    come back after an absence (paragraph pairs only link consecutive versions): the one
    closest in wording, above the thresholds lineages use for returning articles."""
    uid = lineage.ids[version]
    doc = history.versions[version].document
    unit = doc.by_id(uid) if uid else None
    if unit is None:
        return set()
    wanted = word_pairs(text)
    best: tuple[float, Provision] | None = None
    for block in unit.blocks():
        if block is unit:
            continue
        same = bool(relative) and block.ref == unit.ref + relative
        score = dice(wanted, word_pairs(block.text))
        if score >= (RETURN_MIN_SAME_LABEL if same else RETURN_MIN) and (
                best is None or score > best[0]):
            best = (score, block)
    return {x.id for x in best[1].walk()} if best is not None else set()


def _with_children(doc: Document, ids: set[str]) -> set[str]:
    out: set[str] = set()
    for i in ids:
        node = doc.by_id(i)
        if node is not None:
            out.update(x.id for x in node.walk())
    return out
