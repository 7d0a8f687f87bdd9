"""The real Kazakhstan pair (1995 as amended 2022 → 2026, Russian): article numbers only.

Every pair below was checked by reading both Russian texts side by side. Only the numbers are
kept here (the texts are never copied into the project); the test reads the texts from the
reference corpora folder and skips when they are absent. The whole concordance, secondary
successors included, is ``benchmarks/gold/kazakhstan-1995-2026.yaml``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml

from condiff.align import align_documents
from condiff.model import ArticlePair
from condiff.read import read_document

from .conftest import ROOT, raw_path

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


def _primary(p: ArticlePair) -> tuple[str, ...]:
    """The entry's own new units (secondary successors left out)."""
    return tuple(n for n, i in zip(p.new, p.new_ids, strict=True) if i not in p.secondary_new_ids)


def test_verified_pairs(alignment: tuple[ArticlePair, ...]) -> None:
    found = {o: _primary(p) for p in alignment for o, i in zip(p.old, p.old_ids, strict=True)
             if i not in p.secondary_old_ids}
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


GOLD = ROOT / "benchmarks" / "gold" / "kazakhstan-1995-2026.yaml"


def _gold() -> dict[str, Any]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def _links(alignment: tuple[ArticlePair, ...]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(every (old, new) pair of every entry, the pairs a secondary unit takes part in)."""
    pairs: set[tuple[str, str]] = set()
    secondary: set[tuple[str, str]] = set()
    for p in alignment:
        for o, oi in zip(p.old, p.old_ids, strict=True):
            for n, ni in zip(p.new, p.new_ids, strict=True):
                pairs.add((o, n))
                if oi in p.secondary_old_ids or ni in p.secondary_new_ids:
                    secondary.add((o, n))
    return pairs, secondary


def test_secondary_successors_found_by_reading_are_reported(
        alignment: tuple[ArticlePair, ...]) -> None:
    # Each as a redlined pair of paragraphs: a paragraph of the old article, one of the new.
    _, secondary = _links(alignment)
    want = {(str(a["old"]), str(n)) for a in _gold()["articles"] if a.get("reported")
            for n in a["secondary"]}
    assert len(want) >= 2
    assert want <= secondary
    moved = {(pp.old.split(".")[0], pp.new.split(".")[0]) for p in alignment
             for pp in p.paragraphs if pp.old and pp.new}
    assert want <= moved


def test_no_link_the_reading_does_not_support(alignment: tuple[ArticlePair, ...]) -> None:
    truth = {(str(a["old"]), str(n)) for a in _gold()["articles"] for n in a["new"]}
    pairs, secondary = _links(alignment)
    assert secondary <= truth
    assert sorted(pairs - truth - {("preamble", "preamble")}) == []


def test_concordance_recall(alignment: tuple[ArticlePair, ...]) -> None:
    # The misses are secondary successors the reading found but word overlap cannot show
    # (benchmarks/align_eval.py --gold names them).
    truth = {(str(a["old"]), str(n)) for a in _gold()["articles"] for n in a["new"]}
    pairs, _ = _links(alignment)
    assert len(pairs & truth) / len(truth) >= 0.95


def test_every_unit_has_one_own_entry(alignment: tuple[ArticlePair, ...]) -> None:
    own_old = Counter(i for p in alignment for i in p.old_ids if i not in p.secondary_old_ids)
    own_new = Counter(i for p in alignment for i in p.new_ids if i not in p.secondary_new_ids)
    assert set(own_old.values()) == {1} and set(own_new.values()) == {1}
