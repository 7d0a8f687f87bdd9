"""Tokens and stems for rule matching.

Russian and German inflect heavily ("забастовка", "забастовку", "забастовки"), so rule packs
name words that are compared by their Snowball stem, or word beginnings ending in ``*`` that are
compared as prefixes. Every token keeps its character offsets into the text it came from, so a
match becomes a :class:`~condiff.model.Span` of evidence without any re-searching.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

#: BCP 47 primary language → Snowball algorithm name.
SNOWBALL: dict[str, str] = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "uk": "russian",
}

#: Words: letters and digits, with inner hyphens or apostrophes ("self-determination").
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
#: Sentence and clause ends: a negation or an aims clause never reaches past these.
_CLAUSE_END = re.compile(r"[.;:!?]+(?=\s|$)|\n")


class Token(NamedTuple):
    """One word of a text (immutable; a named tuple rather than a frozen dataclass because a
    large constitution has a few hundred thousand of them and a tuple is built ~3x faster).

    Attributes:
        start: Offset of the first character in the text.
        end: Offset after the last character.
        norm: Casefolded form ("ё" read as "е").
        stem: Snowball stem of ``norm`` for the text's language (``norm`` if none).
        clause: Index of the clause (sentence or ``;``-part) the token sits in.
    """

    start: int
    end: int
    norm: str
    stem: str
    clause: int


def language_key(language: str) -> str:
    """Primary subtag of a BCP 47 code, lower case ("ru-KZ" → "ru"); "" if empty."""
    return language.split("-")[0].split("_")[0].strip().lower()


@lru_cache(maxsize=32)
def _stemmer(language: str) -> Any:
    algorithm = SNOWBALL.get(language_key(language))
    if algorithm is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(algorithm)


def normalize(word: str) -> str:
    """Casefold and fold "ё" into "е", as Russian legal texts use both."""
    return word.casefold().replace("ё", "е").replace("’", "'")


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """Snowball stem of one word (already or not yet normalised); the word itself if the
    language has no stemmer."""
    norm = normalize(word)
    stemmer = _stemmer(language)
    if stemmer is None:
        return norm
    return str(stemmer.stemWord(norm))


#: Words remembered per language with their (normalised form, stem): a constitution repeats a
#: few thousand distinct words tens of thousands of times, and Snowball in pure Python costs
#: tens of microseconds a word. Bounded so that a long-running process (the review UI fed one
#: hostile file after another) cannot grow without limit.
MAX_CACHED_WORDS = 100_000
_FORMS: dict[str, dict[str, tuple[str, str]]] = {}


def forms_cache_clear() -> None:
    """Forget every remembered word (for benchmarks measuring a cold start)."""
    _FORMS.clear()


def _forms(language: str) -> dict[str, tuple[str, str]]:
    forms = _FORMS.get(language)
    if forms is None or len(forms) > MAX_CACHED_WORDS:
        forms = _FORMS[language] = {}
    return forms


def word_forms(text: str, language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The normalised forms and the stems of the words of ``text`` (the sets of ``norm`` and
    ``stem`` over ``tokenize(text, language)``, without building the tokens)."""
    forms = _forms(language)
    norms: set[str] = set()
    stems: set[str] = set()
    for word in set(_WORD.findall(text)):
        known = forms.get(word)
        if known is None:
            norm = normalize(word)
            known = forms[word] = (norm, stem(norm, language))
        norms.add(known[0])
        stems.add(known[1])
    return frozenset(norms), frozenset(stems)


def tokenize(text: str, language: str) -> tuple[Token, ...]:
    """Split ``text`` into word tokens with offsets, stems and clause numbers."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text)]
    n_ends = len(ends)
    forms = _forms(language)
    out: list[Token] = []
    clause = 0
    for match in _WORD.finditer(text):
        start = match.start()
        while clause < n_ends and ends[clause] <= start:
            clause += 1
        word = match.group()
        known = forms.get(word)
        if known is None:
            norm = normalize(word)
            known = forms[word] = (norm, stem(norm, language))
        out.append(Token(start, match.end(), known[0], known[1], clause))
    return tuple(out)
