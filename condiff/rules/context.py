"""What every check of a run shares: the alignment's links between old and new provisions, the
prepared documents with their matchers, and how a finding is made.

Checks (:mod:`.checks`) receive a :class:`Context` and a rule and return findings; everything
they need to know about the comparison is here, so a check is a plain function.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..model import FINDING_KIND, SEVERITIES, Comparison, Finding, NumberingIssue, Span
from .blocks import Side
from .index import Block
from .match import Hit, Matcher, TopicProfile, profile
from .packs import Rule


@dataclass
class Links:
    """Which old block/unit went where, from ``comparison.alignment``."""

    block_old_new: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    block_new_old: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unit_old_new: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unit_new_old: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    #: Positions in ``groups`` of the pairs each old / new unit belongs to.
    old_unit_groups: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    new_unit_groups: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def links_from(comparison: Comparison) -> Links:
    links = Links()
    for pair in comparison.alignment:
        for o in dict.fromkeys(pair.old_ids):
            links.old_unit_groups[o].append(len(links.groups))
        for n in dict.fromkeys(pair.new_ids):
            links.new_unit_groups[n].append(len(links.groups))
        links.groups.append((tuple(pair.old_ids), tuple(pair.new_ids)))
        for o in pair.old_ids:
            links.unit_old_new[o].extend(pair.new_ids)
        for n in pair.new_ids:
            links.unit_new_old[n].extend(pair.old_ids)
        for para in pair.paragraphs:
            if para.old_id and para.new_id:
                links.block_old_new[para.old_id].append(para.new_id)
                links.block_new_old[para.new_id].append(para.old_id)
    return links




def lower_severity(severity: str, steps: int = 1) -> str:
    """One (or more) step less severe, never below "info"."""
    idx = SEVERITIES.index(severity) if severity in SEVERITIES else 2
    return SEVERITIES[max(0, idx - steps)]


def refs_of(blocks: Iterable[Block]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for b in blocks:
        seen.setdefault(b.ref, None)
    return tuple(seen)


def spans_of(hits: Iterable[Hit]) -> tuple[Span, ...]:
    out: dict[tuple[str, int, int], Span] = {}
    for h in hits:
        if h.block.heading:
            continue  # a heading is not provision text: the reference says where it is
        s = h.span()
        out.setdefault((s.ref, s.start, s.end), s)
    return tuple(out.values())


def quote(hits: Sequence[Hit], limit: int = 3) -> str:
    words: dict[str, None] = {}
    for h in hits:
        words.setdefault(" ".join(h.block.text[h.start:h.end].split()), None)
    shown = list(words)[:limit]
    return ", ".join(f"'{w}'" for w in shown)


@dataclass
class Context:
    """Everything one comparison run shares: both documents prepared for matching, a matcher
    for each language, the alignment's links, and each rule's profiles once computed."""

    old: Side
    new: Side
    old_m: Matcher
    new_m: Matcher
    links: Links
    comparison: Comparison | None = None
    _profiles: dict[str, tuple[Rule, TopicProfile, TopicProfile]] = field(
        default_factory=dict, repr=False)

    def profiles(self, rule: Rule) -> tuple[TopicProfile, TopicProfile]:
        """Where ``rule``'s topic appears in the old and the new document (computed once per
        rule and run: several checks read them)."""
        entry = self._profiles.get(rule.id)
        if entry is None or entry[0] is not rule:
            entry = (rule, profile(rule, self.old, self.old_m),
                     profile(rule, self.new, self.new_m))
            self._profiles[rule.id] = entry
        return entry[1], entry[2]

    def covers(self, rule: Rule) -> bool:
        """Whether the rule has patterns for both documents' languages."""
        return self.old.language in rule.patterns and self.new.language in rule.patterns

    @cached_property
    def gaps(self) -> tuple[tuple[NumberingIssue, ...], tuple[NumberingIssue, ...]]:
        """Gaps in the old and the new document's article numbering where text is missing
        (not merely merged into another article by the reader)."""
        from .evidence import inline_headings, lost, numbering_gaps

        old, new = numbering_gaps(self.old.doc), numbering_gaps(self.new.doc)
        return (lost(old, inline_headings(self.old)) if old else old,
                lost(new, inline_headings(self.new)) if new else new)


def make_finding(rule: Rule, kind: str, *, old_blocks: Iterable[Block] = (),
                 new_blocks: Iterable[Block] = (), old_hits: Iterable[Hit] = (),
                 new_hits: Iterable[Hit] = (), detail: str = "", title: str = "",
                 confidence: float | None = None, severity: str | None = None,
                 new_refs: Sequence[str] | None = None,
                 reasons: Iterable[str] = ()) -> Finding:
    """A finding with the rule's texts; references come from the blocks (or ``new_refs``).
    Severity and confidence default to the kind's (:data:`~condiff.model.FINDING_KIND_TABLE`).
    """
    spec = FINDING_KIND[kind]
    if severity is None:
        severity = "info" if spec.severity_steps is None else lower_severity(
            rule.severity, spec.severity_steps)
    return Finding(
        topic=rule.id, title=title or rule.title, kind=kind, severity=severity,
        confidence=spec.confidence if confidence is None else confidence,
        old=refs_of(old_blocks),
        new=tuple(new_refs) if new_refs is not None else refs_of(new_blocks),
        old_spans=spans_of(old_hits), new_spans=spans_of(new_hits),
        category=rule.category, annotation=rule.annotation, references=rule.references,
        detail=detail, reasons=tuple(dict.fromkeys(reasons)),
    )


def counterpart_refs(ctx: Context, old_block: Block) -> list[str]:
    """Where the alignment sent an old block: the new paragraphs paired with it, else the new
    articles paired with its article."""
    ids = ctx.links.block_old_new.get(old_block.id) or []
    found = [ctx.new.by_id[i].ref for i in ids if i in ctx.new.by_id]
    if found:
        return found
    return [ctx.new.unit_refs[u] for u in ctx.links.unit_old_new.get(old_block.unit, [])
            if u in ctx.new.unit_refs]


def old_counterparts(ctx: Context, new_block: Block) -> list[Block]:
    ids = ctx.links.block_new_old.get(new_block.id) or []
    return [ctx.old.by_id[i] for i in ids if i in ctx.old.by_id]



class UnitBlocks:
    """Blocks grouped by the unit they belong to, for looking up the blocks of a few units
    among many."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self._by_unit: dict[str, list[tuple[int, Block]]] = defaultdict(list)
        for position, block in enumerate(blocks):
            self._by_unit[block.unit].append((position, block))

    def of(self, units: Iterable[str]) -> list[Block]:
        """The blocks of ``units``, in the order they were given (``[b for b in blocks if
        b.unit in units]``, without reading every block)."""
        found = [x for u in dict.fromkeys(units) for x in self._by_unit.get(u, ())]
        found.sort(key=lambda x: x[0])
        return [b for _, b in found]


def groups(ctx: Context, old: TopicProfile, new: TopicProfile
            ) -> list[tuple[list[Block], list[Block]]]:
    """Old and new carrier blocks grouped by article pair (one group without alignment)."""
    old_blocks = [b for b in map(ctx.old.by_id.__getitem__, old.carriers) if b.counted]
    new_blocks = [b for b in map(ctx.new.by_id.__getitem__, new.carriers) if b.counted]
    if not ctx.links.groups:
        return [(old_blocks, new_blocks)] if old_blocks or new_blocks else []
    out: list[tuple[list[Block], list[Block]]] = []
    old_only: list[Block] = []
    new_only: list[Block] = []
    # Looked up by unit: filtering every carrier for every article pair is quadratic when a
    # topic is carried by thousands of articles.
    old_units, new_units = UnitBlocks(old_blocks), UnitBlocks(new_blocks)
    # Only the pairs holding a carrier: the others add nothing to any group.
    touched = {g for b in old_blocks for g in ctx.links.old_unit_groups.get(b.unit, ())}
    touched.update(g for b in new_blocks for g in ctx.links.new_unit_groups.get(b.unit, ()))
    for old_ids, new_ids in (ctx.links.groups[g] for g in sorted(touched)):
        o = old_units.of(old_ids)
        n = new_units.of(new_ids)
        if o and n:
            out.append((o, n))
        else:
            old_only.extend(o)
            new_only.extend(n)
    # The right sat in an old article the aligner found no partner for, and appears in a new
    # article it found no partner for: for this topic, those are each other's counterparts.
    if old_only or new_only:
        out.append((old_only, new_only) if old_only and new_only else (old_only, []))
        if new_only and not old_only:
            out.append(([], new_only))
    return out


