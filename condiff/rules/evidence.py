"""Evidence of absence: what it takes to claim that a right is gone from a text.

"Removed" is the costliest claim condiff makes (it is what a journalist quotes and what fails
a CI gate), and no pattern list knows every translator's wording. So before a right is called
removed, two more questions are asked of the new text, beyond "does any provision carry it by
the pack's patterns?":

* **Is the old evidence paraphrased somewhere?** The clause that carried the right in the old
  text is compared with every clause of the new text that shares its rarer words (the one the
  alignment paired it with among them), by the share of its word weight found there. Word
  weights are inverse document frequencies over both documents of the pair, and the best
  match must stand out from the clause's other candidates in the same pair, as the aligner
  calibrates its scores against a pair's unrelated articles. When a clause does stand out, a
  word-level diff of the two clauses says whether the right's own words were *replaced* by
  other words (a paraphrase remains: not removed) or *deleted* while the rest of the clause
  stayed (the surest sign of a removal there is).
* **Could the reader have lost it?** When the new document's article numbering has a gap
  where the right would sit (between the new articles the alignment put around the old one),
  the right may be in the articles the reader missed: not removed. A gap whose article
  headings stand inside other articles' text ("… procedures. Art. 77 - The term …") was
  merged, not lost: its text was searched with the rest.

The same questions, mirrored, guard ``added``: a right is new only if the old text did not
have it under other words or in articles its reader lost.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from ..model import Document, NumberingIssue
from .blocks import INLINE_HEADING, Side
from .context import Context, Links
from .index import Block, Tokens
from .match import Hit
from .packs import Term

#: Shortest word (characters) that weighs in a paraphrase comparison.
MIN_WORD = 4
#: Fewest words a clause must have besides the right's own for a paraphrase to be sought.
MIN_CONTEXT = 5
#: Rarest words of the old clause whose blocks are searched for a paraphrase.
PROBE_WORDS = 6
#: Share of the old clause's word weight a new clause must hold to be a paraphrase …
PARAPHRASE_MIN = 0.6
#: … and by how much it must beat the clause's typical candidate in this pair.
PARAPHRASE_MARGIN = 0.25
#: Share of the two clauses' words that must stand in the same order (difflib's ratio).
SAME_ORDER = 0.5
#: Most candidate blocks a paraphrase search reads (those holding most of the rarest words'
#: weight first), besides the blocks the alignment paired with the evidence.
MAX_CANDIDATES = 24
#: Confidence of a finding resting on a document whose numbering has gaps is multiplied by.
GAP_DISCOUNT = 0.75


@dataclass(frozen=True)
class Paraphrase:
    """The best match of an old evidence clause in the other text.

    Attributes:
        verdict: "paraphrase" (the right's words were replaced by others), "deleted" (the
            clause stands without the right's words) or "none" (no clause stands out).
        block: The block holding the matched clause (None for "none").
        text: The matched clause.
        score: Share of the old clause's word weight found in it.
        replaced: The words that stand where the right's words stood ("" unless paraphrase).
    """

    verdict: str
    block: Block | None = None
    text: str = ""
    score: float = 0.0
    replaced: str = ""


NONE = Paraphrase("none")


class Weights:
    """Inverse document frequencies of stems over the blocks of both documents of a pair."""

    def __init__(self, old: Side, new: Side) -> None:
        self._sides = (old, new)
        self._total = len(old.blocks) + len(new.blocks) + 1
        self._cache: dict[str, float] = {}

    def bits(self, side: Side, stem: str) -> int:
        """Blocks of ``side`` holding a word with this stem, as bits."""
        return side.index.term_bits(Term("\x00", False, stem))

    def idf(self, stem: str) -> float:
        found = self._cache.get(stem)
        if found is None:
            df = sum(self.bits(s, stem).bit_count() for s in self._sides)
            found = self._cache[stem] = math.log(self._total / (df + 1)) + 0.1
        return found


def _clause_span(tokens: Tokens, at: int) -> tuple[int, int]:
    """First and last token of the clause holding token ``at``."""
    clauses = tokens.clauses
    clause = clauses[at]
    lo = hi = at
    while lo > 0 and clauses[lo - 1] == clause:
        lo -= 1
    while hi + 1 < len(clauses) and clauses[hi + 1] == clause:
        hi += 1
    return lo, hi


def _clauses(tokens: Tokens) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        lo, hi = _clause_span(tokens, i)
        out.append((lo, hi))
        i = hi + 1
    return out


def _content(tokens: Tokens, lo: int, hi: int) -> list[str]:
    return [tokens.stems[i] for i in range(lo, hi + 1) if len(tokens.norms[i]) >= MIN_WORD]


def paraphrase(ctx: Context, hit: Hit, into: Side, weights: Weights,
               prefer: tuple[str, ...] = ()) -> Paraphrase:
    """Where the clause holding ``hit`` (old evidence) went in the text ``into``.

    Args:
        ctx: The run.
        hit: A carrier match on the other side.
        into: The side to search.
        weights: Word weights of the pair.
        prefer: Ids of blocks the alignment paired with the hit's block: always scored.
    """
    tokens = hit.block.tokens
    lo, hi = _clause_span(tokens, hit.first)
    hi = max(hi, _clause_span(tokens, hit.last)[1])
    # A paraphrase is recognised by its surroundings: the clause's words other than the
    # right's own, which a rewording replaces.
    own = set(tokens.stems[hit.first:hit.last + 1])
    stems = set(_content(tokens, lo, hi)) - own
    if len(stems) < MIN_CONTEXT:
        return NONE
    weight = {s: weights.idf(s) for s in stems}
    total = sum(weight.values())
    if total <= 0:
        return NONE
    # Which blocks hold the clause's rarer words, weighed from the word index alone: only
    # the few that hold most of them are read word by word.
    probes = [(weights.bits(into, s), weight[s])
              for s in sorted(weight, key=weight.__getitem__, reverse=True)[:PROBE_WORDS]]
    union = 0
    for bits, _ in probes:
        union |= bits
    ranked = sorted(_positions(union),
                    key=lambda p: -sum(w for bits, w in probes if bits >> p & 1))
    candidates = [into.blocks[p] for p in ranked[:MAX_CANDIDATES]]
    candidates.extend(into.by_id[i] for i in prefer if i in into.by_id)
    scored: list[tuple[float, Block, int, int]] = []
    seen: set[str] = set()
    for block in candidates:
        if block.id in seen:
            continue
        seen.add(block.id)
        btoks = block.tokens
        best: tuple[float, int, int] = (0.0, 0, -1)
        for clo, chi in _clauses(btoks):
            have = set(_content(btoks, clo, chi))
            score = sum(w for s, w in weight.items() if s in have) / total
            if score > best[0]:
                best = (score, clo, chi)
        scored.append((best[0], block, best[1], best[2]))
    if not scored:
        return NONE
    scored.sort(key=lambda x: -x[0])
    top, block, clo, chi = scored[0]
    others = sorted(x[0] for x in scored[1:]) or [0.0]
    typical = others[len(others) // 2]
    if top < PARAPHRASE_MIN or top - typical < PARAPHRASE_MARGIN:
        return NONE
    new_tokens = block.tokens
    # The same clause reworded keeps its words in order; a clause that merely shares a
    # constitution's stock phrases does not.
    old_words = [t for t in _content(tokens, lo, hi) if t not in own]
    if SequenceMatcher(None, old_words, _content(new_tokens, clo, chi),
                       autojunk=False).ratio() < SAME_ORDER:
        return NONE
    text = block.text[new_tokens.starts[clo]:new_tokens.ends[chi]]
    # Which words stand where the right's words stood?
    old_seq = list(tokens.stems[lo:hi + 1])
    new_seq = list(new_tokens.stems[clo:chi + 1])
    first, last = hit.first - lo, hit.last - lo
    replaced: list[str] = []
    deleted = False
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_seq, new_seq,
                                               autojunk=False).get_opcodes():
        if i2 <= first or i1 > last or tag == "equal":
            continue
        if tag == "delete":
            deleted = True
        else:
            replaced.extend(new_tokens.norms[clo + j1:clo + j2])
    if replaced:
        return Paraphrase("paraphrase", block, text, top, " ".join(replaced))
    if deleted:
        return Paraphrase("deleted", block, text, top)
    return Paraphrase("paraphrase", block, text, top)


def _positions(bits: int) -> list[int]:
    out: list[int] = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


# --------------------------------------------------------------------------- numbering

_LEADING_NUMBER = re.compile(r"^(\d+)")
#: Fewest numbered articles for a document's own sequence to be read for gaps.
MIN_NUMBERED = 10


def numbering_gaps(doc: Document) -> tuple[NumberingIssue, ...]:
    """The gaps in a document's article numbering: what its reader recorded
    (``Document.numbering``), else what the labels of its articles show (a number followed by
    a higher one than the next: "21" then "43" leaves 22–42 unread)."""
    if doc.numbering:
        return tuple(i for i in doc.numbering if i.kind == "gap")
    numbered: list[tuple[int, str]] = []
    for unit in doc.units():
        if unit.kind != "article":
            continue
        m = _LEADING_NUMBER.match(unit.label.strip())
        if m:
            numbered.append((int(m.group(1)), unit.label))
    if len(numbered) < MIN_NUMBERED:
        return ()
    out: list[NumberingIssue] = []
    for (a, label_a), (b, label_b) in pairwise(numbered):
        if b > a + 1:
            missing = tuple(str(n) for n in range(a + 1, min(b, a + 51)))
            out.append(NumberingIssue("gap", "main", missing, label_a, label_b))
    return tuple(out)


#: Share of the stretch where a right would sit that a gap must take up to explain its
#: absence: one lost article among a hundred the right could sit in does not.
GAP_SHARE = 0.2


def inline_headings(side: Side) -> frozenset[str]:
    """Numbers of the article headings that stand inside the text of a document's blocks."""
    found: set[str] = set()
    for block in side.blocks:
        if block.segments:
            continue
        found.update(m.group(1) for m in INLINE_HEADING.finditer(block.text))
    return frozenset(found)


def lost(gaps: tuple[NumberingIssue, ...], inline: frozenset[str]
         ) -> tuple[NumberingIssue, ...]:
    """The gaps whose articles are really missing: a gap whose numbers mostly stand as
    headings inside other articles' text was merged by the reader, not lost."""
    out = []
    for gap in gaps:
        numbers = [_LEADING_NUMBER.match(label) for label in gap.labels]
        present = sum(1 for m in numbers if m and m.group(1) in inline)
        if not gap.labels or present * 2 < len(gap.labels):
            out.append(gap)
    return tuple(out)


def gap_where(links: Links, source: Side, target: Side, unit: str,
              gaps: tuple[NumberingIssue, ...], forward: bool = True) -> NumberingIssue | None:
    """A gap of ``target``'s numbering where the content of ``source``'s unit would sit.

    Where it would sit: among the target units the alignment paired with it (a gap right
    before or after them counts), or, for a unit paired with none, between the target
    partners of the nearest paired units before and after it. There the gap must take up at
    least :data:`GAP_SHARE` of the stretch: when the alignment cannot place the right, one
    lost article in a long stretch does not explain its absence.
    """
    if not gaps:
        return None
    to = links.unit_old_new if forward else links.unit_new_old
    units = source.doc.units()
    target_units = target.doc.units()
    target_pos = {u.id: i for i, u in enumerate(target_units)}
    at = next((i for i, u in enumerate(units) if u.id == unit), None)
    if at is None:
        return None

    def partners(i: int) -> list[int]:
        return [target_pos[t] for t in to.get(units[i].id, []) if t in target_pos]

    here = partners(at)
    if here:
        lo, hi, placed = min(here), max(here), True
    else:
        lo, hi, placed = -1, len(target_units), False
        for i in range(at - 1, -1, -1):
            if found := partners(i):
                lo = max(found)
                break
        for i in range(at + 1, len(units)):
            if found := partners(i):
                hi = min(found)
                break
    by_label: dict[str, int] = {}
    for i, u in enumerate(target_units):
        by_label.setdefault(u.label, i)
    inside: list[NumberingIssue] = []
    for gap in gaps:
        after = by_label.get(gap.after, -1) if gap.after else -1
        before = by_label.get(gap.before, len(target_units)) if gap.before else len(
            target_units)
        if lo - 1 <= after <= hi or lo <= before <= hi + 1:
            inside.append(gap)
    if not inside:
        return None
    if placed:
        return inside[0]
    missing = sum(len(g.labels) for g in inside)
    read = max(0, min(hi, len(target_units) - 1) - max(lo, 0) + 1)
    return max(inside, key=lambda g: len(g.labels)) if missing >= GAP_SHARE * (
        missing + read) else None


def describe_gap(gap: NumberingIssue) -> str:
    labels = gap.labels
    shown = labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}" if labels else "?"
    where = f" (between {gap.after} and {gap.before})" if gap.after and gap.before else ""
    return f"articles {shown} were not read{where}"
