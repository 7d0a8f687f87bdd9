"""Indexes and caches of the rules stage: a text block, its words, and which blocks hold which
word (how a document becomes blocks is :mod:`.blocks`).

Why it is built this way: cheap tests first, bounded memory. A document's word index (bit sets
of blocks per word) rules out nearly every pattern × block pair before any block is tokenised;
tokens are kept in a cache bounded by weight, so a 50 MB hostile text costs the rules stage
tens of megabytes, not gigabytes. Nothing here knows about rights: :mod:`.match` finds patterns
with these indexes, and the checks in :mod:`.checks` decide what the matches mean.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, overload

from .packs import Pattern, Term
from .stem import (
    WORD,
    Columns,
    Token,
    forms_of,
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
