"""Check: is the right still there? removed, moved, added, or strengthened from a mere mention.

Removal is a document-wide claim, the costliest a monitor can get from condiff. A topic is
``removed`` only if no provision of the new document carries it, none mentions it, no heading
names it, its words do not stand a little further apart, no clause paraphrases the old
evidence, and the new numbering has no gap where it would sit (see :mod:`..evidence`);
otherwise the finding is ``weakened`` at a low confidence, with the reason. ``added`` is
asked the same questions the other way round. A carrier in an article not aligned with the
old one makes it ``moved``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import FINDING_KIND, Finding
from ..context import Context, counterpart_refs, make_finding, old_counterparts, quote, refs_of
from ..evidence import GAP_DISCOUNT, Paraphrase, Weights, describe_gap, gap_where, paraphrase
from ..index import Block
from ..match import Hit, TopicProfile, heading_mentions, relaxed_hits
from ..packs import Rule


def applies(rule: Rule, ctx: Context) -> bool:
    return ctx.covers(rule)


def check(rule: Rule, ctx: Context) -> list[Finding]:
    """removed / added (with evidence of absence), their softer readings, and moved."""
    old, new = ctx.profiles(rule)
    if old.carriers and not new.carriers:
        return absent(rule, ctx, old, new, forward=True)
    if new.carriers and not old.carriers:
        return absent(rule, ctx, new, old, forward=False)
    # Loose text (outside every article) is evidence that the right is there, not a place a
    # finding can point to.
    old_carriers = [ctx.old.by_id[i] for i in old.carriers if not ctx.old.by_id[i].loose]
    new_carriers = [ctx.new.by_id[i] for i in new.carriers if not ctx.new.by_id[i].loose]
    out: list[Finding] = []
    if not old_carriers or not new_carriers:
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
            detail="carried by another article in the new text",
            reasons=("carried-elsewhere",)))
    return out




#: Confidence of a removal (or addition) where the other text still names the topic in
#: passing (among aims, in the preamble) is multiplied by.
PASSING_DISCOUNT = 0.85
#: How many of the carrying side's matches are looked for in the other text, at most.
MAX_PROBES = 8


def absent(rule: Rule, ctx: Context, have: TopicProfile, lack: TopicProfile, *,
           forward: bool) -> list[Finding]:
    """One side carries the topic and the other does not: ``removed`` (forward) or
    ``added`` (backward), unless the side without it mentions it, names it in a heading,
    holds its words a little further apart, paraphrases the evidence, or has a numbering gap
    where it would sit; then the softer reading (``weakened`` / ``strengthened``), with a
    lower confidence and the reason."""
    have_side, lack_side = (ctx.old, ctx.new) if forward else (ctx.new, ctx.old)
    carriers = [have_side.by_id[i] for i in have.carriers if not have_side.by_id[i].loose]
    if not carriers:
        return []  # carried only by loose text: nothing to point a reader to
    hits = [h for b in carriers for h in have.carriers[b.id]]
    soft = "weakened" if forward else "strengthened"
    the_other = "the new text" if forward else "the old text"

    def finding(kind: str, detail: str, reasons: tuple[str, ...], confidence: float | None,
                other: Sequence[Hit] = (), other_refs: Sequence[str] | None = None
                ) -> list[Finding]:
        other_blocks = [h.block for h in other if not h.block.loose]
        if forward:
            targets = other_refs if other_refs is not None else (
                refs_of(other_blocks) if other_blocks else
                list(dict.fromkeys(r for b in carriers for r in counterpart_refs(ctx, b))))
            return [make_finding(rule, kind, old_blocks=carriers, old_hits=hits,
                                 new_refs=targets, new_hits=other, detail=detail,
                                 confidence=confidence, reasons=reasons)]
        olds = other_blocks or [o for b in carriers for o in old_counterparts(ctx, b)]
        return [make_finding(rule, kind, new_blocks=carriers, new_hits=hits, old_blocks=olds,
                             old_hits=other, detail=detail, confidence=confidence,
                             reasons=reasons)]

    left = [h for hs in lack.mentions.values() for h in hs]
    # A mention among aims ("… in the interests of public health") or in the preamble grants
    # nothing: the right is absent. A negated one may be a misread protection: a human looks.
    passing = [h for h in left if h.status == "passing"]
    left = [h for h in left if h.status != "passing"]
    if left:
        how = "/".join(sorted({h.status for h in left}))
        if forward:
            detail = f"no provision affirms it any more; only {how} mention(s) remain: "
        else:
            detail = "now affirmed; the old text only mentioned it in passing or negated: "
        return finding(soft, detail + quote(left if forward else hits),
                       ("mention-only",) if forward else ("now-affirmed", "mention-only"),
                       0.5 if forward else None, left)
    if named := heading_mentions(rule, lack_side):
        return finding(soft, f"no provision of {the_other} carries it in the usual wording, "
                       "but an article heading names it", ("heading-only",), 0.4,
                       other_refs=named if forward else None)
    matcher = ctx.new_m if forward else ctx.old_m
    if near := relaxed_hits(rule, lack_side, matcher):
        return finding(soft, f"no provision of {the_other} carries it in the usual wording; "
                       f"its terms still occur near each other: {quote(near)}",
                       ("terms-apart",), 0.4, near)
    weights = Weights(ctx.old, ctx.new)
    links = ctx.links.block_old_new if forward else ctx.links.block_new_old
    deleted: list[Paraphrase] = []
    # The right's own name, where the text uses one, is the evidence to look for; a framed
    # word ("to work" under a rights lead-in) only when there is nothing better.
    by_name = [h for h in hits if not h.framed]
    for h in (by_name or hits)[:MAX_PROBES]:
        found = paraphrase(ctx, h, lack_side, weights, tuple(links.get(h.block.id, ())))
        if found.verdict == "paraphrase" and found.block is not None:
            words = f" (in place of its words: '{found.replaced}')" if found.replaced else ""
            return finding(soft, f"no provision of {the_other} carries it by the pack's "
                           f"patterns; only a paraphrase remains: '{_short(found.text)}'"
                           f"{words}", ("no-carrier", "paraphrase-remains"), 0.35,
                           other_refs=[found.block.ref] if forward else None)
        if found.verdict == "deleted":
            deleted.append(found)
    gaps = ctx.gaps[1] if forward else ctx.gaps[0]
    if not deleted:
        for b in carriers:
            gap = gap_where(ctx.links, have_side, lack_side, b.unit, gaps, forward)
            if gap is not None:
                return finding(soft, f"no provision of {the_other} carries it, but its "
                               f"numbering has a gap where it would sit: {describe_gap(gap)}",
                               ("no-carrier", "numbering-gap"), 0.3)
    reasons = ["no-carrier", "no-paraphrase"]
    if passing:
        reasons.append("mention-only")
        confidence_factor = PASSING_DISCOUNT
    else:
        confidence_factor = 1.0
    confidence = FINDING_KIND["removed" if forward else "added"].confidence
    confidence *= confidence_factor
    if gaps:
        reasons.append("numbering-gaps")
        confidence *= GAP_DISCOUNT
    if forward:
        detail = f"no provision of the new text carries it (old evidence: {quote(hits)})"
        if deleted:
            reasons.append("words-deleted")
            detail += (f"; the clause that held it stands without it: "
                       f"'{_short(deleted[0].text)}'")
        if passing:
            detail += f"; only mentioned in passing: {quote(passing)}"
        return finding("removed", detail, tuple(reasons), confidence)
    detail = f"new in this text: {quote(hits)}"
    if passing:
        detail += f" (the old text only mentioned it in passing: {quote(passing)})"
    return finding("added", detail, tuple(reasons), confidence)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
