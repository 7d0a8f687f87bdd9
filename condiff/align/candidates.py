"""Candidate partners from an inverted index, so alignment never scores all n×m pairs.

Every text is indexed by its stems and stem bigrams. A query adds up the idf weights of the
features it shares with each indexed text, skipping features so common that their posting list
is longer than ``max_postings`` (``max_stem_postings`` for single stems, which are far less
specific than bigrams): they say little about which text is which, and walking them would make
the cost grow with the square of the document. The best ``top_k`` texts are the
candidates that :mod:`.scoring` then scores properly.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

from .normalize import Features

#: Weight of one shared bigram when ranking candidates (stems add their idf).
BIGRAM_WEIGHT = 1.0
#: Candidates sharing less than this share of the best candidate's weight are dropped.
RELATIVE_MIN = 0.25


#: The texts holding a feature: one text as a bare int (most bigrams occur in one text only,
#: and a list apiece would be most of what the index allocates), or a list of them.
Posting = int | list[int]


def _post(
    postings: dict[int, Posting], terms: frozenset[int], i: int, limit: int, over: list[int]
) -> None:
    """Add text ``i`` to the posting of each of its ``terms``.

    A term whose posting grows past ``limit`` (at least 1) texts goes to ``over``, once.
    """
    get = postings.get
    for t in terms:
        p = get(t)
        if p is None:
            postings[t] = i
        elif isinstance(p, int):
            postings[t] = [p, i]
            if limit == 1:
                over.append(t)
        else:
            p.append(i)
            if len(p) == limit + 1:
                over.append(t)


class Index:
    """Inverted index over a list of feature sets.

    Args:
        items: Feature sets; positions in this list are the ids queries return.
        weight: idf of a stem.
        max_postings: Bigrams held by more texts than this are ignored.
        max_stem_postings: Stems held by more texts than this are ignored.

    Raises:
        ValueError: A limit below 1.
    """

    def __init__(
        self,
        items: Sequence[Features | None],
        weight: Callable[[int], float],
        max_postings: int = 32,
        max_stem_postings: int = 12,
    ) -> None:
        if max_postings < 1 or max_stem_postings < 1:
            raise ValueError("posting limits must be at least 1")
        uni: dict[int, Posting] = {}
        bi: dict[int, Posting] = {}
        over_uni: list[int] = []
        over_bi: list[int] = []
        for i, f in enumerate(items):
            if f is not None:
                _post(uni, f.uni, i, max_stem_postings, over_uni)
                _post(bi, f.bi, i, max_postings, over_bi)
        for t in over_uni:
            del uni[t]
        for t in over_bi:
            del bi[t]
        self._uni = {t: (weight(t), p) for t, p in uni.items()}
        self._bi = bi
        self._size = len(items)

    def query(self, f: Features, top_k: int, near: float = 0.0) -> list[int]:
        """Ids of the ``top_k`` indexed texts sharing most weight with ``f``.

        Args:
            f: The query's features.
            top_k: How many candidates to return.
            near: Relative position (0..1) of the query in its document: between equal
                weights the indexed text nearest to it wins, so that copies of the same text
                pair up in order.
        """
        acc: dict[int, float] = {}
        get = acc.get
        uni = self._uni
        for t in f.uni:
            hit = uni.get(t)
            if hit is not None:
                w, p = hit
                if isinstance(p, int):
                    acc[p] = get(p, 0.0) + w
                else:
                    for i in p:
                        acc[i] = get(i, 0.0) + w
        bi = self._bi
        for t in f.bi:
            posting = bi.get(t)
            if posting is not None:
                if isinstance(posting, int):
                    acc[posting] = get(posting, 0.0) + BIGRAM_WEIGHT
                else:
                    for i in posting:
                        acc[i] = get(i, 0.0) + BIGRAM_WEIGHT
        if not acc:
            return []
        floor = RELATIVE_MIN * max(acc.values())
        acc = {i: v for i, v in acc.items() if v >= floor}
        if len(acc) <= top_k:
            return sorted(acc)
        scale = 1.0 / max(self._size, 1)
        best = heapq.nsmallest(
            top_k, acc.items(), key=lambda kv: (-round(kv[1], 9), abs(kv[0] * scale - near), kv[0])
        )
        return sorted(i for i, _ in best)
