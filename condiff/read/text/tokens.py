"""The plain-text reader's working record: one heading or one run of text of a line.

A plain class with slots rather than a dataclass: a text makes thousands of them, and defining a
dataclass costs start-up time.
"""

from __future__ import annotations


class Tok:
    __slots__ = ("blank_before", "heading", "hkind", "kind", "label", "line", "outer", "raw",
                 "text")

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
        #: A container that closes every open one (the heading of a transitional series).
        self.outer = False
