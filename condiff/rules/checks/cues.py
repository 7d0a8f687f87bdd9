"""Check: the wording around a right, compared where the alignment says the text went.

Limitation clauses, guarantee strength ("guarantees" → "recognises", "shall" → "may"), scope
(everyone → citizens) and rule-specific safeguards ("within 48 hours", "free of charge") are
counted in the provisions that carry the topic on each side of one article pair, so a clause
that moved between paragraphs of an article is not mistaken for a new restriction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ...model import Finding
from ..blocks import Side
from ..context import (
    Context,
    UnitBlocks,
    counterpart_refs,
    groups,
    make_finding,
    old_counterparts,
    quote,
    refs_of,
)
from ..index import Block
from ..match import Hit, Matcher, find
from ..packs import Rule

#: The reason code of each kind of wording change, by how its detail begins.
_CODES = (("guarantee downgraded", "guarantee-downgraded"),
          ("guarantee upgraded", "guarantee-upgraded"), ("scope narrowed", "scope-narrowed"),
          ("scope widened", "scope-widened"), ("safeguard dropped", "safeguard-dropped"),
          ("limitation clause dropped", "limitation-dropped"),
          ("new provision on it", "new-provision"))


def _codes(details: Sequence[str]) -> tuple[str, ...]:
    """Reason codes (:data:`~condiff.model.REASONS`) of a finding's detail items."""
    return tuple(code for item in details for start, code in _CODES if item.startswith(start))


#: Limitation cues so common in any new article ("in accordance with law") that they count
#: only against the same article's old text, never against the whole old document.
MILD_LIMITATIONS = frozenset({"by-law"})


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


def applies(rule: Rule, ctx: Context) -> bool:
    return ctx.covers(rule)


def check(rule: Rule, ctx: Context) -> list[Finding]:
    """Limitation clauses, downgraded guarantees, narrowed scope, lost safeguards, and new
    paragraphs affirming the topic, compared per article pair."""
    old, new = ctx.profiles(rule)
    out: list[Finding] = []
    old_all = [b for b in map(ctx.old.by_id.__getitem__, old.carriers) if b.counted]
    paragraph_aligned = bool(ctx.links.block_new_old)
    old_mentioned = UnitBlocks(ctx.old.by_id[i] for i in old.mentions)
    new_mentioned = UnitBlocks(ctx.new.by_id[i] for i in new.mentions)
    for o_blocks, n_blocks in groups(ctx, old, new):
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
                    restrict_what.append(f"{cue_id} {quote(lim_n[cue_id], 1)}")
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
                weak_what.append(f"guarantee downgraded: {quote(was, 2)} → "
                                 f"{quote(now, 2)}")
            elif gained and _sum(st_n) > _sum(st_o) and _sum(wk_n) <= _sum(wk_o):
                # A new *kind* of firm wording ("has the right" where there was only "shall"),
                # not one more "shall" from a re-wrapped sentence.
                firm = _cue_counts(ctx.new_m, "strong", n_blocks, n_cl)
                strong_new.extend(h for k in sorted(gained) for h in firm[k])
                strong_what.append(f"guarantee upgraded: {quote(strong_new, 2)}")
            if _sum(un_n) < _sum(un_o) and _sum(ci_n) > _sum(ci_o) and not _sum(_cue_tally(
                    ctx.new_m, "universal", [b for u in dict.fromkeys(b.unit for b in n_blocks)
                                             for b in ctx.new.units.get(u, ())])):
                # Narrowed only when the broad subject is gone from the whole new provision
                # group: "Everyone is equal" in 16(1) still covers 16(2)'s "Citizens …".
                was = _hits(_cue_counts(ctx.old_m, "universal", o_blocks, o_cl))
                now = _hits(_cue_counts(ctx.new_m, "citizens", n_blocks, n_cl))
                weak_old.extend(was)
                weak_new.extend(now)
                weak_what.append(f"scope narrowed: {quote(was, 1)} → {quote(now, 1)}")
            elif _sum(un_n) > _sum(un_o) and _sum(ci_n) <= _sum(ci_o):
                now = _hits(_cue_counts(ctx.new_m, "universal", n_blocks, n_cl))
                strong_new.extend(now)
                strong_what.append(f"scope widened: {quote(now, 1)}")
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
                weak_what.append(f"safeguard dropped: {quote(had)} (now: "
                                 f"{quote(has) or 'none'})")
        if o_blocks and paragraph_aligned and rule.type != "institution":
            limited = {h.block.id for h in _hits(lim_n)}
            known = set().union(*(b.tokens.stems for u in {b.unit for b in o_blocks}
                                  for b in ctx.old.units.get(u, ())))
            fresh = [b for b in n_blocks if b.id not in limited
                     and not ctx.links.block_new_old.get(b.id)
                     and _novelty(b, known) > 0.5]
            if fresh:
                strong_new.extend(h for b in fresh for h in new.carriers[b.id])
                strong_what.append(f"new provision on it: {refs_of(fresh)[0]}")
        if restrict_what:
            out.append(make_finding(
                rule, "restriction-added", old_blocks=o_blocks,
                new_blocks=[h.block for h in restrict_new], new_hits=restrict_new,
                detail="limitation clause added: " + "; ".join(restrict_what),
                reasons=("limitation-added",)))
        if weak_what:
            # Where the weakened wording went: the new evidence, else the paragraphs the
            # alignment paired with the old evidence, else the new carriers.
            new_refs = refs_of(h.block for h in weak_new)
            if not new_refs:  # (resolving references reads the whole document once)
                went = dict.fromkeys(r for h in weak_old for r in counterpart_refs(ctx, h.block)
                                     if ctx.new.by_id.get(_id_of(ctx.new, r)) is not None)
                new_refs = tuple(went) or refs_of(n_blocks)
            out.append(make_finding(
                rule, "weakened", old_blocks=[h.block for h in weak_old] or o_blocks,
                new_refs=new_refs, old_hits=weak_old, new_hits=weak_new,
                detail="; ".join(weak_what), reasons=_codes(weak_what)))
        if strong_what and not weak_what and not restrict_what:
            out.append(make_finding(
                rule, "strengthened", old_blocks=[b for b in o_blocks if b.id in old.carriers]
                or o_blocks, new_blocks=[h.block for h in strong_new] or n_blocks,
                new_hits=strong_new, detail="; ".join(strong_what),
                reasons=_codes(strong_what)))
    return out


