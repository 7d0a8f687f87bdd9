"""Paragraphs that moved to another article.

Article alignment gives each unit one place; paragraph alignment then pairs blocks inside each
entry. A paragraph the drafters moved elsewhere (the presumption of innocence leaving the courts
chapter for the rights chapter, the financial regime of the capital leaving the article on the
capital) is left over on both sides: "removed" in its old article's entry, "added" in the new
article's. This module pairs such leftovers across entries, so that the reviewer sees where
each paragraph went and the old article gains the new one as a further successor.

A link is made only between two blocks that nothing else claimed, and only on evidence from
both sides: each must be the other's best match among *all* blocks of the other document
(claimed ones included: a sentence that went into a paragraph its new article already pairs is
found there, and no leftover elsewhere can take it), ahead of the runner-up by
:data:`MARGIN`, and similar enough for this document pair: at least :data:`MOVE_MIN`, and at
least :data:`MOVE_SHARE` of how alike the pair's own paired paragraphs typically are (versions
by one drafter keep most words of a paragraph, so a move must too). Standard clauses that
recur across articles ("other powers under the law") match several blocks about equally and
fall to the margin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..model import ParagraphPair
from .assign import Unit
from .normalize import Features
from .scoring import Scorer

#: Least content similarity of a moved paragraph and its new place.
MOVE_MIN = 0.4
#: Least share of the pair's typical paragraph similarity (median over modified pairs).
MOVE_SHARE = 0.6
#: How far ahead of the runner-up (on either side) a moved paragraph's match must be.
MARGIN = 0.1


@dataclass(frozen=True)
class Move:
    """One paragraph found in another article.

    Attributes:
        old: Position of the old unit.
        old_block: Index of the block among the old unit's blocks.
        new: Position of the new unit.
        new_block: Index of the block among the new unit's blocks.
        score: Content similarity of the two blocks.
    """

    old: int
    old_block: int
    new: int
    new_block: int
    score: float


def _typical(paragraphs: Sequence[Sequence[ParagraphPair]]) -> float:
    scores = sorted(pp.score for pps in paragraphs for pp in pps if pp.kind == "modified")
    return scores[len(scores) // 2] if scores else 0.0


def _best_two(scorer: Scorer, f: Features, blocks: Sequence[tuple[int, int]],
              feats: Callable[[int, int], Features]) -> tuple[tuple[int, int] | None, float, float]:
    """The best of ``blocks`` for ``f``, its score and the runner-up's score."""
    if not blocks:
        return None, 0.0, 0.0
    scores = scorer.contents(f, [feats(u, k) for u, k in blocks])
    order = sorted(range(len(blocks)), key=lambda i: (-scores[i], blocks[i]))
    second = scores[order[1]] if len(order) > 1 else 0.0
    return blocks[order[0]], scores[order[0]], second


def find_moves(
    old_units: Sequence[Unit],
    new_units: Sequence[Unit],
    entry_of_old: dict[int, int],
    entry_of_new: dict[int, int],
    paragraphs: Sequence[Sequence[ParagraphPair]],
    scorer: Scorer,
    near: Iterable[tuple[int, int]],
) -> list[Move]:
    """Paragraphs left unpaired in their entries that are each other's counterparts.

    Args:
        old_units: Old units in document order.
        new_units: New units in document order.
        entry_of_old: Old unit position → index of the entry holding it.
        entry_of_new: New unit position → index of the entry holding it.
        paragraphs: Each entry's paragraph pairs (block ids tell which blocks are unpaired).
        scorer: The similarity of the alignment.
        near: (old unit, new unit) pairs alike enough for the content passes to have scored
            them: a moved paragraph is looked for in the units alike to its own, and its
            rivals too, so the whole documents are never indexed block by block.

    Returns:
        The links found, in old document order.
    """
    free_old: set[str] = set()
    free_new: set[str] = set()
    for pps in paragraphs:
        for pp in pps:
            if pp.old_id and not pp.new_id:
                free_old.add(pp.old_id)
            elif pp.new_id and not pp.old_id:
                free_new.add(pp.new_id)
    if not free_old or not free_new:
        return []
    bar = max(MOVE_MIN, MOVE_SHARE * _typical(paragraphs))
    near_old: dict[int, set[int]] = {}
    near_new: dict[int, set[int]] = {}
    for o, n in near:
        near_old.setdefault(o, set()).add(n)
        near_new.setdefault(n, set()).add(o)
    old_feat = _feats(old_units)
    new_feat = _feats(new_units)

    def blocks(units: Sequence[Unit], positions: Iterable[int]) -> list[tuple[int, int]]:
        return [(p, k) for p in sorted(positions) if not units[p].prov.repealed
                for k, f in enumerate(units[p].block_feats) if not f.empty]

    moves: list[Move] = []
    taken: set[tuple[int, int]] = set()
    for u in old_units:
        if u.prov.repealed:
            continue
        for k, ob in enumerate(u.blocks):
            f = u.block_feats[k]
            if f.empty or ob.id not in free_old:
                continue
            best, score, second = _best_two(scorer, f, blocks(new_units, near_old.get(u.pos, ())),
                                            new_feat)
            if best is None or score < bar or score - second < MARGIN or best in taken:
                continue
            n, kn = best
            nb = new_units[n].blocks[kn]
            if nb.id not in free_new or entry_of_old.get(u.pos) == entry_of_new.get(n):
                continue
            g = new_units[n].block_feats[kn]
            back, _, back_second = _best_two(scorer, g, blocks(old_units, near_new.get(n, ())),
                                             old_feat)
            if back != (u.pos, k) or score - back_second < MARGIN:
                continue
            taken.add(best)
            moves.append(Move(u.pos, k, n, kn, score))
    return moves


def _feats(units: Sequence[Unit]) -> Callable[[int, int], Features]:
    def get(pos: int, k: int) -> Features:
        return units[pos].block_feats[k]
    return get


@dataclass
class Entry:
    """An alignment entry under construction (see :class:`~condiff.model.ArticlePair`).

    Attributes:
        olds: Old unit positions it holds as primary.
        news: New unit positions it holds as primary.
        kind: Alignment kind.
        score: Content similarity.
        matched_by: How it was found.
        also_old: Old units whose own entry is elsewhere; only moved paragraphs of theirs are
            here (secondary predecessors).
        also_new: The same for new units (secondary successors).
        paragraphs: Paragraph pairs.
        late: Whether a redline ran out of its time budget.
        alive: False once it was folded into another entry.
    """

    olds: list[int]
    news: list[int]
    kind: str
    score: float
    matched_by: str
    also_old: list[int] = field(default_factory=list)
    also_new: list[int] = field(default_factory=list)
    paragraphs: tuple[ParagraphPair, ...] = ()
    late: bool = False
    alive: bool = True


def group_kind(olds: Sequence[int], news: Sequence[int]) -> str:
    """Kind of a group entry: ``split`` with at least as many new units as old, else ``merged``."""
    return "split" if len(news) >= len(olds) else "merged"


def apply_moves(
    entries: list[Entry],
    moves: Sequence[Move],
    old_units: Sequence[Unit],
    new_units: Sequence[Unit],
    realign: Callable[[Entry], None],
    pair_of: Callable[[Move], tuple[ParagraphPair, bool]],
) -> None:
    """Fold the moves into the entries.

    A move out of an old unit nothing else continued (a removed unit) makes that unit part of
    the new unit's entry, and a move into a new unit that had no predecessor (an added one) makes
    it part of the old unit's entry: one of their paragraphs is evidence enough of where they
    went. Both are realigned (``realign``). A move between two units that each have their own
    partners becomes a secondary link: the paragraph pair (``pair_of``) leaves both entries'
    unpaired rows (``pair_of`` also says whether its redline ran out of time) and goes to the
    entry of the old unit when that holds only it (the unit gains
    a further successor: ``split``), else to an entry of its own (``moved``) — never into an
    entry of several old units, where it would imply that each of them went there.
    """
    entry_of_old = {o: i for i, e in enumerate(entries) for o in e.olds}
    entry_of_new = {n: i for i, e in enumerate(entries) for n in e.news}
    changed: set[int] = set()
    links: list[Move] = []
    for m in moves:
        eo, en = entry_of_old[m.old], entry_of_new[m.new]
        if eo == en:
            continue  # folded together by an earlier move: realigned below
        a, b = entries[eo], entries[en]
        if not a.news and b.olds:  # a removed unit: it joins the new unit's entry
            b.olds = sorted({*b.olds, *a.olds})
        elif not b.olds and a.news:  # an added unit: it joins the old unit's entry
            a.news = sorted({*a.news, *b.news})
        elif not a.news and not b.olds:  # both unpaired: a pair of their own
            a.news = list(b.news)
        else:
            links.append(m)
            continue
        if not a.news:
            keep, gone = en, eo
        else:
            keep, gone = eo, en
        k = entries[keep]
        entries[gone].alive = False
        for o in k.olds:
            entry_of_old[o] = keep
        for n in k.news:
            entry_of_new[n] = keep
        if len(k.olds) > 1 or len(k.news) > 1:
            k.kind = group_kind(k.olds, k.news)
        else:
            k.kind = "modified"
        k.matched_by = "content"
        changed.add(keep)
        changed.discard(gone)
    for idx in sorted(changed):
        realign(entries[idx])
    for m in links:
        eo, en = entry_of_old[m.old], entry_of_new[m.new]
        if eo == en:
            continue
        ob = old_units[m.old].blocks[m.old_block].id
        nb = new_units[m.new].blocks[m.new_block].id
        # Both blocks must still be unpaired (a realigned entry may have paired one).
        if _unpaired(entries[eo], ob, "old") is None or _unpaired(entries[en], nb, "new") is None:
            continue
        _drop(entries[eo], _unpaired(entries[eo], ob, "old"))
        _drop(entries[en], _unpaired(entries[en], nb, "new"))
        pp, late = pair_of(m)
        if len(entries[eo].olds) == 1 and entries[eo].news:
            e = entries[eo]
            if m.new not in e.also_new:
                e.also_new.append(m.new)
            e.kind = "split"
            e.paragraphs = (*e.paragraphs, pp)
            e.late = e.late or late
        else:
            entries.append(Entry([], [], "moved", pp.score, "content", [m.old], [m.new],
                                 (pp,), late))


def _unpaired(entry: Entry, block_id: str, side: str) -> int | None:
    """Position of the block's unpaired row in the entry's paragraphs, or None."""
    for i, pp in enumerate(entry.paragraphs):
        own, other = (pp.old_id, pp.new_id) if side == "old" else (pp.new_id, pp.old_id)
        if own == block_id and other is None:
            return i
    return None


def _drop(entry: Entry, i: int | None) -> None:
    if i is not None:
        entry.paragraphs = entry.paragraphs[:i] + entry.paragraphs[i + 1:]
