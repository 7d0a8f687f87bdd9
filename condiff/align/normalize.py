"""Text normalisation for alignment: what two provisions must share to count as "the same".

Alignment compares meaning cheaply, so it works on word *stems*: casefolded words truncated to
their first :data:`STEM_LEN` characters. Truncation is a crude stemmer, but it is fast, needs no
language detection and works for every alphabet; for inflecting languages it is what makes
"забастовка" and "забастовку", or "Gesetz" and "Gesetzes", the same feature. The pure-Python
Snowball stemmer, measured on the Kazakhstan 1995 text, needs ~50 ms for its 2.5k distinct
words (~200 ms for all 10k) against 1 ms for truncation, a third of the whole comparison
budget, and exists only for some languages. Word bigrams of
stems add word order, which separates two articles made of the same common vocabulary.

Stems are interned as small integers (:class:`Vocabulary`) and bigrams packed into one integer,
so that the set operations scoring does by the thousand hash and compare machine words, not
strings.

Identity ("is the text unchanged?") is decided on the exact text with whitespace runs
collapsed, never on stems: one changed cross-reference makes an article modified.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import lshift, or_

#: Characters of a word kept as its stem.
STEM_LEN = 6
#: A whole word (``\w+``), of which the group keeps the stem: the regex engine cuts the stem,
#: so no Python-level slicing runs per word.
_STEM = re.compile(rf"(\w{{1,{STEM_LEN}}})\w*")


class _Ids(dict[str, int]):
    """Stem → id; a stem seen for the first time gets the next free id."""

    def __missing__(self, stem: str) -> int:
        self[stem] = n = len(self)
        return n


class Vocabulary:
    """Stem → small integer, shared by both documents of one alignment."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = _Ids()

    def __len__(self) -> int:
        return len(self.ids)

    def encode(self, text: str) -> list[int]:
        """Ids of the stems of ``text``, in order (new stems get the next free id)."""
        # ``map`` over ``__getitem__`` runs in C; only a new stem calls back into Python.
        return list(map(self.ids.__getitem__, _STEM.findall(text.casefold())))


def collapse(text: str) -> str:
    """``text`` with every whitespace run turned into one space, trimmed."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Features:
    """What a text is compared by.

    Attributes:
        uni: Distinct stem ids.
        bi: Distinct pairs of consecutive stem ids, packed as ``a << 32 | b``.
    """

    uni: frozenset[int]
    bi: frozenset[int]

    @staticmethod
    def of(ids: list[int]) -> Features:
        """Features of a sequence of stem ids."""
        # ``a << 32 | b`` for each consecutive pair, built in C (same values, same order).
        return Features(frozenset(ids), frozenset(map(or_, map(lshift, ids, repeat(32)), ids[1:])))

    def __or__(self, other: Features) -> Features:
        return Features(self.uni | other.uni, self.bi | other.bi)

    def __sub__(self, other: Features) -> Features:
        return Features(self.uni - other.uni, self.bi - other.bi)

    @property
    def empty(self) -> bool:
        """Whether there is nothing to compare."""
        return not self.uni


EMPTY = Features(frozenset(), frozenset())


#: Most :class:`Packed` feature sets kept as sets at once (about 20 KB each for a long article).
PACKED_CACHE = 1024
_sets: dict[Packed, Features] = {}


class Packed(Features):
    """Features of a text held as two machine-integer arrays; the sets are made when read.

    Why: a frozenset of a long article's stems and bigrams costs about 20 KB (its hash table and
    one int object per bigram), so two 50 MB texts need over 2 GB of them, all alive until the
    alignment ends. An array costs a tenth of that. The aligner switches to packed features for
    inputs that large (:data:`condiff.align.PACKED_FROM`) and keeps at most
    :data:`PACKED_CACHE` of them as sets at a time.

    Why the results stay the same to the last bit: the arrays hold the distinct values in the
    order they were first met, and a set built from them meets the same new values in the same
    order as one built from the full sequence, so it grows the same hash table and iterates in
    the same order (float sums over sets depend on that order). A packed unit of several blocks
    keeps its blocks and makes its sets as their union, exactly as a plain unit does.
    """

    __slots__ = ("_bi", "_parts", "_uni")
    _uni: array[int]
    _bi: array[int]
    _parts: tuple[Packed, ...]

    def __init__(self, uni: Iterable[int] = (), bi: Iterable[int] = (),
                 parts: tuple[Packed, ...] = ()) -> None:
        object.__setattr__(self, "_uni", array("q", uni))
        object.__setattr__(self, "_bi", array("q", bi))
        object.__setattr__(self, "_parts", parts)

    @staticmethod
    def of(ids: list[int]) -> Packed:
        """Packed features of a sequence of stem ids."""
        bigrams = map(or_, map(lshift, ids, repeat(32)), ids[1:])
        return Packed(dict.fromkeys(ids), dict.fromkeys(bigrams))

    @staticmethod
    def union(parts: Sequence[Packed]) -> Packed:
        """The features of several blocks taken together (made as sets when read)."""
        return Packed(parts=tuple(parts))

    def sets(self) -> Features:
        """The plain features (from a bounded cache)."""
        hit = _sets.get(self)
        if hit is None:
            if self._parts:
                hit = Features(frozenset().union(*(p.uni for p in self._parts)),
                               frozenset().union(*(p.bi for p in self._parts)))
            else:
                hit = Features(frozenset(self._uni), frozenset(self._bi))
            if len(_sets) >= PACKED_CACHE:
                _sets.clear()
            _sets[self] = hit
        return hit

    @property  # type: ignore[override]
    def uni(self) -> frozenset[int]:
        return self.sets().uni

    @property  # type: ignore[override]
    def bi(self) -> frozenset[int]:
        return self.sets().bi

    @property
    def empty(self) -> bool:
        if self._parts:
            return all(p.empty for p in self._parts)
        return not self._uni

    def __or__(self, other: Features) -> Features:
        return self.sets() | other

    def __sub__(self, other: Features) -> Features:
        return self.sets() - other

    # Identity, not value: the cache is keyed by the object.
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other

    def __repr__(self) -> str:
        return f"Packed({len(self._uni)} stems, {len(self._bi)} bigrams, {len(self._parts)} parts)"


def release_packed() -> None:
    """Drop the sets made from packed features (at the end of an alignment)."""
    _sets.clear()
