"""Similarity of two texts from their :class:`~.normalize.Features`.

Content similarity mixes two Dice coefficients: over distinct stems weighted by inverse
document frequency (robust to rewording: a rare word such as "strike" counts far more than
"the"), and over stem bigrams (sensitive to word order, so two articles assembled from the
same legal boilerplate stay apart). Containment (how much of A is inside B) is what reveals
splits and merges, where Dice is low by construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
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
        vocabulary_size: Number of stem ids in use (ids are ``0 … size-1``).
    """

    def __init__(self, corpus: Iterable[Features], vocabulary_size: int) -> None:
        df = [0] * vocabulary_size
        n = 0
        for f in corpus:
            n += 1
            for t in f.uni:
                df[t] += 1
        top = math.log(1.0 + max(n, 1))
        #: idf by stem id; stems in no text of the corpus (headings) weigh as the rarest.
        self.idf: list[float] = [math.log(1.0 + n / c) if c else top for c in df]
        # Keyed by id() of the features; they are kept too, so the id cannot be reused. (Not
        # by their stem set: packed features make that set anew when it left their cache.)
        self._mass: dict[int, tuple[Features, float]] = {}

    def weight(self, term: int) -> float:
        """Inverse document frequency of a stem id (rare stems weigh more)."""
        return self.idf[term]

    def mass(self, f: Features) -> float:
        """Total weight of a feature set's stems (cached per set)."""
        hit = self._mass.get(id(f))
        if hit is not None and hit[0] is f:
            return hit[1]
        m = sum(map(self.idf.__getitem__, f.uni))
        self._mass[id(f)] = (f, m)
        return m

    def similarity(self, a: Features, b: Features) -> Similarity:
        """Content similarity and mutual containment of A and B."""
        if a.empty or b.empty:
            return NONE
        ma, mb = self.mass(a), self.mass(b)
        shared = sum(map(self.idf.__getitem__, a.uni & b.uni))
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

    def contents(self, a: Features, bs: Sequence[Features]) -> list[float]:
        """``similarity(a, b).content`` for each ``b`` of ``bs``, in one call.

        Paragraph alignment scores every block of one unit against every block of the other
        and needs only the content score: one call per row, with no :class:`Similarity`
        made per pair, is what keeps that cheap. The arithmetic is :meth:`similarity`'s,
        operation for operation, so the floats are the same to the last bit.
        """
        if a.empty:
            return [0.0] * len(bs)
        idf = self.idf.__getitem__
        mass = self.mass
        ma, ua, ba = mass(a), a.uni, a.bi
        la = len(ba)
        w = UNI_WEIGHT
        out: list[float] = []
        for b in bs:
            ub = b.uni
            if not ub:
                out.append(0.0)
                continue
            shared = sum(map(idf, ua & ub))
            if shared == 0.0:
                out.append(0.0)
                continue
            lb = len(b.bi)
            bshared = len(ba & b.bi) if la and lb else 0
            uni = 2 * shared / (ma + mass(b))
            bi = 2 * bshared / (la + lb) if la + lb else uni
            out.append(w * uni + (1 - w) * bi)
        return out
