"""The fast paths of alignment compute exactly what the plain code they replace computes.

Alignment decisions compare floats, so a fast path must give the same value to the last bit,
not merely a close one: each test checks a fast path against the plain definition.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from condiff.align import align_documents
from condiff.align.candidates import BIGRAM_WEIGHT, RELATIVE_MIN, Index
from condiff.align.normalize import STEM_LEN, Features, Vocabulary, collapse
from condiff.align.scoring import Scorer
from condiff.model import Document, Provision, finalize

WORDS = st.text(alphabet="abcdéßжщ_1 \t\n.,;-—«»\u00a0\u2003", max_size=80)
ID_LISTS = st.lists(st.integers(min_value=0, max_value=40), max_size=30)


def plain_encode(vocab: dict[str, int], text: str) -> list[int]:
    return [vocab.setdefault(w[:STEM_LEN], len(vocab))
            for w in re.findall(r"\w+", text.casefold())]


@given(st.lists(WORDS, max_size=6))
def test_encode_matches_plain_stemming(texts: list[str]) -> None:
    fast, plain = Vocabulary(), dict[str, int]()
    for t in texts:
        assert fast.encode(t) == plain_encode(plain, t)
    assert dict(fast.ids) == plain


@given(ID_LISTS)
def test_features_match_plain_bigrams(ids: list[int]) -> None:
    f = Features.of(ids)
    assert list(f.uni) == list(frozenset(ids))
    # Same elements in the same iteration order: sums over them are the same floats.
    assert list(f.bi) == list(frozenset([a << 32 | b for a, b in pairwise(ids)]))


@given(st.lists(WORDS, max_size=6))
def test_joined_block_keys_equal_collapsed_whole(texts: list[str]) -> None:
    keys = [collapse(t) for t in texts]
    assert " ".join(k for k in keys if k) == collapse(" ".join(texts))


@given(ID_LISTS, st.lists(ID_LISTS, max_size=6), st.lists(ID_LISTS, max_size=6))
def test_contents_equal_similarity_content(
    a_ids: list[int], b_ids: list[list[int]], corpus: list[list[int]]
) -> None:
    a = Features.of(a_ids)
    bs = [Features.of(ids) for ids in b_ids]
    scorer = Scorer([Features.of(ids) for ids in corpus] + [a, *bs], 41)
    assert scorer.contents(a, bs) == [scorer.similarity(a, b).content for b in bs]


def test_alignment_leaves_the_garbage_collector_as_it_found_it() -> None:
    doc = finalize(Document(title="t", provisions=(
        Provision("article", "1", text="alpha beta gamma"),)))
    was = gc.isenabled()
    try:
        gc.enable()
        align_documents(doc, doc)
        assert gc.isenabled()
        gc.disable()
        align_documents(doc, doc)
        assert not gc.isenabled()
        gc.enable()
        with pytest.raises(AttributeError):
            align_documents(doc, None)  # type: ignore[arg-type]
        assert gc.isenabled()
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


class PlainIndex:
    """The index as first written: a list per posting, filtered by length afterwards."""

    def __init__(self, items: list[Features | None], weight: Callable[[int], float],
                 max_postings: int, max_stem_postings: int) -> None:
        uni: dict[int, list[int]] = {}
        bi: dict[int, list[int]] = {}
        for i, f in enumerate(items):
            if f is None:
                continue
            for t in f.uni:
                uni.setdefault(t, []).append(i)
            for t in f.bi:
                bi.setdefault(t, []).append(i)
        self.uni = {t: (weight(t), p) for t, p in uni.items() if len(p) <= max_stem_postings}
        self.bi = {t: p for t, p in bi.items() if len(p) <= max_postings}

    def query(self, f: Features, top_k: int, near: float, size: int) -> list[int]:
        acc: dict[int, float] = {}
        for t in f.uni:
            if t in self.uni:
                w, p = self.uni[t]
                for i in p:
                    acc[i] = acc.get(i, 0.0) + w
        for t in f.bi:
            for i in self.bi.get(t, []):
                acc[i] = acc.get(i, 0.0) + BIGRAM_WEIGHT
        if not acc:
            return []
        floor = RELATIVE_MIN * max(acc.values())
        scale = 1.0 / max(size, 1)
        kept = sorted((-round(v, 9), abs(i * scale - near), i)
                      for i, v in acc.items() if v >= floor)
        return sorted(i for _, _, i in kept[:top_k])


@given(st.lists(st.one_of(st.none(), ID_LISTS), max_size=12), ID_LISTS,
       st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=4),
       st.integers(min_value=1, max_value=5), st.floats(min_value=0.0, max_value=1.0))
def test_index_queries_match_the_plain_index(
    docs: list[list[int] | None], query: list[int], limit: int, stem_limit: int, top_k: int,
    near: float,
) -> None:
    items = [None if d is None else Features.of(d) for d in docs]
    f = Features.of(query)
    weight: Callable[[int], float] = lambda t: 1.0 / (1 + t % 7)  # noqa: E731
    want = PlainIndex(items, weight, limit, stem_limit).query(f, top_k, near, len(items))
    assert Index(items, weight, limit, stem_limit).query(f, top_k, near) == want
