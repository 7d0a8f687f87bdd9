"""Consecutive official versions of one constitution (the Spanish-language series of Spain,
Chile and Mexico): alignment must not invent moves, merges or splits between them.

The texts are read from the reference corpora folder and the tests skip when it is absent.
Facts kept here are article numbers only, checked by reading both versions:

- Spain's reforms of 1992, 2011 and 2024 each rewrote one article (13, 135, 49): every other
  article is unchanged, nothing moved, merged or split.
- In the Mexican and Chilean series some articles really were merged into others (Mexico
  1917 → 2011: the ban on slavery of Art. 2 now in Art. 1, Art. 53's substitutes in Art. 51, Arts.
  25 and 26 in Art. 16), so groups are allowed there, but each must rest on a paragraph pair
  that shows it, and a unit never joins a group only because a long article of the other version
  holds most of its words (Mexico 2025's labour article, whose paragraphs run to pages, held the
  1917 Supreme Court article 105 and the 2011 appointment article 96).
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from condiff.align import align_documents
from condiff.model import ArticlePair
from condiff.read import read_document

from .conftest import raw_path

SPAIN = ("spain-1978-es.txt", "spain-1978-rev1992-es.txt", "spain-1978-rev2011-es.txt",
         "spain-1978-rev2024-es.txt")
GROUPED_SERIES = (
    ("chile-1980-es.txt", "chile-1980-rev2005-es.txt"),
    ("chile-1980-rev2005-es.txt", "chile-1980-rev2012-es.txt"),
    ("chile-1980-rev2012-es.txt", "chile-1980-rev2018-es.txt"),
    ("mexico-1917-es.txt", "mexico-1917-rev2011-es.txt"),
    ("mexico-1917-rev2011-es.txt", "mexico-1917-rev2025-es.txt"),
    ("mexico-1917-es.txt", "mexico-1917-rev2025-es.txt"),
)
#: (old file, new file) → (old article, new article) links that would be spurious.
NEVER: dict[tuple[str, str], set[tuple[str, str]]] = {
    ("mexico-1917-es.txt", "mexico-1917-rev2025-es.txt"): {("105", "123"), ("115", "123")},
    ("mexico-1917-rev2011-es.txt", "mexico-1917-rev2025-es.txt"): {("96", "123")},
}
#: Least paragraph similarity of the pair that shows a group (a reworded paragraph still
#: keeps about half of its words).
GROUP_EVIDENCE = 0.4


def _align(old: str, new: str) -> tuple[ArticlePair, ...]:
    return align_documents(read_document(raw_path(old)), read_document(raw_path(new)),
                           redlines=False)[0]


@pytest.mark.parametrize(("old", "new"), [(SPAIN[0], SPAIN[-1]), *pairwise(SPAIN)])
def test_spanish_reforms_move_nothing(old: str, new: str) -> None:
    pairs = _align(old, new)
    kinds = Counter(p.kind for p in pairs)
    assert kinds["merged"] == kinds["split"] == kinds["moved"] == 0, kinds
    assert not any(p.secondary_old_ids or p.secondary_new_ids for p in pairs)
    assert kinds["removed"] == kinds["added"] == 0, kinds
    # One article per reform (three from the original to 2024), every other one unchanged.
    assert kinds["modified"] <= (3 if (old, new) == (SPAIN[0], SPAIN[-1]) else 1), kinds
    assert kinds["unchanged"] >= 170


@pytest.mark.parametrize(("old", "new"), GROUPED_SERIES)
def test_series_groups_rest_on_paragraphs(old: str, new: str) -> None:
    pairs = _align(old, new)
    links = {(o, n) for p in pairs for o in p.old for n in p.new}
    assert not links & NEVER.get((old, new), set())
    for p in pairs:
        if p.kind in ("merged", "split", "moved") or p.secondary_new_ids:
            best = max((pp.score for pp in p.paragraphs if pp.old_id and pp.new_id), default=0)
            assert best >= GROUP_EVIDENCE, (p.kind, p.old, p.new)
