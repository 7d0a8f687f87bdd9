"""Candidate partners from an inverted index, so alignment never scores all n×m pairs.

Every text is indexed by its stems and stem bigrams. A query adds up the idf weights of the
features it shares with each indexed text, skipping features so common that their posting list
is longer than ``max_postings`` (they say nothing about which text is which, and walking them
would make the cost grow with the square of the document). The best ``top_k`` texts are the
candidates that :mod:`.scoring` then scores properly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .normalize import Features

#: Weight of one shared bigram when ranking candidates (stems add their idf).
BIGRAM_WEIGHT = 1.0


class Index:
    """Inverted index over a list of feature sets.

    Args:
        items: Feature sets; positions in this list are the ids queries return.
        weight: idf of a stem.
        max_postings: Features held by more texts than this are ignored.
    """

    def __init__(
        self,
        items: Sequence[Features | None],
        weight: Callable[[str], float],
        max_postings: int = 48,
    ) -> None:
        postings: dict[str, list[int]] = {}
        for i, f in enumerate(items):
            if f is None:
                continue
            for t in f.uni:
                postings.setdefault(t, []).append(i)
            for t in f.bi:
                postings.setdefault(t, []).append(i)
        self._postings = {t: p for t, p in postings.items() if len(p) <= max_postings}
        self._weight = weight

    def query(self, f: Features, top_k: int, closeness: Callable[[int], float]) -> list[int]:
        """Ids of the ``top_k`` indexed texts sharing most weight with ``f``.

        Args:
            f: The query's features.
            top_k: How many candidates to return.
            closeness: Tie-breaker for equal weights (higher first), e.g. nearness in the
                document, so that copies of the same text pair up in order.
        """
        acc: dict[int, float] = {}
        postings = self._postings
        for t in f.uni:
            p = postings.get(t)
            if p:
                w = self._weight(t)
                for i in p:
                    acc[i] = acc.get(i, 0.0) + w
        for t in f.bi:
            p = postings.get(t)
            if p:
                for i in p:
                    acc[i] = acc.get(i, 0.0) + BIGRAM_WEIGHT
        if len(acc) <= top_k:
            return sorted(acc)
        ranked = sorted(acc, key=lambda i: (-round(acc[i], 9), -closeness(i), i))
        return ranked[:top_k]
