"""Matching: where a rule's patterns and the cue vocabulary occur in a document, and whether
each occurrence affirms the right.

A provision *carries* a topic when a pattern matches in a clause that affirms it. A mention
under a denial ("nothing here confers a right to strike"), a prohibition of the right itself
("strikes are prohibited") or inside a list of legitimate aims ("… in the interests of public
health") is recorded as a mention but carries nothing. A negated deprivation ("no one may be
deprived of …", "не может быть лишен", "ninguna persona será privada de …") is a protection,
so it still carries; for prohibition rules (torture, censorship, capital punishment) the
negation *is* the guarantee. Cue matches are kept in a cache bounded by weight.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..model import Span
from .blocks import Side
from .index import MAX_BLOCK_CHARS, Block, BlockIndex, Tokens, WordIndex, _Lru
from .packs import MAX_WITHIN, Cues, Pattern, Rule, Term

#: Most matches of one phrase or regex kept per provision.
MAX_HITS = 200
#: Words before a match (within its clause) a negation or deprivation cue may stand in.
NEG_BEFORE = 10
#: Words after a match ("забастовки запрещены") a negation or prohibition may stand in.
NEG_AFTER = 5
#: Words that join a second predicate on ("free and not compulsory"), in the languages of
#: the bundled packs.
CONJUNCTIONS = frozenset({"and", "but", "or", "y", "e", "pero", "o", "u", "sino", "и", "а",
                          "но", "или", "und", "aber", "oder", "sondern"})
#: How far into its clause a framed phrase may stand and still open a list item ("To
#: assemble and to associate for lawful purposes": "associate" is the fifth word).
ITEM_START = 5
#: Most cue matches a :class:`Matcher` remembers at once (a hit costs ~200 bytes).
MAX_CACHED_CUE_HITS = 50_000


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
    framed: bool = False  # from a framed phrase (weaker evidence than a named right)

    def span(self) -> Span:
        """The evidence, in the own text of the provision it stands in."""
        block = self.block
        if block.segments:
            # An item read with its lead-in: the part of the provision the match starts in.
            at, ref, base = block.segments[0]
            end = len(block.text)
            for i, (seg_at, seg_ref, seg_base) in enumerate(block.segments):
                if seg_at <= self.start:
                    at, ref, base = seg_at, seg_ref, seg_base
                    end = block.segments[i + 1][0] - 1 if i + 1 < len(block.segments) \
                        else len(block.text)
            stop = max(self.start, min(self.end, end))
            return Span(ref, base + self.start - at, base + stop - at,
                        block.text[self.start:stop])
        shift = block.offset
        return Span(block.ref, self.start + shift, self.end + shift,
                    block.text[self.start:self.end])




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
        self._frames: dict[int, tuple[BlockIndex, int]] = {}

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

    def classify(self, rule: Rule, hit: Hit, affirm: bool = False) -> str:
        """carrier, negated or passing (see the module docstring). ``affirm``: the pattern
        names what a prohibition rule protects, so it is read as a right is."""
        clauses = hit.block.tokens.clauses
        clause = clauses[hit.first]
        lo, hi = max(0, hit.first - NEG_BEFORE), min(len(clauses) - 1, hit.last + NEG_AFTER)

        def around(kind: str) -> list[Hit]:
            return [cue for _, cue in self.cue_hits(kind, hit.block)
                    if clauses[cue.first] == clause and lo <= cue.first <= hi]

        if hit.start < hit.block.preamble:
            return "passing"  # a preamble states aims; the articles grant
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
        tokens = hit.block.tokens
        # "… shall be free and not compulsory": a negation joined on after the match by a
        # conjunction denies the next predicate, not the match.
        negations = [n for n in around("negation")
                     if not any(p.start <= n.start < p.end for p in harmless)
                     and not (n.first > hit.last
                              and tokens.norms[n.first - 1] in CONJUNCTIONS)]
        denied = bool(negations or prohibitions)
        if rule.type == "prohibition" and not affirm:
            return "carrier" if denied else "negated"
        # A negated deprivation protects ("no one may be deprived of …", "shall not be
        # hindered in the enjoyment of …"); a bare negation or prohibition of the right
        # itself denies it ("strikes are prohibited", "there is no right to …").
        # The verb a negation governs follows it ("… may not be infringed"), even when that
        # is past the window after the match.
        reach = max([hi, *(min(len(clauses) - 1, n.last + 3) for n in negations)])
        deprived = any(clauses[cue.first] == clause and lo <= cue.first <= reach
                       for _, cue in self.cue_hits("deprivation", hit.block))
        if denied and not deprived:
            return "negated"
        return "carrier"

    def frame_bits(self, index: BlockIndex) -> int:
        """Blocks (as bits) holding a word of some ``frame`` cue: the only ones a framed
        phrase can be framed in (an item's lead-in is read with it, see ``Block.segments``)."""
        entry = self._frames.get(id(index))
        if entry is None or entry[0] is not index:
            bits = 0
            for _, pat in self.cues.get("frame", ()):
                bits |= index.candidate_bits(pat)
            entry = self._frames[id(index)] = (index, bits)
        return entry[1]

    def framed(self, hit: Hit, within: int) -> bool:
        """Whether rights wording frames a match of a framed phrase: a ``frame`` cue within
        ``within`` words in its clause ("the right to assemble", "worship is free"), or,
        for a match that opens its clause, a list lead-in ending in a colon earlier in the
        block ("… have the following rights: … To assemble …"). An item under a lead-in is
        read with it (``Block.segments``), so the lead-in's words stand in its clause."""
        block = hit.block
        clauses = block.tokens.clauses
        clause = clauses[hit.first]
        frames = self.cue_hits("frame", block)
        for _, cue in frames:
            if clauses[cue.first] != clause:
                continue
            gap = cue.first - hit.last if cue.first > hit.last else hit.first - cue.last
            if gap <= within:
                return True
        reach = min(ITEM_START, within)
        if block.segments:
            # An item read with its lead-in: framed by rights wording anywhere in the lead-in
            # when it opens the item ("… has the following rights, …: To life, …").
            seam = block.segments[-1][0]
            first_item = bisect_left(block.tokens.starts, seam)
            if 0 <= hit.first - first_item <= reach and any(
                    cue.end <= seam for _, cue in frames):
                return True
        start = hit.first
        while start > 0 and clauses[start - 1] == clause:
            start -= 1
        if hit.first - start > reach:
            return False
        text = block.text
        # A list in one block: rights wording, then a colon, then this item ("gozan de los
        # siguientes derechos …; a saber: de trabajar …; de asociarse …").
        return any(clauses[cue.first] < clause and ":" in text[cue.end:hit.start]
                   for _, cue in frames)

    def topic_hits(self, rule: Rule, block: Block) -> list[Hit]:
        """Classified matches of a rule's patterns in a block, minus excluded ones and framed
        phrases no rights wording frames."""
        lang = self.language
        found: list[tuple[Hit, Pattern]] = []
        store = block.store
        framing = self.frame_bits(store.index) >> block.pos & 1 if store is not None else 1
        for pat in rule.patterns.get(lang, ()):
            if pat.framed and not framing:
                continue  # no rights wording in the block: nothing can frame it
            for h in find(pat, block):
                if block.segments and not _reads_on(h):
                    continue
                if not pat.framed or self.framed(h, pat.within):
                    found.append((h, pat))
        if not found:
            return []
        excluded = [h for pat in rule.exclude.get(lang, ()) for h in find(pat, block)]
        excluded += [h for _, h in self.cue_hits("office", block)]
        kept: list[tuple[Hit, Pattern]] = []
        # Overlapping matches of several patterns are one mention, worth the largest weight.
        for h, pat in sorted(found, key=lambda x: (-x[0].weight, x[0].start, -x[0].end)):
            if any(x.start < h.end and h.start < x.end for x in excluded):
                continue
            if any(k.start < h.end and h.start < k.end for k, _ in kept):
                continue
            kept.append((h, pat))
        kept.sort(key=lambda x: (x[0].start, x[0].end))
        return [Hit(h.block, h.first, h.last, h.start, h.end, h.weight,
                    self.classify(rule, h, pat.affirm), pat.framed) for h, pat in kept]


#: A match in an item read with its lead-in may reach this many words back into the lead-in
#: and forward into the item ("no punishment: a) of death"); further, it is a coincidence of
#: a long lead-in ("… the Commissioner for Human Rights or a court: (b) reviews
#: international treaties").
ACROSS = 3


def _reads_on(hit: Hit) -> bool:
    """Whether a match in an item read with its lead-in belongs to the item: it reaches into
    the item (a match inside the lead-in is the lead-in's own), and where it starts in the
    lead-in it stays near the seam."""
    block = hit.block
    seam = block.segments[-1][0]
    if hit.end <= seam:
        return False
    if hit.start >= seam:
        return True
    starts = block.tokens.starts
    first_item = bisect_left(starts, seam)
    return hit.first >= first_item - ACROSS and hit.last < first_item + ACROSS


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


def relaxed_hits(rule: Rule, side: Side, matcher: Matcher) -> list[Hit]:
    """Matches of the rule's "near" patterns with twice the window, anywhere in a document,
    that would carry the topic (not negated, not in passing, not excluded): the last check
    before calling a right removed."""
    out: list[Hit] = []
    excluded = rule.exclude.get(side.language, ())
    for pat in rule.patterns.get(side.language, ()):
        if pat.kind != "near":
            continue
        loose = replace(pat, within=min(pat.within * 2, MAX_WITHIN))
        for block in side.blocks_for((loose,)):
            for hit in find(loose, block):
                if any(x.start < hit.end and hit.start < x.end
                       for x in [*(x for p in excluded for x in find(p, block)),
                                 *(h for _, h in matcher.cue_hits("office", block))]):
                    continue
                if matcher.classify(rule, hit, pat.affirm) == "carrier":
                    out.append(hit)
    return out


