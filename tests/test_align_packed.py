"""Packed feature sets (the aligner's memory-saving mode for very large inputs) give exactly
the alignment plain sets give: same pairs, same kinds, same scores to the last bit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import condiff.align as align
import condiff.align.normalize as normalize
from condiff.align import align_documents
from condiff.align.normalize import Features, Packed, Vocabulary
from condiff.model import Document
from condiff.read import parse_string, read_document

from .conftest import raw_path


def _both(old: Document, new: Document, monkeypatch: pytest.MonkeyPatch,
          cache: int = normalize.PACKED_CACHE) -> None:
    plain = align_documents(old, new)
    with monkeypatch.context() as m:
        m.setattr(align, "PACKED_FROM", -1)
        m.setattr(normalize, "PACKED_CACHE", cache)
        packed = align_documents(old, new)
    assert packed == plain
    assert normalize._sets == {}  # released when the alignment ends


def test_sample_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    _both(read_document("sample:2009"), read_document("sample:2026"), monkeypatch)


def test_sample_pair_with_a_tiny_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sets are dropped and made again all the time: still the same results.
    _both(read_document("sample:2009"), read_document("sample:2026"), monkeypatch, cache=3)


def test_kazakhstan_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    old = read_document(str(raw_path("kazakhstan-1995-rev2022-ru.txt")))
    new = read_document(str(raw_path("kazakhstan-2026-ru.txt")))
    _both(old, new, monkeypatch, cache=50)


WORDS = st.sampled_from(["right", "strike", "law", "court", "state", "may", "shall",
                         "everyone", "citizen"])
ARTICLE = st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=1,
                   max_size=3).map("\n\n".join)


def _doc(articles: list[str]) -> Document:
    text = "\n\n".join(f"Article {i}\n\n{body}" for i, body in enumerate(articles, 1))
    return parse_string(text, "text", path="<generated>")


@given(st.lists(ARTICLE, min_size=1, max_size=8), st.lists(ARTICLE, min_size=1, max_size=8))
def test_random_documents(old: list[str], new: list[str]) -> None:
    with pytest.MonkeyPatch.context() as m:
        _both(_doc(old), _doc(new), m, cache=2)


@given(st.lists(st.integers(0, 40), max_size=60))
def test_packed_sets_iterate_like_plain_ones(ids: list[int]) -> None:
    # Iteration order decides float sums over sets, so it must be the same, not just the values.
    plain, packed = Features.of(ids), Packed.of(ids)
    assert list(packed.uni) == list(plain.uni) and list(packed.bi) == list(plain.bi)
    assert packed.empty == plain.empty
    normalize.release_packed()


def test_a_packed_unit_is_the_union_of_its_blocks() -> None:
    vocab = Vocabulary()
    a, b = vocab.encode("the right to strike"), vocab.encode("the right of assembly")
    union = Packed.union([Packed.of(a), Packed.of(b)])
    plain_a, plain_b = Features.of(a), Features.of(b)
    assert list(union.uni) == list(frozenset().union(plain_a.uni, plain_b.uni))
    assert list(union.bi) == list(frozenset().union(plain_a.bi, plain_b.bi))
    assert (union | plain_a) == (plain_a | plain_b | plain_a)
    assert Packed.union([Packed.of([])]).empty
    normalize.release_packed()
