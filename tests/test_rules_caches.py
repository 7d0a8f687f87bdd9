"""The rule engine's bounded caches and column-wise shortcuts give the answers of the long way.

The engine keeps a block's tokens and its cue matches in least-recently-used caches bounded by
their total weight, so a hostile 50 MB input cannot make it hold gigabytes; a dropped entry is
simply computed again. These tests check that the bound holds, that recomputing after eviction
changes no finding, and that each shortcut the hot loop takes (first-word positions read from
the token columns, words stemmed in batches, a faster spelling of the clause-end expression,
per-cue overlap checks) agrees with the straightforward definition it replaces.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from condiff.align import align_documents
from condiff.model import Comparison
from condiff.read import read_document
from condiff.rules import engine, index, load_registry, match
from condiff.rules.blocks import Side, prepare
from condiff.rules.index import Block, Tokens, _Lru
from condiff.rules.match import Hit, _dedupe
from condiff.rules.stem import _CLAUSE_END, forms_of, normalize, stem, tokenize
from tests.test_rules_speed import LANGS, patterns, sides, texts
from tests.test_rules_support import doc


def test_lru_keeps_its_weight_under_the_limit_and_the_newest_entries() -> None:
    cache = _Lru(100)
    owner = object()
    for i in range(1000):
        cache.put(i, owner, str(i), i % 7)
        assert cache._held <= 100 or len(cache._entries) == 1
    assert cache.get(999, owner) == "999"
    assert cache.get(0, owner) is None
    # An entry is only returned to the owner that stored it (ids of dead objects are reused).
    assert cache.get(999, object()) is None


def test_an_entry_heavier_than_the_limit_is_kept_alone() -> None:
    cache = _Lru(10)
    owner = object()
    cache.put("small", owner, 1, 3)
    cache.put("huge", owner, 2, 50)
    assert cache.get("huge", owner) == 2
    assert cache.get("small", owner) is None


def test_evicting_everything_all_the_time_changes_no_finding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled sample pair, once with the normal caches and once with caches so small
    that nearly every token list and cue match is computed again: the same findings."""
    old, new = read_document("sample:2009"), read_document("sample:2026")
    alignment, _ = align_documents(old, new)
    comparison = Comparison(old=old, new=new, alignment=alignment)
    registry = load_registry()
    rules, cues = registry.active(), registry.frozen_cues()
    normal = engine.run_rules(comparison, rules, cues)
    assert normal[0], "the sample pair must give findings for this test to mean anything"
    monkeypatch.setattr(index, "MAX_CACHED_TOKENS", 40)
    monkeypatch.setattr(match, "MAX_CACHED_CUE_HITS", 3)
    assert engine.run_rules(comparison, rules, cues) == normal


@settings(deadline=None, max_examples=40)
@given(st.sampled_from(LANGS).flatmap(lambda lang: st.tuples(st.just(lang), texts(lang))))
def test_first_word_positions_are_where_the_term_matches(case: tuple[str, str]) -> None:
    lang, text = case
    tokens = Tokens.of_text(text, lang)
    side = prepare(doc(lang, ("1", text))) if text.strip() else None
    for pattern in patterns(lang):
        for phrase in pattern.phrases:
            term = phrase[0]
            expected = [i for i, t in enumerate(tokens) if term.matches(t.norm, t.stem)]
            assert tokens.where(term) == expected, term
            if side is not None and term.prefix:
                starting = side.index.starting(term.text)
                assert tokens.where(term, starting) == expected, term


@given(st.sampled_from((*LANGS, "xx")), st.lists(st.text(
    alphabet=st.sampled_from("abzABЁёжЖäßİ’'-"), min_size=1, max_size=12), max_size=30))
def test_words_stemmed_in_a_batch_are_stemmed_as_one_by_one(lang: str,
                                                           words: list[str]) -> None:
    assert forms_of(words, lang) == [(normalize(w), stem(w, lang)) for w in words]


@given(st.text(alphabet=st.sampled_from("ab .;:!?\n\t,"), max_size=40))
def test_clause_ends_are_those_of_the_readable_expression(text: str) -> None:
    readable = re.compile(r"[.;:!?]+(?=\s|$)|\n")
    assert [m.end() for m in _CLAUSE_END.finditer(text)] == [
        m.end() for m in readable.finditer(text)]


@given(st.text(alphabet=st.sampled_from("abzЁё’'-_ .;\n1"), max_size=60))
def test_tokens_read_column_by_column_are_the_tokens(text: str) -> None:
    assert tuple(Tokens.of_text(text, "ru")) == tokenize(text, "ru")
    assert tuple(Tokens(tokenize(text, "en"))) == tokenize(text, "en")


def _dedupe_long_way(hits: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    kept: list[tuple[str, Hit]] = []
    for cue_id, hit in sorted(hits, key=lambda x: (x[1].start, -x[1].end)):
        if any(k == cue_id and h.start < hit.end and hit.start < h.end for k, h in kept):
            continue
        kept.append((cue_id, hit))
    return kept


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 30), st.integers(1, 6)),
                max_size=12))
def test_cue_overlaps_are_dropped_as_the_long_way_drops_them(
        raw: list[tuple[str, int, int]]) -> None:
    block = Block(id="b", ref="1", unit="u", text="x" * 40)
    hits = [(cue, Hit(block, 0, 0, start, start + length)) for cue, start, length in raw]
    assert _dedupe(list(hits)) == _dedupe_long_way(hits)


@settings(deadline=None, max_examples=30)
@given(sides())
def test_candidate_bits_and_positions_agree(side: Side) -> None:
    index = side.index
    for pattern in patterns(side.language):
        found = index.candidates(pattern)
        assert index.candidates_any([pattern]) == sorted(found)
        for block in side.blocks:
            assert index.may_match(pattern, block.pos) == (
                block.pos in found and bool(block.index.norms)), pattern.source
