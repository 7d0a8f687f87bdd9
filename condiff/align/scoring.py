"""Similarity of two texts from their :class:`~.normalize.Features`.

Content similarity mixes two Dice coefficients: over distinct stems weighted by inverse
document frequency (robust to rewording: a rare word such as "strike" counts far more than
"the"), and over stem bigrams (sensitive to word order, so two articles assembled from the
same legal boilerplate stay apart). Containment (how much of A is inside B) is what reveals
splits and merges, where Dice is low by construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .normalize import Features

#: Weight of the stem Dice in the content score; the bigram Dice gets the rest.
UNI_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Similarity:
    """How two texts A and B relate.

    Attributes:
        content: Symmetric similarity 0..1 (1 for identical feature sets).
        in_b: Share of A found in B (0..1).
        in_a: Share of B found in A (0..1).
    """

    content: float
    in_b: float
    in_a: float


NONE = Similarity(0.0, 0.0, 0.0)


class Scorer:
    """Scores pairs of feature sets with idf weights learned from both documents.

    Args:
        corpus: Feature sets of every text of both versions (for document frequencies).
    """

    def __init__(self, corpus: Iterable[Features]) -> None:
        df: dict[str, int] = {}
        n = 0
        for f in corpus:
            n += 1
            for t in f.uni:
                df[t] = df.get(t, 0) + 1
        self.idf: dict[str, float] = {t: math.log(1.0 + n / c) for t, c in df.items()}
        self._default = math.log(1.0 + max(n, 1))
        self._mass: dict[int, float] = {}

    def weight(self, term: str) -> float:
        """Inverse document frequency of a stem (rare stems weigh more)."""
        return self.idf.get(term, self._default)

    def mass(self, f: Features) -> float:
        """Total weight of a feature set's stems (cached per object)."""
        key = id(f.uni)
        m = self._mass.get(key)
        if m is None:
            idf = self.idf
            d = self._default
            m = sum(idf.get(t, d) for t in f.uni)
            self._mass[key] = m
        return m

    def similarity(self, a: Features, b: Features) -> Similarity:
        """Content similarity and mutual containment of A and B."""
        if a.empty or b.empty:
            return NONE
        ma, mb = self.mass(a), self.mass(b)
        idf = self.idf
        d = self._default
        shared = sum(idf.get(t, d) for t in (a.uni & b.uni))
        if shared == 0.0:
            return NONE
        la, lb = len(a.bi), len(b.bi)
        bshared = len(a.bi & b.bi) if la and lb else 0
        uni = 2 * shared / (ma + mb)
        bi = 2 * bshared / (la + lb) if la + lb else uni
        in_b_uni, in_a_uni = shared / ma, shared / mb
        in_b_bi = bshared / la if la else in_b_uni
        in_a_bi = bshared / lb if lb else in_a_uni
        w = UNI_WEIGHT
        return Similarity(
            w * uni + (1 - w) * bi,
            w * in_b_uni + (1 - w) * in_b_bi,
            w * in_a_uni + (1 - w) * in_a_bi,
        )
