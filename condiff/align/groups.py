"""Splits and merges: one old unit continued by several new ones, or the reverse.

After 1:1 pairing, a split shows up as a leftover new unit whose text lies largely inside an
old unit (containment :data:`PART_MIN`) that is already paired, *and* inside the part of that
old unit its current partner does not explain (:data:`NOVEL_MIN`). Dice similarity cannot see
this (a half of a text is only 0.67 similar to the whole), containment can; the novelty test
keeps out a deleted article made of the same boilerplate, which adds nothing the partner does
not already explain. Containment over whole articles grows with the length of the containing
one (an article printed over pages holds most words of any short article), so a leftover joins a
group only where one of its paragraphs lies inside one paragraph of the unit, further above
what unrelated paragraphs reach there (:data:`BLOCK_MARGIN`), and only the unit that holds it
furthest above what it holds of unrelated units may take it. Merges are the mirror image.
Groups grow by the same test, and a leftover right next to a group member in its own document
joins on weaker evidence (:data:`NEIGHBOUR_MIN`, :data:`NEIGHBOUR_NOVEL_MIN`): neighbouring
articles are what gets merged or carved out. A leftover that lies inside an *unpaired* unit is
paired with it 1:1 (an article that lost or gained most of its text).
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
#: Least share of one of the leftover's paragraphs found inside one paragraph of the unit it
#: joins (:meth:`GroupFinder._paragraph_evidence`) ...
BLOCK_PART_MIN = 0.5
#: ... and how far above the share that unrelated paragraphs reach in that paragraph.
BLOCK_MARGIN = 0.3
#: Paragraphs of the other document whose shares give a paragraph's unrelated share.
BLOCK_SAMPLE = 16
#: A paragraph holding this share of unrelated paragraphs (pages of text in one block) is no
#: evidence of where anything went.
BLOCK_UNRELATED_MAX = 0.3


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
        self._unrelated: dict[tuple[int, bool], float] = {}
        self._samples: dict[bool, list[Features]] = {}
        self._keep: list[Features] = []

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

    def _paragraph_evidence(self, part: int, whole: int, part_is_old: bool) -> bool:
        """Whether a paragraph of unit ``part`` lies largely inside one paragraph of ``whole``.

        Containment over whole articles grows with the size of the containing one: an article
        of fifty paragraphs holds most words of any article of the same constitution, so an
        unrelated leftover would "lie inside" it and join it as a merge. A paragraph of the
        leftover found inside one paragraph of the unit is evidence that survives that size.
        Units of one block each have nothing more to show at this level.
        """
        st = self.state
        a = st.old[part] if part_is_old else st.new[part]
        b = st.new[whole] if part_is_old else st.old[whole]
        if len(b.block_feats) <= 1:
            return True
        sim = st.scorer.similarity
        for g in b.block_feats:
            if g.empty:
                continue
            unrelated = self._unrelated_in(g, part_is_old)
            if unrelated >= BLOCK_UNRELATED_MAX:
                continue
            best = max((sim(f, g).in_b for f in a.block_feats if not f.empty), default=0.0)
            if best >= BLOCK_PART_MIN and best >= unrelated + BLOCK_MARGIN:
                return True
        return False

    def _closest(self, part: int, wholes: list[int], part_is_old: bool) -> int:
        """Of the units holding leftover ``part`` (share at least :data:`PART_MIN`), the one
        holding it furthest above what it holds of unrelated units (:meth:`_unrelated_in`).

        Only that one may take the leftover into a group: the longest articles hold most of
        any article's words, so a leftover lies "inside" them too, only not much more than
        any other article does. Returns -1 when none holds it.
        """
        st = self.state
        best, best_excess = -1, 0.0
        for w in wholes:
            s = st.sims[(part, w)] if part_is_old else st.sims[(w, part)]
            share = s.in_b if part_is_old else s.in_a
            if share < PART_MIN:
                continue
            feats = st.new[w].feats if part_is_old else st.old[w].feats
            excess = share - self._unrelated_in(feats, part_is_old)
            if best < 0 or excess > best_excess:
                best, best_excess = w, excess
        return best

    def _unrelated_in(self, g: Features, part_is_old: bool) -> float:
        """Mean share of a fixed sample of the other document's paragraphs found inside ``g``
        (a paragraph's or a whole unit's features).

        A paragraph of a few lines holds a tenth of an unrelated paragraph; one of several
        pages (a labour code in one article) holds half of any paragraph of the constitution.
        """
        key = (id(g), part_is_old)
        hit = self._unrelated.get(key)
        if hit is not None:
            return hit
        if part_is_old not in self._samples:
            units = self.state.old if part_is_old else self.state.new
            blocks = [f for u in units if not u.prov.repealed for f in u.block_feats if not f.empty]
            step = max(len(blocks) / BLOCK_SAMPLE, 1.0)
            self._samples[part_is_old] = [blocks[int(k * step)]
                                          for k in range(min(BLOCK_SAMPLE, len(blocks)))]
        sample = self._samples[part_is_old]
        sim = self.state.scorer.similarity
        value = sum(sim(f, g).in_b for f in sample) / len(sample) if sample else 0.0
        self._unrelated[key] = value
        self._keep.append(g)  # the id stays this feature set's while the value is cached
        return value

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
        if not self._paragraph_evidence(n, o, part_is_old=False):
            return False
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
        if not self._paragraph_evidence(o, n, part_is_old=True):
            return False
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
            closest = self._closest(n, olds, part_is_old=False)
            for o in olds:
                s = st.sims[(o, n)]
                if s.in_a < PART_MIN:
                    break
                if o == closest and self._try_split(o, n):
                    break
                if st.free_old(o) and st.admissible(o, n, s, LONE_MIN):
                    st.pair(o, n, "content", s.content)
                    break
        for o in range(len(st.old)):
            if not st.free_old(o):
                continue
            news = sorted(by_old.get(o, []), key=lambda n: (-st.sims[(o, n)].in_b, n))
            closest = self._closest(o, news, part_is_old=True)
            for n in news:
                s = st.sims[(o, n)]
                if s.in_b < PART_MIN:
                    break
                if n == closest and self._try_merge(o, n):
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
