"""Check: is the right still there? removed, moved, added, or strengthened from a mere mention.

Removal is a document-wide claim, the costliest a monitor can get from condiff. A topic is
``removed`` only if no provision of the new document carries it and it is not even mentioned
there; a remaining mention makes it ``weakened`` (a reviewer must look), and a carrier in an
article not aligned with the old one makes it ``moved``.
"""

from __future__ import annotations

from ...model import Finding
from ..context import Context, counterpart_refs, make_finding, old_counterparts, quote
from ..index import Block
from ..match import heading_mentions, relaxed_hits
from ..packs import Rule


def applies(rule: Rule, ctx: Context) -> bool:
    return ctx.covers(rule)


def check(rule: Rule, ctx: Context) -> list[Finding]:
    """removed / weakened (only a mention left) / moved / added / strengthened."""
    old, new = ctx.profiles(rule)
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
                f"remain: {quote(left)}", confidence=0.5))
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
                f"near each other: {quote(loose)}", confidence=0.4))
        else:
            out.append(make_finding(
                rule, "removed", old_blocks=old_carriers, old_hits=old_hits,
                new_refs=targets,
                detail=f"no provision of the new text carries it (old evidence: "
                f"{quote(old_hits)})"))
        return out
    if new_carriers and not old_carriers:
        new_hits = [h for hs in new.carriers.values() for h in hs]
        kind = "strengthened" if old.mentions else "added"
        detail = ("now affirmed; the old text only mentioned it in passing or negated"
                  if old.mentions else "new in this text")
        out.append(make_finding(rule, kind, new_blocks=new_carriers, new_hits=new_hits,
                                old_blocks=[o for b in new_carriers
                                            for o in old_counterparts(ctx, b)],
                                detail=f"{detail}: {quote(new_hits)}"))
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


