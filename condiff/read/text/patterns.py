"""Labels, paragraph markers and a language profile's heading words as regular expressions.

Everything the other passes match a line against lives here, compiled on first use: compiling
is a large part of reading a small text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..profiles import Profile
from . import ordinals


def lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled on first use: for the ones most texts never need
    (compiling every expression up front was a third of importing this module)."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


#: An article or container number as printed: 24, 83-1, 16a, 2A, 5bis, XVII, IVA, 24 (2).
LABEL = (
    r"(?:\d{1,6}(?:-\d{1,3})?(?:[ ]?(?:bis|ter|quater)(?![A-Za-z])(?![ ]\d)|er(?![A-Za-z])"
    r"|[A-Za-z](?![A-Za-z]))?(?:(?:\.[ ]\d)?\s?\(\d{1,2}\)(?=\.))?"
    r"|[IVXLCDM]{1,8}(?:-?[A-Z])?(?![A-Za-z]))"
)


TERMINAL = ".;:,!?"


#: A footnote digit printed between an article number and its insertion ordinal ("32. 1 (2)").
_GLUED_FOOTNOTE = lazy(r"\.[ ]\d(?=\s?\()")


def clean_label(label: str) -> str:
    """A label as read, without a footnote digit caught inside it ("32. 1 (2)" → "32 (2)")."""
    return _GLUED_FOOTNOTE().sub("", label) if ". " in label else label


def repair_label(label: str, last: tuple[int, str], limit: int) -> str:
    """The label a misprinted heading number stands for, or "" if it is none.

    A footnote digit glued to an article number ("322 (3)" after "32 (2)") or one digit
    misprinted ("223" where 233 is due) breaks the numbering; the number is taken for the one
    the sequence needs only when dropping the glued last digit gives a number at most ``limit``
    after ``last``."""
    m = LEADING_DIGITS.match(label)
    if not m or len(m.group()) < 2:
        return ""
    head, tail = m.group()[:-1], label[m.end():]
    fixed = head + tail
    key = label_key(fixed)
    return fixed if last < key and key[0] - last[0] <= limit else ""


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


LETTERS = re.compile(r"[^\W\d_]")


MARKER = re.compile(
    r"^(?:"
    r"\((?P<pnum>\d{1,3}(?:-\d{1,3})?[a-z]?)\)"
    r"|(?P<dnum>\d{1,3}(?:-\d{1,3})?)\.(?!\d)"
    r"|(?P<rnum>\d{1,3}(?:-\d{1,3})?)\)"
    r"|\((?P<palpha>[a-z]{1,2})\)"
    r"|(?P<dalpha>[a-z])\.(?=\s|[A-Za-z(\"“])"
    r"|(?P<ralpha>[a-z])\)"
    r"|(?P<droman>[ivxl]{1,6})\.(?=\s)"
    r")[ \t]*"
)


#: Container kinds a "Section" heading may have: a profile's own "section", or "division", the
#: kind the built-in profiles give a section that groups articles (a "section" is a numbered
#: provision: a US-style section of an article, or a Kenyan-style section that is the unit).
SECTION_KINDS = ("section", "division")


def roman_value(text: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        value = ROMAN.get(ch, 0)
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


LEADING_DIGITS = re.compile(r"\d+")


_LEADING_ROMAN = re.compile(r"[IVXLCDM]+")


def label_key(label: str) -> tuple[int, str]:
    """Sort key of an article label: ("83-1") → (83, "-1"), ("XIV") → (14, "")."""
    m = LEADING_DIGITS.match(label)
    if m:
        return int(m.group()), label[m.end():].strip().casefold()
    m = _LEADING_ROMAN.match(label)
    if m:
        return roman_value(m.group()), label[m.end():].strip("-").casefold()
    return 0, label.casefold()


def _variants(words: tuple[str, ...]) -> list[str]:
    out: set[str] = set()
    for w in words:
        out.update({w, w.upper(), w[:1].upper() + w[1:]})
    return sorted(out, key=len, reverse=True)


def _keyword_alt(words: tuple[str, ...], *, need_space: bool = True) -> str:
    parts = []
    for v in _variants(words):
        sep = r"[ \t]*" if v.endswith(".") or not v[-1:].isalnum() else (
            r"[ \t]+" if need_space else r"[ \t]*")
        parts.append(re.escape(v) + sep)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _containers_words(profile: Profile) -> tuple[str, ...]:
    return tuple(w for _, ws in profile.containers for w in ws)


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A search for any of ``words`` as printed ("(?!)", never matching, for none)."""
    return re.compile("|".join(re.escape(w) for w in words) or "(?!)")


class Patterns:
    """A profile compiled to regular expressions (shared with the Markdown reader).

    Each expression is compiled on first use: compiling is a large part of reading a small
    text, and a reader trying other languages' words (a text with no headings in the
    detected language) needs only ``unit`` of each.
    """

    def __init__(self, profile: Profile, extra_article: tuple[str, ...] = ()) -> None:
        self.profile = profile
        self.extra_article = extra_article
        #: Nesting rank of each container kind: its position in the profile.
        self.rank: dict[str, int] = {}
        for i, (kind, _) in enumerate(profile.containers):
            self.rank.setdefault(kind, i)
        #: Article and container words as printed (all case forms).
        self.article_words = tuple(_variants((*profile.article, *extra_article)))
        self.container_words = tuple(_variants(_containers_words(profile)))

    @functools.cached_property
    def has_article_word(self) -> re.Pattern[str]:
        """Prefilter: a line without any article word cannot hold a mid-line article heading,
        so the mid-line expressions are spared on most lines."""
        return _any_of(self.article_words)

    @functools.cached_property
    def has_article_stem(self) -> re.Pattern[str]:
        """Prefilter for article heading candidates, misspelt ones included (the first five
        letters of a long heading word)."""
        return _any_of(tuple({v[:5] if len(v) >= 6 and v.isalpha() else v
                              for v in self.article_words}))

    @functools.cached_property
    def has_heading_stem(self) -> re.Pattern[str]:
        """Prefilter of every line: an article stem or a container word anywhere in it."""
        return _any_of(tuple({v[:5] if len(v) >= 6 and v.isalpha() else v
                              for v in self.article_words} | set(self.container_words)))

    @functools.cached_property
    def has_heading_word(self) -> re.Pattern[str]:
        """Either prefilter at once: most lines hold neither kind of word."""
        return _any_of((*self.article_words, *self.container_words))

    @functools.cached_property
    def has_container_word(self) -> re.Pattern[str]:
        """Prefilter for the mid-line container heading, as :attr:`has_article_word`."""
        return _any_of(self.container_words)

    @functools.cached_property
    def _art(self) -> str:
        return _keyword_alt((*self.profile.article, *self.extra_article))

    @functools.cached_property
    def unit(self) -> re.Pattern[str]:
        """An article or amendment heading opening a line."""
        amd = _keyword_alt(self.profile.amendment)
        label_tail = (
            r"(?P<label>" + LABEL + r"|(?i:" + ordinals.WORD + r")(?=[.:\s\-–—]|$))"
            r"[º°ª]?(?P<sep>[.:,]{0,2})[º°ª]?"
            r"(?:[\'’]|(?<=\.)\d(?=\s+[A-Z]))?(?:[ \t]?[-–—]{1,2})?(?=[\s\])]|$)"
            r"[ \t]*(?P<rest>.*)$"
        )
        return re.compile(r"^(?:(?P<art>" + self._art + r")|(?P<amd>" + amd + r"))" + label_tail)

    @functools.cached_property
    def unit_inline(self) -> re.Pattern[str]:
        """An article heading in the middle of a line (checked further by the reader)."""
        return re.compile(
            r"(?<=\s)(?P<head>(?:" + self._art + r")(?P<label>" + LABEL
            + r")(?P<sep>[.,]{0,2})(?:[\'’]|(?<=\.)\d)?(?:[ \t]?[-–—]{1,2})?\s+"
            r"(?=[A-ZА-ЯЁÄÖÜ0-9(\[]))"
        )

    @functools.cached_property
    def article_anywhere(self) -> re.Pattern[str]:
        """An article heading word and number anywhere in a line: the candidates the
        numbering chooses from (:mod:`.sequence`)."""
        return re.compile(
            r"(?<![^\W\d_])(?P<head>(?:" + self._art + r")(?P<label>" + LABEL + r")[º°ª]?"
            r"(?P<sep>[.:,]{0,2})[º°ª]?(?:[\'’]|(?<=\.)\d(?=\s))?(?P<dash>[ \t]?[-–—]{1,2})?)"
            r"(?=[\s\])]|$)"
        )

    @functools.cached_property
    def article_letter(self) -> re.Pattern[str]:
        """An article heading numbered by a letter ("Artículo A.-"): only looked for among
        separately numbered provisions (:mod:`.series`)."""
        return re.compile(
            r"(?<![^\W\d_])(?P<head>(?:" + self._art + r")(?P<label>[A-Z])"
            r"(?P<sep>[ \t]*[.:]?[ \t]*[-–—]*))(?=\s|$)"
        )

    @functools.cached_property
    def article_misspelt(self) -> re.Pattern[str]:
        """An article heading word garbled by OCR ("Articfe 141", "Articb 384", "ARTICLES
        163"): the first letters of a long heading word, then a few letters, then a number.
        Only the numbering can make such a candidate a heading."""
        stems = sorted({v[:5] for v in self.article_words if len(v) >= 6 and v.isalpha()})
        if not stems:
            return re.compile(r"(?!)")
        return re.compile(
            r"(?<![^\W\d_])(?P<head>(?:" + "|".join(map(re.escape, stems))
            + r")[^\W\d_]{0,3}[ \t]+(?P<label>\d{1,4}[A-Za-z]?)(?P<sep>[.:]?)"
            r"(?P<dash>[ \t]?[-–—]{1,2})?)(?=[\s\])]|$)"
        )

    @functools.cached_property
    def preamble(self) -> re.Pattern[str]:
        """A preamble heading opening a line."""
        return re.compile(
            r"^" + _keyword_alt(self.profile.preamble, need_space=False)
            + r"(?![^\W\d_])[ \t]*[.:]?[ \t]*(?P<rest>.*)$"
        )

    @functools.cached_property
    def container_inline(self) -> re.Pattern[str]:
        """A container heading after the end of a sentence, mid-line."""
        all_containers = _keyword_alt(_containers_words(self.profile))
        return re.compile(r"(?<=[.!?;:]\s)" + all_containers + LABEL + r"[ \t]*[:.](?=\s)")

    @functools.cached_property
    def containers(self) -> tuple[tuple[str, Callable[[], re.Pattern[str]]], ...]:
        """``(kind, heading opening a line)`` per container kind, outermost first. Each
        expression is compiled when first tried (``rx().match(line)``): the innermost kinds
        often never are."""
        return tuple(
            (kind, lazy(
                r"^" + _keyword_alt(words) + r"(?P<label>" + LABEL + r")"
                r"[º°ª]?(?P<sep>[ \t]*[.:\-–—])?[º°ª]?(?=\s|$)[ \t]*(?P<rest>.*)$"
            ))
            for kind, words in self.profile.containers
        )

    @functools.cached_property
    def repealed(self) -> re.Pattern[str]:
        """A repealed placeholder ("Repealed", "Исключена") opening a text."""
        phrases = sorted(self.profile.repealed, key=len, reverse=True)
        return re.compile(
            r"^[\W_]{0,3}(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![^\W\d_])",
            re.IGNORECASE,
        ) if phrases else re.compile(r"(?!)")

    @functools.cached_property
    def any_head(self) -> re.Pattern[str]:
        """Cheap first test: could this line start with any heading word at all?"""
        profile = self.profile
        words = (*profile.article, *self.extra_article, *profile.amendment, *profile.preamble,
                 *_containers_words(profile))
        ordinals = r"|(?i:the\s|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|" \
            r"tenth|eleventh|twelfth)" if profile.language == "en" else ""
        return re.compile(
            "(?:" + "|".join(re.escape(v) for v in _variants(words)) + ordinals + ")"
        )


@functools.lru_cache(maxsize=16)
def compile_profile(profile: Profile, *, extra_article: tuple[str, ...] = ()) -> Patterns:
    """A profile's heading words as the reader's regular expressions (compiled on first use)."""
    return Patterns(profile, extra_article)
