"""One-to-one pairing of units: repealed placeholders, exact text, content, then gaps.

Passes run cheapest and surest first, and each only sees what the previous ones left:

1. **Repealed** placeholders never attract matches: an old placeholder pairs only with a new
   placeholder of the same label; otherwise it is removed (a repealed article that vanished is
   a removal, not a change).
2. **Exact**: identical text (whitespace collapsed) pairs at once, copies in document order.
3. **Content**: candidates from the inverted index (both directions), scored by
   :class:`~.scoring.Scorer`, accepted greedily from the best score down while the content
   similarity reaches :data:`SURE_MIN`; then splits and merges are looked for (they need these
   anchors), and only then are weaker pairs down to :data:`CONTENT_MIN` accepted — otherwise a
   deleted article could take the half of a split article that resembles it. A same label and a
   near relative position add small
   priors that only matter between near-equal candidates: numbers break ties, never decide.
4. **Gaps** (after splits and merges): between two consecutive anchors (pairs in increasing
   order on both sides), leftover units are paired when they still share some content
   (:data:`GAP_MIN`; or :data:`NUMBER_MIN` when they are the only leftovers of their gap and
   carry the same label: a short article reworded from "shall have the right" to "may" keeps
   its number, its place and little else) —
   ``matched_by`` is "number" when the labels agree, else "position". Unrelated text under a
   reused number shares nothing and stays apart.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import Provision
from .candidates import Index
from .normalize import EMPTY, Features
from .scoring import Scorer, Similarity

#: Least content similarity for a pair found through the index.
CONTENT_MIN = 0.3
#: Least content similarity for the first, surest content pass.
SURE_MIN = 0.5
#: Least content similarity for a pair of leftovers inside the same gap.
GAP_MIN = 0.25
#: The same for the only two leftovers of a gap when they also carry the same label.
NUMBER_MIN = 0.1
#: Candidates kept per unit and direction.
TOP_K = 8
#: Prior for the same label (a tie-breaker, far below any content difference that matters).
LABEL_PRIOR = 0.02
#: Prior for the same relative position in the document.
POSITION_PRIOR = 0.03
#: Weight of heading similarity when both units have headings.
HEADING_WEIGHT = 0.15
#: Least share of the shorter of the only two leftovers of a gap, under the same label, found
#: in the longer one.
GROWN_MIN = 0.6
#: Largest gap (old × new leftovers) scored exhaustively.
MAX_GAP_PAIRS = 400


#: Stem id → occurrences beyond the first in one block (stems that occur once are left out).
Repeats = dict[int, int]
NO_REPEATS: Repeats = {}


@dataclass(eq=False)
class Unit:
    """A unit of comparison with everything alignment needs, computed once.

    Attributes:
        pos: Index in its document's unit order.
        prov: The provision.
        container: Id of the innermost container ("" when it sits at the top level).
        text: Its text, whitespace collapsed (identity test).
        blocks: Its text blocks.
        block_feats: Features of each block.
        block_keys: Each block's text, whitespace collapsed (identity test of paragraphs).
        feats: Features of the whole unit.
        heading: Features of its heading.
        block_repeats: Each block's :data:`Repeats` (term frequencies with ``block_feats``);
            empty when the features are packed.
    """

    pos: int
    prov: Provision
    container: str
    text: str
    blocks: tuple[Provision, ...]
    block_feats: tuple[Features, ...]
    feats: Features
    heading: Features = EMPTY
    block_keys: tuple[str, ...] = ()
    block_repeats: tuple[Repeats, ...] = ()

    @property
    def label(self) -> str:
        """Label casefolded, for comparing numbers."""
        return self.prov.label.casefold()


@dataclass
class State:
    """Pairs found so far.

    Attributes:
        old: Old units in document order.
        new: New units in document order.
        fwd: Old position → new position of 1:1 pairs.
        back: New position → old position of 1:1 pairs.
        how: Old position → (matched_by, score) of 1:1 pairs.
        sims: Every similarity computed so far, by (old, new) position.
        grouped_old: Old positions taken by split/merge groups.
        grouped_new: New positions taken by split/merge groups.
    """

    old: list[Unit]
    new: list[Unit]
    scorer: Scorer
    fwd: dict[int, int] = field(default_factory=dict)
    back: dict[int, int] = field(default_factory=dict)
    how: dict[int, tuple[str, float]] = field(default_factory=dict)
    sims: dict[tuple[int, int], Similarity] = field(default_factory=dict)
    grouped_old: set[int] = field(default_factory=set)
    grouped_new: set[int] = field(default_factory=set)

    def pair(self, o: int, n: int, matched_by: str, score: float) -> None:
        """Record a 1:1 pair."""
        self.fwd[o] = n
        self.back[n] = o
        self.how[o] = (matched_by, score)

    def unpair(self, o: int) -> None:
        """Forget a 1:1 pair (it became part of a group)."""
        n = self.fwd.pop(o)
        del self.back[n]
        del self.how[o]

    def free_old(self, o: int) -> bool:
        """Whether an old unit is still unpaired (and not a repealed placeholder)."""
        u = self.old[o]
        return o not in self.fwd and o not in self.grouped_old and not u.prov.repealed

    def free_new(self, n: int) -> bool:
        """Whether a new unit is still unpaired (and not a repealed placeholder)."""
        u = self.new[n]
        return n not in self.back and n not in self.grouped_new and not u.prov.repealed

    def sim(self, o: int, n: int) -> Similarity:
        """Similarity of old unit ``o`` and new unit ``n`` (computed once)."""
        key = (o, n)
        s = self.sims.get(key)
        if s is None:
            s = self.scorer.similarity(self.old[o].feats, self.new[n].feats)
            self.sims[key] = s
        return s

    def admissible(self, o: int, n: int, s: Similarity, minimum: float) -> bool:
        """Whether a pair may be accepted at this content threshold.

        Headings are the drafters' own summary of an article: when both units have one and the
        two share no word, the pair must reach :data:`SURE_MIN` whatever the pass.
        """
        if s.content < minimum:
            return False
        a, b = self.old[o], self.new[n]
        if not a.heading.empty and not b.heading.empty and not (a.heading.uni & b.heading.uni):
            return s.content >= SURE_MIN
        return True

    def rank(self, o: int, n: int, s: Similarity) -> float:
        """Content similarity plus heading similarity and the small number/position priors."""
        a, b = self.old[o], self.new[n]
        score = s.content
        if not a.heading.empty and not b.heading.empty:
            h = self.scorer.similarity(a.heading, b.heading).content
            score = (1 - HEADING_WEIGHT) * score + HEADING_WEIGHT * h
        if a.label and a.label == b.label:
            score += LABEL_PRIOR
        rel = abs(o / max(len(self.old), 1) - n / max(len(self.new), 1))
        return score + POSITION_PRIOR * (1.0 - min(rel, 1.0))


def match_repealed(state: State) -> None:
    """Pair repealed placeholders with same-label placeholders; others stay unpaired."""
    new_by_label: dict[str, list[int]] = {}
    for u in state.new:
        if u.prov.repealed:
            new_by_label.setdefault(u.label, []).append(u.pos)
    for u in state.old:
        if u.prov.repealed:
            spots = new_by_label.get(u.label)
            if spots:
                state.pair(u.pos, spots.pop(0), "number", 1.0)


def match_exact(state: State) -> None:
    """Pair units whose text is identical, copies in document order."""
    by_text: dict[str, list[int]] = {}
    for u in state.new:
        if u.text and state.free_new(u.pos):
            by_text.setdefault(u.text, []).append(u.pos)
    for u in state.old:
        if u.text and state.free_old(u.pos):
            spots = by_text.get(u.text)
            if spots:
                state.pair(u.pos, spots.pop(0), "exact", 1.0)


def match_content(state: State, minimum: float = CONTENT_MIN) -> None:
    """Pair units by content similarity, best first, through candidates from the index.

    Args:
        state: Pairs so far (updated).
        minimum: Least content similarity accepted in this pass.
    """
    free_old = [u.pos for u in state.old if state.free_old(u.pos)]
    free_new = [u.pos for u in state.new if state.free_new(u.pos)]
    if not free_old or not free_new:
        return
    weight = state.scorer.weight
    new_items: list[Features | None] = [None] * len(state.new)
    for n in free_new:
        new_items[n] = state.new[n].feats
    old_items: list[Features | None] = [None] * len(state.old)
    for o in free_old:
        old_items[o] = state.old[o].feats
    new_index = Index(new_items, weight)
    old_index = Index(old_items, weight)
    n_old, n_new = len(state.old), len(state.new)
    pairs: set[tuple[int, int]] = set()
    for o in free_old:
        for n in new_index.query(state.old[o].feats, TOP_K, o / n_old):
            pairs.add((o, n))
    for n in free_new:
        for o in old_index.query(state.new[n].feats, TOP_K, n / n_new):
            pairs.add((o, n))
    ranked: list[tuple[float, int, int]] = []
    for o, n in pairs:
        s = state.sim(o, n)
        if state.admissible(o, n, s, minimum):
            ranked.append((-state.rank(o, n, s), o, n))
    ranked.sort()
    for _neg, o, n in ranked:
        if state.free_old(o) and state.free_new(n):
            state.pair(o, n, "content", state.sims[(o, n)].content)


def increasing_anchors(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing on both sides (pairs sorted by old position).

    Pairs outside it have changed order; gaps between consecutive anchors are where leftovers
    may still correspond.
    """
    items = sorted(pairs)
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(items)
    for i, (_, n) in enumerate(items):
        k = bisect_left(tails, n)
        if k == len(tails):
            tails.append(n)
            tail_idx.append(i)
        else:
            tails[k] = n
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k > 0 else -1
    out: list[tuple[int, int]] = []
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.append(items[i])
        i = prev[i]
    out.reverse()
    return out


def fill_gaps(state: State, anchors_from: Iterable[tuple[int, int]]) -> None:
    """Pair leftovers that sit in the same gap between anchors and still share content."""
    anchors = increasing_anchors(anchors_from)
    bounds = [(-1, -1), *anchors, (len(state.old), len(state.new))]
    for (o0, n0), (o1, n1) in pairwise(bounds):
        olds = [o for o in range(o0 + 1, o1) if state.free_old(o)]
        news = [n for n in range(n0 + 1, n1) if state.free_new(n)]
        if not olds or not news or len(olds) * len(news) > MAX_GAP_PAIRS:
            continue
        ranked: list[tuple[float, int, int]] = []
        for o in olds:
            for n in news:
                s = state.sim(o, n)
                a, b = state.old[o], state.new[n]
                same = bool(a.label) and a.label == b.label
                blank = a.feats.empty and b.feats.empty
                alone = len(olds) == 1 and len(news) == 1
                # The only two leftovers of a gap under the same number need no shared
                # heading word: a retranslation renames "Army" to "Armed forces".
                # An article that grew into pages (or shrank to a line) keeps its number and
                # most words of the shorter version: containment, not likeness, shows it.
                if (state.admissible(o, n, s, GAP_MIN) or (blank and same)
                        or (same and alone and (s.content >= NUMBER_MIN
                                                or max(s.in_a, s.in_b) >= GROWN_MIN))):
                    ranked.append((-state.rank(o, n, s), o, n))
        ranked.sort()
        for _, o, n in ranked:
            if state.free_old(o) and state.free_new(n):
                same = bool(state.old[o].label) and state.old[o].label == state.new[n].label
                state.pair(o, n, "number" if same else "position", state.sim(o, n).content)

