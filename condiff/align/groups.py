"""Splits and merges: one old unit continued by several new ones, or the reverse.

After 1:1 pairing, a split shows up as a leftover new unit whose text lies largely inside an
old unit (containment :data:`PART_MIN`) that is already paired — and adding the leftover to
that pair covers noticeably more of the old unit (:data:`GAIN_MIN`). Dice similarity cannot see
this (a half of a text is only 0.67 similar to the whole), containment can. Merges are the
mirror image. Once a group exists, a further leftover joins it when it lies inside the group's
unit (no gain needed: three chambers merged into one add little each), and a leftover sitting
right next to a group member in its own document joins on weaker evidence
(:data:`NEIGHBOUR_MIN`): neighbouring articles are what gets merged or carved out. A leftover
that lies inside an *unpaired* unit is paired with it 1:1 (an article that lost or gained
most of its text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .assign import State
from .normalize import Features

#: Least share of the leftover's text found inside the unit it would join.
PART_MIN = 0.5
#: Least extra coverage of the shared unit that joining must bring.
GAIN_MIN = 0.1
#: Least content similarity for a leftover paired 1:1 through containment.
LONE_MIN = 0.15
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


def find_groups(state: State) -> list[Group]:
    """Find splits and merges among the leftovers; returns the groups and updates ``state``."""
    groups: list[Group] = []
    of_old: dict[int, Group] = {}
    of_new: dict[int, Group] = {}
    by_new: dict[int, list[int]] = {}
    by_old: dict[int, list[int]] = {}
    for o, n in sorted(state.sims):
        by_new.setdefault(n, []).append(o)
        by_old.setdefault(o, []).append(n)

    def cover_old(o: int, news: set[int]) -> float:
        f = _union([state.new[n].feats for n in sorted(news)])
        return state.scorer.similarity(state.old[o].feats, f).in_b

    def cover_new(n: int, olds: set[int]) -> float:
        f = _union([state.old[o].feats for o in sorted(olds)])
        return state.scorer.similarity(f, state.new[n].feats).in_a

    # Splits: a leftover new unit inside an old unit.
    for n in range(len(state.new)):
        if not state.free_new(n):
            continue
        best = max(by_new.get(n, []), key=lambda o: (state.sims[(o, n)].in_a, -o), default=None)
        if best is None or state.sims[(best, n)].in_a < PART_MIN:
            continue
        o = best
        if o in of_old:
            g = of_old[o]
            if len(g.old) == 1:
                g.new.add(n)
                of_new[n] = g
                state.grouped_new.add(n)
        elif o in state.fwd:
            other = state.fwd[o]
            if cover_old(o, {other, n}) - cover_old(o, {other}) >= GAIN_MIN:
                state.unpair(o)
                g = Group({o}, {other, n})
                groups.append(g)
                of_old[o] = g
                of_new[other] = of_new[n] = g
                state.grouped_old.add(o)
                state.grouped_new.update((other, n))
        elif state.free_old(o) and state.sims[(o, n)].content >= LONE_MIN:
            state.pair(o, n, "content", state.sims[(o, n)].content)

    # Merges: a leftover old unit inside a new unit.
    for o in range(len(state.old)):
        if not state.free_old(o):
            continue
        best = max(by_old.get(o, []), key=lambda n: (state.sims[(o, n)].in_b, -n), default=None)
        if best is None or state.sims[(o, best)].in_b < PART_MIN:
            continue
        n = best
        if n in of_new:
            g = of_new[n]
            if len(g.new) == 1:
                g.old.add(o)
                of_old[o] = g
                state.grouped_old.add(o)
        elif n in state.back:
            other = state.back[n]
            if cover_new(n, {other, o}) - cover_new(n, {other}) >= GAIN_MIN:
                state.unpair(other)
                g = Group({other, o}, {n})
                groups.append(g)
                of_new[n] = g
                of_old[other] = of_old[o] = g
                state.grouped_new.add(n)
                state.grouped_old.update((other, o))
        elif state.free_new(n) and state.sims[(o, n)].content >= LONE_MIN:
            state.pair(o, n, "content", state.sims[(o, n)].content)

    # Neighbours of group members, on weaker evidence.
    for g in groups:
        if len(g.new) == 1:
            (n,) = g.new
            for o in _neighbours(g.old, len(state.old)):
                if state.free_old(o) and state.sim(o, n).in_b >= NEIGHBOUR_MIN:
                    g.old.add(o)
                    state.grouped_old.add(o)
        if len(g.old) == 1:
            (o,) = g.old
            for n in _neighbours(g.new, len(state.new)):
                if state.free_new(n) and state.sim(o, n).in_a >= NEIGHBOUR_MIN:
                    g.new.add(n)
                    state.grouped_new.add(n)
    return groups


def _neighbours(members: set[int], size: int) -> list[int]:
    """Positions next to a group's members (and between them), growing while they join."""
    lo, hi = min(members), max(members)
    return [p for p in range(max(lo - 1, 0), min(hi + 2, size)) if p not in members]
