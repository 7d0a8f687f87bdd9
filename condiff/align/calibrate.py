"""Calibrated matching: pairs decided relative to the document pair itself.

The passes of :mod:`.assign` accept a pair when its content similarity passes a fixed bar. That
bar was set on versions by the same drafter, where a successor repeats most of its
predecessor's words. Two translations of one text, or a total revision, share far fewer words:
there, a true successor scores 0.2 where a same-drafter successor scores 0.8, and a fixed bar
either rejects every true successor or accepts every unrelated article made of the same
boilerplate. What stays comparable across pairs is how a score stands against the scores of
*unrelated* articles of the same pair. So this stage:

1. weighs every stem by tf-idf over both documents and compares units by cosine;
2. measures, for every unit, the scores it gets against a fixed sample of the other document
   (:data:`NULL_SAMPLE` units, almost all of them unrelated to it): their mean and spread are
   the unit's null distribution, and a candidate's score becomes a z-score against it, taken
   from both sides (the smaller of the old unit's and the new unit's);
3. counts order as evidence: a candidate whose new position lies between the new positions of
   the pairs just before and just after the old unit (anchors) gains :data:`ORDER_BONUS`
   standard deviations, because constitutions mostly keep the order of their matter; a
   candidate elsewhere can still win on its own evidence (moves stay possible);
4. accepts mutual best matches above a bar: :data:`PAIR_Z`, or :data:`ANCHOR_SHARE` of what
   the pair's sure matches typically reach, whichever is higher (a pair by one drafter pairs
   its true successors far above that, so a leftover that scrapes past is a different article
   on the same theme). An old unit whose best match is already paired joins it as a merge
   above :data:`GROUP_Z` (or :data:`GROUP_SHARE`), and only when a part of the new unit that
   its partners do not explain matches it (:meth:`Calibration.novel`): evidence on each side.
   Splits are left to the paragraph level (:mod:`.moves`), where both sides show;
5. learns the pair's own word associations from the pairs accepted so far (Moore's bootstrap:
   a lexical model trained on the sure pairs) — words one translator uses where the other uses
   another ("Federal Council" / "Federal Government") — and scores the leftovers again.

A pair of documents with fewer than :data:`MIN_UNITS` units on either side has no
distribution to speak of: the stage does nothing there.

Costs stay linear in the size of the documents: the null distributions come from fixed-size
samples, a unit's candidates are the ones the content passes already scored
(:data:`CANDIDATES` per unit), and only units the earlier passes left unpaired are looked at.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .assign import State, Unit
from .groups import GroupFinder
from .normalize import Vocabulary

#: Fewest units with text each document needs for its null distributions to mean something.
MIN_UNITS = 24
#: Units of the other document each unit is scored against for its null distribution.
NULL_SAMPLE = 24
#: Candidates per unit (the most alike by the content passes' own scores).
CANDIDATES = 16
#: Widest stretch (in new units) between two anchors whose units all become candidates.
SPAN = 16
#: A stem held by more units than this share of both documents (at least 16) is common: it
#: does not count as shared evidence.
COMMON_SHARE = 0.1
#: Units whose vectors give a document's mean vector (the mean of a unit's unrelated scores).
CENTROID_SAMPLE = 48
#: Least z-score (standard deviations above the unrelated mean) for a 1:1 pair.
PAIR_Z = 6.0
#: Least z-score for a unit to join an already paired unit (merge or split).
GROUP_Z = 5.5
#: A leftover pair must also reach this share of the z-score that the document pair's sure
#: pairs (found before this stage) typically reach (their lower quartile): versions by the
#: same drafter pair their true successors far above the unrelated scores, so a leftover that
#: only just clears :data:`PAIR_Z` there is two articles on the same theme, not a successor.
ANCHOR_SHARE = 0.6
#: The same for a unit joining a group (merge or split): a share of the whole article must
#: stand out as much as a true successor does, or the likeness is the boilerplate both share.
GROUP_SHARE = 0.6
#: Standard deviations added to a candidate that sits between the anchors around it.
ORDER_BONUS = 1.0
#: Sure pairs whose z-scores give the pair's typical one.
ANCHOR_SAMPLE = 24
#: Units whose null spreads give a document's typical spread.
FLOOR_SAMPLE = 8
#: The null spread never counts as smaller than this (a unit scored 0 against every sample).
SPREAD_FLOOR = 0.02
#: Share of the highest null scores left out of the spread (the sample may hold a true match).
TRIM = 0.1
#: Word associations: least number of accepted pairs a word pair must co-occur in.
ASSOC_MIN_COUNT = 2
#: Least log-likelihood ratio (G²) of a word association.
ASSOC_MIN_LLR = 6.0
#: How much more often (per unit) a word must occur in its own document than in the other for
#: it to count as one translator's or drafter's choice.
SPECIFIC_RATIO = 3.0
#: Weight of an associated word relative to the word it stands for.
ASSOC_WEIGHT = 1.0

Vector = dict[int, float]
T = TypeVar("T")


def _norm(weights: dict[int, float]) -> Vector:
    total = math.sqrt(sum(w * w for w in weights.values()))
    if not total:
        return {}
    return {t: w / total for t, w in weights.items()}


def _dot(a: Vector, b: Vector) -> float:
    # The shared keys are found in C; only they are multiplied.
    return sum([a[t] * b[t] for t in a.keys() & b.keys()])


def _spread(values: list[float]) -> tuple[float, float]:
    """Mean and standard deviation of ``values`` without their highest :data:`TRIM` share."""
    values = sorted(values)
    cut = len(values) - max(1, int(len(values) * TRIM)) if len(values) > 4 else len(values)
    kept = values[:cut]
    mean = sum(kept) / len(kept)
    var = sum((v - mean) ** 2 for v in kept) / len(kept)
    return mean, max(math.sqrt(var), SPREAD_FLOOR)


def _sample(positions: Sequence[T], size: int) -> list[T]:
    """Up to ``size`` positions spread evenly over ``positions`` (deterministic)."""
    if len(positions) <= size:
        return list(positions)
    step = len(positions) / size
    return [positions[int(k * step)] for k in range(size)]


@dataclass
class _Side:
    """One document's units as tf-idf vectors, with their null distributions."""

    units: list[Unit]
    counts: dict[int, Counter[int]] = field(default_factory=dict)
    vectors: dict[int, Vector] = field(default_factory=dict)
    nulls: dict[int, tuple[float, float]] = field(default_factory=dict)
    live: list[int] = field(default_factory=list)
    floor: float | None = None
    centroid: Vector | None = None


class Calibration:
    """tf-idf vectors, null distributions and candidates for one pair of documents.

    Args:
        state: The pairs found so far.
        vocab: The stem vocabulary both documents were encoded with.
    """

    def __init__(self, state: State, vocab: Vocabulary) -> None:
        self.state = state
        self.vocab = vocab
        self.idf = state.scorer.idf
        self.old = _Side(state.old)
        self.new = _Side(state.new)
        for side in (self.old, self.new):
            side.live = [u.pos for u in side.units if not u.prov.repealed and not u.feats.empty]
        #: Old stem → new stems it stands for, with weights (learned by :meth:`learn`).
        self.assoc: dict[int, dict[int, float]] = {}
        self._by_old: dict[int, list[int]] | None = None
        self._by_new: dict[int, list[int]] | None = None
        n_units = len(self.old.live) + len(self.new.live)
        #: Stems with at least this idf are rare enough to count as shared evidence.
        self.rare_idf = math.log(1.0 + n_units / max(16.0, n_units * COMMON_SHARE))
        self._scores: dict[tuple[int, int], float] = {}
        #: Old units whose vectors the last :meth:`learn` changed.
        self.changed: set[int] = set()

    @property
    def usable(self) -> bool:
        """Whether both documents are large enough to calibrate on."""
        return len(self.old.live) >= MIN_UNITS and len(self.new.live) >= MIN_UNITS

    # -- vectors ------------------------------------------------------------------------------

    def _counts(self, side: _Side, pos: int) -> Counter[int]:
        c = side.counts.get(pos)
        if c is None:
            u = side.units[pos]
            c = Counter()
            if u.block_repeats:  # term frequencies kept from reading: no second encoding
                for f, extra in zip(u.block_feats, u.block_repeats, strict=True):
                    c.update(f.uni)
                    if extra:
                        c.update(extra)
            else:
                for b in u.blocks:
                    c.update(self.vocab.encode(b.text))
            if u.prov.heading:
                c.update(self.vocab.encode(u.prov.heading))
            side.counts[pos] = c
        return c

    def vector(self, side: _Side, pos: int) -> Vector:
        """The unit's tf-idf vector (with learned associations on the old side)."""
        v = side.vectors.get(pos)
        if v is None:
            idf = self.idf
            w = {t: (1.0 + math.log(f)) * idf[t] for t, f in self._counts(side, pos).items()}
            if side is self.old and self.assoc:
                extra: dict[int, float] = {}
                for t, x in w.items():
                    for b, p in self.assoc.get(t, {}).items():
                        extra[b] = extra.get(b, 0.0) + ASSOC_WEIGHT * p * x
                for b, x in extra.items():
                    w[b] = w.get(b, 0.0) + x
            v = side.vectors[pos] = _norm(w)
        return v

    def score(self, o: int, n: int) -> float:
        """Cosine of old unit ``o`` and new unit ``n`` (cached)."""
        key = (o, n)
        s = self._scores.get(key)
        if s is None:
            s = self._scores[key] = _dot(self.vector(self.old, o), self.vector(self.new, n))
        return s

    def _raw_null(self, side: _Side, pos: int) -> tuple[float, float]:
        if side is self.old:
            values = [self.score(pos, n) for n in _sample(self.new.live, NULL_SAMPLE)]
        else:
            values = [self.score(o, pos) for o in _sample(self.old.live, NULL_SAMPLE)]
        return _spread(values)

    def _floor(self, side: _Side) -> float:
        """The median null spread of the side's units (over a sample of them).

        A short unit shares no word with most of the sample, so its own spread is near zero
        and any chance hit would look like a sure match: its spread counts as at least the
        typical one of its document.
        """
        if side.floor is None:
            spreads = sorted(self._raw_null(side, p)[1]
                             for p in _sample(side.live, FLOOR_SAMPLE))
            side.floor = spreads[len(spreads) // 2] if spreads else SPREAD_FLOOR
        return side.floor

    def null(self, side: _Side, pos: int) -> tuple[float, float]:
        """Mean and spread of the unit's scores against a sample of the other document."""
        got = side.nulls.get(pos)
        if got is None:
            if POOLED:
                other = self.new if side is self.old else self.old
                mean = _dot(self.vector(side, pos), self._centroid(other))
                got = side.nulls[pos] = (mean, self._floor(side))
            else:
                mean, spread = self._raw_null(side, pos)
                got = side.nulls[pos] = (mean, max(spread, self._floor(side)))
        return got

    def _centroid(self, side: _Side) -> Vector:
        if side.centroid is None:
            acc: dict[int, float] = {}
            sample = _sample(side.live, CENTROID_SAMPLE)
            for p in sample:
                for t, w in self.vector(side, p).items():
                    acc[t] = acc.get(t, 0.0) + w
            k = 1.0 / max(len(sample), 1)
            side.centroid = {t: w * k for t, w in acc.items()}
        return side.centroid

    def novel(self, o: int, n: int, partners: Sequence[int]) -> float:
        """Share of the likeness of old ``o`` and new ``n`` that ``n``'s partners leave to it.

        The cosine of ``o`` with what remains of ``n`` once every stem of its current old
        partners is taken out, over the cosine with all of ``n``. A merge needs a part of the
        new unit that only the joining unit explains: an article deleted next to its near twin
        (the other chamber's rule, the next region's) matches the twin's successor just as
        well, but through the very words the twin already explains.
        """
        whole = self.score(o, n)
        if whole <= 0.0:
            return 0.0
        taken: set[int] = set()
        for p in partners:
            taken.update(self._counts(self.old, p))
        vo = self.vector(self.old, o)
        rest = {t: w for t, w in self.vector(self.new, n).items() if t not in taken}
        return _dot(vo, rest) / whole

    def shared(self, o: int, n: int) -> int:
        """How many distinct stems the two units share that are not common in the pair."""
        idf, rare = self.idf, self.rare_idf
        shared = self.old.units[o].feats.uni & self.new.units[n].feats.uni
        return sum(1 for t in shared if idf[t] >= rare)

    def z(self, o: int, n: int) -> float:
        """How far the pair's score stands above both units' unrelated scores (the smaller)."""
        if self.shared(o, n) < MIN_SHARED:
            return 0.0
        s = self.score(o, n)
        mo, so = self.null(self.old, o)
        mn, sn = self.null(self.new, n)
        return min((s - mo) / so, (s - mn) / sn)

    # -- candidates ---------------------------------------------------------------------------

    def candidates(self, side: _Side, pos: int) -> list[int]:
        """Units of the other document the content passes already found alike.

        :func:`~.assign.match_content` scored each unit against the best candidates of an
        inverted index while nearly every unit was still free; those scores are kept in
        ``state.sims``, so the candidates cost nothing here: the :data:`CANDIDATES` most
        alike.
        """
        if self._by_old is None:
            by_old: dict[int, list[int]] = {}
            by_new: dict[int, list[int]] = {}
            sims = self.state.sims
            for o, n in sorted(sims):
                by_old.setdefault(o, []).append(n)
                by_new.setdefault(n, []).append(o)
            for o, ns in by_old.items():
                by_old[o] = sorted(ns, key=lambda n: (-sims[(o, n)].content, n))[:CANDIDATES]
            for n, os_ in by_new.items():
                by_new[n] = sorted(os_, key=lambda o: (-sims[(o, n)].content, o))[:CANDIDATES]
            self._by_old, self._by_new = by_old, by_new
        table = self._by_old if side is self.old else self._by_new
        assert table is not None
        return table.get(pos, [])

    # -- word associations --------------------------------------------------------------------

    def learn(self, pairs: Iterable[tuple[int, int]]) -> int:
        """Learn which old words stand for which new words from accepted pairs.

        Only words that one document uses and the other hardly does count (a translator's or
        drafter's own choice), and only the part of each pair the shared words do not already
        explain: a word association is the same residual word pair recurring across pairs,
        tested by log-likelihood ratio against chance. Old vectors are rebuilt with the
        associated new words added. Returns the number of associations learned.
        """
        n_old, n_new = len(self.old.live), len(self.new.live)
        df_old: Counter[int] = Counter()
        df_new: Counter[int] = Counter()
        for pos in self.old.live:
            df_old.update(self.old.units[pos].feats.uni)
        for pos in self.new.live:
            df_new.update(self.new.units[pos].feats.uni)

        def own(t: int, mine: Counter[int], n_mine: int, theirs: Counter[int], n_theirs: int
                ) -> bool:
            return (mine[t] + 0.5) / n_mine >= SPECIFIC_RATIO * (theirs[t] + 0.5) / n_theirs

        co: Counter[tuple[int, int]] = Counter()
        c_old: Counter[int] = Counter()
        c_new: Counter[int] = Counter()
        total = 0
        for o, n in pairs:
            a = self.old.units[o].feats.uni
            b = self.new.units[n].feats.uni
            ra = [t for t in a - b if own(t, df_old, n_old, df_new, n_new)]
            rb = [t for t in b - a if own(t, df_new, n_new, df_old, n_old)]
            total += 1
            c_old.update(ra)
            c_new.update(rb)
            for x in ra:
                for y in rb:
                    co[(x, y)] += 1
        assoc: dict[int, dict[int, float]] = {}
        for (x, y), k11 in co.items():
            if k11 < ASSOC_MIN_COUNT:
                continue
            k12, k21 = c_old[x] - k11, c_new[y] - k11
            k22 = total - k11 - k12 - k21
            if k11 * k22 <= k12 * k21 or _llr(k11, k12, k21, k22) < ASSOC_MIN_LLR:
                continue
            assoc.setdefault(x, {})[y] = k11 / c_old[x]
        self.assoc = assoc
        # Only the old units holding an associated word get new vectors; the scores they were
        # in, the old side's mean vector and every null that depends on it go with them.
        changed = {p for p, c in self.old.counts.items() if not assoc.keys().isdisjoint(c)}
        changed.update(p for p in self.old.vectors if p not in self.old.counts)
        for p in changed:
            self.old.vectors.pop(p, None)
        self._scores = {k: v for k, v in self._scores.items() if k[0] not in changed}
        self.old.nulls = {p: v for p, v in self.old.nulls.items() if p not in changed}
        self.new.nulls.clear()
        for side in (self.old, self.new):
            side.floor = None
        self.old.centroid = None
        self.changed = changed
        return sum(len(v) for v in assoc.values())


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""

    def h(*ks: int) -> float:
        s = sum(ks)
        return sum(k * math.log(k / s) for k in ks if k)

    return 2.0 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def _links(state: State, finder: GroupFinder) -> list[tuple[int, int]]:
    """Every (old, new) link so far: 1:1 pairs and all pairs inside groups."""
    out = list(state.fwd.items())
    for g in finder.groups:
        out += [(o, n) for o in sorted(g.old) for n in sorted(g.new)]
    return out


def _order_span(links: list[tuple[int, int]], n_old: int, n_new: int
                ) -> list[tuple[int, int] | None]:
    """For each old position, the new positions of the links just before and just after it.

    ``None`` where the two do not increase (the matter around it moved), or where one of them
    is missing (before the first link, after the last): order then says nothing about where
    its successor is. The ends of a document are where the transitional provisions sit, and
    the old ones and the new ones speak of different transitions in the same words.
    """
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for o, n in links:
        first[o] = min(first.get(o, n), n)
        last[o] = max(last.get(o, n), n)
    before: list[int] = [-1] * n_old
    prev = -1
    for o in range(n_old):
        before[o] = prev
        if o in last:
            prev = last[o]
    after: list[int] = [n_new] * n_old
    nxt = n_new
    for o in range(n_old - 1, -1, -1):
        after[o] = nxt
        if o in first:
            nxt = first[o]
    return [(lo, hi) if 0 <= lo <= hi < n_new else None
            for lo, hi in zip(before, after, strict=True)]


MIN_SHARED = 2
POOLED = True
#: Least share of a merge's likeness that the new unit's other partners must leave to it
#: (:meth:`Calibration.novel`).
NOVEL_SHARE = 0.4
ROUNDS = 3
def _partners_of_new(st: State, finder: GroupFinder, n: int) -> list[int]:
    g = finder.of_new.get(n)
    if g is not None:
        return sorted(g.old)
    return [st.back[n]] if n in st.back else []


def _bars(cal: Calibration, links: list[tuple[int, int]]) -> tuple[float, float]:
    """The least z-scores for a 1:1 pair and for joining a group, in this document pair.

    See :data:`ANCHOR_SHARE` and :data:`GROUP_SHARE`.
    """
    usable = [(o, n) for o, n in links
              if not cal.state.old[o].feats.empty and not cal.state.new[n].feats.empty]
    zs = sorted(cal.z(o, n) for o, n in _sample(usable, ANCHOR_SAMPLE))
    if len(zs) < 4:
        return PAIR_Z, GROUP_Z
    typical = zs[len(zs) // 4]
    return max(PAIR_Z, ANCHOR_SHARE * typical), max(GROUP_Z, GROUP_SHARE * typical)


def _round(cal: Calibration, finder: GroupFinder, bar: float, group_bar: float) -> int:
    """One round of proposals and acceptances; returns how many units were placed."""
    st = cal.state
    links = _links(st, finder)
    spans = _order_span(links, len(st.old), len(st.new))
    # new positions sorted, to count how far apart two anchors are in units with text
    free_old = [o for o in cal.old.live if st.free_old(o)]
    free_new = [n for n in cal.new.live if st.free_new(n)]
    if not free_old and not free_new:
        return 0

    def ordered(o: int, n: int) -> bool:
        span = spans[o]
        return span is not None and span[0] <= n <= span[1]

    scored: dict[tuple[int, int], float] = {}

    def value(o: int, n: int) -> float:
        key = (o, n)
        v = scored.get(key)
        if v is None:
            v = scored[key] = cal.z(o, n) + (ORDER_BONUS if ordered(o, n) else 0.0)
        return v

    best_of_old: dict[int, int] = {}
    best_of_new: dict[int, int] = {}
    for o in free_old:
        cands = set(cal.candidates(cal.old, o))
        span = spans[o]
        if span is not None and span[1] - span[0] <= SPAN:
            cands.update(n for n in range(span[0] + 1, span[1]) if n in cal.new.vectors
                         or (not st.new[n].prov.repealed and not st.new[n].feats.empty))
        if cands:
            best_of_old[o] = max(sorted(cands), key=lambda n: value(o, n))
    # A free new unit can only pair 1:1 with a free old one: its other candidates do not count.
    for n in free_new:
        cands = {o for o in cal.candidates(cal.new, n) if st.free_old(o)}
        cands.update(o for o, m in best_of_old.items() if m == n)
        if cands:
            best_of_new[n] = max(sorted(cands), key=lambda o: value(o, n))
    proposals: list[tuple[float, int, int]] = []
    for o, n in best_of_old.items():
        proposals.append((-value(o, n), o, n))
    for n, o in best_of_new.items():
        if best_of_old.get(o) != n:
            proposals.append((-value(o, n), o, n))
    proposals.sort()
    placed = 0
    for neg, o, n in proposals:
        v = -neg
        if v < bar:
            break
        o_free, n_free = st.free_old(o), st.free_new(n)
        if o_free and n_free:
            # 1:1 only for mutual best matches among the free units.
            if best_of_old.get(o) == n and best_of_new.get(n, o) == o:
                st.pair(o, n, "content", st.sim(o, n).content)
                placed += 1
        elif (v >= group_bar and o_free and best_of_old.get(o) == n
              and cal.novel(o, n, _partners_of_new(st, finder, n)) >= NOVEL_SHARE):
            placed += finder.merge_into(o, n)
    return placed


def match_calibrated(state: State, finder: GroupFinder, vocab: Vocabulary) -> None:
    """Pair what the fixed-threshold passes left, by scores calibrated on this pair.

    Args:
        state: Pairs so far (updated).
        finder: Split/merge groups so far (updated: merges and splits join them).
        vocab: The vocabulary both documents were encoded with.
    """
    cal = Calibration(state, vocab)
    if not cal.usable:
        return
    if not any(state.free_old(o) for o in cal.old.live):
        return
    bars = _bars(cal, _links(state, finder))
    for k in range(ROUNDS):
        placed = _round(cal, finder, *bars)
        learned = cal.learn(_links(state, finder)) if k == 0 else 0
        # Associations that touch no unit still free change nothing worth another round.
        touched = any(state.free_old(o) for o in cal.changed) if learned else False
        if not placed and not touched:
            break
