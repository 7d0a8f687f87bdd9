"""Indexes and caches of the rules stage: a document's text blocks, their words, and which
blocks hold which word.

Why it is built this way: cheap tests first, bounded memory. A document's word index (bit sets
of blocks per word) rules out nearly every pattern × block pair before any block is tokenised;
tokens are kept in a cache bounded by weight, so a 50 MB hostile text costs the rules stage
tens of megabytes, not gigabytes. Nothing here knows about rights: :mod:`.match` finds patterns
with these indexes, and the checks in :mod:`.checks` decide what the matches mean.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, overload

from ..model import Document, Provision
from .packs import Pattern, Term
from .stem import (
    CLAUSE_END,
    WORD,
    Columns,
    Token,
    forms_of,
    language_key,
    tokenize_columns,
    word_forms,
)

#: Longest provision text the engine reads (characters); longer text is cut, which bounds the
#: time any regex of a user pack can take.
MAX_BLOCK_CHARS = 20_000
#: Most tokens a run keeps at once, over all the blocks whose tokens it remembers (a block's
#: tokens are read again when needed after being dropped). A constitution has some tens of
#: thousands; a 50 MB hostile text has millions, which kept all at once cost gigabytes.
MAX_CACHED_TOKENS = 200_000


class _Lru:
    """A least-recently-used cache bounded by the total weight of its values (tokens, hits),
    not by their number: one block of a hostile text may weigh as much as a thousand others.
    The entry keeps its key object alive, so an ``id()`` in a key cannot be reused while the
    entry stands."""

    __slots__ = ("_entries", "_held", "_limit")

    def __init__(self, limit: int) -> None:
        self._entries: OrderedDict[object, tuple[object, Any, int]] = OrderedDict()
        self._held = 0
        self._limit = limit

    def get(self, key: object, owner: object) -> Any:
        """The value stored for ``key`` by ``owner``, or None."""
        entry = self._entries.get(key)
        if entry is None or entry[0] is not owner:
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: object, owner: object, value: Any, weight: int) -> None:
        entries = self._entries
        old = entries.pop(key, None)
        if old is not None:
            self._held -= old[2]
        entries[key] = (owner, value, weight + 1)
        self._held += weight + 1
        while self._held > self._limit and len(entries) > 1:
            _, (_, _, dropped) = entries.popitem(last=False)
            self._held -= dropped




class BlockStore:
    """What a run keeps about the blocks of one document: the word → blocks index, and the
    tokens of the blocks read most recently (bounded by :data:`MAX_CACHED_TOKENS`)."""

    def __init__(self, blocks: Sequence[Block] = (), lexicon: Lexicon | None = None) -> None:
        self.blocks: Sequence[Block] = blocks
        #: Shared with the other document of a run in the same language.
        self.lexicon = lexicon
        self._index: BlockIndex | None = None
        self._cache = _Lru(MAX_CACHED_TOKENS)

    @property
    def index(self) -> BlockIndex:
        if self._index is None:
            self._index = BlockIndex(self.blocks, self.lexicon)
        return self._index

    def tokens(self, block: Block, context: bool = False) -> Tokens:
        """The tokens of a block's own text (or of its ``context``)."""
        key = (block.pos, context)
        found: Tokens | None = self._cache.get(key, block)
        if found is None:
            found = Tokens.of_text(block.context if context else block.text, block.language)
            self._cache.put(key, block, found, len(found))
        return found

    def release(self) -> None:
        """Drop everything: blocks point back to their store, so without this the blocks,
        index and cached tokens of a run form a cycle that only the cyclic garbage collector
        frees, possibly long after the run (while a report is being rendered)."""
        self.blocks = ()
        self._index = None
        self._cache = _Lru(MAX_CACHED_TOKENS)

    def context_index(self, block: Block) -> WordIndex:
        key = (block.pos, "context-index")
        found: WordIndex | None = self._cache.get(key, block)
        if found is None:
            found = WordIndex.of_text(block.context, block.language)
            self._cache.put(key, block, found, len(found.norms) + len(found.stems))
        return found




@dataclass(frozen=True)
class Block:
    """One text block of a unit. Its words are read when first needed: most blocks of a
    constitution are ruled out for every pattern by the document's word index alone, which is
    built from the distinct words without making a token of each occurrence.

    Attributes:
        id: Provision id.
        ref: Provision reference ("24.3"), or the id when the reference is ambiguous.
        unit: Id of the unit (article) it belongs to.
        text: Own text (cut at :data:`MAX_BLOCK_CHARS`).
        context: Own text of the unit when the block is a child ("The Senate shall:"), which
            governs who acts in an enumerated item.
        language: Language key the words are stemmed for ("ru").
        pos: Position in its document's blocks (with ``store``).
        store: Where its document's word index and cached tokens live; None for a block made
            on the side (a heading), whose words are read afresh each time.
        loose: Text the reader left outside every article (under a chapter heading, say,
            when it lost the article headings there). It is evidence that a right is still
            in the document, never the ground of a finding of its own.
        offset: Where ``text`` starts in the provision's own text (loose text is read in
            pieces), so evidence spans point into the provision.
        segments: For an enumerated item read together with the clause that introduces it
            ("there shall be no penalty:" + "a) of death …"), where each part of ``text``
            comes from: (start in ``text``, provision reference, start in that provision's
            own text). Such a block is evidence and a carrier like any other, but it is not
            counted again when wording is compared (its parts are blocks of their own).
        preamble: How much of the text (characters from the start) is preamble, which states
            aims: a match there is in passing. 0 outside the preamble.
        heading: The block is its unit's heading, long enough to be text (the first line of
            an article, which a reader took for a heading): it carries like text, but its
            words are not provision text, so it gives no evidence spans and no wording to
            compare.
    """

    id: str
    ref: str
    unit: str
    text: str
    context: str = ""
    language: str = ""
    pos: int = field(default=-1, compare=False, repr=False)
    store: BlockStore | None = field(default=None, compare=False, repr=False)
    loose: bool = False
    offset: int = 0
    segments: tuple[tuple[int, str, int], ...] = ()
    preamble: int = 0
    heading: bool = False

    @property
    def counted(self) -> bool:
        """Whether the block takes part in comparing wording (not loose, joined or a
        heading)."""
        return not self.loose and not self.segments and not self.heading

    @property
    def tokens(self) -> Tokens:
        """Its words."""
        if self.store is not None:
            return self.store.tokens(self)
        return Tokens.of_text(self.text, self.language)

    @property
    def context_tokens(self) -> Tokens:
        """The words of ``context``."""
        if self.store is not None:
            return self.store.tokens(self, context=True)
        return Tokens.of_text(self.context, self.language)

    @cached_property
    def index(self) -> WordIndex:
        """Word index of the own text, for the cheap "cannot match" test."""
        return WordIndex.of_text(self.text, self.language)

    @cached_property
    def context_index(self) -> WordIndex:
        return WordIndex.of_text(self.context, self.language)




class Tokens(Sequence[Token]):
    """The tokens of a text kept column by column: a token as a tuple of its own (with its two
    offsets as int objects) costs about five times as much as its share of a few arrays.
    Reading one builds the :class:`~condiff.rules.stem.Token`; the hot matching loop reads
    the columns directly, starting from where a phrase's first word stands (``where``)."""

    __slots__ = ("clauses", "ends", "norms", "starts", "stems")

    def __init__(self, tokens: Sequence[Token] = ()) -> None:
        self._set(([t.start for t in tokens], [t.end for t in tokens],
                   [t.norm for t in tokens], [t.stem for t in tokens],
                   [t.clause for t in tokens]))

    @classmethod
    def of_text(cls, text: str, language: str) -> Tokens:
        """The tokens of ``text`` (``Tokens(tokenize(text, language))``, without the tuples)."""
        self = cls.__new__(cls)
        self._set(tokenize_columns(text, language))
        return self

    def _set(self, columns: Columns) -> None:
        starts, ends, norms, stems, clauses = columns
        self.starts = array("i", starts)
        self.ends = array("i", ends)
        self.norms: tuple[str, ...] = tuple(norms)
        self.stems: tuple[str, ...] = tuple(stems)
        self.clauses = array("i", clauses)

    def where(self, term: Term, starting: Sequence[str] | None = None) -> list[int]:
        """Positions, in order, of the tokens ``term`` matches (``Term.matches``).

        Args:
            term: The word.
            starting: For a prefix term, the forms of the whole document that begin with it
                (:meth:`BlockIndex.starting`), a superset of this text's.
        """
        norms = self.norms
        if term.prefix:
            text = term.text
            if starting is None or len(starting) > 8:
                starting = [n for n in set(norms) if n.startswith(text)]
            found: list[int] = []
            for norm in starting:
                found.extend(_positions(norms, norm))
            if len(starting) > 1:
                found.sort()
            return found
        if term.exact:
            return _positions(norms, term.text)
        by_stem = _positions(self.stems, term.stem)
        by_norm = _positions(norms, term.text)
        if not by_norm:
            return by_stem
        if not by_stem:
            return by_norm
        return sorted(set(by_stem).union(by_norm))

    def __len__(self) -> int:
        return len(self.norms)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, i: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self.norms))))
        return Token(self.starts[i], self.ends[i], self.norms[i], self.stems[i], self.clauses[i])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.starts, self.ends, self.norms, self.stems, self.clauses)




@dataclass(frozen=True)
class WordIndex:
    """The words of a text: forms, stems, and forms sorted for prefix look-ups."""

    norms: frozenset[str]
    stems: frozenset[str]
    sorted_norms: tuple[str, ...]

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> WordIndex:
        norms = frozenset(t.norm for t in tokens)
        return cls(norms, frozenset(t.stem for t in tokens), tuple(sorted(norms)))

    @classmethod
    def of_text(cls, text: str, language: str) -> WordIndex:
        """The same as ``of(tokenize(text, language))``, from the distinct words only."""
        norms, stems = word_forms(text, language)
        return cls(norms, stems, tuple(sorted(norms)))

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self.sorted_norms, prefix)
        return i < len(self.sorted_norms) and self.sorted_norms[i].startswith(prefix)

    def may_have(self, term: Term) -> bool:
        if term.prefix:
            return self.has_prefix(term.text)
        if term.exact:
            return term.text in self.norms
        return term.stem in self.stems or term.text in self.norms




def _positions(words: tuple[str, ...], word: str) -> list[int]:
    """Where ``word`` stands in ``words`` (scanned by ``tuple.index``, in C)."""
    out: list[int] = []
    if word not in words:
        return out
    index = words.index
    at = index(word)
    try:
        while True:
            out.append(at)
            at = index(word, at + 1)
    except ValueError:
        return out


def _bits_of(positions: Iterable[Iterable[int]], size: int) -> int:
    """A set of block positions as the bits of an int (bit ``p`` set for position ``p``):
    intersections and unions over thousands of blocks become single C operations."""
    flags = bytearray((size >> 3) + 1)
    for group in positions:
        for p in group:
            flags[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(flags, "little")


def _positions_of(bits: int) -> list[int]:
    """The positions set in ``bits``, ascending."""
    out: list[int] = []
    for i, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) >> 3, "little")):
        if byte:
            base = i << 3
            out.extend(base + j for j in range(8) if byte >> j & 1)
    return out




class Lexicon:
    """The distinct words of a run's documents in one language, mapped back from their forms
    and stems. Two versions of a constitution share most of their words, which are then
    normalised, stemmed and mapped once."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._norm_words: defaultdict[str, list[str]] = defaultdict(list)
        self._stem_words: defaultdict[str, list[str]] = defaultdict(list)
        self._sorted: tuple[str, ...] | None = None
        self._starting: dict[str, tuple[str, ...]] = {}
        self._known: set[str] = set()

    def add(self, words: Iterable[str]) -> None:
        """Learn words as they stand in a text."""
        fresh = [w for w in words if w not in self._known]
        if not fresh:
            return
        self._known.update(fresh)
        norm_words, stem_words = self._norm_words, self._stem_words
        for word, (norm, stem) in zip(fresh, forms_of(fresh, self.language), strict=True):
            norm_words[norm].append(word)
            stem_words[stem].append(word)
        self._sorted = None
        self._starting.clear()

    def starting(self, prefix: str) -> tuple[str, ...]:
        """The known word forms that begin with ``prefix``."""
        found = self._starting.get(prefix)
        if found is None:
            norms = self._sorted
            if norms is None:
                norms = self._sorted = tuple(sorted(self._norm_words))
            i = j = bisect_left(norms, prefix)
            while j < len(norms) and norms[j].startswith(prefix):
                j += 1
            found = self._starting[prefix] = norms[i:j]
        return found

    def words(self, term: Term) -> list[str]:
        """The known words (as they stand) that :meth:`WordIndex.may_have` accepts for
        ``term``, each once."""
        found: list[str] = []
        if term.prefix:
            for norm in self.starting(term.text):
                found.extend(self._norm_words[norm])
            return found
        found.extend(self._norm_words.get(term.text, ()))
        if not term.exact:
            found.extend(w for w in self._stem_words.get(term.stem, ()) if w not in found)
        return found




class BlockIndex:
    """Which blocks of a document (by position) hold each word.

    A phrase or "near" pattern can only match in a block that holds every one of its words
    (the test :meth:`WordIndex.may_have` makes block by block), so the blocks worth matching a
    pattern against are the intersection of its words' block sets: a few operations on bit
    sets per pattern instead of a Python test per pattern × block, of which there are hundreds
    of thousands in a large constitution and nearly all fail. Words are indexed as they stand
    in the text and normalised and stemmed once per distinct word of the document.
    """

    def __init__(self, blocks: Sequence[Block], lexicon: Lexicon | None = None) -> None:
        size = len(blocks)
        self.size = size
        at: defaultdict[str, list[int]] = defaultdict(list)
        worded: list[int] = []
        findall = WORD.findall
        for i, block in enumerate(blocks):
            distinct = set(findall(block.text))
            if distinct:
                worded.append(i)
                for word in distinct:
                    at[word].append(i)
        if lexicon is None:
            lexicon = Lexicon(blocks[0].language if blocks else "")
        lexicon.add(at)
        self.lexicon = lexicon
        self._at: dict[str, list[int]] = at
        self.every_bits = (1 << size) - 1
        self.worded_bits = _bits_of((worded,), size)
        self._terms: dict[tuple[bool, bool, str, str], int] = {}
        self._word_bits: dict[str, int] = {}
        # Keyed by the pattern object (kept alive in the entry): patterns are frozen data, but
        # hashing one means hashing all its terms.
        self._cache: dict[int, tuple[Pattern, int, bytes]] = {}

    def term_bits(self, term: Term) -> int:
        """Blocks where :meth:`WordIndex.may_have` holds for ``term``, as bits."""
        key = (term.prefix, term.exact, term.text, term.stem)
        found = self._terms.get(key)
        if found is not None:
            return found
        found = 0
        # Word by word, remembered: the same words recur in many patterns.
        word_bits, at = self._word_bits, self._at
        for word in self.lexicon.words(term):
            bits = word_bits.get(word)
            if bits is None:
                where = at.get(word)
                if where is None:  # a word of the other document
                    continue
                bits = word_bits[word] = _bits_of((where,), self.size)
            found |= bits
        self._terms[key] = found
        return found

    def starting(self, prefix: str) -> tuple[str, ...]:
        """Word forms that begin with ``prefix``: every such form of the document, and maybe
        some of the other document of the run."""
        return self.lexicon.starting(prefix)

    def term_blocks(self, term: Term) -> set[int]:
        """Blocks where :meth:`WordIndex.may_have` holds for ``term``."""
        return set(_positions_of(self.term_bits(term)))

    def _entry(self, pattern: Pattern) -> tuple[Pattern, int, bytes]:
        entry = self._cache.get(id(pattern))
        if entry is not None and entry[0] is pattern:
            return entry
        if pattern.kind == "regex":
            found = self.every_bits
        else:
            found = -1
            for phrase in pattern.phrases:
                for term in phrase:
                    found &= self.term_bits(term)
                    if not found:
                        break
                if not found:
                    break
            found = max(found, 0)
        # What find() may match in: a block without words gives no match, even to a regex.
        usable = (found & self.worded_bits).to_bytes((self.size >> 3) + 1, "little")
        entry = self._cache[id(pattern)] = (pattern, found, usable)
        return entry

    def candidate_bits(self, pattern: Pattern) -> int:
        """Positions of the blocks a pattern may match in (every block for a regex), as bits."""
        return self._entry(pattern)[1]

    def candidates(self, pattern: Pattern) -> frozenset[int]:
        """Positions of the blocks a pattern may match in (every block for a regex)."""
        return frozenset(_positions_of(self.candidate_bits(pattern)))

    def usable(self, pattern: Pattern) -> bytes:
        """The blocks :func:`find` may match ``pattern`` in, one bit per block position."""
        return self._entry(pattern)[2]

    def may_match(self, pattern: Pattern, pos: int) -> bool:
        """Whether :func:`find` can return anything for ``pattern`` in block ``pos``."""
        usable = self._entry(pattern)[2]
        return bool(usable[pos >> 3] >> (pos & 7) & 1)

    def candidates_any(self, patterns: Iterable[Pattern]) -> list[int]:
        """Positions, in document order, of the blocks any of ``patterns`` may match in."""
        found = 0
        for pattern in patterns:
            found |= self.candidate_bits(pattern)
        return _positions_of(found)




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
