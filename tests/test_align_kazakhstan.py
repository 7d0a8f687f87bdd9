"""The real Kazakhstan pair (1995 as amended 2022 → 2026, Russian): article numbers only.

Every pair below was checked by reading both Russian texts side by side. Only the numbers are
kept here (the texts are never copied into the project); the test reads the texts from the
reference corpora folder and skips when they are absent.
"""

from __future__ import annotations

import pytest

from condiff.align import align_documents
from condiff.model import ArticlePair
from condiff.read import read_document

from .conftest import raw_path

#: old article → new article(s), verified by reading (4 → 5 treaty clause, 24 → 27 strike).
VERIFIED: dict[str, tuple[str, ...]] = {
    "1": ("1",), "2": ("2",), "3": ("4",), "4": ("5",), "5": ("6",), "6": ("8",),
    "7": ("9",), "8": ("10",), "9": ("11",), "10": ("13",), "13": ("12",), "14": ("16",),
    "15": ("17",), "16": ("18",), "17": ("20",), "18": ("21",), "19": ("22",), "20": ("23",),
    "21": ("24",), "22": ("25",), "23": ("26",), "24": ("27",), "25": ("28",), "26": ("29",),
    "27": ("30",), "28": ("31",), "29": ("32",), "32": ("34",), "33": ("35",), "34": ("36",),
    "35": ("38",), "36": ("39",), "51": ("54",), "52": ("55",), "60": ("59",), "61": ("60",),
    "62": ("61",), "63": ("62",), "64": ("63",), "65": ("64",), "66": ("65",), "67": ("66",),
    "68": ("67",), "69": ("68",), "70": ("69",), "71": ("72",), "72": ("73",), "73": ("74",),
    "74": ("75",), "75": ("76",), "76": ("77",), "78": ("79",), "79": ("80",), "80": ("81",),
    "81": ("82",), "82": ("83",), "83": ("84",), "83-1": ("85",), "85": ("87",),
    "86": ("88",), "87": ("89",), "88": ("90",), "89": ("91",), "90": ("94",),
    # 1995 Art. 77 (principles of justice) is continued by 2026 Art. 78 and, for the
    # presumption of innocence, by the rights chapter's Art. 19.
    "77": ("19", "78"),
}
#: New articles with no 1995 counterpart (People's Council).
ADDED = {"70", "71"}
#: 1995 articles with no 2026 counterpart (repealed placeholder, transitional provisions).
REMOVED = {"84", "92", "93", "95", "96", "97", "98"}


@pytest.fixture(scope="module")
def alignment() -> tuple[ArticlePair, ...]:
    old = read_document(raw_path("kazakhstan-1995-rev2022-ru.txt"))
    new = read_document(raw_path("kazakhstan-2026-ru.txt"))
    return align_documents(old, new)[0]


def test_verified_pairs(alignment: tuple[ArticlePair, ...]) -> None:
    found = {o: p.new for p in alignment for o in p.old}
    wrong = {o: (want, found.get(o)) for o, want in VERIFIED.items() if found.get(o) != want}
    assert wrong == {}
    assert len(VERIFIED) >= 40


def test_added_and_removed(alignment: tuple[ArticlePair, ...]) -> None:
    added = {n for p in alignment if p.kind == "added" for n in p.new}
    removed = {o for p in alignment if p.kind == "removed" for o in p.old}
    assert added >= ADDED
    assert removed >= REMOVED


def test_strike_and_treaty_paragraphs_are_paired(alignment: tuple[ArticlePair, ...]) -> None:
    paras = {(pp.old, pp.new) for p in alignment for pp in p.paragraphs}
    assert ("24.3", "27.3") in paras
    assert ("4.3", "5.3") in paras
