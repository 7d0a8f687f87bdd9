"""Front matter: the title, source and date printed before the first heading, and the book
title pages, metadata headers and tables of contents that are no part of the constitution."""

from __future__ import annotations

import re

from .patterns import LETTERS, MARKER, lazy

_METADATA = lazy(
    r"\b(?:adopted|approved|ratified|promulgated|in force|amended|source|official|edition|"
    r"http|www\.|rev\.|принят|вступил|источник|официальн|редакц|изменени|angenommen|"
    r"verkündet|ausgefertigt|stand|fassung|aprobad|promulgad|vigente|fuente)",
    re.IGNORECASE,
)


_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


#: What only a publisher's front matter says: copyright, editors and volumes, a web address, a
#: translator, a metadata header ("Date Adopted:"), the start of a table of contents.
_PUBLISHING = lazy(
    r"©|\bcopyright\b|all rights reserved|\bisbn\b|library of congress|\bpublications?\b"
    r"|university press|\bpublishers?\b|\beditors?\b|\bedition\b|\bvolume\b|\bissued\b"
    r"|\bpublished by\b|\blast updated\b|\btranslat(?:ed|ion|or)\b|https?://|\bwww\.|\.html?\b"
    r"|\bpolitical database\b|\bdate (?:adopted|drafted|promulgated|in force|amended|published)\b"
    r"|\bcountry name\b|\bevent type\b|\bsource language\b|\btable of contents\b|^contents\b"
    r"|\barrangement of (?:articles|sections|clauses)\b|^[íi]ndice\b|^sumario\b",
    re.IGNORECASE,
)
#: Field labels of a metadata header ("Title: Date Adopted: Country:").
_FIELD = lazy(r"(?:^|\s)[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}:(?=\s|$)")
#: Words of a table of contents' entries, besides the profile's container words.
_TOC_WORDS = lazy(r"\b(?:preamble|chapter|part|title|section|article|schedule|annex|"
                  r"pre[aá]mbulo|cap[ií]tulo|parte|t[ií]tulo|secci[oó]n|art[ií]culo)\b",
                  re.IGNORECASE)


def is_front_matter(line: str) -> bool:
    """A line only a publisher's front matter holds (copyright, editors, a metadata header)."""
    return bool(_PUBLISHING().search(line)) or len(_FIELD().findall(line)) >= 3


#: A numbered entry of a table of contents ("12—Citizenship", "3. The flag").
_TOC_ENTRY = lazy(r"(?<![\w.])\d{1,3}[A-Z]?\s?[—–.-]\s?[A-Z]")


def _is_contents_entry(line: str) -> bool:
    """A line of a table of contents (headings or numbered entries run together, a short
    entry) or a title in capitals."""
    if len(_TOC_WORDS().findall(line)) >= 3 or len(_TOC_ENTRY().findall(line)) >= 3:
        return True
    if len(line) <= 120 and line[-1] not in ".;:,":
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 10 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


def strip_front_matter(rest: list[str]) -> list[str]:
    """The lines before the first heading without a publisher's front matter: everything up to
    the last line only front matter holds, the table of contents that follows such a line, and
    title lines in capitals left before the text. A table of contents without a heading of its
    own goes too: lines listing three headings or more, and runs of three lines or more that
    each open with a heading word."""
    last = -1
    for i, line in enumerate(rest):
        if is_front_matter(line):
            last = i
    keep = rest[last + 1:]
    if last >= 0:
        while keep and _is_contents_entry(keep[0]):
            keep.pop(0)
    listing = [len(_TOC_WORDS().findall(line)) >= 3 or len(_TOC_ENTRY().findall(line)) >= 3
               for line in keep]
    start = 0
    for i in range(len(keep) + 1):
        opens = i < len(keep) and len(keep[i]) <= 120 and bool(_TOC_WORDS().match(keep[i]))
        if not opens:
            if i - start >= 3:
                listing[start:i] = [True] * (i - start)
            start = i + 1
    return [line for line, drop in zip(keep, listing, strict=True) if not drop]


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


_DATE_DMY = lazy(r"\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?"
                 r"(\d{4})\b")


_DATE_MDY = lazy(r"\b([^\W\d_]+)\s+(\d{1,2}),?\s+(\d{4})\b")


_DATE_NUM = lazy(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


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


class Front:
    __slots__ = ("date", "rest", "source", "title")

    def __init__(self, rest: list[str]) -> None:
        self.title = ""
        self.source = ""
        self.date = ""
        self.rest = rest


def front_matter(pre: list[tuple[str, int]], lines: list[str]) -> Front:
    """Title, source, date and the remaining lines of the text before the first heading."""
    front = Front(rest=[t for t, _ in pre])
    rest = front.rest
    first = next((ln for ln in lines if ln), "")
    if rest and rest[0] == first and len(first) <= 150 and first[-1] not in ",;:" \
            and LETTERS.search(first) and not MARKER.match(first):
        front.title = first
        rest.pop(0)
    while rest and len(rest[0]) <= 300 and _YEAR.search(rest[0]) and _METADATA().search(rest[0]):
        line = rest.pop(0)
        if re.search(r"source|источник|fuente|quelle", line, re.IGNORECASE) and not front.source:
            front.source = line
        front.date = front.date or find_date(line)
    front.rest = strip_front_matter(rest)
    return front
