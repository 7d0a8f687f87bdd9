"""Check: a restriction the rule watches for ("foreign agent", "a union of a man and a woman")
stands in the new text and nowhere in the old."""

from __future__ import annotations

from ...model import Finding
from ..context import Context, make_finding, old_counterparts, quote
from ..match import find
from ..packs import Rule


def applies(rule: Rule, ctx: Context) -> bool:
    return ctx.covers(rule) and bool(rule.restrictions)


def check(rule: Rule, ctx: Context) -> list[Finding]:
    """Rule-specific restrictions present in the new text and nowhere in the old."""
    new_pats = rule.restrictions.get(ctx.new.language, ())
    if not new_pats:
        return []
    new_hits = [h for b in ctx.new.blocks_for(new_pats) if not b.loose
                for p in new_pats for h in find(p, b)]
    if not new_hits:
        return []
    old_pats = rule.restrictions.get(ctx.old.language, ())
    if any(find(p, b) for b in ctx.old.blocks_for(old_pats) for p in old_pats):
        return []
    new_blocks = list({h.block.id: h.block for h in new_hits}.values())
    return [make_finding(
        rule, "restriction-added", new_blocks=new_blocks, new_hits=new_hits,
        old_blocks=[o for b in new_blocks for o in old_counterparts(ctx, b)],
        detail=f"new restriction: {quote(new_hits)}", reasons=("new-restriction",))]


