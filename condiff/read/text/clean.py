"""Cleaning: the text's lines without layout, page furniture and OCR debris."""

from __future__ import annotations

import re
from collections import Counter

from .patterns import LETTERS, MARKER, TERMINAL, lazy

_WORD3 = re.compile(r"[^\W\d_]{3,}")


#: Blanks other than the plain space, which cleaning turns into one: tab, no-break space, the
#: typographic spaces (U+2000-U+200B) and the ideographic space.
_ODD_BLANKS = "".join(map(chr, (0x09, 0xA0, *range(0x2000, 0x200C), 0x3000)))


#: Runs of blanks that cleaning must change: anything but a lone plain space. (Matching every
#: single space too would cost a substitution per word for nothing.)
_SPACES = lazy(r"[\t\u00a0\u2000-\u200b\u3000][ \t\u00a0\u2000-\u200b\u3000]*"
                r"| [ \t\u00a0\u2000-\u200b\u3000]+")


_SPACE_RUNS = lazy("  +")


#: Layout tags some exports leave in the text ("Founding values<title>", "<list_1>"): a tag on
#: a line of its own, or closing a line, carries no words.
_LAYOUT_TAG = lazy(r"[ \t]*</?(?:title|list|list_\d{1,2}|p|br|item)>[ \t]*$", re.MULTILINE)


def clean_lines(text: str) -> list[str]:
    """The text's lines with blanks collapsed to one space and stripped."""
    # A page break opening a line ends the page before it: dropped, so that line numbers stay
    # those of the file. Anywhere else it breaks the line.
    text = text.replace("\n\f", "\n").replace("\f", "\n").replace("\u2028", "\n") \
        .replace("\u2029", "\n")
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


def is_junk(line: str) -> bool:
    """Page numbers and OCR debris: no word of three letters and nothing that is a marker."""
    if _WORD3.search(line):
        return False
    if MARKER.match(line) and not MARKER.sub("", line, count=1).strip(" .-"):
        return False  # a lone "(2)" or "3." opening the next line's paragraph
    if len(line) <= 8 and LETTERS.search(line) and not any(ch.isdigit() for ch in line):
        # a lone short word ("IV", "No.") may be real; only drop obvious debris ("' — i")
        word = line[:-1] if line[-1] in ".!?" else line
        return not (word.isalpha() and (len(line) > 1 or line.isupper()))
    return not (len(line) > 8 and LETTERS.search(line) and len(LETTERS.findall(line)) > 4)


#: What only page furniture holds: a copyright notice, a web address, a file name.
#: (Case variants spelt out: a case-blind search of every line cost more than all the rest of
#: cleaning.)
_FURNITURE = lazy(r"©|[Cc]opyright|COPYRIGHT|[Aa]ll [Rr]ights [Rr]eserved|ALL RIGHTS RESERVED"
                  r"|[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.|\.(?:html?|pdf|org|edu|gov|com)\b"
                  r"|\.(?:HTML?|PDF|ORG|EDU|GOV|COM)\b")
_DIGITS = lazy(r"\d+")


def _furniture_key(line: str) -> str | None:
    """The line with its numbers blanked, when it has the shape of page furniture that changes
    from page to page ("…/english08.html 2/119", "POLAND_1997", "7/18/12"); else None."""
    if len(line) <= 200 and _FURNITURE().search(line):
        return _DIGITS().sub("#", line)
    if len(line) <= 30 and " " not in line and any(ch.isdigit() for ch in line) and (
            "_" in line or "/" in line or LETTERS.search(line)):
        return _DIGITS().sub("#", line)
    return None


def running_headers(lines: list[str]) -> set[str]:
    """Lines a PDF repeats on every page: the same short line, three times or more, each time
    next to a page break (a blank line or a page number). A copyright notice, a web address or a
    one-word page tag counts even when it ends a sentence or carries the page number
    ("…/english08.html 2/119"). Repeated lines inside running text are kept."""
    counts = Counter(ln for ln in lines if ln)
    keys: dict[str, str] = {}
    for ln, n in counts.items():
        # furniture repeats as it is, or changes only by a page counter after a "/" (checking
        # every line for it was the most of reading a clean text)
        key = _furniture_key(ln) if n >= 3 or "/" in ln or " " not in ln else None
        if key is not None:
            keys[ln] = key
        elif n >= 3 and len(ln.split()) >= 4 and len(ln) <= 150 \
                and ln[-1] not in TERMINAL + "-–—" and not MARKER.match(ln) \
                and not ln.rsplit(None, 1)[-1][:1].islower():
            # a header reads like a title; a numbered paragraph, a line opening a list or a
            # line broken mid-sentence ("… establecerá las") is text, however often repeated
            keys[ln] = ln
    if not keys:
        return set()
    total: Counter[str] = Counter()
    for ln, key in keys.items():
        total[key] += counts[ln]
    at_break: Counter[str] = Counter()
    last = len(lines) - 1
    for i, ln in enumerate(lines):
        key = keys.get(ln) if ln else None
        if key is not None and total[key] >= 3:
            near = (lines[i - 1] if i else "", lines[i + 1] if i < last else "")
            if any(not x or is_junk(x) or x in keys for x in near):
                at_break[key] += 1
    return {ln for ln, key in keys.items()
            if total[key] >= 3 and at_break[key] >= 3 and at_break[key] >= 0.75 * total[key]}
