"""Reading a document into the text blocks the rules look at.

Every provision's own text is a block, and so are a few readings a reader's choices would
otherwise hide: a list item read together with the clause that introduces it ("There shall be
no penalty:" + "(a) of death"), also when the reader laid the items beside their lead-in instead
of under it; a unit heading long enough to be the article's first line; and text the reader
left outside every article (loose text), which can keep a right from being called removed but
is never cited. Where a preamble stops being one (an article heading inside it) is marked, so
a match there is read in passing only while it really is preamble.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Document, Provision
from .index import MAX_BLOCK_CHARS, Block, BlockIndex, BlockStore, Lexicon
from .packs import Pattern
from .stem import CLAUSE_END, language_key

__all__ = ["Block", "BlockStore", "Lexicon", "Side", "guess_language", "prepare"]


@dataclass
class Side:
    """One document prepared for matching."""

    doc: Document
    language: str
    blocks: tuple[Block, ...]
    by_id: dict[str, Block] = field(default_factory=dict)
    units: dict[str, tuple[Block, ...]] = field(default_factory=dict)
    unit_refs: dict[str, str] = field(default_factory=dict)
    store: BlockStore | None = None

    @cached_property
    def index(self) -> BlockIndex:
        """Word → blocks index of the whole document."""
        if self.store is not None and self.store.blocks is self.blocks:
            return self.store.index
        return BlockIndex(self.blocks)

    def blocks_for(self, patterns: Iterable[Pattern]) -> list[Block]:
        """The blocks, in document order, that any of ``patterns`` may match in; a block left
        out is one where :func:`find` returns nothing for every one of them."""
        return [self.blocks[i] for i in self.index.candidates_any(patterns)]


def guess_language(doc: Document) -> str:
    """The document's language, or a guess from its script and commonest words."""
    if doc.language:
        return language_key(doc.language)
    sample = " ".join(p.text for p in doc.walk() if p.text)[:20_000]
    cyrillic = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyrillic > latin:
        return "ru"
    words = sample.casefold().split()
    german = sum(words.count(w) for w in ("der", "die", "und", "das", "nicht"))
    english = sum(words.count(w) for w in ("the", "and", "of", "shall", "not"))
    return "de" if german > english else "en"


def _with_lead_ins(node: Provision, lead_in: tuple[Provision, ...]
                   ) -> Iterator[tuple[Provision, tuple[Provision, ...]]]:
    """Each provision of a unit with its ancestors inside the unit that have text ("The
    Senate has the exclusive power to:" for item c), which say who acts in an enumerated
    item."""
    yield node, lead_in
    below = (*lead_in, node) if node.text else lead_in
    for child in node.children:
        yield from _with_lead_ins(child, below)


#: What ends a clause that introduces a list ("… shall be no penalty:", "Everyone has —").
_INTRODUCES = re.compile(r"[:\u2014\u2013-]\s*$")
#: Markup some sources leave at the end of a lead-in ("… no punishment:\n<list_6>").
_TRAILING_TAGS = re.compile(r"(?:\s*</?[A-Za-z][\w-]{0,20}>)+\s*$")


def _tail(text: str) -> str:
    """The end of a block's text without trailing whitespace and markup tags (only the end
    is read: an anchored search would try every position of a long text)."""
    return _TRAILING_TAGS.sub("", text[-200:]).rstrip()


#: How a list item may end when another item of the same list follows it.
_ITEM_END = re.compile(r"(?:[;,]|\b(?:and|or|y|o|e|u|и|или|und|oder))\s*$", re.IGNORECASE)
#: Most items of one list read back over to find the clause that introduces them.
MAX_ITEMS_BACK = 40


def _ending(text: str) -> str:
    """How a block's text ends: "lead" (a colon or dash: it introduces a list), "item" (";",
    ",", "and", "or": a list goes on) or "" (anything else)."""
    tail = _tail(text)
    if _INTRODUCES.search(tail):
        return "lead"
    return "item" if _ITEM_END.search(tail) else ""


def _introducer(nodes: Sequence[tuple[Provision, Provision | None]], ends: Sequence[str],
                at: int) -> Provision | None:
    """The clause introducing the list the block at ``at`` continues, among the blocks before
    it in its unit: the nearest one ending in a colon or dash, reached over items that end
    like list items (";", ",", "and", "or"). A reader that lays a list's items beside its
    lead-in instead of under it loses nothing."""
    for i in range(at - 1, max(-1, at - 1 - MAX_ITEMS_BACK), -1):
        if ends[i] == "lead":
            return nodes[i][0]
        if ends[i] != "item":
            return None
    return None


def _joined(node: Provision, parent: Provision, unit: str, language: str, pos: int,
            store: BlockStore, preamble: bool) -> Block | None:
    """The item ``node`` read on from the clause of ``parent`` that introduces it, when that
    clause ends in a colon or a dash: "there shall be no punishment:" + "a) of death" reads
    "there shall be no punishment a) of death", which is what the text says."""
    lead = _TRAILING_TAGS.sub("", parent.text[-(MAX_BLOCK_CHARS // 4):]).rstrip()
    end = _INTRODUCES.search(lead[-8:])
    if end is None:
        return None
    body = lead[:len(lead) - 8 + end.start()] if len(lead) > 8 else lead[:end.start()]
    start = 0
    for m in CLAUSE_END.finditer(body):
        start = m.end()
    while start < len(body) and body[start].isspace():
        start += 1
    clause = body[start:]
    if not clause.strip():
        return None
    text = f"{clause} {node.text}"[:MAX_BLOCK_CHARS]
    return Block(
        id=f"{node.id}+", ref=node.ref or node.id, unit=unit, text=text, language=language,
        pos=pos, store=store, preamble=_preamble_end(text) if preamble else 0,
        segments=((0, parent.ref or parent.id, start),
                  (len(clause) + 1, node.ref or node.id, 0)))


#: An article heading standing inside another provision's text ("… the same procedures.
#: Art. 77 - The term of …"): the reader did not split there, but the text is present.
INLINE_HEADING = re.compile(
    r"(?:^|[.;:!?]\s+|\n\s*)(?:art(?:icle|ículo|iculo)?s?\.?|section|sec\.|§)\s*"
    r"(\d+)\s*(?:[-\u2013\u2014.:)]|\n|º|°|o\b)", re.IGNORECASE)


def _preamble_end(text: str) -> int:
    """Where a preamble's own text stops being a preamble: at the first article heading
    inside it (a reader that missed the first headings leaves articles there)."""
    m = INLINE_HEADING.search(text)
    return m.start() if m else len(text)


#: Fewest words of a unit heading read as text: a title ("Right to life") only names the
#: topic (see ``heading_mentions``); a longer one is usually the first line of the text, which
#: a reader took for a heading ("Se garantiza el derecho de huelga, salvo en los …").
HEADING_WORDS = 7
#: Largest piece loose text is read in (characters): a reader that lost every article
#: heading may leave the whole constitution in one chapter's text.
LOOSE_PIECE = 4_000


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a long text, cut at line ends into pieces of about
    :data:`LOOSE_PIECE` characters (a single longer line is cut where it must be)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + LOOSE_PIECE)
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def prepare(doc: Document) -> Side:
    """Every non-repealed text block of every unit (words are read lazily), then the text the
    reader left outside every unit, as loose blocks."""
    language = guess_language(doc)
    store = BlockStore()
    blocks: list[Block] = []
    units: dict[str, tuple[Block, ...]] = {}
    for unit in doc.units():
        if unit.repealed:
            continue
        mine: list[Block] = []
        preamble = unit.kind == "preamble"
        nodes: list[tuple[Provision, Provision | None]] = []
        for node, lead_in in _with_lead_ins(unit, ()):
            if node.repealed or not node.text:
                continue
            text = node.text[:MAX_BLOCK_CHARS]
            mine.append(Block(
                id=node.id, ref=node.ref or node.id, unit=unit.id, text=text,
                context="\n".join(n.text for n in lead_in)[:MAX_BLOCK_CHARS],
                language=language, pos=len(blocks) + len(mine), store=store,
                preamble=_preamble_end(text) if preamble else 0,
            ))
            nodes.append((node, lead_in[-1] if lead_in else None))
        units[unit.id] = tuple(mine)
        blocks.extend(mine)
        if len(unit.heading.split()) >= HEADING_WORDS:
            blocks.append(Block(
                id=f"{unit.id}#heading", ref=unit.ref or unit.id, unit=unit.id,
                text=unit.heading[:MAX_BLOCK_CHARS], language=language, pos=len(blocks),
                store=store, heading=True))
        ends = [_ending(n.text) for n, _ in nodes]
        for i, (node, parent) in enumerate(nodes):
            lead = _introducer(nodes, ends, i) or parent
            if lead is None:
                continue
            joined = _joined(node, lead, unit.id, language, len(blocks), store, preamble)
            if joined is not None:
                blocks.append(joined)
    for node in _loose(doc.provisions):
        for k, (offset, piece) in enumerate(_pieces(node.text)):
            blocks.append(Block(
                id=f"{node.id}~{k}" if k else node.id, ref=node.ref or node.id, unit="",
                text=piece, language=language, pos=len(blocks), store=store, loose=True,
                offset=offset))
    store.blocks = tuple(blocks)
    side = Side(doc, language, store.blocks, units=units,
                unit_refs={u.id: u.ref or u.id for u in doc.units()}, store=store)
    side.by_id = {b.id: b for b in blocks}
    return side


def _loose(nodes: Iterable[Provision]) -> Iterator[Provision]:
    """Containers with text of their own, outside every unit, in document order."""
    for node in nodes:
        if node.is_unit or node.repealed:
            continue
        if node.text and node.kind != "preamble":
            yield node
        yield from _loose(node.children)
