"""Splits and merges: one old unit continued by several new ones, or the reverse.

After 1:1 pairing, a split shows up as a leftover new unit whose text lies largely inside an
old unit (containment :data:`PART_MIN`) that is already paired, *and* inside the part of that
old unit its current partner does not explain (:data:`NOVEL_MIN`). Dice similarity cannot see
this (a half of a text is only 0.67 similar to the whole), containment can; the novelty test
keeps out a deleted article made of the same boilerplate, which adds nothing the partner does
not already explain. Merges are the mirror image. Groups grow by the same test, and a leftover
right next to a group member in its own document joins on weaker evidence
(:data:`NEIGHBOUR_MIN`, :data:`NEIGHBOUR_NOVEL_MIN`): neighbouring articles are what gets
merged or carved out. A leftover
that lies inside an *unpaired* unit is paired with it 1:1 (an article that lost or gained
most of its text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .assign import State
from .normalize import Features

#: Least share of the leftover's text found inside the unit it would join.
PART_MIN = 0.5
#: Least share of the leftover found in what the unit's current partners leave unexplained.
NOVEL_MIN = 0.25
#: The same for a leftover right next to a group member.
NEIGHBOUR_NOVEL_MIN = 0.15
#: Least content similarity for a leftover paired 1:1 through containment.
LONE_MIN = 0.25
#: Least share inside the group's unit for a leftover whose neighbour is already in the group.
NEIGHBOUR_MIN = 0.3


@dataclass
class Group:
    """A split/merge group: old positions against new positions."""

    old: set[int] = field(default_factory=set)
    new: set[int] = field(default_factory=set)


def _union(feats: list[Features]) -> Features:
    out = feats[0]
    for f in feats[1:]:
        out = out | f
    return out


class GroupFinder:
    """Finds splits and merges among leftovers; may run several times as pairing proceeds."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.groups: list[Group] = []
        self.of_old: dict[int, Group] = {}
        self.of_new: dict[int, Group] = {}

    def _novel_in_old(self, o: int, news: set[int], n: int) -> float:
        """Share of new ``n`` inside the part of old ``o`` that ``news`` leave unexplained."""
        st = self.state
        rest = st.old[o].feats - _union([st.new[k].feats for k in sorted(news)])
        return st.scorer.similarity(rest, st.new[n].feats).in_a

    def _novel_in_new(self, n: int, olds: set[int], o: int) -> float:
        """Share of old ``o`` inside the part of new ``n`` that ``olds`` leave unexplained."""
        st = self.state
        rest = st.new[n].feats - _union([st.old[k].feats for k in sorted(olds)])
        return st.scorer.similarity(st.old[o].feats, rest).in_b

    def _join_new(self, g: Group, n: int) -> None:
        g.new.add(n)
        self.of_new[n] = g
        self.state.grouped_new.add(n)

    def _join_old(self, g: Group, o: int) -> None:
        g.old.add(o)
        self.of_old[o] = g
        self.state.grouped_old.add(o)

    def _try_split(self, o: int, n: int, novel: float = NOVEL_MIN) -> bool:
        """Let leftover new unit ``n`` continue old unit ``o`` alongside its partners."""
        st = self.state
        g = self.of_old.get(o)
        if g is not None:
            if len(g.old) == 1 and self._novel_in_old(o, g.new, n) >= novel:
                self._join_new(g, n)
                return True
            return False
        if o in st.fwd:
            other = st.fwd[o]
            if self._novel_in_old(o, {other}, n) >= novel:
                st.unpair(o)
                g = Group()
                self.groups.append(g)
                self._join_old(g, o)
                self._join_new(g, other)
                self._join_new(g, n)
                return True
        return False

    def _try_merge(self, o: int, n: int, novel: float = NOVEL_MIN) -> bool:
        """Let leftover old unit ``o`` be continued by new unit ``n`` with its partners."""
        st = self.state
        g = self.of_new.get(n)
        if g is not None:
            if len(g.new) == 1 and self._novel_in_new(n, g.old, o) >= novel:
                self._join_old(g, o)
                return True
            return False
        if n in st.back:
            other = st.back[n]
            if self._novel_in_new(n, {other}, o) >= novel:
                st.unpair(other)
                g = Group()
                self.groups.append(g)
                self._join_new(g, n)
                self._join_old(g, other)
                self._join_old(g, o)
                return True
        return False

    def merge_into(self, o: int, n: int) -> int:
        """Let free old unit ``o`` join new unit ``n`` (paired already) as a merge.

        For evidence found elsewhere (:mod:`.calibrate`); a group that already has several new
        units takes no more old ones (many-to-many needs evidence on both sides). Returns 1 if
        ``o`` joined, else 0.
        """
        st = self.state
        g = self.of_new.get(n)
        if g is not None:
            if len(g.new) != 1:
                return 0
            self._join_old(g, o)
            return 1
        if n not in st.back:
            return 0
        other = st.back[n]
        st.unpair(other)
        g = Group()
        self.groups.append(g)
        self._join_new(g, n)
        self._join_old(g, other)
        self._join_old(g, o)
        return 1

    def split_from(self, o: int, n: int) -> int:
        """Let free new unit ``n`` continue old unit ``o`` (paired already) as a split.

        The mirror image of :meth:`merge_into`. Returns 1 if ``n`` joined, else 0.
        """
        st = self.state
        g = self.of_old.get(o)
        if g is not None:
            if len(g.old) != 1:
                return 0
            self._join_new(g, n)
            return 1
        if o not in st.fwd:
            return 0
        other = st.fwd[o]
        st.unpair(o)
        g = Group()
        self.groups.append(g)
        self._join_old(g, o)
        self._join_new(g, other)
        self._join_new(g, n)
        return 1

    def run(self) -> None:
        """One round: splits, merges, lone containment pairs, then group neighbours."""
        st = self.state
        by_new: dict[int, list[int]] = {}
        by_old: dict[int, list[int]] = {}
        for o, n in sorted(st.sims):
            by_new.setdefault(n, []).append(o)
            by_old.setdefault(o, []).append(n)
        for n in range(len(st.new)):
            if not st.free_new(n):
                continue
            olds = sorted(by_new.get(n, []), key=lambda o: (-st.sims[(o, n)].in_a, o))
            for o in olds:
                s = st.sims[(o, n)]
                if s.in_a < PART_MIN:
                    break
                if self._try_split(o, n):
                    break
                if st.free_old(o) and st.admissible(o, n, s, LONE_MIN):
                    st.pair(o, n, "content", s.content)
                    break
        for o in range(len(st.old)):
            if not st.free_old(o):
                continue
            news = sorted(by_old.get(o, []), key=lambda n: (-st.sims[(o, n)].in_b, n))
            for n in news:
                s = st.sims[(o, n)]
                if s.in_b < PART_MIN:
                    break
                if self._try_merge(o, n):
                    break
                if st.free_new(n) and st.admissible(o, n, s, LONE_MIN):
                    st.pair(o, n, "content", s.content)
                    break
        # Neighbours of group members, on weaker evidence.
        for g in self.groups:
            if len(g.new) == 1:
                (n,) = g.new
                for o in _neighbours(g.old, len(st.old)):
                    if st.free_old(o) and st.sim(o, n).in_b >= NEIGHBOUR_MIN:
                        self._try_merge(o, n, NEIGHBOUR_NOVEL_MIN)
            if len(g.old) == 1:
                (o,) = g.old
                for n in _neighbours(g.new, len(st.new)):
                    if st.free_new(n) and st.sim(o, n).in_a >= NEIGHBOUR_MIN:
                        self._try_split(o, n, NEIGHBOUR_NOVEL_MIN)


def _neighbours(members: set[int], size: int) -> list[int]:
    """Positions next to a group's members (and between them)."""
    lo, hi = min(members), max(members)
    return [p for p in range(max(lo - 1, 0), min(hi + 2, size)) if p not in members]
