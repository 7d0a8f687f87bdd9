"""The rule engine's shortcuts give the answers of the long way round.

For speed the engine reads a block's word sets without tokenising it, and asks a word → blocks
index which blocks a pattern may match in instead of testing every block. These properties
check, on random text made of the bundled packs' own words, that each shortcut is exact: the
same word sets as the tokens, the same candidate blocks as the per-block test, the same topic
profile as matching every block.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from condiff.rules import load_registry
from condiff.rules.blocks import Side, prepare
from condiff.rules.index import Block, WordIndex
from condiff.rules.match import Matcher, _quick_reject, find, profile
from condiff.rules.packs import Pattern
from condiff.rules.stem import SNOWBALL, normalize, tokenize, word_forms
from tests.test_rules_support import doc

LANGS = ("en", "ru", "de")
FILLER = {
    "en": ["the", "shall", "not", "law", "Everyone", "may", "be", "of", "and", "State"],
    "ru": ["не", "закон", "каждый", "может", "быть", "и", "Ёлка", "государство", "в"],
    "de": ["die", "nicht", "Gesetz", "Jeder", "kann", "und", "Staat", "der", "wird"],
}


@cache
def patterns(lang: str) -> tuple[Pattern, ...]:
    """Every pattern the bundled packs have for a language: topics, exclusions, safeguards,
    restrictions, offices and cues."""
    registry = load_registry()
    out: list[Pattern] = []
    for rule in registry:
        for family in (rule.patterns, rule.exclude, rule.safeguards, rule.restrictions,
                       *rule.offices.values()):
            out.extend(family.get(lang, ()))
    for kinds in registry.frozen_cues().get(lang, {}).values():
        out.extend(p for _, p in kinds)
    return tuple(out)


@cache
def vocabulary(lang: str) -> tuple[str, ...]:
    """The packs' words as written, inflected a little (prefix terms get an ending), plus
    common filler."""
    words: set[str] = set(FILLER[lang])
    for pattern in patterns(lang):
        for phrase in pattern.phrases:
            for term in phrase:
                words.add(term.text + ("ation" if term.prefix else ""))
                words.add(term.text.capitalize() + "s")
    return tuple(sorted(words))


PUNCT = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", ": ", " - ", "\n", "’"])


@st.composite
def texts(draw: st.DrawFn, lang: str) -> str:
    words = draw(st.lists(st.sampled_from(vocabulary(lang)), min_size=0, max_size=14))
    return "".join(w + draw(PUNCT) for w in words)


@st.composite
def sides(draw: st.DrawFn) -> Side:
    lang = draw(st.sampled_from(LANGS))
    articles: list[tuple[str, list[str] | str]] = []
    for i in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            articles.append((str(i + 1), draw(texts(lang)) or "x"))
        else:
            body = draw(st.lists(texts(lang).filter(bool), min_size=1, max_size=4))
            articles.append((str(i + 1), body))
    return prepare(doc(lang, *articles))


@given(st.sampled_from((*LANGS, "xx")), st.text(
    alphabet=st.sampled_from("abzABЁёжЖäßİ’'-_ .;\n1"), max_size=60))
def test_word_forms_are_the_token_sets(lang: str, text: str) -> None:
    tokens = tokenize(text, lang)
    assert word_forms(text, lang) == (frozenset(t.norm for t in tokens),
                                      frozenset(t.stem for t in tokens))
    assert WordIndex.of_text(text, lang) == WordIndex.of(tokens)


@settings(deadline=None)
@given(sides())
def test_candidate_blocks_are_exactly_those_the_per_block_test_keeps(side: Side) -> None:
    index = side.index
    for pattern in patterns(side.language):
        found = index.candidates(pattern)
        if pattern.kind == "regex":
            assert found == frozenset(range(len(side.blocks)))
            continue
        expected = {i for i, b in enumerate(side.blocks)
                    if b.index.norms and not _quick_reject(pattern, b.index)}
        assert found == expected, pattern.source
        for i, block in enumerate(side.blocks):
            if i not in found:
                assert find(pattern, block) == [], pattern.source


class EveryBlock(Side):
    """A side whose index rules out no block: profiles made the long way."""

    def blocks_for(self, patterns: Iterable[Pattern]) -> list[Block]:
        return list(self.blocks)


@settings(deadline=None)
@given(sides())
def test_topic_profiles_match_every_block_the_long_way(side: Side) -> None:
    registry = load_registry()
    matcher = Matcher(registry.frozen_cues(), side.language)
    slow = EveryBlock(side.doc, side.language, side.blocks)
    for rule in registry.active():
        assert profile(rule, side, matcher) == profile(rule, slow, matcher), rule.id


def _pure_python_stemmer(algorithm: str) -> object:
    """snowballstemmer's own pure-Python stemmer, even where it hands out PyStemmer's."""
    module = importlib.import_module(f"snowballstemmer.{algorithm}_stemmer")
    return getattr(module, f"{algorithm.capitalize()}Stemmer")()


@pytest.mark.parametrize("language", sorted(set(SNOWBALL) - {"uk"}))
def test_the_c_stemmers_give_the_pure_python_stems(language: str) -> None:
    """PyStemmer (a dependency for speed) must stem exactly as snowballstemmer's Python code,
    which is what runs where PyStemmer cannot be installed: the packs' words, inflected."""
    stemmer = pytest.importorskip("Stemmer").Stemmer(SNOWBALL[language])
    pure = _pure_python_stemmer(SNOWBALL[language])
    words = {normalize(w) for lang in LANGS for w in vocabulary(lang)}
    words |= {w + ending for w in sorted(words)[::4] for ending in ("s", "en", "ами")}
    for word in sorted(words):
        assert stemmer.stemWord(word) == pure.stemWord(word), word  # type: ignore[attr-defined]
