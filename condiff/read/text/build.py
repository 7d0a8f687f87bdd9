"""Building the tree: containers nest by the profile's order, each unit's body is split into
paragraphs and items by its markers, and placeholders such as "Repealed" or "Исключена" become
repealed provisions. The Markdown reader builds its tree with the same :class:`Node` and
:func:`freeze`.
"""

from __future__ import annotations

import re

from ...model import Provision
from .patterns import MARKER, SECTION_KINDS, Patterns, label_key
from .tokens import Tok

_SUB_KINDS = ("paragraph", "item", "clause", "clause", "clause")


_ROMAN_LOWER = re.compile(r"^[ivxl]+$")


class Node:
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
        self.children: list[Node] = []
        self.sub_sections = False


def _marker(text: str, alpha_last: dict[str, str]) -> tuple[str, str, str] | None:
    m = MARKER.match(text)
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


def is_repealed(text: str, pats: Patterns) -> bool:
    """A placeholder: "Repealed", "Исключена", … or only a dash where the text was."""
    if not text:
        return False
    return len(text) <= 400 and (pats.repealed.match(text) is not None
                                 or _DASHES.match(text) is not None)


class Builder:
    def __init__(self, pats: Patterns) -> None:
        self.pats = pats
        self.roots: list[Node] = []
        self.stack: list[tuple[int, Node]] = []
        self.unit: Node | None = None
        self.sub: Node | None = None
        self.pre: list[tuple[str, int]] = []

    def feed(self, tokens: list[Tok]) -> None:
        for tok in tokens:
            if tok.kind == "text":
                self._text(tok)
            elif tok.hkind in ("preamble", "article", "amendment", "transitional"):
                self.unit = Node(tok.hkind, tok.label, tok.heading, tok.line)
                self.sub = None
                self._attach(self.unit)
            else:
                self._container(tok)

    def _text(self, tok: Tok) -> None:
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

    def _attach(self, node: Node) -> None:
        if self.stack:
            self.stack[-1][1].children.append(node)
        else:
            self.roots.append(node)

    def _container(self, tok: Tok) -> None:
        unit = self.unit
        if unit is not None and not tok.outer and unit.kind != "preamble" \
                and tok.hkind in SECTION_KINDS and (
            unit.sub_sections
            or (not unit.lines and not unit.children and label_key(tok.label)[0] == 1)
        ):
            # "Article I / Section 1 / Section 2": sections divide the article (US style)
            unit.sub_sections = True
            self.sub = Node("section", tok.label, tok.heading, tok.line)
            unit.children.append(self.sub)
            return
        self.unit = None
        self.sub = None
        rank = -1 if tok.outer else self.pats.rank.get(tok.hkind, len(self.pats.rank))
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        node = Node(tok.hkind, tok.label, tok.heading, tok.line)
        self._attach(node)
        self.stack.append((rank, node))


def _body(node: Node, pats: Patterns, *, split_lines: bool) -> tuple[str, tuple[Provision, ...]]:
    """Own text and sub-provisions of a unit (or sub-article section) from its lines."""
    own: list[str] = []
    own_lines: list[tuple[str, int]] = []
    levels: dict[str, int] = {}
    alpha_last: dict[str, str] = {}
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
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
        child = Node(_SUB_KINDS[min(level, len(_SUB_KINDS) - 1)], label, line=line,
                      lines=[rest] if rest else None)
        (stack[-1][1].children if stack else roots).append(child)
        stack.append((level, child))
    if not roots and split_lines and len(own) > 1:
        roots = [Node("paragraph", "", line=ln, lines=[t]) for t, ln in own_lines]
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


def _freeze_sub(node: Node, pats: Patterns) -> Provision:
    text = "\n".join(node.lines).strip()
    kids = tuple(_freeze_sub(c, pats) for c in node.children) if node.children else ()
    if not kids and is_repealed(text, pats):
        return Provision(kind=node.kind, label=node.label, repealed=True, line=node.line)
    return Provision(kind=node.kind, label=node.label, text=text, children=kids, line=node.line)


def freeze(node: Node, pats: Patterns) -> Provision:
    if node.kind in ("article", "amendment", "preamble", "transitional"):
        if node.kind == "preamble":
            text, kids = "\n".join(node.lines), tuple[Provision, ...]()
        else:
            text, kids = _body(node, pats, split_lines=True)
        sections = tuple(_freeze_section(c, pats) for c in node.children)
        kids = (*kids, *sections) if text or kids else sections
        heading = node.heading
        repealed = False
        if not kids and (is_repealed(text, pats) or (not text and is_repealed(heading, pats))):
            repealed, text = True, ""
            if is_repealed(heading, pats):
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
    children = tuple(freeze(c, pats) for c in node.children)
    return Provision(kind=node.kind, label=node.label, heading=heading, text=text,
                     children=children, line=node.line)


def _freeze_section(node: Node, pats: Patterns) -> Provision:
    text, kids = _body(node, pats, split_lines=True)
    repealed = not kids and is_repealed(text, pats)
    return Provision(kind="section", label=node.label, heading=node.heading,
                     text="" if repealed else text.strip(), children=kids, repealed=repealed,
                     line=node.line)
