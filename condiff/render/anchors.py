"""Heading anchors that GitHub and condiff's HTML report agree on.

The report's table of contents links to its headings by fragment (``#rights-findings``). GitHub
gives every heading of a rendered Markdown file an id made by its slugger (lower case, marks
other than ``-`` and ``_`` dropped, each space a hyphen, ``-1``, ``-2`` … for repeats), and the
HTML report gives its headings ids with this same function, so one Markdown text links
correctly in both. The anchors depend only on the heading texts, which depend only on the
inputs: the same comparison always gets the same anchors.
"""

from __future__ import annotations

import unicodedata


def slug(text: str) -> str:
    """GitHub's anchor for a heading whose rendered text is ``text``."""
    out: list[str] = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_" or unicodedata.category(ch)[0] in "LMN":
            out.append(ch)
    return "".join(out)


class Slugger:
    """Anchors for the headings of one document, in order: a repeated one gets ``-1``, ``-2``
    (as GitHub numbers them)."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        """The anchor of the next heading, whose rendered text is ``text``."""
        base = candidate = slug(text)
        while candidate in self._seen:
            self._seen[base] += 1
            candidate = f"{base}-{self._seen[base]}"
        self._seen[candidate] = 0
        return candidate
