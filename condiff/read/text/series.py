"""Transitional, additional and final provisions numbered on their own.

After the last article many constitutions print provisions with a numbering of their own:
"DISPOSICIONES TRANSITORIAS … PRIMERA.- …", "TRANSITORY PROVISIONS First. …", "Artículos
Transitorios … Artículo 1o", "Disposición adicional primera", "Artículo transitorio 1",
"Artículo A.-". Read as articles they would collide with the main articles' numbers (two
"Article 1") and their text would be glued to the last article. So once the main numbering is
decided (:mod:`.sequence`), the text after its last heading is searched for a heading that opens
such a series (a line such as "Transitional provisions", or an item that names its series), and
the items are chosen the same way as articles: candidates weighted by their surroundings, the
heaviest chain of increasing numbers, one chain per series (a new series heading starts again).
They become units of kind ``transitional``; the series headings become divisions.
"""

from __future__ import annotations

import re

from .ordinals import WORD, fold, ordinal_value
from .patterns import Patterns, lazy
from .sequence import SENTENCE_END, Cand, best_chain, context_prior

#: A heading that opens a series: "TRANSITIONAL PROVISIONS", "Disposiciones transitorias",
#: "Artículos Transitorios", "Act of the Temporary Constitutional Provisions",
#: "Régimen de transición", "ADDITIONAL PROVISIONS", "Final and transitional provisions".
SERIES_HEADING = lazy(
    r"(?<![^\W\d_])(?:"
    r"(?:[A-Z][\w-]*\s+){0,4}?(?:(?i:transitional|transitory|temporary|provisional|transition"
    r"|additional|supplementary|final)(?:\s+(?i:and|or)\s+(?i:transitional|transitory|final"
    r"|temporary))?)(?:\s+[A-Z][\w-]*){0,2}\s+(?i:provisions?|dispositions?|articles?|"
    r"arrangements?|measures?|system|regime)"
    r"|(?i:disposiciones|disposici[oó]n)\s+(?i:transitorias?|adicional(?:es)?|finales?|"
    r"complementarias?)(?:\s+(?i:y|e)\s+(?i:transitorias?|finales?))?"
    r"|(?i:art[ií]culos?)\s+(?i:transitorios?)"
    r"|(?i:r[eé]gimen)\s+(?i:de)\s+(?i:transici[oó]n)"
    r")(?![^\W\d_])"
)
#: An item that names its series: "Disposición transitoria primera", "Transitory First",
#: "Artículo transitorio 1", "Artículo 3 transitorio", "Provisional Article 1".
NAMED_ITEM = lazy(
    r"^(?P<head>(?:(?i:disposici[oó]n)\s+(?i:transitoria|adicional|final|complementaria)"
    r"|(?i:transitory|transitional|provisional|temporary)(?:\s+(?i:article|provision))?"
    r"|(?i:art[ií]culo|art\.)\s+(?i:transitorio))\s+"
    r"(?P<label>" + WORD + r"|\d{1,3}[A-Za-z]?)"
    r"|(?i:art[ií]culo|art\.)\s+(?P<label2>\d{1,3}|" + WORD + r")[º°o]?\.?\s+(?i:transitorio))"
    r"(?P<sep>\s*[.:]?\s*[-–—]*)(?=\s|$)",
    re.IGNORECASE,
)
#: An ordinal or cardinal word heading an item: "PRIMERA", "PRIMERA.-", "First.", "ONE.",
#: "Forty-sixth.—", "Vigésimo octava".
ORDINAL_ITEM = lazy(
    r"(?<![^\W\d_])(?P<head>(?P<label>" + WORD + r")(?P<sep>[ \t]*[.:]?[ \t]*[-–—]*))"
    r"(?=\s|$|(?<=[-–—])[\w\"“(])",
    re.IGNORECASE,
)
#: Words after an ordinal that make it name a container ("FIRST SCHEDULE"), besides the
#: profile's container words.
_GROUPING = frozenset(("schedule", "annex", "appendix", "book", "anexo", "libro"))


def _is_heading_case(text: str) -> bool:
    """Capitalised or upper case, as a heading is: "TRANSITORY", "Transitory", not
    "transitory"."""
    return text[:1].isupper()


class Found:
    """What the series search found: item candidates and series headings, by row."""

    __slots__ = ("items", "markers")

    def __init__(self) -> None:
        self.items: list[Cand] = []
        self.markers: list[Cand] = []


def find_series(pats: Patterns, lines: list[str], cands: list[Cand], chain: list[Cand],
                letters: bool = True) -> Found:
    """Series headings and the items chosen under them, in the text after the last main
    article heading (``lines`` are the classifier's rows; ``cands`` every article candidate;
    ``chain`` the main articles)."""
    found = Found()
    if not lines:
        return found
    start = (chain[-1].row, chain[-1].end) if chain else (0, 0)
    named_rx = NAMED_ITEM()
    first: tuple[int, int] | None = None
    for ri in range(start[0], len(lines)):
        line = lines[ri]
        begin = start[1] if ri == start[0] else 0
        named = named_rx.match(line) if begin == 0 else None
        if named:
            first = (ri, 0)
            break
        # words right after the last article's number are its title, not a series heading
        markers = [mk for mk in _markers(line, begin)
                   if ri != start[0] or line[begin:mk[0]].strip(" .:-–—")]
        if markers:
            first = (ri, markers[0][0])
            break
    if first is None:
        return found
    grouping = {w.casefold() for w in pats.container_words} | _GROUPING
    on = {id(c) for c in chain}
    art: dict[int, list[Cand]] = {}
    for c in cands:
        if id(c) not in on and c.row >= first[0]:
            art.setdefault(c.row, []).append(c)
    segments: list[list[Cand]] = [[]]
    series_name = ""
    for ri in range(first[0], len(lines)):
        line = lines[ri]
        begin = first[1] if ri == first[0] else 0
        items: list[Cand] = []
        named = named_rx.match(line)
        markers = [] if named else _markers(line, begin)
        if named and begin == 0:
            label = named.group("label") or named.group("label2")
            # "Disposición adicional primera" then "Disposición transitoria primera": a
            # series named differently from the one before starts again
            name = fold(named.group("head")[:named.start("label") if named.group("label")
                                             else len(named.group("head"))])
            if name != series_name and series_name and segments[-1]:
                segments.append([])
            series_name = name
            items.append(_item(ri, 0, named.end(), label, 3.0))
        for m in ORDINAL_ITEM().finditer(line, begin):
            if m.start() == 0 and named:
                continue
            if not _is_heading_case(m.group("label")):
                continue
            if any(s <= m.start() < e for s, e in markers):
                continue
            following = line[m.end():].split(None, 1)
            preceding = line[max(0, m.start() - 30):m.start()].split()
            if (following and following[0].strip(".,:;").casefold() in grouping) or (
                    preceding and preceding[-1].casefold() in grouping):
                continue  # "FIRST SCHEDULE", "CHAPTER ONE": a container, not an item
            prior = _ordinal_prior(line, m)
            if prior > -2.0:
                items.append(_item(ri, m.start(), m.end(), m.group("label"), prior))
        for c in art.get(ri, ()):
            if c.col >= begin and (c.start or c.prior > -2.0):
                items.append(_item(ri, c.col, c.end, c.label, c.prior))
        if letters:
            for m in pats.article_letter.finditer(line, begin):
                before = line[:m.start()].rstrip()
                if not before or before[-1] in SENTENCE_END:
                    items.append(_item(ri, m.start(), m.end(), m.group("label"),
                                       3.0 if not before else 1.5))
        events = [Cand(ri, s, e, "", 0.0) for s, e in markers]
        for c in sorted((*events, *items), key=lambda c: c.col):
            if c.label:
                segments[-1].append(c)
                continue
            found.markers.append(c)
            if segments[-1]:
                segments.append([])
    for seg in segments:
        chain_items = best_chain(sorted(seg, key=lambda c: (c.row, c.col)))
        found.items.extend(c for c in chain_items if c.key[0] > 0)
    return found


def _markers(line: str, begin: int) -> list[tuple[int, int]]:
    """Where series headings are in ``line`` (from ``begin``): a short line that holds one is
    all heading ("Act of the Temporary Constitutional Provisions"); in a longer line the words
    must follow the end of a sentence or a title, in heading case."""
    found = [m for m in SERIES_HEADING().finditer(line, begin) if _is_heading_case(m.group())]
    if not found:
        return []
    if begin == 0 and len(line) <= 100 and line[-1] not in ".;,":
        return [(0, len(line))]
    return [(m.start(), m.end()) for m in found if _marker_context(line, m.start())]


def _marker_context(line: str, col: int) -> bool:
    """A series heading opens its line or follows the end of a sentence or a title."""
    before = line[:col].rstrip()
    return not before or before[-1] in SENTENCE_END or before[-1].isupper() \
        or before.rsplit(None, 1)[-1][:1].isupper()


def _item(row: int, col: int, end: int, label: str, prior: float) -> Cand:
    """A candidate item whose numbering key reads ordinal words and letters as numbers."""
    c = Cand(row, col, end, label, prior, start=col == 0)
    value = ordinal_value(label) if not label[:1].isdigit() else 0
    if value:
        c.key = (value, "")
    elif len(label) == 1 and label.isalpha():
        c.key = (ord(label.upper()) - ord("A") + 1, "")
    return c


def _ordinal_prior(line: str, m: re.Match[str]) -> float:
    """How much an ordinal word looks like an item heading: on a line of its own or opening
    one with a separator most; mid-line only after the end of a sentence."""
    sep = m.group("sep").strip()
    after = line[m.end():m.end() + 40]
    if m.start() == 0:
        if not after.strip():
            return 3.0
        return 2.5 if sep or after.lstrip()[:1].isupper() else -3.0
    prior = context_prior(line[max(0, m.start() - 120):m.start()], after, sep[:1], "-" in sep
                          or "—" in sep or "–" in sep)
    word = m.group("label")
    if not sep and not word.isupper():
        prior -= 1.0  # "First In the territories …": only the numbering can tell
    return prior
