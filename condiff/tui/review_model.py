"""What the review UI shows, computed once from a :class:`~condiff.model.Comparison`.

The widgets only draw; everything they need to know (which chapter an article pair sits under,
which findings belong to it, which words carry a right, where a search or a "go to 24" lands)
is answered here, without importing Textual. That keeps the answers testable in plain pytest
and lets every key press be a dictionary lookup instead of a walk over two constitutions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..model import (
    CUT_KINDS,
    ArticlePair,
    Comparison,
    Document,
    Finding,
    Note,
    ParagraphPair,
    Provision,
    normalize_ref,
)
from ..model import LOSS_KINDS as MODEL_LOSS_KINDS
from ..render.chapters import group_labels

#: One glyph per alignment kind, shown in the navigator (and explained in the help screen).
KIND_GLYPHS: dict[str, str] = {
    "unchanged": "·",
    "modified": "~",
    "renumbered": "#",
    "moved": "↕",
    "split": "<",
    "merged": ">",
    "added": "+",
    "removed": "-",
}
#: Alignment kinds in the order the summary and help list them.
ALIGN_ORDER: tuple[str, ...] = tuple(KIND_GLYPHS)
#: Marker shown after an article that carries a rights finding.
RIGHTS_MARK = "⚑"
#: Navigator filters, in the order `f` cycles through them.
FILTERS: tuple[str, ...] = ("all", "changed", "rights")
#: Finding kinds that take something away (they get the loudest style), and kinds that reduce
#: a right without removing it: both from the model's one table of finding kinds.
LOSS_KINDS = MODEL_LOSS_KINDS
WEAKEN_KINDS = CUT_KINDS

_SIDES = ("old", "new")


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of one block's own text, from a finding's evidence.

    Attributes:
        start: First character (offset in the block's own text).
        end: Offset after the last character.
        finding: Index of the finding in ``Comparison.findings``.
    """

    start: int
    end: int
    finding: int


@dataclass(frozen=True)
class Entry:
    """One article pair as the navigator lists it.

    Attributes:
        index: Position of the pair in ``Comparison.alignment``.
        group: Heading of the chapter it is listed under ("" when outside any chapter).
        label: ``old → new`` labels ("24 → 27", "— → 6", "7 → 8+9").
        findings: Indices of the findings that concern this pair.
    """

    index: int
    group: str
    label: str
    findings: tuple[int, ...] = ()


@dataclass
class _Side:
    """Lookups for one document of the comparison."""

    doc: Document
    unit_pos: dict[str, int] = field(default_factory=dict)
    unit_chain: dict[str, tuple[Provision, ...]] = field(default_factory=dict)
    node_unit: dict[str, str] = field(default_factory=dict)
    node_by_id: dict[str, Provision] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document) -> _Side:
        side = cls(doc)
        for pos, (unit, chain) in enumerate(doc.units_with_context()):
            side.unit_pos[unit.id] = pos
            side.unit_chain[unit.id] = chain
            for node in unit.walk():
                side.node_unit[node.id] = unit.id
                side.node_by_id[node.id] = node
        return side

    def resolve(self, ref: str) -> Provision | None:
        """The provision a finding, span or note reference names."""
        return self.doc.find(ref)

    def unit_of(self, ref: str) -> str | None:
        node = self.resolve(ref)
        if node is None:
            return None
        return self.node_unit.get(node.id)


def pair_label(pair: ArticlePair) -> str:
    """``old → new`` labels of a pair, with a dash for a missing side; an unlabelled unit
    (a preamble) reads "preamble"."""
    def side(labels: tuple[str, ...], ids: tuple[str, ...]) -> str:
        names = [label or (uid.split("_")[0] if uid else "?") for label, uid in
                 zip(labels, ids + ("",) * len(labels), strict=False)]
        return "+".join(names) or "—"

    old, new = side(pair.old, pair.old_ids), side(pair.new, pair.new_ids)
    if old == new and pair.old:
        return old
    return f"{old} → {new}"


def note_side_ref(note_ref: str) -> tuple[str, str]:
    """Split ``old:24.3`` into ``("old", "24.3")``; a missing prefix means the new side."""
    side, sep, ref = note_ref.partition(":")
    if sep and side.strip().casefold() in _SIDES:
        return side.strip().casefold(), ref.strip()
    return "new", note_ref.strip()


class ReviewModel:
    """Answers the review UI's questions about one comparison.

    Args:
        comparison: The result of ``condiff.compare``.
    """

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.sides = {"old": _Side.build(comparison.old), "new": _Side.build(comparison.new)}
        alignment = comparison.alignment
        self._unit_pair: dict[str, dict[str, int]] = {"old": {}, "new": {}}
        for i, pair in enumerate(alignment):
            # A unit's own entry, not one that only holds a paragraph of it that moved.
            for uid in pair.old_ids:
                if uid not in pair.secondary_old_ids:
                    self._unit_pair["old"][uid] = i
            for uid in pair.new_ids:
                if uid not in pair.secondary_new_ids:
                    self._unit_pair["new"][uid] = i
        #: (side, block id) → the pair whose rows show that block: where a paragraph that
        #: moved to another article is drawn, which is not always its article's own entry.
        self._block_pair: dict[tuple[str, str], int] = {}
        for i, pair in enumerate(alignment):
            for pp in pair.paragraphs:
                if pp.old_id:
                    self._block_pair.setdefault(("old", pp.old_id), i)
                if pp.new_id:
                    self._block_pair.setdefault(("new", pp.new_id), i)
        self.finding_pair: list[int | None] = [
            self._pair_of_finding(f) for f in comparison.findings
        ]
        by_pair: dict[int, list[int]] = {}
        for fi, finding in enumerate(comparison.findings):
            for pi in self._pairs_of_finding(finding, self.finding_pair[fi]):
                by_pair.setdefault(pi, []).append(fi)
        #: Pair → the findings whose references or evidence lie in it: ⚑ marks every article
        #: the evidence cites (new 7(2) as well as old 5(5)), not only the one `r` goes to.
        self.findings_by_pair = {k: tuple(v) for k, v in by_pair.items()}
        self.marks = self._build_marks()
        self.entries = self._build_entries()
        self._entry_pos = {e.index: n for n, e in enumerate(self.entries)}
        self._haystacks: dict[int, str] = {}

    # -- findings ---------------------------------------------------------------------------

    def _pair_of_finding(self, finding: Finding) -> int | None:
        """The pair a finding is shown with: the one drawing its first old reference, else its
        first new one, else its evidence (the article's own entry when the block is not drawn
        on its own)."""
        candidates = [("old", r) for r in finding.old] + [("new", r) for r in finding.new]
        candidates += [("old", s.ref) for s in finding.old_spans]
        candidates += [("new", s.ref) for s in finding.new_spans]
        for side, ref in candidates:
            pair = self.pair_of_block(side, ref)
            if pair is not None:
                return pair
        for side, ref in candidates:
            pair = self.pair_of_ref(side, ref)
            if pair is not None:
                return pair
        return None

    def _pairs_of_finding(self, finding: Finding, first: int | None) -> list[int]:
        """Every pair holding one of the finding's references or evidence spans, the pair it
        is shown with first."""
        found = [first] if first is not None else []
        for side, refs in (("old", [*finding.old, *(s.ref for s in finding.old_spans)]),
                           ("new", [*finding.new, *(s.ref for s in finding.new_spans)])):
            for ref in refs:
                for pair in (self.pair_of_block(side, ref), self.pair_of_ref(side, ref)):
                    if pair is not None and pair not in found:
                        found.append(pair)
        return found

    def pair_of_block(self, side: str, ref: str) -> int | None:
        """Index of the pair whose rows draw the block ``ref`` of ``side``, if one does."""
        node = self.sides[side].resolve(ref)
        return self._block_pair.get((side, node.id)) if node is not None else None

    def pair_of_ref(self, side: str, ref: str) -> int | None:
        """Index of the pair holding the provision ``ref`` of ``side`` ("old"/"new")."""
        unit = self.sides[side].unit_of(ref)
        if unit is None:
            return None
        return self._unit_pair[side].get(unit)

    def _build_marks(self) -> dict[tuple[str, str], tuple[Mark, ...]]:
        """Evidence spans keyed by (side, block id)."""
        marks: dict[tuple[str, str], list[Mark]] = {}
        for fi, finding in enumerate(self.comparison.findings):
            for side, spans in (("old", finding.old_spans), ("new", finding.new_spans)):
                for span in spans:
                    node = self.sides[side].resolve(span.ref)
                    if node is None or span.end <= span.start:
                        continue
                    marks.setdefault((side, node.id), []).append(Mark(span.start, span.end, fi))
        return {k: tuple(sorted(v, key=lambda m: (m.start, m.end))) for k, v in marks.items()}

    def marks_for(self, side: str, block_id: str | None) -> tuple[Mark, ...]:
        """Highlighted stretches of one block."""
        if block_id is None:
            return ()
        return self.marks.get((side, block_id), ())

    def badge_block(self, finding_index: int,
                    pair_index: int | None = None) -> tuple[str, str] | None:
        """(side, block id) where a finding's badge goes: its first evidence, else its first
        reference; with ``pair_index``, the first of those inside that pair (a finding shows
        its badge in every article its evidence cites)."""
        finding = self.comparison.findings[finding_index]
        for side, refs in (
            ("old", [s.ref for s in finding.old_spans] + list(finding.old)),
            ("new", [s.ref for s in finding.new_spans] + list(finding.new)),
        ):
            for ref in refs:
                node = self.sides[side].resolve(ref)
                if node is None:
                    continue
                if pair_index is None:
                    return side, node.id
                drawn = self._block_pair.get((side, node.id))
                if drawn == pair_index:
                    return side, node.id
                if drawn is None and self.pair_of_ref(side, ref) == pair_index:
                    # A whole article or a block not drawn on its own: the pair's first row
                    # inside it carries the badge.
                    return side, self._first_row_in(pair_index, side, node.id) or node.id
        return None

    def _first_row_in(self, pair_index: int, side: str, node_id: str) -> str | None:
        for pp in self.comparison.alignment[pair_index].paragraphs:
            row = pp.old_id if side == "old" else pp.new_id
            if row and (row == node_id or row.startswith(node_id + "__")):
                return row
        return None

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """(pairs by alignment kind, findings by finding kind)."""
        kinds = Counter(p.kind for p in self.comparison.alignment)
        found = Counter(f.kind for f in self.comparison.findings)
        return kinds, found

    # -- navigator --------------------------------------------------------------------------

    def _build_entries(self) -> list[Entry]:
        """Pairs in reading order of the new version; removed ones after their old neighbour.

        A removed article is listed under the chapter its old neighbours went to when that is
        where it lands, otherwise under its own old chapter (marked "old"); chapter labels are
        distinct (see :mod:`condiff.render.chapters`).
        """
        alignment = self.comparison.alignment
        old_pos, new_pos = self.sides["old"].unit_pos, self.sides["new"].unit_pos
        keys: dict[int, tuple[float, int, float]] = {}
        for i, pair in enumerate(alignment):
            if pair.new_ids:
                # Placed by its own units: a secondary successor elsewhere does not move it.
                own = [u for u in pair.new_ids if u not in pair.secondary_new_ids]
                n = min(new_pos.get(u, 10**9) for u in own or pair.new_ids)
                o = min((old_pos.get(u, 10**9) for u in pair.old_ids), default=-1)
                keys[i] = (n, 0, o)
        # Removed pairs follow the pair holding their nearest preceding old unit.
        old_units = sorted(old_pos, key=old_pos.__getitem__)
        pair_of_old = self._unit_pair["old"]
        for i, pair in enumerate(alignment):
            if pair.new_ids:
                continue
            o = min((old_pos.get(u, 10**9) for u in pair.old_ids), default=10**9)
            anchor: float = -1
            for uid in reversed(old_units[: o if o < 10**9 else 0]):
                prev = pair_of_old.get(uid)
                if prev is not None and prev in keys and alignment[prev].new_ids:
                    anchor = keys[prev][0]
                    break
            keys[i] = (anchor, 1, o)
        order = sorted(keys, key=lambda i: (keys[i], i))
        groups = group_labels(self.comparison, order)
        return [Entry(i, group, pair_label(alignment[i]), self.findings_by_pair.get(i, ()))
                for i, group in zip(order, groups, strict=True)]

    def visible_entries(self, filter_name: str) -> list[Entry]:
        """Entries the navigator lists under a filter ("all", "changed", "rights")."""
        if filter_name == "changed":
            alignment = self.comparison.alignment
            return [e for e in self.entries if alignment[e.index].kind != "unchanged"]
        if filter_name == "rights":
            return [e for e in self.entries if e.findings]
        return list(self.entries)

    def entry_of(self, pair_index: int) -> Entry:
        """The navigator entry of a pair."""
        return self.entries[self._entry_pos[pair_index]]

    def step(self, current: int, direction: int, *, changed_only: bool = False,
             entries: Iterable[Entry] | None = None) -> int | None:
        """Next (direction 1) or previous (-1) pair in navigator order, optionally changed."""
        listed = list(self.entries if entries is None else entries)
        positions = [e.index for e in listed]
        if not positions:
            return None
        start = self._entry_pos.get(current, -1)
        ordered = sorted(positions, key=self._entry_pos.__getitem__)
        if direction > 0:
            candidates = [p for p in ordered if self._entry_pos[p] > start]
        else:
            candidates = [p for p in reversed(ordered) if self._entry_pos[p] < start]
        for p in candidates:
            if not changed_only or self.comparison.alignment[p].kind != "unchanged":
                return p
        return None

    # -- search and go-to --------------------------------------------------------------------

    def haystack(self, pair_index: int) -> str:
        """Old and new text of a pair, case-folded, for search."""
        cached = self._haystacks.get(pair_index)
        if cached is not None:
            return cached
        pair = self.comparison.alignment[pair_index]
        parts: list[str] = []
        for side, ids in (("old", pair.old_ids), ("new", pair.new_ids)):
            for uid in ids:
                node = self.sides[side].node_by_id.get(uid)
                if node is not None:
                    parts.append(node.heading)
                    parts.append(node.full_text(" "))
        if not parts:
            for pp in pair.paragraphs:
                parts.extend(text for _, text in pp.ops)
        text = "\n".join(parts).casefold()
        self._haystacks[pair_index] = text
        return text

    def search(self, query: str, current: int, direction: int = 1) -> int | None:
        """Next pair (after ``current``, wrapping) whose old or new text holds ``query``."""
        needle = query.casefold().strip()
        if not needle or not self.entries:
            return None
        start = self._entry_pos.get(current, -1)
        count = len(self.entries)
        for step in range(1, count + 1):
            entry = self.entries[(start + direction * step) % count]
            if needle in self.haystack(entry.index):
                return entry.index
        return None

    def goto(self, text: str) -> tuple[int, str] | None:
        """Resolve what the user typed after `g`: ``27``, ``27.3``, ``old:24``, ``new 27``.

        Without a side, the new numbering wins (it is the text in force); the old one is tried
        next. Returns (pair index, side it matched on) or None.
        """
        raw = text.strip()
        sides: tuple[str, ...] = ("new", "old")
        lowered = raw.casefold()
        for side in _SIDES:
            for sep in (":", " "):
                if lowered.startswith(side + sep):
                    sides = (side,)
                    raw = raw[len(side) + 1:].strip()
        if not raw:
            return None
        norm = normalize_ref(raw)
        for side in sides:
            pair = self.pair_of_ref(side, raw)
            if pair is not None:
                return pair, side
            # A bare article label ("16a") that finalize() left without a ref.
            for i, p in enumerate(self.comparison.alignment):
                labels = p.old if side == "old" else p.new
                if any(normalize_ref(label) == norm for label in labels):
                    return i, side
        return None

    # -- notes -------------------------------------------------------------------------------

    def notes_for(self, pair_index: int, notes: Iterable[Note]) -> list[Note]:
        """Notes whose reference falls inside this pair (either side)."""
        found: list[Note] = []
        for note in notes:
            side, ref = note_side_ref(note.ref)
            if self.pair_of_ref(side, ref) == pair_index:
                found.append(note)
        return found

    def note_indices_for(self, pair_index: int, notes: Sequence[Note]) -> list[int]:
        """Positions in ``notes`` of the notes that fall inside this pair."""
        return [i for i, note in enumerate(notes)
                if self.pair_of_ref(*note_side_ref(note.ref)) == pair_index]

    def unattached_notes(self, notes: Iterable[Note]) -> list[Note]:
        """Notes whose reference names no provision of either version (the text was re-parsed
        or renumbered since): kept and shown, never dropped."""
        return [n for n in notes if self.pair_of_ref(*note_side_ref(n.ref)) is None]

    def default_note_ref(self, pair_index: int, finding_index: int | None = None) -> str:
        """The reference a new note on this pair gets: the selected finding's evidence, else
        the new article, else the old one."""
        if finding_index is not None and self.finding_pair[finding_index] == pair_index:
            finding = self.comparison.findings[finding_index]
            if finding.old:
                return f"old:{finding.old[0]}"
            if finding.new:
                return f"new:{finding.new[0]}"
        pair = self.comparison.alignment[pair_index]
        for side, ids in (("new", pair.new_ids), ("old", pair.old_ids)):
            for uid in ids:
                node = self.sides[side].node_by_id.get(uid)
                if node is not None and node.ref:
                    return f"{side}:{node.ref}"
        labels = pair.new or pair.old
        return f"{'new' if pair.new else 'old'}:{labels[0] if labels else ''}"

    # -- rows of the diff view ---------------------------------------------------------------

    def block_text(self, side: str, block_id: str | None) -> str:
        """Own text of a block, or "" when unknown."""
        if block_id is None:
            return ""
        node = self.sides[side].node_by_id.get(block_id)
        return node.text if node is not None else ""

    def rows(self, pair_index: int) -> tuple[ParagraphPair, ...]:
        """The aligned blocks of a pair, each with a redline.

        The aligner normally fills ``ArticlePair.paragraphs``; when it left them (or a block's
        ops) empty, they are rebuilt from the documents so the reviewer still sees the text.
        """
        pair = self.comparison.alignment[pair_index]
        rows: list[ParagraphPair] = []
        for pp in pair.paragraphs:
            if pp.ops:
                rows.append(pp)
                continue
            old, new = self.block_text("old", pp.old_id), self.block_text("new", pp.new_id)
            ops: tuple[tuple[str, str], ...]
            if old == new:
                ops = (("=", old),)
            else:
                ops = tuple(op for op in (("-", old), ("+", new)) if op[1])
            rows.append(replace(pp, ops=ops))
        if rows:
            return tuple(rows)
        sides = {
            side: [b for uid in ids for b in self._blocks(side, uid)]
            for side, ids in (("old", pair.old_ids), ("new", pair.new_ids))
        }
        olds, news = sides["old"], sides["new"]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            if o is not None and n is not None and o.text == n.text:
                rows.append(ParagraphPair(o.ref, n.ref, o.id, n.id, "unchanged", (("=", o.text),)))
                continue
            ops = tuple(op for op in (("-", o.text if o else ""), ("+", n.text if n else ""))
                        if op[1])
            kind = "modified" if o and n else ("removed" if o else "added")
            rows.append(ParagraphPair(o.ref if o else None, n.ref if n else None,
                                      o.id if o else None, n.id if n else None, kind, ops))
        return tuple(rows)

    def _blocks(self, side: str, unit_id: str) -> tuple[Provision, ...]:
        node = self.sides[side].node_by_id.get(unit_id)
        return node.blocks() if node is not None else ()

    def unit(self, side: str, unit_id: str) -> Provision | None:
        """A unit (article) of one side by id."""
        return self.sides[side].node_by_id.get(unit_id)
