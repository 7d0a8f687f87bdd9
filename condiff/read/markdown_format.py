"""Markdown reader: headings give the structure, the text profiles say what each heading is.

Markdown constitutions (the bundestag/gesetze Grundgesetz, GitHub mirrors of national texts,
notes exported from editors) mark structure with headings, but the heading *levels* mean
different things in every file: ``##`` may be a chapter in one and an article in another. So
levels only decide nesting, and what a heading is comes from its words, using the same
language profiles as the plain-text reader ("Art 5", "Artikel 5", "Article 5", "Статья 5",
"Chapter II", "I. - Die Grundrechte"). Ordered lists become numbered paragraphs or items,
"(1)" and "a)" markers inside paragraphs are honoured, and hard-wrapped lines are re-joined.

markdown-it-py is imported here only, and only when a Markdown file is read.
"""

from __future__ import annotations

import functools
import os
import re
import warnings

from ..errors import CondiffWarning
from ..model import CONTAINER_KINDS, Document, Provision, finalize
from . import numbering
from .profiles import BUILTIN, Profile, detect_profile, load_profile
from .text import LABEL, Node, Patterns, compile_profile, freeze, split_heading

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing when reading
if TYPE_CHECKING:
    from typing import Any

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_LEAD_JUNK = re.compile(r"^\([^()]{0,20}\)\s*")
_MORE_LABELS = re.compile(
    r"^(?:und|and|und|и|y|et|e|,|&|–|-|bis)\s+(?P<label>" + LABEL + r")(?=[\s.,)]|$)\s*",
    re.IGNORECASE,
)
_BARE_ROMAN = re.compile(
    r"^(?P<label>[IVXLC]{1,7}(?:\s?[a-z])?)\.?\s*(?:[-–—:.]\s*)+(?P<rest>\S.*)$"
)
_ANNEX = re.compile(r"^(?:Anhang|Anlage|Annex|Appendix|Schedule|Приложение|Anexo)\b",
                    re.IGNORECASE)
# Lines inside one Markdown paragraph that start a new item: "a)" and "(1)"-style markers
# (plain "1." lines are left alone: "bis zum\n31. Dezember" is a wrapped date).
_INLINE_ITEM = re.compile(r"^(?:[a-z]\)|\((?:\d{1,3}|[a-z]{1,2})\))\s")


class _Head:
    __slots__ = ("level", "node")

    def __init__(self, level: int, node: Node) -> None:
        self.level = level
        self.node = node


class _State:
    """The tree being built from the Markdown tokens (a plain class: defining a dataclass
    costs start-up time)."""

    __slots__ = ("pats", "pre", "roots", "stack", "title", "unit", "unit_level", "units_seen")

    def __init__(self, pats: Patterns) -> None:
        self.pats = pats
        self.roots: list[Node] = []
        self.stack: list[_Head] = []
        self.unit: Node | None = None
        self.unit_level = 0
        self.units_seen = 0
        self.pre: list[str] = []
        self.title = ""


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` pairs of a YAML front-matter block, and the text after it.

    Only flat scalar keys are read (title, date, language…); the YAML parser is not needed for
    that, and nothing in front matter can build objects or expand."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group("body").split("\n"):
        km = _KEY.match(line)
        if km and km.group("value"):
            value = km.group("value").strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta.setdefault(km.group("key").casefold(), value)
    # keep line numbers right for the rest of the file
    return meta, "\n" * m.group(0).count("\n") + text[m.end():]


#: Characters that start inline syntax in CommonMark (autolinks and HTML, code spans, emphasis,
#: entities, escapes, images, links). Inline text without them parses to plain text and line
#: breaks only.
_INLINE_SYNTAX = re.compile(r"[<`*_&\\!\[\]]")


def _inline_where_needed(state: Any) -> None:
    """markdown-it's core ``inline`` rule, run only on the inline tokens that hold inline
    syntax: a constitution is almost all plain paragraphs, and parsing their inline content
    was a fifth of reading a Markdown file. :func:`_inline_text` reads the others' content."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if _INLINE_SYNTAX.search(token.content):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


@functools.cache
def _markdown() -> Any:
    """The CommonMark parser (made once; parsing does not change it)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.core.ruler.at("inline", _inline_where_needed)
    return md


def _inline_text(token: Any) -> str:
    """The text of an inline token, line breaks as "\n". The callers collapse the blanks
    around line breaks, which is all plain content differs in from its parsed children."""
    if not token.children:
        return str(token.content)
    parts: list[str] = []
    for child in token.children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


#: What stops a paragraph's lines from being simply joined: a line (after the first) that
#: starts an "a)"-style item, or a line ending with a hyphen. Generous: only a fast path.
_NOT_ONE_BLOCK = re.compile(
    r"\n[^\S\n]*(?:[a-z]\)|\((?:\d{1,3}|[a-z]{1,2})\))\s|-[^\S\n]*\n"
)


def _lines_of(text: str) -> list[str]:
    """Re-join a paragraph's hard-wrapped lines, keeping "a)"-style items on lines of their own."""
    if not _NOT_ONE_BLOCK.search(text):
        # every line joins the first with a space: the common case, in one step
        line = " ".join(text.split())
        return [line] if line else []
    return _join_lines(text)


def _join_lines(text: str) -> list[str]:
    """:func:`_lines_of` line by line, for paragraphs with items or hyphenated line ends."""
    blocks: list[list[str]] = []  # pieces joined once at the end: linear on huge paragraphs
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if blocks and not _INLINE_ITEM.match(line):
            last = blocks[-1][-1]
            if not (last.endswith("-") and last[-2:-1].isalpha() and line[:1].islower()):
                blocks[-1].append(" ")  # "Ein-\nwohner" keeps its hyphen in German
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return ["".join(b) for b in blocks]


def _classify(text: str, st: _State) -> tuple[str, list[str], str, str] | None:
    """(kind, labels, heading, text) of a heading line, or None if it is not structural."""
    pats = st.pats
    line = _LEAD_JUNK.sub("", text.strip())
    m = pats.unit.match(line)
    if m:
        kind = "article" if m.group("art") else "amendment"
        labels = [m.group("label")]
        rest = m.group("rest")
        while True:
            more = _MORE_LABELS.match(rest)
            if not more:
                break
            labels.append(more.group("label"))
            rest = rest[more.end():]
        heading, body = split_heading(rest, container=False)
        if body and not heading:
            heading, body = body, ""  # in a heading, whatever follows the number is its title
        return kind, labels, heading, body
    m = pats.preamble.match(line)
    if m:
        return "preamble", [""], m.group("rest").strip(), ""
    for kind, rx in pats.containers:
        m = rx().match(line)
        if m:
            return kind, [m.group("label")], m.group("rest").strip(" .:-–—"), ""
    m = _BARE_ROMAN.match(line)
    if m:
        kinds = [k for k, _ in pats.profile.containers]
        kind = "chapter" if "chapter" in kinds else (kinds[0] if kinds else "part")
        return kind, [m.group("label").replace(" ", "")], m.group("rest").strip(), ""
    return None


def _close_to(st: _State, level: int) -> None:
    while st.stack and st.stack[-1].level >= level:
        st.stack.pop()


def _attach(st: _State, node: Node) -> None:
    if st.stack:
        st.stack[-1].node.children.append(node)
    else:
        st.roots.append(node)


def _heading(text: str, level: int, line: int, st: _State) -> None:
    found = _classify(text, st)
    if found is None:
        if level == 1 and not st.title and not st.roots:
            st.title = text.strip()
            return
        if st.unit is not None and level > st.unit_level:
            _push(st.unit, [text.strip()], line)  # a sub-heading inside an article
            return
        kind = "schedule" if _ANNEX.match(text.strip()) else "division"
        found = (kind, [""], text.strip(), "")
    kind, labels, heading, body = found
    if kind in CONTAINER_KINDS:
        if st.unit is not None and level > st.unit_level and kind in ("section", "division"):
            # "## Article I / ### Section 1": sections divide the article
            st.unit.sub_sections = True
            sub = Node("section", labels[0], heading, line)
            st.unit.children.append(sub)
            return
        st.unit = None
        _close_to(st, level)
        node = Node(kind, labels[0], heading, line)
        _attach(st, node)
        st.stack.append(_Head(level, node))
        return
    _close_to(st, level)
    st.unit_level = level
    repealed_heading = heading
    for label in labels:
        node = Node(kind, label, repealed_heading, line)
        if body:
            _push(node, [body], line)
        _attach(st, node)
        st.unit = node
        st.units_seen += 1


def _push(node: Node, lines: list[str], line: int) -> None:
    node.lines.extend(lines)
    node.line_nos.extend([line] * len(lines))


def _add_lines(lines: list[str], st: _State, line: int = 0) -> None:
    if not lines:
        return
    target: Node | None = st.unit
    if target is not None and target.sub_sections and target.children:
        target = target.children[-1]
    if target is None:
        if st.stack:
            _push(st.stack[-1].node, lines, line)
        else:
            st.pre.extend(lines)
        return
    _push(target, lines, line)


def _line(tok: Any) -> int:
    return int(tok.map[0]) + 1 if tok.map else 0


def _walk(tokens: list[Any], profile: Profile) -> _State:
    """Build the provision tree from markdown-it block tokens with one profile's words."""
    st = _State(compile_profile(profile, extra_article=("Art", "Artikel", "Article")))
    pending_marker = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            inline = tokens[i + 1]
            line = _line(tok)
            _heading(" ".join(_inline_text(inline).split()), int(tok.tag[1:]), line, st)
            i += 3
            continue
        if kind == "list_item_open":
            pending_marker = f"{tok.info}{tok.markup} " if tok.info else ""
            if not tok.info:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is not None and nxt.type == "list_item_close":
                    _add_lines(["-"], st, _line(tok))  # an empty bullet: a placeholder dash
        elif kind == "inline":
            lines = _lines_of(_inline_text(tok))
            if lines and pending_marker:
                lines[0] = pending_marker + lines[0]
                pending_marker = ""
            _add_lines(lines, st, _line(tok))
        elif kind in ("fence", "code_block", "html_block"):
            _add_lines([ln.strip() for ln in tok.content.split("\n") if ln.strip()], st,
                       _line(tok))
        i += 1
    return st


def parse_markdown(
    text: str, path: str = "<markdown>", *, profile: str | os.PathLike[str] | Profile | None = None
) -> Document:
    """Read a Markdown constitution into a finalized Document.

    Args:
        text: The decoded Markdown text.
        path: Shown in messages and kept as ``Document.path``.
        profile: Heading words to use (a Profile, a built-in code or a profile YAML file);
            by default the front matter's ``language`` or the detected language.

    A file with no recognisable article headings is read as one article, with a
    :class:`~condiff.errors.CondiffWarning`.
    """
    meta, body = _front_matter(text)
    tokens = _markdown().parse(body)
    declared = BUILTIN.get((meta.get("language") or meta.get("lang") or "").split("-")[0])
    chosen: Profile
    if isinstance(profile, Profile):
        chosen = profile
    elif profile is not None:
        chosen = load_profile(profile)
    else:
        chosen = declared or detect_profile(body)
    st = _walk(tokens, chosen)
    if not st.units_seen and profile is None:
        # A short or mixed text can fool detection: try the other languages' heading words.
        for other in BUILTIN.values():
            if other is not chosen:
                attempt = _walk(tokens, other)
                if attempt.units_seen:
                    chosen, st = other, attempt
                    break
    provisions = [freeze(n, st.pats) for n in st.roots]
    title = meta.get("title") or st.title
    if st.pre and not any(p.kind == "preamble" for p in provisions):
        provisions.insert(0, Provision(kind="preamble", text="\n".join(st.pre)))
    if not st.units_seen:
        warnings.warn(
            f"{path}: no structure found: no article headings in the Markdown (looked for "
            "headings such as "
            f"'{chosen.article[0]} 5'); read the whole text as one article",
            CondiffWarning,
            stacklevel=2,
        )
        texts = [p.full_text() for p in provisions]
        whole = "\n".join(t for t in texts if t) or title
        provisions = [Provision(kind="article", label="1", text=whole.strip(), line=1)]
    language = meta.get("language") or meta.get("lang") or chosen.language
    doc = Document(
        title=" ".join(title.split()),
        # "version: 1995 as amended to 2022" in the front matter is the label readers see.
        version=" ".join(meta.get("version", "").split()),
        language=language if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", language)
        else chosen.language,
        date=meta.get("date", "") if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", meta.get("date", ""))
        else "",
        provisions=tuple(provisions),
        path=path,
    )
    return numbering.attach(finalize(doc))
