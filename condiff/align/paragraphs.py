"""Paragraph alignment inside an article pair (or across a split/merge group), then redlines.

The same idea as article alignment, at a smaller scale: identical blocks pair first, then the
most similar ones (all pairs are scored when the pair of articles is small, else candidates
come from the inverted index), then leftovers between two paired blocks that still share
something. Only then does each paragraph pair get its word-level redline: condiff never
word-diffs anything longer than a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..model import ParagraphPair, Provision
from ..redline import Redline
from .assign import increasing_anchors
from .candidates import Index
from .normalize import STEM_LEN, Features, collapse
from .order import reading_order
from .scoring import Scorer

#: Least content similarity for a paragraph pair found by score.
PARA_MIN = 0.3
#: Least content similarity for leftovers in the same gap.
PARA_GAP_MIN = 0.1
#: Prior for the same relative position inside the article.
PARA_POSITION_PRIOR = 0.05
#: Above this many old × new blocks, candidates come from an index.
EXHAUSTIVE_MAX = 1600


def _ref(p: Provision) -> str:
    return p.ref or p.id


#: Kinds of a list's entries (items are aligned by their own words, see :func:`_entry_words`).
_LIST_KINDS = frozenset({"item", "subparagraph", "clause"})
_STEMS = re.compile(rf"(\w{{1,{STEM_LEN}}})\w*")


def _entry_words(block: Provision) -> frozenset[str] | None:
    """The stems of a list entry's first line, when the entry carries more lines after it.

    Why: the words that close a list ("Federal laws in these fields take effect …") are
    printed after its last entry, and a reader can only attach them to that entry. When a new
    entry is added at the end, those closing words move to it, and a score over the whole text
    paired the old last entry with the new one ("the land tax" shown replacing "university
    admission", which is in fact kept). An entry is what its own line says; the closing words
    are left to the redline.
    """
    if block.kind not in _LIST_KINDS:
        return None
    head, sep, _ = block.text.strip().partition("\n")
    return frozenset(_STEMS.findall(head.casefold())) if sep else None


def _entry_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def align_blocks(
    old: Sequence[Provision],
    old_feats: Sequence[Features],
    new: Sequence[Provision],
    new_feats: Sequence[Features],
    scorer: Scorer,
    *,
    timeout: float,
    redlines: bool = True,
    where: str = "",
    old_keys: Sequence[str] | None = None,
    new_keys: Sequence[str] | None = None,
) -> tuple[tuple[ParagraphPair, ...], bool]:
    """Pair the text blocks of two units (or groups) and redline each pair.

    Args:
        timeout: Seconds the word diff may spend on one paragraph pair.
        old_keys: Each old block's text with whitespace collapsed, when the caller has it
            already (identical blocks pair first); computed here otherwise.
        new_keys: The same for the new blocks.
        redlines: Make the redlines now; when False each is made on first read.
        where: Names the units in the warning of a redline made late that ran out of time.

    Returns:
        ``(pairs in reading order, whether any redline ran out of time)``.
    """
    fwd: dict[int, int] = {}
    back: dict[int, int] = {}
    score: dict[int, float] = {}
    # 1. identical blocks
    if old_keys is None:
        old_keys = [collapse(b.text) for b in old]
    if new_keys is None:
        new_keys = [collapse(b.text) for b in new]
    spots: dict[str, list[int]] = {}
    for j, key in enumerate(new_keys):
        spots.setdefault(key, []).append(j)
    for i, key in enumerate(old_keys):
        js = spots.get(key)
        if js:
            j = js.pop(0)
            fwd[i], back[j], score[i] = j, i, 1.0
    # 2. by similarity
    free_o = [i for i in range(len(old)) if i not in fwd]
    free_n = [j for j in range(len(new)) if j not in back]
    # Scored pairs by (old, new) block. When every free pair was scored (exhaustive), only
    # those that may still pair in the gaps (>= PARA_GAP_MIN) are kept: a missing pair is
    # then known to score below it.
    sims: dict[tuple[int, int], float] = {}
    exhaustive = len(free_o) * len(free_n) <= EXHAUSTIVE_MAX
    # List entries that carry a list's closing words compete by their own line (both sides
    # entries; the closing words on either side).
    heads_o = {i: w for i in free_o if (w := _entry_words(old[i])) is not None}
    heads_n = {j: w for j in free_n if (w := _entry_words(new[j])) is not None}
    any_heads = bool(heads_o or heads_n)

    def rank_score(i: int, j: int, c: float) -> float:
        if not any_heads or (i not in heads_o and j not in heads_n):
            return c
        if old[i].kind not in _LIST_KINDS or new[j].kind not in _LIST_KINDS:
            return c
        a = heads_o.get(i) or frozenset(_STEMS.findall(old[i].text.casefold()))
        b = heads_n.get(j) or frozenset(_STEMS.findall(new[j].text.casefold()))
        return _entry_similarity(a, b)

    if free_o and free_n:
        n_old, n_new = len(old), len(new)
        ranked: list[tuple[float, int, int]] = []
        if exhaustive:
            row = [new_feats[j] for j in free_n]
            rows = ((i, free_n, scorer.contents(old_feats[i], row)) for i in free_o)
        else:
            items: list[Features | None] = [None] * len(new)
            for j in free_n:
                items[j] = new_feats[j]
            index = Index(items, scorer.weight)
            found = [(i, index.query(old_feats[i], 8, i / n_old)) for i in free_o]
            rows = ((i, js, scorer.contents(old_feats[i], [new_feats[j] for j in js]))
                    for i, js in found)
        for i, js, cs in rows:
            for j, c in zip(js, cs, strict=True):
                r = rank_score(i, j, c)
                if max(c, r) >= PARA_GAP_MIN or not exhaustive:
                    sims[(i, j)] = c
                    if r >= PARA_MIN:
                        rel = abs(i / n_old - j / n_new)
                        ranked.append((-(r + PARA_POSITION_PRIOR * (1 - rel)), i, j))
        ranked.sort()
        for _, i, j in ranked:
            if i not in fwd and j not in back:
                fwd[i], back[j], score[i] = j, i, sims[(i, j)]
    # 3. leftovers in the same gap (there are none when one side is all paired)
    bounds: list[tuple[int, int]] = []
    if len(fwd) < min(len(old), len(new)):
        bounds = [(-1, -1), *increasing_anchors(fwd.items()), (len(old), len(new))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        olds = [i for i in range(i0 + 1, i1) if i not in fwd]
        news = [j for j in range(j0 + 1, j1) if j not in back]
        if not olds or not news or len(olds) * len(news) > EXHAUSTIVE_MAX:
            continue
        ranked = []
        for i in olds:
            for j in news:
                known = sims.get((i, j))
                if known is None and exhaustive:
                    continue
                c = known if known is not None else scorer.similarity(
                    old_feats[i], new_feats[j]).content
                r = rank_score(i, j, c)
                if r >= PARA_GAP_MIN:
                    ranked.append((-r, i, j))
                    sims[(i, j)] = c
        ranked.sort()
        for _, i, j in ranked:
            if i not in fwd and j not in back:
                fwd[i], back[j], score[i] = j, i, sims[(i, j)]
    # Build the pairs, in reading order.
    entries: list[tuple[list[int], list[int]]]
    if len(fwd) == len(old):
        # Nothing removed: reading order is the new document's order.
        entries = [([back[j]], [j]) if j in back else ([], [j]) for j in range(len(new))]
    else:
        entries = [([i], [j]) for i, j in sorted(fwd.items())]
        entries += [([i], []) for i in range(len(old)) if i not in fwd]
        entries += [([], [j]) for j in range(len(new)) if j not in back]
        entries = [entries[k] for k in reading_order(entries)]
    out: list[ParagraphPair] = []
    timed_out = False
    for olds, news in entries:
        if olds and news:
            a, b = old[olds[0]], new[news[0]]
            ops: Sequence[tuple[str, str]]
            if a.text == b.text:
                ops = (("=", a.text),)
                kind = "unchanged"
            else:
                ops = Redline(a.text, b.text, timeout=timeout, where=where)
                if redlines:
                    timed_out = ops.compute() or timed_out
                kind = "modified"
            out.append(ParagraphPair(_ref(a), _ref(b), a.id, b.id, kind, ops,
                                     round(score[olds[0]], 4)))
        elif olds:
            a = old[olds[0]]
            out.append(ParagraphPair(_ref(a), None, a.id, None, "removed", (("-", a.text),)))
        else:
            b = new[news[0]]
            out.append(ParagraphPair(None, _ref(b), None, b.id, "added", (("+", b.text),)))
    return tuple(out), timed_out
