"""Tokens and stems for rule matching.

Russian and German inflect heavily ("забастовка", "забастовку", "забастовки"), so rule packs
name words that are compared by their Snowball stem, or word beginnings ending in ``*`` that are
compared as prefixes. Every token keeps its character offsets into the text it came from, so a
match becomes a :class:`~condiff.model.Span` of evidence without any re-searching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_WORD = WORD
#: Sentence and clause ends: a negation or an aims clause never reaches past these.
#: (Written as ``[.;:!?]+(?=\s|$)|\n`` reads more easily; this form, which matches the same
#: text, starts with one character class and so is searched three times faster.)
CLAUSE_END = re.compile(r"[.;:!?\n](?:(?<=\n)|[.;:!?]*(?=\s|$))")
_CLAUSE_END = CLAUSE_END


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
    try:  # PyStemmer, which snowballstemmer hands out anyway when it is installed
        import Stemmer  # type: ignore[import-not-found]
    except ImportError:
        import snowballstemmer

        return snowballstemmer.stemmer(algorithm)
    return Stemmer.Stemmer(algorithm)


def normalize(word: str) -> str:
    """Casefold and fold "ё" into "е", as Russian legal texts use both."""
    return word.casefold().replace("ё", "е").replace("’", "'")


#: Languages whose texts are compared without their accents: Spanish and its neighbours
#: write "prohíbe" and "prohibe", "ARTÍCULO" and "ARTICULO", old texts and new ones alike.
#: (Not German or Russian, where the marked letter is another letter: "Würde", "wurde".)
FOLDED: frozenset[str] = frozenset({"es", "pt", "fr", "it", "ca", "gl"})
_FOLD = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüç", "aaaaaeeeeiiiiooooouuuuc")


def fold(word: str, language: str) -> str:
    """``word`` without accents in a language of :data:`FOLDED` ("ñ" stays a letter of its
    own); unchanged otherwise."""
    return word.translate(_FOLD) if language_key(language) in FOLDED else word


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """Snowball stem of one word (already or not yet normalised); the word itself if the
    language has no stemmer. The stem is taken before accents are folded (the stemmer knows
    "-ción"), then folded like the word."""
    norm = normalize(word)
    stemmer = _stemmer(language)
    if stemmer is None:
        return fold(norm, language)
    return fold(str(stemmer.stemWord(norm)), language)


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
            known = forms[word] = _form(word, language)
        norms.add(known[0])
        stems.add(known[1])
    return frozenset(norms), frozenset(stems)


def forms_of(words: Sequence[str], language: str) -> list[tuple[str, str]]:
    """The (normalised form, stem) of each word, as :func:`word_form` gives them, remembered:
    the stemmer takes a batch several times faster than single words, and a document has
    thousands of distinct ones. ``normalize`` is idempotent, so stemming the normalised form
    gives :func:`stem`'s answer."""
    out: list[tuple[str, str]] = []
    stemmer = _stemmer(language)
    for at in range(0, len(words), _BATCH):
        chunk = words[at:at + _BATCH]
        forms = _forms(language)  # in batches, so the cache stays bounded
        fresh = [w for w in dict.fromkeys(chunk) if w not in forms]
        if fresh:
            norms = [normalize(w) for w in fresh]
            stems = norms if stemmer is None else [str(s) for s in stemmer.stemWords(norms)]
            folded = language_key(language) in FOLDED
            for word, norm, stemmed in zip(fresh, norms, stems, strict=True):
                forms[word] = ((norm.translate(_FOLD), stemmed.translate(_FOLD)) if folded
                               else (norm, stemmed))
        out.extend(forms[w] for w in chunk)
    return out


_BATCH = 10_000


def word_form(word: str, language: str) -> tuple[str, str]:
    """The (normalised form, stem) of one word as it stands in a text, remembered."""
    forms = _forms(language)
    known = forms.get(word)
    if known is None:
        known = forms[word] = _form(word, language)
    return known


def _form(word: str, language: str) -> tuple[str, str]:
    """(normalised form, stem) of a word as it stands, accents folded where the language
    folds them (the stem taken first)."""
    norm = normalize(word)
    return fold(norm, language), stem(norm, language)


#: The columns of a text's tokens: starts, ends, normalised forms, stems, clause numbers.
Columns = tuple[list[int], list[int], list[str], list[str], list[int]]


def tokenize_columns(text: str, language: str) -> Columns:
    """The tokens of ``text`` column by column (what :func:`tokenize` gives, without building
    a tuple per token: the rules engine reads the columns, and a large hostile text has
    millions of tokens)."""
    forms = _forms(language)
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    stems: list[str] = []
    clauses: list[int] = []
    clause_ends = [m.end() for m in _CLAUSE_END.finditer(text)]
    n_ends = len(clause_ends)
    clause = 0
    limit = clause_ends[0] if n_ends else -1
    for match in _WORD.finditer(text):
        start, end = match.span()
        if 0 <= limit <= start:
            while clause < n_ends and clause_ends[clause] <= start:
                clause += 1
            limit = clause_ends[clause] if clause < n_ends else -1
        word = match.group()
        known = forms.get(word)
        if known is None:
            known = forms[word] = _form(word, language)
        starts.append(start)
        ends.append(end)
        norms.append(known[0])
        stems.append(known[1])
        clauses.append(clause)
    return starts, ends, norms, stems, clauses


def tokenize(text: str, language: str) -> tuple[Token, ...]:
    """Split ``text`` into word tokens with offsets, stems and clause numbers."""
    return tuple(map(Token, *tokenize_columns(text, language)))
