"""Word-level redline: exact reproduction of both texts, word granularity, time budget."""

from __future__ import annotations

import itertools
import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from condiff.errors import CondiffWarning
from condiff.redline import new_text, old_text, redline, redline_status, tokenize

WORDS = st.sampled_from(
    ["право", "права", "на", "забастовку", "the", "right", "to", "strike", "Gesetz", "§",
     "1.", "(3)", "—", ",", "«", "»", "\u202e", "\x1b[31m", "e\u0301", "日本"]
)
SEPS = st.sampled_from([" ", "  ", "\n", "\t", "", " \n "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEPS), max_size=30))
    return "".join(w + s for w, s in parts)


@given(texts(), texts())
def test_ops_reproduce_both_texts(old: str, new: str) -> None:
    ops = redline(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert all(op in {"=", "-", "+"} and text for op, text in ops)
    # No two neighbours share an op: the redline is canonical.
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops))


@st.composite
def long_texts(draw: st.DrawFn) -> tuple[str, str]:
    """Long paragraphs (sentence mode) and an edited copy: the realistic case."""
    words = draw(st.lists(st.tuples(st.sampled_from(["a", "bb", "ccc", "d.", "e;", "f\n", "1."]),
                                    SEPS), min_size=100, max_size=400))
    old = "".join(w + s for w, s in words)
    edits = draw(st.lists(st.tuples(st.integers(0, len(words)), texts()), max_size=6))
    new_words = [w + s for w, s in words]
    for at, text in sorted(edits, reverse=True):
        new_words[at:at + 3] = [text]
    return old, "".join(new_words)


@given(long_texts())
def test_long_paragraphs_round_trip(pair: tuple[str, str]) -> None:
    old, new = pair
    ops = redline(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops))


@given(st.text(max_size=200), st.text(max_size=200))
def test_arbitrary_unicode_round_trips(old: str, new: str) -> None:
    ops = redline(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new


@given(texts())
def test_identical_texts_are_one_equality(text: str) -> None:
    ops = redline(text, text)
    assert ops == ((("=", text),) if text else ())


def test_changes_are_whole_words() -> None:
    ops = redline("everyone has the right to strike today", "everyone has the right today")
    deleted = [t for op, t in ops if op == "-"]
    assert deleted and all(t.strip() in {"to strike", "to", "strike"} for t in deleted)
    assert all(op != "+" for op, _ in ops)


def test_replacement_keeps_word_boundaries() -> None:
    ops = redline("the state guarantees it", "the state recognises it")
    changed = {(op, text.strip()) for op, text in ops if op != "="}
    assert changed == {("-", "guarantees"), ("+", "recognises")}


def test_tokenize_is_lossless() -> None:
    text = "Art. 24(3):  право\tна «забастовку»\n"
    assert "".join(tokenize(text)) == text


def test_many_distinct_tokens() -> None:
    # Far more distinct tokens than the Basic Multilingual Plane holds: the code points must
    # skip the surrogate block and still map back.
    old = " ".join(f"w{i}" for i in range(70000))
    new = old.replace(" w60000 ", " x ")
    ops = redline(old, new, timeout=0)
    assert old_text(ops) == old and new_text(ops) == new


def test_timeout_falls_back_with_warning() -> None:
    old = " ".join(f"a{i % 997} b{(i * 7) % 1009}" for i in range(20000))
    new = " ".join(f"a{(i * 3) % 991} b{(i * 5) % 1013}" for i in range(20000))
    ops, timed_out = redline_status(old, new, timeout=0.001)
    assert timed_out
    assert old_text(ops) == old and new_text(ops) == new
    with pytest.warns(CondiffWarning, match="budget"):
        redline(old, new, timeout=0.001)


def test_no_warning_within_budget() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        redline("a b c", "a c d")


def _shared_whole_words(a: str, b: str) -> int:
    """Length of the prefix two texts share, cut back so that no word is cut in two."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    word = re.compile(r"\w")
    while k and any(0 < k < len(t) and word.match(t[k - 1]) and word.match(t[k])
                    for t in (a, b)):
        k -= 1
    return k


@given(texts(), texts())
def test_replacements_share_no_leading_or_trailing_word(old: str, new: str) -> None:
    ops = redline(old, new)
    for (k1, a), (k2, b) in itertools.pairwise(ops):
        if {k1, k2} == {"-", "+"}:
            assert _shared_whole_words(a, b) == 0, ops
            assert _shared_whole_words(a[::-1], b[::-1]) == 0, ops


def test_word_extended_before_punctuation_keeps_the_word() -> None:
    # "Республики" before a full stop and "Республики " before a word are different tokens.
    ops = redline("права Республики.", "права Республики Казахстан.")
    assert ops == (("=", "права Республики"), ("+", " Казахстан"), ("=", "."))


def test_sentence_and_its_full_stop_go_together() -> None:
    ops = redline("established by law. The right to strike is recognised.", "established by law.")
    assert ops == (("=", "established by law."), ("-", " The right to strike is recognised."))
