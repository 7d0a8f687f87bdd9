"""Plain-text reader: structure recovered from heading words, numbers and layout.

Constitutions reach us as text copied from web pages, Word files and PDF or OCR extractions. The
only structure left is a heading word and a number at the start of a line ("Статья 24",
"Art. 14", "PART III"), paragraph markers ("1.", "1)", "(1)", "(a)"), and layout. So this reader
works in passes, each one simple and linear in the size of the text:

1. **Clean**: drop page numbers, stray OCR marks and repeated running headers; strip a running
   header that repeats the heading of the part we are in from the front of a line.
2. **Classify** every line as a heading (preamble, container, article, amendment) or text, using
   the language profile (``profiles.py``). A line of a PDF extraction may hold several articles
   ("… guaranteed. Art. 15 Freedom of …"): it is split where a heading follows the end of a
   sentence *and* continues the article numbering, so cross-references ("see Art. 85") are
   never taken for headings. If the detected language finds no heading at all, the other
   built-in profiles are tried (a short Spanish text can look English to the detector).
3. When a text has no heading words at all (OCR'd "12. In this Part …", or "3. Name of the
   Union" heading lines), the article numbers are found as the best-scoring increasing chain of
   numbered candidates (a small dynamic programme); paragraph numbers, which restart in every
   article, cannot form such a chain.
4. **Re-join** hard-wrapped lines, then **build** the tree: containers nest by the profile's
   order, each unit's body is split into paragraphs and items by its markers, and placeholders
   such as "Repealed" or "Исключена" become repealed provisions.

Everything a user can get wrong ends in :class:`~condiff.errors.CondiffError`; a text without any
recognisable structure is read as one article with a :class:`~condiff.errors.CondiffWarning`.
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable

from ..errors import CondiffWarning
from ..model import Document, Provision, finalize
from .profiles import BUILTIN, Profile, detect_profile, load_profile

# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled on first use: for the ones most texts never need
    (compiling every expression up front was a third of importing this module)."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


#: An article or container number as printed: 24, 83-1, 16a, 2A, 5bis, XVII, IVA, 24 (2).
LABEL = (
    r"(?:\d{1,6}(?:-\d{1,3})?(?:[ ]?(?:bis|ter|quater)(?![A-Za-z])(?![ ]\d)|er(?![A-Za-z])"
    r"|[A-Za-z](?![A-Za-z]))?(?:\s?\(\d{1,2}\)(?=\.))?"
    r"|[IVXLCDM]{1,8}(?:-?[A-Z])?(?![A-Za-z]))"
)
_TERMINAL = ".;:,!?"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_LETTERS = re.compile(r"[^\W\d_]")
_WORD3 = re.compile(r"[^\W\d_]{3,}")
#: Blanks other than the plain space, which cleaning turns into one: tab, no-break space, the
#: typographic spaces (U+2000-U+200B) and the ideographic space.
_ODD_BLANKS = "".join(map(chr, (0x09, 0xA0, *range(0x2000, 0x200C), 0x3000)))
#: Runs of blanks that cleaning must change: anything but a lone plain space. (Matching every
#: single space too would cost a substitution per word for nothing.)
_SPACES = _lazy(r"[\t\u00a0\u2000-\u200b\u3000][ \t\u00a0\u2000-\u200b\u3000]*"
                r"| [ \t\u00a0\u2000-\u200b\u3000]+")
_SPACE_RUNS = _lazy("  +")
_METADATA = _lazy(
    r"\b(?:adopted|approved|ratified|promulgated|in force|amended|source|official|edition|"
    r"http|www\.|rev\.|принят|вступил|источник|официальн|редакц|изменени|angenommen|"
    r"verkündet|ausgefertigt|stand|fassung|aprobad|promulgad|vigente|fuente)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")

# Paragraph and item markers at the start of a block. Each style is one named group; the level
# a style gets is decided per unit by the order in which styles first appear.
_MARKER = re.compile(
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
_SUB_KINDS = ("paragraph", "item", "clause", "clause", "clause")
_ROMAN_LOWER = re.compile(r"^[ivxl]+$")


def _roman_value(text: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        value = _ROMAN.get(ch, 0)
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


_LEADING_DIGITS = re.compile(r"\d+")
_LEADING_ROMAN = re.compile(r"[IVXLCDM]+")


def label_key(label: str) -> tuple[int, str]:
    """Sort key of an article label: ("83-1") → (83, "-1"), ("XIV") → (14, "")."""
    m = _LEADING_DIGITS.match(label)
    if m:
        return int(m.group()), label[m.end():].strip().casefold()
    m = _LEADING_ROMAN.match(label)
    if m:
        return _roman_value(m.group()), label[m.end():].strip("-").casefold()
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
            r"(?P<label>" + LABEL + r")[º°ª]?(?P<sep>[.:,]{0,2})[º°ª]?"
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
            (kind, _lazy(
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


_ORDINAL_SCHEDULE = _lazy(
    r"^(?i:the\s+)?(?P<label>(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth))\s+(?i:schedule)\b(?P<rest>(?:[ .:\-–—]*[(A-Z].{0,250})?)$"
)
_BARE_ROMAN = _lazy(r"^(?P<label>[IVXLC]{1,6}[A-Z]?)\.[ \t]+(?P<rest>[^\W\d_].{1,120})$")
_JUNK_TAIL = _lazy(r"(?:(?<=[.!?;:])\d{1,2}|(?:\s+(?:[^\w\s]+|\w))*)\s*$")
#: A bare article number ("12.", "12A. -", "3 .-"): at the start or after a blank, quote or full
#: stop. The check of the character before is a lookbehind *after* the first digit, so that
#: the expression starts with a digit and searching skips to the digits (3x faster on a long
#: text than starting with "^ or lookbehind", which is tried at every position).
_NUMBERED = _lazy(
    r"(?P<label>\d(?<![^\s'‘.]\d)\d{0,2}(?:-\d{1,3})?[A-Z]{0,2})(?P<space>[ ]?)\."
    r"(?P<dash>[ \t]?[-—–]{1,4}[ \t]?(?=[(\w]))?"
    r"[ \t]*(?=[(A-Z\"“‘'\w])"
)
#: A heading line that is only a number and a title, without any full stop ("12 Foreign policy"):
#: some extractions print section headings so. Only ever a candidate of the numbered chain.
_BARE_HEADING = _lazy(r"(?P<label>\d{1,3}[A-Z]{0,2})[ ](?=[A-Z][^.;:!?]{1,150}$)")
#: Words that, right before a number, make it a reference ("article 12.") not a heading.
_REF_WORDS = frozenset((
    "article", "articles", "art", "art.", "clause", "clauses", "section", "sections", "part",
    "parts", "no", "no.", "act", "schedule", "rule", "rules", "entry", "entries", "item", "items",
    "paragraph", "paragraphs", "sub-clause", "subclause", "list", "lists", "order", "page",
))
_REF_ABBREVIATIONS = frozenset(
    ("art.", "no.", "s.", "ss.", "cl.", "para.", "sec.", "r.", "ch.", "pt.", "sch.")
)
#: Lower-case words after which a number continues a sentence ("of 12.").
_LOWER_WORDS = frozenset((
    "of", "and", "or", "to", "in", "under", "by", "with", "from", "than", "at", "on", "for",
    "the", "a", "an",
))

# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------


# The reader's working records are plain classes with slots rather than dataclasses: a
# text makes thousands of them, and defining a dataclass costs start-up time.


class _Tok:
    __slots__ = ("blank_before", "heading", "hkind", "kind", "label", "line", "raw", "text")

    def __init__(self, kind: str, line: int, text: str = "", hkind: str = "", label: str = "",
                 heading: str = "", blank_before: bool = False, raw: str = "") -> None:
        self.kind = kind  # "head" or "text"
        self.line = line
        self.text = text
        self.hkind = hkind  # preamble / article / amendment / a container kind
        self.label = label
        self.heading = heading
        self.blank_before = blank_before
        self.raw = raw


class _Node:
    __slots__ = ("children", "heading", "kind", "label", "line", "line_nos", "lines",
                 "sub_sections")

    def __init__(self, kind: str, label: str = "", heading: str = "", line: int = 0,
                 lines: list[str] | None = None) -> None:
        self.kind = kind
        self.label = label
        self.heading = heading
        self.line = line
        self.lines: list[str] = [] if lines is None else lines
        #: Source line of each entry of ``lines`` (may be shorter: then ``line`` is used).
        self.line_nos: list[int] = []
        self.children: list[_Node] = []
        self.sub_sections = False


def _is_junk(line: str) -> bool:
    """Page numbers and OCR debris: no word of three letters and nothing that is a marker."""
    if _WORD3.search(line):
        return False
    if _MARKER.match(line) and not _MARKER.sub("", line, count=1).strip(" .-"):
        return False  # a lone "(2)" or "3." opening the next line's paragraph
    if len(line) <= 8 and _LETTERS.search(line) and not any(ch.isdigit() for ch in line):
        # a lone short word ("IV", "No.") may be real; only drop obvious debris ("' — i")
        word = line[:-1] if line[-1] in ".!?" else line
        return not (word.isalpha() and (len(line) > 1 or line.isupper()))
    return not (len(line) > 8 and _LETTERS.search(line) and len(_LETTERS.findall(line)) > 4)


def _running_headers(lines: list[str]) -> set[str]:
    """Lines a PDF repeats on every page: the same short line, three times or more, each time
    next to a page break (a blank line or a page number). Repeated lines inside running text
    are kept."""
    counts = Counter(ln for ln in lines if ln)
    candidates = {
        ln for ln, n in counts.items()
        if n >= 3 and len(ln.split()) >= 4 and len(ln) <= 150 and ln[-1] not in _TERMINAL
    }
    if not candidates:
        return set()
    at_break: Counter[str] = Counter()
    last = len(lines) - 1
    for i, ln in enumerate(lines):
        if ln in candidates:
            near = (lines[i - 1] if i else "", lines[i + 1] if i < last else "")
            if any(not x or _is_junk(x) for x in near):
                at_break[ln] += 1
    return {ln for ln in candidates if at_break[ln] >= 3 and at_break[ln] >= 0.75 * counts[ln]}


def _split_heading(rest: str, *, container: bool) -> tuple[str, str]:
    """Split what follows a heading number into (heading, text)."""
    rest = rest.strip()
    if not rest:
        return "", ""
    if rest[0] == "[" and "]" in rest:
        end = rest.index("]")
        return rest[1:end].strip(), rest[end + 1:].strip()
    limit = 200 if container else 120
    words = len(rest.split())
    # a sentence may end inside closing quotes or brackets ("… this formula: «…»")
    tail = rest.rstrip("»\"”’')]") or rest
    if (len(rest) <= limit and (container or words <= 16) and tail[-1] not in _TERMINAL
            and not _MARKER.match(rest) and (rest[0].isupper() or rest[0] in "(«\"“")):
        return rest, ""
    if container and len(rest) <= limit and (rest[-1] not in ".;:" or words <= 12):
        return rest, ""
    return "", rest


# ---------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------


class _Classifier:
    def __init__(self, pats: Patterns, lines: list[str]) -> None:
        self.pats = pats
        self.lines = lines
        self.tokens: list[_Tok] = []
        self.open: list[tuple[int, str, str, str, str]] = []  # rank, kind, label, heading, raw
        self.last_key: tuple[int, str] | None = None
        self.repeated = _running_headers(lines)

    def run(self) -> list[_Tok]:
        blank = False
        for i, line in enumerate(self.lines, 1):
            if not line:
                blank = True
                continue
            if self.open:
                line = self._strip_running_header(line)
                if not line:
                    continue
            before = len(self.tokens)
            self._classify(line, i)
            if len(self.tokens) > before:
                self.tokens[before].blank_before = blank
                blank = False
        return self.tokens

    def _strip_running_header(self, line: str) -> str:
        for _, _, _, heading, raw in self.open:
            if heading and len(line) > len(raw) and line.startswith(raw):
                return line[len(raw):].strip()
        return line

    def _classify(self, line: str, lineno: int) -> None:
        pats = self.pats
        if (len(line) < 40 or not pats.has_heading_word.search(line)) \
                and not pats.any_head.match(line):
            # most lines: no heading anywhere in them, so one text token (or none)
            if line not in self.repeated and not _is_junk(line):
                self.tokens.append(_Tok("text", lineno, text=line))
            return
        segments = self._split_inline(line)
        for k, seg in enumerate(segments):
            tok = self._heading(seg, lineno, inline=k > 0)
            if tok is None:
                if seg in self.repeated or _is_junk(seg):
                    continue
                self.tokens.append(_Tok("text", lineno, text=seg))
                continue
            self._push_head(tok)

    def _push_head(self, tok: _Tok) -> None:
        rank = self.pats.rank.get(tok.hkind)
        if rank is not None:
            for r, kind, label, heading, _ in self.open:
                if r == rank and kind == tok.hkind and label == tok.label and heading \
                        and heading.casefold() == tok.heading.casefold():
                    return  # a running header repeating the part we are in
            self.open = [o for o in self.open if o[0] < rank]
            self.open.append((rank, tok.hkind, tok.label, tok.heading, tok.raw))
        elif tok.hkind in ("article", "amendment"):
            self.last_key = label_key(tok.label) if tok.hkind == "article" else self.last_key
        self.tokens.append(tok)
        if tok.text:
            self.tokens.append(_Tok("text", tok.line, text=tok.text))
            tok.text = ""

    def _split_inline(self, line: str) -> list[str]:
        """Cut a line where a further article (or part) heading starts mid-line.

        A cut needs the article numbering to continue: after the end of a sentence the next
        number may skip a few (repealed articles are often left out); after a capitalised
        word (a part heading run into the line) it must be exactly the next one. References
        such as "under Art. 85" never qualify."""
        if len(line) < 40 or not self.pats.has_heading_word.search(line):
            return [line]
        if not self.pats.has_article_word.search(line):
            return self._split_containers([line])
        cuts: list[int] = []
        last = self.last_key
        m0 = self.pats.unit.match(line)
        if m0 and m0.group("art"):
            last = label_key(m0.group("label"))
        after_part = any(rx().match(line) for _, rx in self.pats.containers)
        for m in self.pats.unit_inline.finditer(line):
            if m.start() == 0:
                continue
            key = label_key(m.group("label"))
            # only the last words matter; slicing keeps long one-line texts linear
            before = _JUNK_TAIL().sub("", line[max(0, m.start() - 120): m.start()])
            if not before:
                continue
            after_sentence = before[-1] in ".!?;:»\"”)]" and m.group("sep") != ","
            capital = before.rsplit(None, 1)[-1][:1].isupper()
            if last is None:
                ok = key[0] <= 3 and (after_sentence or capital)
            elif after_sentence:
                ok = last < key and key[0] - last[0] <= 3
            elif capital or before[-1] in ".!?;:" or (after_part and not cuts):
                ok = last < key and key[0] - last[0] <= 1
            else:
                ok = False
            if ok:
                cuts.append(m.start("head"))
                last = key
        if not cuts:
            return self._split_containers([line])
        out = []
        prev = 0
        for c in cuts:
            out.append(line[prev:c].strip())
            prev = c
        out.append(line[prev:].strip())
        return self._split_containers([s for s in out if s])

    def _split_containers(self, segments: list[str]) -> list[str]:
        """Cut a part heading ("… law. Section 3: Municipalities") off the end of a segment."""
        out: list[str] = []
        has_word = self.pats.has_container_word.search
        for seg in segments:
            cut = None
            if not has_word(seg):
                out.append(seg)
                continue
            for m in self.pats.container_inline.finditer(seg):
                tail = seg[m.end():].strip()
                if len(tail) <= 150 and (not tail or tail[-1] not in _TERMINAL):
                    cut = m.start()
                    break
            if cut:
                out.extend([seg[:cut].strip(), seg[cut:].strip()])
            else:
                out.append(seg)
        return out

    def _heading(self, seg: str, lineno: int, *, inline: bool = False) -> _Tok | None:
        pats = self.pats
        if not pats.any_head.match(seg):
            return None
        m = pats.unit.match(seg)
        if m:
            kind = "article" if m.group("art") else "amendment"
            heading, text = _split_heading(m.group("rest"), container=False)
            return _Tok("head", lineno, text=text, hkind=kind, label=m.group("label"),
                        heading=heading, raw=seg)
        m = None if inline else pats.preamble.match(seg)
        if m:
            rest = m.group("rest").strip()
            return _Tok("head", lineno, text=rest, hkind="preamble", raw=seg)
        if pats.profile.language == "en" and not inline:
            m = _ORDINAL_SCHEDULE().match(seg)
            if m:
                return _Tok("head", lineno, hkind="schedule", label=m.group("label").title(),
                            heading=m.group("rest").strip(" .:-"), raw=seg)
        for kind, rx in pats.containers:
            m = rx().match(seg)
            if m:
                rest = m.group("rest")
                if not m.group("sep") and rest and rest[:1].islower():
                    continue  # "Section 5 of the Act …": a sentence, not a heading
                heading, text = _split_heading(rest, container=True)
                return _Tok("head", lineno, text=text, hkind=kind, label=m.group("label"),
                            heading=heading, raw=seg)
        return None


# ---------------------------------------------------------------------------
# Numbered articles without heading words
# ---------------------------------------------------------------------------


class _Cand:
    __slots__ = ("col", "heading_line", "key", "label", "score", "tok")

    def __init__(self, tok: int, col: int, label: str, key: tuple[int, str], score: float,
                 heading_line: bool) -> None:
        self.tok = tok
        self.col = col
        self.label = label
        self.key = key
        self.score = score
        self.heading_line = heading_line


def _numbered_candidates(tokens: list[_Tok]) -> list[_Cand]:
    out: list[_Cand] = []
    numbered = _NUMBERED().finditer
    for ti, tok in enumerate(tokens):
        if tok.kind != "text":
            continue
        text = tok.text
        bare = _BARE_HEADING().match(text)
        if bare and len(text.split()) <= 20:
            label = bare.group("label")
            out.append(_Cand(ti, 0, label, label_key(label), 2.5, True))
            continue
        for m in numbered(text):
            col = m.start()
            label = m.group("label")
            rest = text[m.end():]
            if m.group("space") and not m.group("dash"):
                continue
            if not m.group("dash") and not rest[:1].isupper() and rest[:1] not in "(\"“‘'":
                continue
            before = text[max(0, col - 120):col].rstrip(" '‘")
            words = before.split()
            prev_word = words[-1].strip("(,") if words else ""
            ref_word = prev_word.casefold()
            if ref_word.endswith(".") and ref_word not in _REF_ABBREVIATIONS:
                ref_word = ""  # "… this Article. 115.-(1)": the sentence ended
            if ref_word in _REF_WORDS or prev_word in _LOWER_WORDS:
                continue
            if before.endswith(".,"):
                before = before[:-1]  # "… resolution., 184.-(1)": an OCR'd full stop
            if before and (before[-1] in ",-–(/" or before[-1].isdigit()):
                continue
            heading_line = (col == 0 and 0 < len(rest) <= 200 and rest[-1] not in _TERMINAL + "-—–"
                            and len(rest.split()) <= 30 and not rest.startswith("("))
            if heading_line:
                score = 3.0
            elif m.group("dash"):
                score = 3.0 if not before or before[-1] in ".;:\"”" else 2.5
            elif col == 0 or not before:
                score = 1.5
            elif before[-1] in ".;:\"”" or prev_word.isupper():
                score = 1.2
            elif prev_word[:1].isupper():
                score = 1.0
            else:
                score = 0.5
            out.append(_Cand(ti, col, label, label_key(label), score, heading_line))
    return out


def _best_chain(cands: list[_Cand], max_gap: int = 25) -> list[_Cand]:
    """The heaviest chain of candidates with strictly increasing labels (gap-limited)."""
    best: list[float] = [0.0] * len(cands)
    back: list[int] = [-1] * len(cands)
    top: dict[tuple[int, str], tuple[float, int]] = {}
    by_num: dict[int, list[tuple[int, str]]] = {}
    for i, c in enumerate(cands):
        num = c.key[0]
        b, j = 0.0, -1
        for n in range(max(0, num - max_gap), num + 1):
            for k in by_num.get(n, ()):
                if k < c.key:
                    val, idx = top[k]
                    if val > b:
                        b, j = val, idx
        best[i] = b + c.score
        back[i] = j
        cur = top.get(c.key)
        if cur is None:
            by_num.setdefault(num, []).append(c.key)
        if cur is None or best[i] > cur[0]:
            top[c.key] = (best[i], i)
    if not cands:
        return []
    i = max(range(len(cands)), key=lambda x: best[x])
    chain: list[_Cand] = []
    while i >= 0:
        chain.append(cands[i])
        i = back[i]
    chain.reverse()
    return chain


def _apply_numbered(tokens: list[_Tok]) -> list[_Tok]:
    chain = _best_chain(_numbered_candidates(tokens))
    if len(chain) < 3:
        return tokens
    at: dict[int, list[_Cand]] = {}
    for c in chain:
        at.setdefault(c.tok, []).append(c)
    out: list[_Tok] = []
    for ti, tok in enumerate(tokens):
        cs = at.get(ti)
        if not cs:
            out.append(tok)
            continue
        text = tok.text
        first = cs[0].col
        if text[:first].strip():
            out.append(_Tok("text", tok.line, text=text[:first].strip(),
                            blank_before=tok.blank_before))
        for n, c in enumerate(cs):
            end = cs[n + 1].col if n + 1 < len(cs) else len(text)
            m = _NUMBERED().match(text, c.col) or _BARE_HEADING().match(text, c.col)
            body = text[m.end() if m else c.col:end].strip()
            head = _Tok("head", tok.line, hkind="article", label=c.label,
                        blank_before=tok.blank_before if c.col == 0 else False)
            if c.heading_line:
                head.heading = body
            elif body:
                out.append(head)
                out.append(_Tok("text", tok.line, text=body))
                continue
            out.append(head)
    return out


# ---------------------------------------------------------------------------
# Re-joining hard-wrapped lines
# ---------------------------------------------------------------------------


def _wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(ln) for ln in lines if ln)
    if len(lengths) < 20:
        return 0
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 110 or p90 < 30:
        return 0
    near = sum(1 for n in lengths if n >= 0.75 * p90)
    return p90 if near >= 0.4 * len(lengths) else 0


def _join_wraps(tokens: list[_Tok], width: int) -> list[_Tok]:
    """Re-join lines broken by hard wrapping or page breaks into one block each.

    Pieces are collected in lists and joined once, so a long wrapped text stays linear."""
    out: list[_Tok] = []
    parts: list[list[str]] = []  # pieces of each output token's text
    last_len = 0
    for tok in tokens:
        prev = out[-1] if out else None
        if tok.kind == "text" and prev is not None and prev.kind == "text":
            pieces = parts[-1]
            p, n = pieces[-1], tok.text
            mp = _MARKER.match(p) if len(pieces) == 1 else None
            bare_marker = mp is not None and not p[mp.end():].strip()
            open_end = p[-1] not in ".;:!?" and _MARKER.match(n) is None
            join = bare_marker or (open_end and n[:1].islower()) or bool(
                width and not tok.blank_before and last_len >= 0.7 * width and open_end
                and _LETTERS.match(n[:1] or " "))
            if join:
                if p.endswith("-") and p[-2:-1].isalpha() and n[:1].islower() and last_len >= 50:
                    pieces[-1] = p[:-1]  # a word hyphenated at the line end
                else:
                    pieces.append(" ")
                pieces.append(n)
                last_len = len(n)
                continue
        out.append(tok)
        parts.append([tok.text])
        last_len = len(tok.text)
    for tok, pieces in zip(out, parts, strict=True):
        if len(pieces) > 1:
            tok.text = "".join(pieces)
    return out


# ---------------------------------------------------------------------------
# Building the tree
# ---------------------------------------------------------------------------


def _marker(text: str, alpha_last: dict[str, str]) -> tuple[str, str, str] | None:
    m = _MARKER.match(text)
    if not m:
        return None
    style = m.lastgroup or ""
    label = m.group(style)
    if style in ("palpha", "dalpha", "ralpha") and _ROMAN_LOWER.match(label):
        prev = alpha_last.get(style, "")
        follows = len(label) == 1 and prev and ord(label) == ord(prev[-1]) + 1
        if not follows and (len(label) > 1 or label in "ivx"):
            style = style.replace("alpha", "roman")
    elif style in ("palpha",) and len(label) == 2 and label[0] != label[1]:
        return None  # "(an)" is a word in brackets, not an item
    rest = text[m.end():].strip()
    return style, label, rest


_DASHES = re.compile(r"^[\s\-–—.…*]+$")


def _is_repealed(text: str, pats: Patterns) -> bool:
    """A placeholder: "Repealed", "Исключена", … or only a dash where the text was."""
    if not text:
        return False
    return len(text) <= 400 and (pats.repealed.match(text) is not None
                                 or _DASHES.match(text) is not None)


class _Builder:
    def __init__(self, pats: Patterns) -> None:
        self.pats = pats
        self.roots: list[_Node] = []
        self.stack: list[tuple[int, _Node]] = []
        self.unit: _Node | None = None
        self.sub: _Node | None = None
        self.pre: list[tuple[str, int]] = []

    def feed(self, tokens: list[_Tok]) -> None:
        for tok in tokens:
            if tok.kind == "text":
                self._text(tok)
            elif tok.hkind in ("preamble", "article", "amendment"):
                self.unit = _Node(tok.hkind, tok.label, tok.heading, tok.line)
                self.sub = None
                self._attach(self.unit)
            else:
                self._container(tok)

    def _text(self, tok: _Tok) -> None:
        target = self.sub or self.unit
        if target is None:
            if self.stack:
                top = self.stack[-1][1]
                if not top.children:
                    # text straight after a part heading: its heading continued or an intro
                    top.lines.append(tok.text)
                    return
            self.pre.append((tok.text, tok.line))
            return
        target.lines.append(tok.text)
        target.line_nos.append(tok.line)

    def _attach(self, node: _Node) -> None:
        if self.stack:
            self.stack[-1][1].children.append(node)
        else:
            self.roots.append(node)

    def _container(self, tok: _Tok) -> None:
        unit = self.unit
        if unit is not None and unit.kind != "preamble" and tok.hkind == "section" and (
            unit.sub_sections
            or (not unit.lines and not unit.children and label_key(tok.label)[0] == 1)
        ):
            # "Article I / Section 1 / Section 2": sections divide the article (US style)
            unit.sub_sections = True
            self.sub = _Node("section", tok.label, tok.heading, tok.line)
            unit.children.append(self.sub)
            return
        self.unit = None
        self.sub = None
        rank = self.pats.rank.get(tok.hkind, len(self.pats.rank))
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        node = _Node(tok.hkind, tok.label, tok.heading, tok.line)
        self._attach(node)
        self.stack.append((rank, node))


def _body(node: _Node, pats: Patterns, *, split_lines: bool) -> tuple[str, tuple[Provision, ...]]:
    """Own text and sub-provisions of a unit (or sub-article section) from its lines."""
    own: list[str] = []
    own_lines: list[tuple[str, int]] = []
    levels: dict[str, int] = {}
    alpha_last: dict[str, str] = {}
    roots: list[_Node] = []
    stack: list[tuple[int, _Node]] = []
    line_nos = node.line_nos
    lines = node.lines
    numbered_lines = list(zip(lines, line_nos, strict=True)) if len(line_nos) == len(lines) else [
        (text, line_nos[i] if i < len(line_nos) else node.line)
        for i, text in enumerate(node.lines)
    ]
    for text, line in _split_run_in(numbered_lines):
        mk = _marker(text, alpha_last)
        if mk is None:
            if stack:
                stack[-1][1].lines.append(text)
            else:
                own.append(text)
                own_lines.append((text, line))
            continue
        style, label, rest = mk
        if "alpha" in style:
            alpha_last[style] = label
        level = levels.setdefault(style, len(levels))
        while stack and stack[-1][0] >= level:
            stack.pop()
        child = _Node(_SUB_KINDS[min(level, len(_SUB_KINDS) - 1)], label, line=line,
                      lines=[rest] if rest else None)
        (stack[-1][1].children if stack else roots).append(child)
        stack.append((level, child))
    if not roots and split_lines and len(own) > 1:
        roots = [_Node("paragraph", "", line=ln, lines=[t]) for t, ln in own_lines]
        own = []
    return "\n".join(own), tuple(_freeze_sub(n, pats) for n in roots)


_RUN_IN_FIRST = re.compile(r"^\((\d{1,3})\)\s")


def _split_run_in(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Split "(1) … . (2) …" run into one line (OCR, long-line extractions) where the numbers
    continue one another after the end of a sentence; "(2)" alone mid-sentence is a reference."""
    out: list[tuple[str, int]] = []
    for item in lines:
        line, lineno = item
        m = _RUN_IN_FIRST.match(line)
        if not m or len(line) < 40:
            out.append(item)
            continue
        n = int(m.group(1))
        start = 0
        while True:
            n += 1
            at = _find_run_in(line, f"({n}) ", start + 4)
            if at < 0:
                break
            out.append((line[start:at].strip(), lineno))
            start = at
        out.append((line[start:].strip(), lineno))
    return out


def _find_run_in(line: str, marker: str, begin: int) -> int:
    at = line.find(marker, begin)
    while at >= 0:
        before = line[:at].rstrip()
        if before and before[-1] in ".;:" and line[at + len(marker):at + len(marker) + 1].isupper():
            return at
        at = line.find(marker, at + 1)
    return -1


def _freeze_sub(node: _Node, pats: Patterns) -> Provision:
    text = "\n".join(node.lines).strip()
    kids = tuple(_freeze_sub(c, pats) for c in node.children) if node.children else ()
    if not kids and _is_repealed(text, pats):
        return Provision(kind=node.kind, label=node.label, repealed=True, line=node.line)
    return Provision(kind=node.kind, label=node.label, text=text, children=kids, line=node.line)


def _freeze(node: _Node, pats: Patterns) -> Provision:
    if node.kind in ("article", "amendment", "preamble"):
        if node.kind == "preamble":
            text, kids = "\n".join(node.lines), tuple[Provision, ...]()
        else:
            text, kids = _body(node, pats, split_lines=True)
        sections = tuple(_freeze_section(c, pats) for c in node.children)
        kids = (*kids, *sections) if text or kids else sections
        heading = node.heading
        repealed = False
        if not kids and (_is_repealed(text, pats) or (not text and _is_repealed(heading, pats))):
            repealed, text = True, ""
            if _is_repealed(heading, pats):
                heading = ""
        return Provision(kind=node.kind, label=node.label, heading=heading, text=text.strip(),
                         children=kids, repealed=repealed, line=node.line)
    # Text between a part's heading and its first article: a heading continued on the next
    # line when short, otherwise an introduction kept (containers are never compared).
    intro = " ".join(node.lines).strip()
    heading, text = node.heading, ""
    if intro and len(intro) <= 200 and not heading:
        heading = intro
    elif intro:
        text = intro
    children = tuple(_freeze(c, pats) for c in node.children)
    return Provision(kind=node.kind, label=node.label, heading=heading, text=text,
                     children=children, line=node.line)


def _freeze_section(node: _Node, pats: Patterns) -> Provision:
    text, kids = _body(node, pats, split_lines=True)
    repealed = not kids and _is_repealed(text, pats)
    return Provision(kind="section", label=node.label, heading=node.heading,
                     text="" if repealed else text.strip(), children=kids, repealed=repealed,
                     line=node.line)


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


#: Layout tags some exports leave in the text ("Founding values<title>", "<list_1>"): a tag on
#: a line of its own, or closing a line, carries no words.
_LAYOUT_TAG = _lazy(r"^[ \t]*</?(?:title|list|list_\d{1,2}|p|br|item)>[ \t]*$"
                    r"|[ \t]*</?(?:title|list|list_\d{1,2}|p|br|item)>[ \t]*$", re.MULTILINE)


def _clean_lines(text: str) -> list[str]:
    """The text's lines with blanks collapsed to one space and stripped."""
    text = text.replace("\f", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if "<" in text:
        text = _LAYOUT_TAG().sub("", text)
    # One pass over the whole text, and only when there is something to collapse: most texts
    # hold only single spaces, and a substitution per line was a tenth of reading. With plain
    # spaces only, runs of them are found by their literal start, four times faster.
    if any(ch in text for ch in _ODD_BLANKS):
        text = _SPACES().sub(" ", text)
    elif "  " in text:
        text = _SPACE_RUNS().sub(" ", text)
    return [ln.strip() for ln in text.split("\n")]


_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            "january janvier januar enero gennaio janeiro января январь",
            "february février februar febrero febbraio fevereiro февраля февраль",
            "march mars märz marzo março марта март",
            "april avril abril aprile апреля апрель",
            "may mai mayo maggio maio мая май",
            "june juin juni junio giugno junho июня июнь",
            "july juillet juli julio luglio julho июля июль",
            "august août agosto августа август",
            "september septembre septiembre settembre setembro сентября сентябрь",
            "october octobre oktober octubre ottobre outubro октября октябрь",
            "november novembre noviembre novembro ноября ноябрь",
            "december décembre dezember diciembre dicembre dezembro декабря декабрь",
        ),
        1,
    )
    for name in names.split()
}
_DATE_DMY = _lazy(r"\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?"
                  r"(\d{4})\b")
_DATE_MDY = _lazy(r"\b([^\W\d_]+)\s+(\d{1,2}),?\s+(\d{4})\b")
_DATE_NUM = _lazy(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def find_date(text: str) -> str:
    """The first calendar date written in a line ("15 марта 2026", "May 1, 2009",
    "01.07.2026"), as an ISO date, or ""."""
    found: list[tuple[int, str]] = []
    for m in _DATE_DMY().finditer(text):
        month = _MONTHS.get(m.group(2).casefold())
        if month:
            found.append((m.start(), f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"))
    for m in _DATE_MDY().finditer(text):
        month = _MONTHS.get(m.group(1).casefold())
        if month:
            found.append((m.start(), f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}"))
    for m in _DATE_NUM().finditer(text):
        if 1 <= int(m.group(2)) <= 12:
            found.append((m.start(), f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"))
    valid = [(at, iso) for at, iso in found if 1 <= int(iso[-2:]) <= 31]
    return min(valid)[1] if valid else ""


class _Front:
    __slots__ = ("date", "rest", "source", "title")

    def __init__(self, rest: list[str]) -> None:
        self.title = ""
        self.source = ""
        self.date = ""
        self.rest = rest


def _front_matter(pre: list[tuple[str, int]], lines: list[str]) -> _Front:
    """Title, source, date and the remaining lines of the text before the first heading."""
    front = _Front(rest=[t for t, _ in pre])
    rest = front.rest
    first = next((ln for ln in lines if ln), "")
    if rest and rest[0] == first and len(first) <= 150 and first[-1] not in ",;:" \
            and _LETTERS.search(first) and not _MARKER.match(first):
        front.title = first
        rest.pop(0)
    while rest and len(rest[0]) <= 300 and _YEAR.search(rest[0]) and _METADATA().search(rest[0]):
        line = rest.pop(0)
        if re.search(r"source|источник|fuente|quelle", line, re.IGNORECASE) and not front.source:
            front.source = line
        front.date = front.date or find_date(line)
    return front


def parse_text(
    text: str, path: str = "<text>", *, profile: str | os.PathLike[str] | Profile | None = None
) -> Document:
    """Read a plain-text constitution into a finalized Document.

    Args:
        text: The decoded text (see :func:`condiff.read.encoding.decode`).
        path: Shown in messages and kept as ``Document.path``.
        profile: A :class:`Profile`, a built-in language code ("ru"), a profile YAML file, or
            None to detect the language.

    Raises:
        CondiffError: for a bad profile file. A text without structure is not an error: it is
            read as one article, with a CondiffWarning.
    """
    if isinstance(profile, Profile):
        prof = profile
    elif profile is not None:
        prof = load_profile(profile)
    else:
        prof = detect_profile(text)
    lines = _clean_lines(text)
    pats, tokens = _classify_lines(prof, lines)
    if profile is None and not _has_units(tokens):
        # Short or mixed texts can fool detection: try the other languages' heading words
        # (where any line starts with one) before falling back to bare numbers.
        for other in BUILTIN.values():
            other_pats = compile_profile(other)
            if other is prof or not any(map(other_pats.unit.match, filter(None, lines))):
                continue
            other_pats, other_tokens = _classify_lines(other, lines)
            if _has_units(other_tokens):
                prof, pats, tokens = other, other_pats, other_tokens
                break
    tokens = _finish_structure(prof, pats, tokens)
    tokens = _join_wraps(tokens, _wrap_width(lines))
    builder = _Builder(pats)
    builder.feed(tokens)
    front = _front_matter(builder.pre, lines)
    pre = front.rest
    provisions = [_freeze(n, pats) for n in builder.roots]
    has_preamble = any(p.kind == "preamble" for p in provisions)
    if pre and not has_preamble:
        provisions.insert(0, Provision(kind="preamble", text="\n".join(pre),
                                       line=builder.pre[0][1]))
    if not any(p.kind in ("article", "amendment") for p in _walk(provisions)):
        warnings.warn(
            f"{path}: no structure found: no article headings (looked for "
            f"{', '.join(prof.article)} in {prof.name}); read the whole text as one article. "
            "Pass --profile FILE.yaml with the heading words this text uses "
            "(see docs/profiles.md)",
            CondiffWarning,
            stacklevel=2,
        )
        body = "\n".join(t.text for t in tokens if t.kind == "text") or "\n".join(
            ln for ln in lines if ln)
        provisions = [Provision(kind="article", label="1", text=body.strip(), line=1)]
    doc = Document(title=front.title, language=prof.language, source=front.source,
                   date=front.date, provisions=tuple(provisions), path=path)
    return finalize(doc)


def _classify_lines(prof: Profile, lines: list[str]) -> tuple[Patterns, list[_Tok]]:
    """Headings and text of every line, read with one profile's words."""
    pats = compile_profile(prof)
    tokens = _Classifier(pats, lines).run()
    heads = Counter(t.hkind for t in tokens if t.kind == "head")
    if not heads["article"] and not heads["amendment"] and heads["section"] >= 2:
        for t in tokens:
            if t.hkind == "section":
                t.hkind = "article"  # "Section N" is the only numbered unit
    return pats, tokens


def _finish_structure(prof: Profile, pats: Patterns, tokens: list[_Tok]) -> list[_Tok]:
    """Articles by their bare numbers when no heading words were found; bare roman parts."""
    if not _has_units(tokens):
        tokens = _apply_numbered(tokens)
    if prof.containers and not any(t.kind == "head" and t.hkind in pats.rank for t in tokens):
        tokens = _bare_roman_containers(tokens, prof)
    return tokens


def _has_units(tokens: list[_Tok]) -> bool:
    return any(t.kind == "head" and t.hkind in ("article", "amendment") for t in tokens)


def _walk(provisions: list[Provision]) -> list[Provision]:
    out: list[Provision] = []
    for p in provisions:
        out.extend(p.walk())
    return out


def _bare_roman_containers(tokens: list[_Tok], prof: Profile) -> list[_Tok]:
    """"I. Basic Rights" lines as parts, for texts whose parts carry no heading word."""
    kinds = [k for k, _ in prof.containers]
    kind = "chapter" if "chapter" in kinds else kinds[0]
    out: list[_Tok] = []
    for tok in tokens:
        if tok.kind == "text":
            m = _BARE_ROMAN().match(tok.text)
            if m and m.group("rest")[-1] not in _TERMINAL:
                out.append(_Tok("head", tok.line, hkind=kind, label=m.group("label"),
                                heading=m.group("rest")))
                continue
        out.append(tok)
    return out


__all__ = ["BUILTIN", "LABEL", "Patterns", "compile_profile", "label_key", "parse_text"]
