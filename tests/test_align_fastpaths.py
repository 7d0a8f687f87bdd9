"""The fast paths of alignment compute exactly what the plain code they replace computes.

Alignment decisions compare floats, so a fast path must give the same value to the last bit,
not merely a close one: each test checks a fast path against the plain definition.
"""

from __future__ import annotations

import gc
import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from condiff.align import align_documents
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
