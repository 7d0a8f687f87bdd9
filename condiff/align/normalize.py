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
