"""The rule engine: from an aligned pair of documents to findings about rights.

Why it is built this way:

* **Carriers, not words.** A provision *carries* a topic when a pattern matches in a clause that
  affirms it. A mention under a denial ("nothing here confers a right to strike"), a prohibition
  ("strikes are prohibited") or inside a list of legitimate aims ("… in the interests of public
  health") is recorded as a mention but carries nothing. A negated deprivation ("no one may be
  deprived of …", "не может быть лишен") is a protection, so it still carries. For prohibition
  rules (torture, censorship, capital punishment) the negation *is* the guarantee.
* **Removal is a document-wide claim.** A topic is ``removed`` only if no provision of the new
  document carries it *and* it is not even mentioned there; a remaining mention makes it
  ``weakened`` (a reviewer must look), and a carrier in an article not aligned with the old one
  makes it ``moved``. False removals are the costliest error a monitor can get from condiff.
* **Cues are compared where the alignment says the text went.** Limitation clauses, guarantee
  strength, scope (everyone / citizens) and rule-specific safeguards are counted in the
  provisions that mention the topic on each side of one article pair, so a clause that moved
  between paragraphs of an article is not mistaken for a new restriction.
* **Evidence is exact.** Every finding carries character spans into the provisions' own text.
* **Cheap tests first, bounded memory.** A document's word index (bit sets of blocks per word)
  rules out nearly every pattern × block pair before any block is tokenised; tokens and cue
  matches are kept in caches bounded by weight, and cue counts that decide nothing are kept
  as tallies, so a 50 MB hostile text costs the rules stage tens of megabytes, not gigabytes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple, overload

from ..model import SEVERITIES, Comparison, Document, Finding, Provision, Span
from .packs import MAX_WITHIN, Cues, Pattern, Rule, Term
from .stem import WORD, Columns, Token, forms_of, language_key, tokenize_columns, word_forms

#: Longest provision text the engine reads (characters); longer text is cut, which bounds the
#: time any regex of a user pack can take.
MAX_BLOCK_CHARS = 20_000
#: Most matches of one phrase or regex kept per provision.
MAX_HITS = 200
#: Words before a match (within its clause) a negation or deprivation cue may stand in.
NEG_BEFORE = 10
#: Words after a match ("забастовки запрещены") a negation or prohibition may stand in.
NEG_AFTER = 5

#: Limitation cues so common in any new article ("in accordance with law") that they count
#: only against the same article's old text, never against the whole old document.
MILD_LIMITATIONS = frozenset({"by-law"})

KIND_ORDER = {k: i for i, k in enumerate(
    ("removed", "oversight-removed", "restriction-added", "weakened", "moved", "added",
     "strengthened"))}
CONFIDENCE = {
    "removed": 0.9,
    "oversight-removed": 0.8,
    "restriction-added": 0.7,
    "weakened": 0.6,
    "moved": 0.6,
    "added": 0.6,
    "strengthened": 0.5,
}


#: Most tokens a run keeps at once, over all the blocks whose tokens it remembers (a block's
#: tokens are read again when needed after being dropped). A constitution has some tens of
#: thousands; a 50 MB hostile text has millions, which kept all at once cost gigabytes.
MAX_CACHED_TOKENS = 200_000
#: Most cue matches a :class:`Matcher` remembers at once (a hit costs ~200 bytes).
MAX_CACHED_CUE_HITS = 50_000


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
    """

    id: str
    ref: str
    unit: str
    text: str
    context: str = ""
    language: str = ""
    pos: int = field(default=-1, compare=False, repr=False)
    store: BlockStore | None = field(default=None, compare=False, repr=False)

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


class Hit(NamedTuple):
    """One match of a pattern in a block (token indices and character offsets); a named tuple,
    as a run makes thousands and a frozen dataclass is built several times slower."""

    block: Block
    first: int
    last: int
    start: int
    end: int
    weight: float = 1.0
    status: str = "carrier"  # carrier | negated | passing

    def span(self) -> Span:
        return Span(self.block.ref, self.start, self.end, self.block.text[self.start:self.end])


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


def _with_lead_ins(node: Provision, lead_in: tuple[str, ...]
                   ) -> Iterator[tuple[Provision, tuple[str, ...]]]:
    """Each provision of a unit with the texts of its ancestors inside the unit ("The Senate
    has the exclusive power to:" for item c), which say who acts in an enumerated item."""
    yield node, lead_in
    below = (*lead_in, node.text) if node.text else lead_in
    for child in node.children:
        yield from _with_lead_ins(child, below)


def prepare(doc: Document) -> Side:
    """Every non-repealed text block of every unit (words are read lazily)."""
    language = guess_language(doc)
    store = BlockStore()
    blocks: list[Block] = []
    units: dict[str, tuple[Block, ...]] = {}
    for unit in doc.units():
        if unit.repealed:
            continue
        mine: list[Block] = []
        for node, lead_in in _with_lead_ins(unit, ()):
            if node.repealed or not node.text:
                continue
            mine.append(Block(
                id=node.id, ref=node.ref or node.id, unit=unit.id,
                text=node.text[:MAX_BLOCK_CHARS],
                context="\n".join(lead_in)[:MAX_BLOCK_CHARS],
                language=language, pos=len(blocks) + len(mine), store=store,
            ))
        units[unit.id] = tuple(mine)
        blocks.extend(mine)
    store.blocks = tuple(blocks)
    side = Side(doc, language, store.blocks, units=units,
                unit_refs={u.id: u.ref or u.id for u in doc.units()}, store=store)
    side.by_id = {b.id: b for b in blocks}
    return side


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _dedupe(hits: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """Drop a cue hit that overlaps an earlier hit of the same cue (two phrasings of one
    "as provided by law" must count once)."""
    if len(hits) < 2:
        return hits
    kept: list[tuple[str, Hit]] = []
    spans: dict[str, list[Hit]] = {}
    for cue_id, hit in sorted(hits, key=lambda x: (x[1].start, -x[1].end)):
        same = spans.setdefault(cue_id, [])
        if any(h.start < hit.end and hit.start < h.end for h in same):
            continue
        same.append(hit)
        kept.append((cue_id, hit))
    return kept


def _phrase_hits(terms: tuple[Term, ...], tokens: Tokens,
                 index: BlockIndex | None = None) -> list[tuple[int, int]]:
    n = len(terms)
    out: list[tuple[int, int]] = []
    norms, stems = tokens.norms, tokens.stems
    last = len(norms) - n
    rest = [(k, t.prefix, t.exact, t.text, t.stem) for k, t in enumerate(terms) if k]
    first = terms[0]
    for i in tokens.where(first, index.starting(first.text)
                          if index is not None and first.prefix else None):
        if i > last:
            break
        for k, prefix, exact, text, stem in rest:  # Term.matches, spelt out
            j = i + k
            if prefix:
                if not norms[j].startswith(text):
                    break
            elif exact:
                if norms[j] != text:
                    break
            elif stems[j] != stem and norms[j] != text:
                break
        else:
            out.append((i, i + n - 1))
            if len(out) >= MAX_HITS:  # hostile repetition must not make "near" quadratic
                break
    return out


def _quick_reject(pattern: Pattern, index: WordIndex) -> bool:
    """Cheap test that a phrase/near pattern cannot match: a required word is absent
    (:meth:`WordIndex.may_have` spelt out, as this runs for every cue × block)."""
    norms, stems = index.norms, index.stems
    for phrase in pattern.phrases:
        for term in phrase:
            if term.prefix:
                if not index.has_prefix(term.text):
                    return True
            elif term.exact:
                if term.text not in norms:
                    return True
            elif term.stem not in stems and term.text not in norms:
                return True
    return False


def match_tokens(pattern: Pattern, text: str, tokens: Tokens,
                 index: BlockIndex | None = None) -> list[tuple[int, int, int, int]]:
    """All matches as (first token, last token, start char, end char)."""
    if pattern.kind == "regex":
        assert pattern.regex is not None
        out: list[tuple[int, int, int, int]] = []
        starts, ends = tokens.starts, tokens.ends
        for m in pattern.regex.finditer(text):
            if m.end() == m.start():
                continue
            # The tokens overlapping the match (offsets rise token after token).
            first = bisect_right(ends, m.start())
            last = bisect_left(starts, m.end()) - 1
            if first <= last:
                out.append((first, last, m.start(), m.end()))
            if len(out) >= MAX_HITS:
                break
        return out
    starts, ends = tokens.starts, tokens.ends
    if pattern.kind == "phrase":
        return [(a, b, starts[a], ends[b])
                for a, b in _phrase_hits(pattern.phrases[0], tokens, index)]
    occurrences = [_phrase_hits(p, tokens, index) for p in pattern.phrases]
    if any(not occ for occ in occurrences):
        return []
    out = []
    for a, b in occurrences[0]:
        lo, hi = a, b
        for occ in occurrences[1:]:
            best = min(occ, key=lambda o: max(abs(o[0] - a), abs(o[1] - b)))
            lo, hi = min(lo, best[0]), max(hi, best[1])
        if hi - lo <= pattern.within:
            out.append((lo, hi, starts[lo], ends[hi]))
    return out


def find(pattern: Pattern, block: Block, *, context: bool = False) -> list[Hit]:
    """Matches of one pattern in a block (or in its unit context)."""
    store = block.store
    index = None
    if store is not None and not context:
        # The document's word index says at once whether the block holds every word.
        index = store.index
        if not index.may_match(pattern, block.pos):
            return []
        tokens = store.tokens(block)
        text = block.text
    else:
        if store is not None:
            words = store.context_index(block)
        else:
            words = block.context_index if context else block.index
        if not words.norms:  # no words at all
            return []
        if pattern.kind != "regex" and _quick_reject(pattern, words):
            return []
        tokens = block.context_tokens if context else block.tokens
        text = block.context if context else block.text
    return [Hit(block, a, b, s, e, pattern.weight)
            for a, b, s, e in match_tokens(pattern, text, tokens, index)]


#: Cues of one kind: (cue id, pattern, blocks it may match in as bits; see ``usable``).
_CueTable = list[tuple[str, Pattern, bytes]]


class Matcher:
    """Pattern matching with the cue vocabulary of one language, with a bounded cache of cue
    matches (the same block is asked about the same cues by many rules)."""

    def __init__(self, cues: Cues, language: str) -> None:
        self.language = language
        self.cues: Mapping[str, tuple[tuple[str, Pattern], ...]] = cues.get(language, {})
        # Keyed by the block object's id, the block kept alive in the entry: two documents
        # share ids such as art_3.
        self._cue_cache = _Lru(MAX_CACHED_CUE_HITS)
        self._tables: dict[tuple[str, int], tuple[BlockIndex, _CueTable]] = {}

    def _table(self, kind: str, index: BlockIndex) -> _CueTable:
        """The cues of ``kind`` with the blocks each may match in (see ``may_match``)."""
        key = (kind, id(index))
        entry = self._tables.get(key)
        if entry is None or entry[0] is not index:
            entry = (index, [(cue_id, pat, index.usable(pat))
                             for cue_id, pat in self.cues.get(kind, ())])
            self._tables[key] = entry
        return entry[1]

    def cue_hits(self, kind: str, block: Block) -> list[tuple[str, Hit]]:
        """Matches of every cue of ``kind`` in a block, as (cue id, hit)."""
        key = (kind, id(block))
        found: list[tuple[str, Hit]] | None = self._cue_cache.get(key, block)
        if found is None:
            store = block.store
            if store is None:
                found = [(cue_id, hit) for cue_id, pat in self.cues.get(kind, ())
                         for hit in find(pat, block)]
            else:
                # find() spelt out: the cues the word index rules out for this block are
                # skipped with one bit test each.
                pos = block.pos
                byte, bit = pos >> 3, pos & 7
                may = [(cue_id, pat) for cue_id, pat, usable in self._table(kind, store.index)
                       if usable[byte] >> bit & 1]
                found = []
                if may:
                    tokens, text = store.tokens(block), block.text
                    found = [(cue_id, Hit(block, a, b, s, e, pat.weight))
                             for cue_id, pat in may
                             for a, b, s, e in match_tokens(pat, text, tokens, store.index)]
            found = _dedupe(found)
            self._cue_cache.put(key, block, found, len(found))
        return found

    def context_hits(self, kind: str, block: Block) -> list[tuple[str, Hit]]:
        key = (kind, id(block), "context")
        found: list[tuple[str, Hit]] | None = self._cue_cache.get(key, block)
        if found is None:
            found = _dedupe([(cue_id, hit) for cue_id, pat in self.cues.get(kind, ())
                             for hit in find(pat, block, context=True)])
            self._cue_cache.put(key, block, found, len(found))
        return found

    def classify(self, rule: Rule, hit: Hit) -> str:
        """carrier, negated or passing (see the module docstring)."""
        clauses = hit.block.tokens.clauses
        clause = clauses[hit.first]
        lo, hi = max(0, hit.first - NEG_BEFORE), min(len(clauses) - 1, hit.last + NEG_AFTER)

        def around(kind: str) -> list[Hit]:
            return [cue for _, cue in self.cue_hits(kind, hit.block)
                    if clauses[cue.first] == clause and lo <= cue.first <= hi]

        if rule.type == "institution":
            # "To protect basic rights … an ombudsman is appointed": an aims clause does not
            # make an institution a passing mention.
            return "carrier"
        aims = [cue for _, cue in self.cue_hits("aims", hit.block)
                if clauses[cue.first] == clause and cue.last < hit.first]
        if aims:
            return "passing"
        # "not prohibited by law" negates nothing and prohibits nothing.
        affirmative = [cue for _, cue in self.cue_hits("affirmative", hit.block)]
        prohibitions = [p for p in around("prohibition")
                        if not any(a.start <= p.start < a.end for a in affirmative)]
        # "не" inside "не допускается" is part of the prohibition, not a second negation.
        harmless = [*prohibitions, *affirmative]
        negations = [n for n in around("negation")
                     if not any(p.start <= n.start < p.end for p in harmless)]
        denied = bool(negations or prohibitions)
        if rule.type == "prohibition":
            return "carrier" if denied else "negated"
        # A negated deprivation protects ("no one may be deprived of …"); a bare negation or
        # prohibition of the right itself denies it ("strikes are prohibited").
        deprived = bool(around("deprivation"))
        if denied and not deprived:
            return "negated"
        return "carrier"

    def topic_hits(self, rule: Rule, block: Block) -> list[Hit]:
        """Classified matches of a rule's patterns in a block, minus excluded ones."""
        lang = self.language
        hits: list[Hit] = []
        for pat in rule.patterns.get(lang, ()):
            hits.extend(find(pat, block))
        if not hits:
            return []
        excluded = [h for pat in rule.exclude.get(lang, ()) for h in find(pat, block)]
        kept: list[Hit] = []
        # Overlapping matches of several patterns are one mention, worth the largest weight.
        for h in sorted(hits, key=lambda x: (-x.weight, x.start, -x.end)):
            if any(x.start < h.end and h.start < x.end for x in excluded):
                continue
            if any(k.start < h.end and h.start < k.end for k in kept):
                continue
            kept.append(h)
        kept.sort(key=lambda x: (x.start, x.end))
        return [Hit(h.block, h.first, h.last, h.start, h.end, h.weight, self.classify(rule, h))
                for h in kept]


@dataclass
class TopicProfile:
    """Where one topic appears in one document."""

    carriers: dict[str, list[Hit]] = field(default_factory=dict)
    mentions: dict[str, list[Hit]] = field(default_factory=dict)


def profile(rule: Rule, side: Side, matcher: Matcher) -> TopicProfile:
    """Carrier and mention blocks of a topic in a document."""
    prof = TopicProfile()
    # Blocks no pattern can match in give no hits (topic_hits stops before the exclusions).
    for block in side.blocks_for(rule.patterns.get(matcher.language, ())):
        hits = matcher.topic_hits(rule, block)
        if not hits:
            continue
        prof.mentions[block.id] = hits
        carrying = [h for h in hits if h.status == "carrier"]
        # One match per pattern start counts once; weights add up to decide.
        if sum(h.weight for h in carrying) >= 1.0 - 1e-9:
            prof.carriers[block.id] = carrying
    return prof


# ---------------------------------------------------------------------------
# Alignment maps
# ---------------------------------------------------------------------------


@dataclass
class Links:
    """Which old block/unit went where, from ``comparison.alignment``."""

    block_old_new: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    block_new_old: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unit_old_new: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unit_new_old: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    #: Positions in ``groups`` of the pairs each old / new unit belongs to.
    old_unit_groups: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    new_unit_groups: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def links_from(comparison: Comparison) -> Links:
    links = Links()
    for pair in comparison.alignment:
        for o in dict.fromkeys(pair.old_ids):
            links.old_unit_groups[o].append(len(links.groups))
        for n in dict.fromkeys(pair.new_ids):
            links.new_unit_groups[n].append(len(links.groups))
        links.groups.append((tuple(pair.old_ids), tuple(pair.new_ids)))
        for o in pair.old_ids:
            links.unit_old_new[o].extend(pair.new_ids)
        for n in pair.new_ids:
            links.unit_new_old[n].extend(pair.old_ids)
        for para in pair.paragraphs:
            if para.old_id and para.new_id:
                links.block_old_new[para.old_id].append(para.new_id)
                links.block_new_old[para.new_id].append(para.old_id)
    return links


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------


def lower_severity(severity: str, steps: int = 1) -> str:
    """One (or more) step less severe, never below "info"."""
    idx = SEVERITIES.index(severity) if severity in SEVERITIES else 2
    return SEVERITIES[max(0, idx - steps)]


def _refs(blocks: Iterable[Block]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for b in blocks:
        seen.setdefault(b.ref, None)
    return tuple(seen)


def _spans(hits: Iterable[Hit]) -> tuple[Span, ...]:
    out: dict[tuple[str, int, int], Span] = {}
    for h in hits:
        s = h.span()
        out.setdefault((s.ref, s.start, s.end), s)
    return tuple(out.values())


def _quote(hits: Sequence[Hit], limit: int = 3) -> str:
    words: dict[str, None] = {}
    for h in hits:
        words.setdefault(" ".join(h.block.text[h.start:h.end].split()), None)
    shown = list(words)[:limit]
    return ", ".join(f"'{w}'" for w in shown)


@dataclass
class Context:
    """Everything one comparison run shares."""

    old: Side
    new: Side
    old_m: Matcher
    new_m: Matcher
    links: Links


def make_finding(rule: Rule, kind: str, *, old_blocks: Iterable[Block] = (),
                 new_blocks: Iterable[Block] = (), old_hits: Iterable[Hit] = (),
                 new_hits: Iterable[Hit] = (), detail: str = "", title: str = "",
                 confidence: float | None = None, severity: str | None = None,
                 new_refs: Sequence[str] | None = None) -> Finding:
    """A finding with the rule's texts; references come from the blocks (or ``new_refs``)."""
    if severity is None:
        if kind in ("removed", "oversight-removed"):
            severity = rule.severity
        elif kind in ("restriction-added", "weakened"):
            severity = lower_severity(rule.severity)
        else:
            severity = "info"
    return Finding(
        topic=rule.id, title=title or rule.title, kind=kind, severity=severity,
        confidence=CONFIDENCE[kind] if confidence is None else confidence,
        old=_refs(old_blocks), new=tuple(new_refs) if new_refs is not None else _refs(new_blocks),
        old_spans=_spans(old_hits), new_spans=_spans(new_hits),
        category=rule.category, annotation=rule.annotation, references=rule.references,
        detail=detail,
    )


def counterpart_refs(ctx: Context, old_block: Block) -> list[str]:
    """Where the alignment sent an old block: the new paragraphs paired with it, else the new
    articles paired with its article."""
    ids = ctx.links.block_old_new.get(old_block.id) or []
    found = [ctx.new.by_id[i].ref for i in ids if i in ctx.new.by_id]
    if found:
        return found
    return [ctx.new.unit_refs[u] for u in ctx.links.unit_old_new.get(old_block.unit, [])
            if u in ctx.new.unit_refs]


def old_counterparts(ctx: Context, new_block: Block) -> list[Block]:
    ids = ctx.links.block_new_old.get(new_block.id) or []
    return [ctx.old.by_id[i] for i in ids if i in ctx.old.by_id]


def heading_mentions(rule: Rule, side: Side) -> list[str]:
    """References of units (or their containers' units) whose heading matches the rule."""
    out: list[str] = []
    patterns = rule.patterns.get(side.language, ())
    for unit in side.doc.units():
        if not unit.heading:
            continue
        text = unit.heading[:MAX_BLOCK_CHARS]
        probe = Block(id=unit.id, ref=unit.ref or unit.id, unit=unit.id, text=text,
                      language=side.language)
        if any(find(p, probe) for p in patterns):
            out.append(probe.ref)
    return out


def relaxed_hits(rule: Rule, side: Side) -> list[Hit]:
    """Matches of the rule's "near" patterns with twice the window, anywhere in a document:
    the last check before calling a right removed."""
    out: list[Hit] = []
    for pat in rule.patterns.get(side.language, ()):
        if pat.kind != "near":
            continue
        loose = replace(pat, within=min(pat.within * 2, MAX_WITHIN))
        for block in side.blocks_for((loose,)):
            out.extend(find(loose, block))
    return out


def existence_findings(rule: Rule, ctx: Context, old: TopicProfile,
                       new: TopicProfile) -> list[Finding]:
    """removed / weakened (only a mention left) / moved / added / strengthened."""
    out: list[Finding] = []
    old_carriers = [ctx.old.by_id[i] for i in old.carriers]
    new_carriers = [ctx.new.by_id[i] for i in new.carriers]
    old_hits = [h for hs in old.carriers.values() for h in hs]
    if old_carriers and not new_carriers:
        targets = list(dict.fromkeys(r for b in old_carriers for r in counterpart_refs(ctx, b)))
        if new.mentions:
            left = [h for hs in new.mentions.values() for h in hs]
            how = sorted({h.status for h in left})
            out.append(make_finding(
                rule, "weakened", old_blocks=old_carriers, old_hits=old_hits,
                new_blocks=[h.block for h in left], new_hits=left,
                detail=f"no provision affirms it any more; only {'/'.join(how)} mention(s) "
                f"remain: {_quote(left)}", confidence=0.5))
        elif named := heading_mentions(rule, ctx.new):
            out.append(make_finding(
                rule, "weakened", old_blocks=old_carriers, old_hits=old_hits, new_refs=named,
                detail="no provision affirms it in the usual wording, but an article heading "
                "names it", confidence=0.4))
        elif loose := relaxed_hits(rule, ctx.new):
            # Removal is the costliest claim: terms of the rule still stand near each other in
            # the new text, just wider apart than the pattern allows. A human must look.
            out.append(make_finding(
                rule, "weakened", old_blocks=old_carriers, old_hits=old_hits,
                new_blocks=[h.block for h in loose], new_hits=loose,
                detail="no provision affirms it in the usual wording; its terms still occur "
                f"near each other: {_quote(loose)}", confidence=0.4))
        else:
            out.append(make_finding(
                rule, "removed", old_blocks=old_carriers, old_hits=old_hits,
                new_refs=targets,
                detail=f"no provision of the new text carries it (old evidence: "
                f"{_quote(old_hits)})"))
        return out
    if new_carriers and not old_carriers:
        new_hits = [h for hs in new.carriers.values() for h in hs]
        kind = "strengthened" if old.mentions else "added"
        detail = ("now affirmed; the old text only mentioned it in passing or negated"
                  if old.mentions else "new in this text")
        out.append(make_finding(rule, kind, new_blocks=new_carriers, new_hits=new_hits,
                                old_blocks=[o for b in new_carriers
                                            for o in old_counterparts(ctx, b)],
                                detail=f"{detail}: {_quote(new_hits)}"))
        return out
    if not old_carriers:
        return out
    # Both carry it: did it leave the articles the alignment sent it to?
    new_units_with = {b.unit for b in new_carriers}
    linked_units: set[str] = set()
    lost: list[Block] = []
    for b in old_carriers:
        linked = set(ctx.links.unit_old_new.get(b.unit, []))
        linked_units |= linked
        if linked and not linked & new_units_with:
            lost.append(b)
    arrived = [b for b in new_carriers if b.unit not in linked_units]
    if lost and arrived and ctx.links.groups:
        out.append(make_finding(
            rule, "moved", old_blocks=lost,
            old_hits=[h for b in lost for h in old.carriers[b.id]],
            new_blocks=arrived, new_hits=[h for b in arrived for h in new.carriers[b.id]],
            detail="carried by another article in the new text"))
    return out


class UnitBlocks:
    """Blocks grouped by the unit they belong to, for looking up the blocks of a few units
    among many."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self._by_unit: dict[str, list[tuple[int, Block]]] = defaultdict(list)
        for position, block in enumerate(blocks):
            self._by_unit[block.unit].append((position, block))

    def of(self, units: Iterable[str]) -> list[Block]:
        """The blocks of ``units``, in the order they were given (``[b for b in blocks if
        b.unit in units]``, without reading every block)."""
        found = [x for u in dict.fromkeys(units) for x in self._by_unit.get(u, ())]
        found.sort(key=lambda x: x[0])
        return [b for _, b in found]


def _groups(ctx: Context, old: TopicProfile, new: TopicProfile
            ) -> list[tuple[list[Block], list[Block]]]:
    """Old and new carrier blocks grouped by article pair (one group without alignment)."""
    old_blocks = [ctx.old.by_id[i] for i in old.carriers]
    new_blocks = [ctx.new.by_id[i] for i in new.carriers]
    if not ctx.links.groups:
        return [(old_blocks, new_blocks)] if old_blocks or new_blocks else []
    out: list[tuple[list[Block], list[Block]]] = []
    old_only: list[Block] = []
    new_only: list[Block] = []
    # Looked up by unit: filtering every carrier for every article pair is quadratic when a
    # topic is carried by thousands of articles.
    old_units, new_units = UnitBlocks(old_blocks), UnitBlocks(new_blocks)
    # Only the pairs holding a carrier: the others add nothing to any group.
    touched = {g for b in old_blocks for g in ctx.links.old_unit_groups.get(b.unit, ())}
    touched.update(g for b in new_blocks for g in ctx.links.new_unit_groups.get(b.unit, ()))
    for old_ids, new_ids in (ctx.links.groups[g] for g in sorted(touched)):
        o = old_units.of(old_ids)
        n = new_units.of(new_ids)
        if o and n:
            out.append((o, n))
        else:
            old_only.extend(o)
            new_only.extend(n)
    # The right sat in an old article the aligner found no partner for, and appears in a new
    # article it found no partner for: for this topic, those are each other's counterparts.
    if old_only or new_only:
        out.append((old_only, new_only) if old_only and new_only else (old_only, []))
        if new_only and not old_only:
            out.append(([], new_only))
    return out


def _cue_counts(matcher: Matcher, kind: str, blocks: Sequence[Block],
                clauses: set[tuple[str, int]] | None = None) -> dict[str, list[Hit]]:
    """Cue hits of one kind per cue id; with ``clauses``, only hits in those
    (block id, clause) places."""
    out: dict[str, list[Hit]] = defaultdict(list)
    for b in blocks:
        hits = matcher.cue_hits(kind, b)
        if clauses is None:
            for cue_id, hit in hits:
                out[cue_id].append(hit)
        elif hits:
            numbers = b.tokens.clauses
            for cue_id, hit in hits:
                if (b.id, numbers[hit.first]) in clauses:
                    out[cue_id].append(hit)
    return out


#: The cue families compared clause by clause in an article pair.
_WORDING = ("strong", "weak", "universal", "citizens")


def _cue_tally(matcher: Matcher, kind: str, blocks: Sequence[Block],
               clauses: set[tuple[str, int]] | None = None) -> dict[str, int]:
    """How many hits :func:`_cue_counts` would give per cue id (same keys, same order),
    without keeping the hits."""
    return _cue_tallies(matcher, (kind,), blocks, clauses)[0]


def _cue_tallies(matcher: Matcher, kinds: Sequence[str], blocks: Sequence[Block],
                 clauses: set[tuple[str, int]] | None = None) -> list[dict[str, int]]:
    """:func:`_cue_tally` for several kinds in one pass over the blocks: a block's tokens
    and cue matches are then read while still cached, even when the blocks are too many to
    keep (a group spanning a whole hostile document)."""
    out: list[dict[str, int]] = [{} for _ in kinds]
    for b in blocks:
        numbers = None
        for kind, tally in zip(kinds, out, strict=True):
            hits = matcher.cue_hits(kind, b)
            if clauses is None:
                for cue_id, _ in hits:
                    tally[cue_id] = tally.get(cue_id, 0) + 1
            elif hits:
                if numbers is None:
                    numbers = b.tokens.clauses
                for cue_id, hit in hits:
                    if (b.id, numbers[hit.first]) in clauses:
                        tally[cue_id] = tally.get(cue_id, 0) + 1
    return out


def _sum(counts: Mapping[str, int]) -> int:
    return sum(counts.values())


def _hits(counts: Mapping[str, list[Hit]]) -> list[Hit]:
    return [h for v in counts.values() for h in v]


def _reworded(hit: Hit, stems: set[str]) -> bool:
    """Whether every content word of a cue hit was already in the old text ("the law shall
    establish" → "established by law" adds nothing)."""
    tokens = hit.block.tokens
    words = {stem for stem, norm in zip(tokens.stems[hit.first:hit.last + 1],
                                        tokens.norms[hit.first:hit.last + 1], strict=True)
             if len(norm) > 3}
    return bool(words) and words <= stems


def _id_of(side: Side, ref: str) -> str:
    """Id of the block with this reference (a block's ref is its id when ambiguous)."""
    node = side.doc.find(ref)
    return node.id if node is not None else ref


def _novelty(block: Block, known: set[str]) -> float:
    """Share of a block's words (stems) not found in ``known``: a paragraph split off an old
    one is not new content."""
    stems = set(block.tokens.stems)
    return len(stems - known) / len(stems) if stems else 0.0


def cue_findings(rule: Rule, ctx: Context, old: TopicProfile,
                 new: TopicProfile) -> list[Finding]:
    """Limitation clauses, downgraded guarantees, narrowed scope, lost safeguards, and new
    paragraphs affirming the topic, compared per article pair."""
    out: list[Finding] = []
    old_all = [ctx.old.by_id[i] for i in old.carriers]
    paragraph_aligned = bool(ctx.links.block_new_old)
    old_mentioned = UnitBlocks(ctx.old.by_id[i] for i in old.mentions)
    new_mentioned = UnitBlocks(ctx.new.by_id[i] for i in new.mentions)
    for o_blocks, n_blocks in _groups(ctx, old, new):
        if not n_blocks:
            continue
        compare_to = o_blocks if o_blocks else old_all
        if not compare_to:
            continue
        restrict_new: list[Hit] = []
        restrict_what: list[str] = []
        weak_old: list[Hit] = []
        weak_new: list[Hit] = []
        weak_what: list[str] = []
        strong_new: list[Hit] = []
        strong_what: list[str] = []
        lim_n: Mapping[str, list[Hit]] = {}
        if rule.type == "right":
            # What the new text's paragraphs came from counts as "before", even when the old
            # paragraph did not name the right: a clause that was there is not added.
            before = list({b.id: b for b in [*compare_to, *(o for n in n_blocks
                                                           for o in old_counterparts(ctx, n))]
                           }.values())
            lim_o = _cue_tally(ctx.old_m, "limitation", before)
            lim_n = _cue_counts(ctx.new_m, "limitation", n_blocks)
            before_stems = set().union(*(b.tokens.stems for b in before))
            for cue_id in sorted(lim_n):
                if cue_id in MILD_LIMITATIONS and (
                        not o_blocks or all(_reworded(h, before_stems) for h in lim_n[cue_id])):
                    continue
                if len(lim_n[cue_id]) > lim_o.get(cue_id, 0):
                    restrict_new.extend(lim_n[cue_id])
                    restrict_what.append(f"{cue_id} {_quote(lim_n[cue_id], 1)}")
            # Dropped only if gone from every paragraph that mentions the right, carriers or
            # not (a negation misread must not turn a kept clause into a dropped one).
            all_o = _cue_tally(ctx.old_m, "limitation",
                               old_mentioned.of(b.unit for b in o_blocks))
            all_n = _cue_tally(ctx.new_m, "limitation",
                               new_mentioned.of(b.unit for b in n_blocks))
            dropped = [c for c in sorted(lim_o) if c not in MILD_LIMITATIONS
                       and lim_o[c] > len(lim_n.get(c, []))
                       and all_o.get(c, 0) > all_n.get(c, 0)]
            if dropped and not restrict_what and o_blocks:
                strong_what.append("limitation clause dropped: " + ", ".join(dropped))
        if o_blocks and rule.type == "right":
            # Only wording in the same clause as the right speaks about the right.
            o_cl = {(b.id, h.block.tokens.clauses[h.first]) for b in o_blocks
                    for h in old.carriers[b.id]}
            n_cl = {(b.id, h.block.tokens.clauses[h.first]) for b in n_blocks
                    for h in new.carriers[b.id]}
            # Counted first, the hits kept only for a finding: a group may span a whole
            # (hostile) document.
            # One pass over the blocks for the four families (a block's words are read once).
            st_o, wk_o, un_o, ci_o = _cue_tallies(ctx.old_m, _WORDING, o_blocks, o_cl)
            st_n, wk_n, un_n, ci_n = _cue_tallies(ctx.new_m, _WORDING, n_blocks, n_cl)
            gained = set(st_n) - set(st_o)
            if _sum(st_n) < _sum(st_o) and _sum(wk_n) > _sum(wk_o):
                was = _hits(_cue_counts(ctx.old_m, "strong", o_blocks, o_cl))
                now = _hits(_cue_counts(ctx.new_m, "weak", n_blocks, n_cl))
                weak_old.extend(was)
                weak_new.extend(now)
                weak_what.append(f"guarantee downgraded: {_quote(was, 2)} → "
                                 f"{_quote(now, 2)}")
            elif gained and _sum(st_n) > _sum(st_o) and _sum(wk_n) <= _sum(wk_o):
                # A new *kind* of firm wording ("has the right" where there was only "shall"),
                # not one more "shall" from a re-wrapped sentence.
                firm = _cue_counts(ctx.new_m, "strong", n_blocks, n_cl)
                strong_new.extend(h for k in sorted(gained) for h in firm[k])
                strong_what.append(f"guarantee upgraded: {_quote(strong_new, 2)}")
            if _sum(un_n) < _sum(un_o) and _sum(ci_n) > _sum(ci_o):
                was = _hits(_cue_counts(ctx.old_m, "universal", o_blocks, o_cl))
                now = _hits(_cue_counts(ctx.new_m, "citizens", n_blocks, n_cl))
                weak_old.extend(was)
                weak_new.extend(now)
                weak_what.append(f"scope narrowed: {_quote(was, 1)} → {_quote(now, 1)}")
            elif _sum(un_n) > _sum(un_o) and _sum(ci_n) <= _sum(ci_o):
                now = _hits(_cue_counts(ctx.new_m, "universal", n_blocks, n_cl))
                strong_new.extend(now)
                strong_what.append(f"scope widened: {_quote(now, 1)}")
        if o_blocks:
            # Safeguards sit in the article that carries the right, often in a paragraph that
            # does not name it ("… before a court within 48 hours"), so the whole article
            # counts on both sides.
            o_m = [b for u in dict.fromkeys(b.unit for b in o_blocks)
                   for b in ctx.old.units.get(u, ())]
            n_m = [b for u in dict.fromkeys(b.unit for b in n_blocks)
                   for b in ctx.new.units.get(u, ())]
            old_safe = rule.safeguards.get(ctx.old.language, ())
            new_safe = rule.safeguards.get(ctx.new.language, ())
            had_n = sum(len(find(p, b)) for p in old_safe for b in o_m)
            if had_n and sum(len(find(p, b)) for p in new_safe for b in n_m) < had_n:
                had = [h for p in old_safe for b in o_m for h in find(p, b)]
                has = [h for p in new_safe for b in n_m for h in find(p, b)]
                weak_old.extend(had)
                weak_what.append(f"safeguard dropped: {_quote(had)} (now: "
                                 f"{_quote(has) or 'none'})")
        if o_blocks and paragraph_aligned and rule.type != "institution":
            limited = {h.block.id for h in _hits(lim_n)}
            known = set().union(*(b.tokens.stems for u in {b.unit for b in o_blocks}
                                  for b in ctx.old.units.get(u, ())))
            fresh = [b for b in n_blocks if b.id not in limited
                     and not ctx.links.block_new_old.get(b.id)
                     and _novelty(b, known) > 0.5]
            if fresh:
                strong_new.extend(h for b in fresh for h in new.carriers[b.id])
                strong_what.append(f"new provision on it: {_refs(fresh)[0]}")
        if restrict_what:
            out.append(make_finding(
                rule, "restriction-added", old_blocks=o_blocks,
                new_blocks=[h.block for h in restrict_new], new_hits=restrict_new,
                detail="limitation clause added: " + "; ".join(restrict_what)))
        if weak_what:
            # Where the weakened wording went: the new evidence, else the paragraphs the
            # alignment paired with the old evidence, else the new carriers.
            new_refs = _refs(h.block for h in weak_new)
            if not new_refs:  # (resolving references reads the whole document once)
                went = dict.fromkeys(r for h in weak_old for r in counterpart_refs(ctx, h.block)
                                     if ctx.new.by_id.get(_id_of(ctx.new, r)) is not None)
                new_refs = tuple(went) or _refs(n_blocks)
            out.append(make_finding(
                rule, "weakened", old_blocks=[h.block for h in weak_old] or o_blocks,
                new_refs=new_refs, old_hits=weak_old, new_hits=weak_new,
                detail="; ".join(weak_what)))
        if strong_what and not weak_what and not restrict_what:
            out.append(make_finding(
                rule, "strengthened", old_blocks=[b for b in o_blocks if b.id in old.carriers]
                or o_blocks, new_blocks=[h.block for h in strong_new] or n_blocks,
                new_hits=strong_new, detail="; ".join(strong_what)))
    return out


def restriction_findings(rule: Rule, ctx: Context) -> list[Finding]:
    """Rule-specific restrictions present in the new text and nowhere in the old."""
    new_pats = rule.restrictions.get(ctx.new.language, ())
    if not new_pats:
        return []
    new_hits = [h for b in ctx.new.blocks_for(new_pats) for p in new_pats for h in find(p, b)]
    if not new_hits:
        return []
    old_pats = rule.restrictions.get(ctx.old.language, ())
    if any(find(p, b) for b in ctx.old.blocks_for(old_pats) for p in old_pats):
        return []
    new_blocks = list({h.block.id: h.block for h in new_hits}.values())
    return [make_finding(
        rule, "restriction-added", new_blocks=new_blocks, new_hits=new_hits,
        old_blocks=[o for b in new_blocks for o in old_counterparts(ctx, b)],
        detail=f"new restriction: {_quote(new_hits)}")]


def _approval(matcher: Matcher, block: Block) -> list[Hit]:
    """Cue hits showing that a legislature elects the office holder, or consents to the
    appointment (looking at the block and its unit's lead-in, "The Senate shall: …")."""
    legislature = matcher.cue_hits("legislature", block) + matcher.context_hits("legislature",
                                                                              block)
    if not legislature:
        return []
    election = matcher.cue_hits("election", block)
    consent = matcher.cue_hits("approval", block)
    appointment = matcher.cue_hits("appointment", block)
    if election:
        chosen = election
    elif consent and appointment:
        chosen = consent + appointment
    else:
        return []
    return [h for _, h in chosen] + [h for _, h in matcher.cue_hits("legislature", block)]


def office_blocks(side: Side, patterns: Sequence[Pattern]) -> list[tuple[Block, list[Hit]]]:
    """Blocks about an office: those naming it, and every block of an article whose first
    block (or heading) names it ("The Commissioner is appointed …" in the Commissioner's
    article)."""
    out: list[tuple[Block, list[Hit]]] = []
    candidates = side.blocks_for(patterns)
    may = {id(b) for b in candidates}
    # Only articles holding a block that may name the office, in document order (the blocks'
    # order): the others yield nothing.
    for unit in dict.fromkeys(b.unit for b in candidates):
        blocks = side.units.get(unit, ())
        if not blocks:
            continue
        named = {b.id: [h for p in patterns for h in find(p, b)] if id(b) in may else []
                 for b in blocks}
        about = bool(named[blocks[0].id]) and not blocks[0].context
        for b in blocks:
            if named[b.id] or about:
                out.append((b, named[b.id]))
    return out


def oversight_findings(rule: Rule, ctx: Context) -> list[Finding]:
    """An office once elected or confirmed by a legislature, now appointed without it."""
    out: list[Finding] = []
    for office, pats in sorted(rule.offices.items()):
        old_pats = pats.get(ctx.old.language, ())
        new_pats = pats.get(ctx.new.language, ())
        if not old_pats or not new_pats:
            continue
        old_hits = office_blocks(ctx.old, old_pats)
        approved_old = [(b, hs, _approval(ctx.old_m, b)) for b, hs in old_hits]
        approved_old = [x for x in approved_old if x[2]]
        if not approved_old:
            continue
        new_hits = office_blocks(ctx.new, new_pats)
        if not new_hits:
            continue
        if any(_approval(ctx.new_m, b) for b, _ in new_hits):
            continue
        appointed = [(b, hs, [c for _, c in ctx.new_m.cue_hits("appointment", b)])
                     for b, hs in new_hits]
        appointed = [x for x in appointed if x[2]]
        if not appointed:
            continue
        old_blocks = list({b.id: b for b, _, _ in approved_old}.values())
        new_blocks = list({b.id: b for b, _, _ in appointed}.values())
        out.append(make_finding(
            rule, "oversight-removed", title=f"{rule.title}: {office}",
            old_blocks=old_blocks, new_blocks=new_blocks,
            old_hits=[h for _, hs, cs in approved_old for h in (*hs, *cs)],
            new_hits=[h for _, hs, cs in appointed for h in (*hs, *cs)],
            detail=f"{office}: elected or confirmed by the legislature in the old text "
            f"({_quote([c for _, _, cs in approved_old for c in cs], 2)}); appointed without "
            f"that step in the new text ({_quote([c for _, _, cs in appointed for c in cs], 2)})"))
    return out


def _sort_key(f: Finding) -> tuple[int, int, str, tuple[str, ...], tuple[str, ...], str]:
    sev = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 0
    return (-sev, KIND_ORDER.get(f.kind, 99), f.topic, f.old, f.new, f.detail)


def run_rules(comparison: Comparison, rules: Sequence[Rule], cues: Cues) -> tuple[
        tuple[Finding, ...], tuple[str, ...]]:
    """All findings for a comparison, most severe first, plus warnings."""
    old = prepare(comparison.old)
    new = prepare(comparison.new)
    if old.store is not None and new.store is not None and old.language == new.language:
        old.store.lexicon = new.store.lexicon = Lexicon(old.language)
        # Both documents' words first, so the shared forms are sorted once.
        old.store.index, new.store.index  # noqa: B018
    try:
        return _run(rules, Context(old, new, Matcher(cues, old.language),
                                   Matcher(cues, new.language), links_from(comparison)))
    finally:
        for side in (old, new):
            if side.store is not None:
                side.store.release()


def _run(rules: Sequence[Rule], ctx: Context) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    old, new = ctx.old, ctx.new
    warnings: list[str] = []
    covered = 0
    findings: list[Finding] = []
    for rule in rules:
        if rule.offices:
            findings.extend(oversight_findings(rule, ctx))
        if old.language not in rule.patterns or new.language not in rule.patterns:
            continue
        covered += 1
        old_p = profile(rule, old, ctx.old_m)
        new_p = profile(rule, new, ctx.new_m)
        findings.extend(existence_findings(rule, ctx, old_p, new_p))
        findings.extend(cue_findings(rule, ctx, old_p, new_p))
        findings.extend(restriction_findings(rule, ctx))
    if rules and not covered:
        warnings.append(
            f"rules: no rule has patterns for both languages ({old.language or '?'} → "
            f"{new.language or '?'}); no rights findings. Add a pack with --rules")
    return tuple(sorted(merge(findings), key=_sort_key)), tuple(warnings)


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (topic, kind, new refs): two cues about the same new provision are one
    thing for a reviewer to look at, with both details."""
    merged: dict[tuple[str, str, str, tuple[str, ...]], Finding] = {}
    for f in findings:
        key = (f.topic, f.title, f.kind, f.new or f.old)
        have = merged.get(key)
        if have is None:
            merged[key] = f
            continue
        merged[key] = replace(
            have,
            old=tuple(dict.fromkeys((*have.old, *f.old))),
            old_spans=tuple(dict.fromkeys((*have.old_spans, *f.old_spans))),
            new_spans=tuple(dict.fromkeys((*have.new_spans, *f.new_spans))),
            confidence=max(have.confidence, f.confidence),
            detail=have.detail if f.detail in have.detail else f"{have.detail}; {f.detail}",
        )
    return list(merged.values())
