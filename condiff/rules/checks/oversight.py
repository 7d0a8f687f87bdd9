"""Check: an office (ombudsman, top judges, prosecutor, central bank) once elected or confirmed
by a legislature, now appointed without it."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Finding
from ..blocks import Side
from ..context import Context, make_finding, quote
from ..index import Block
from ..match import Hit, Matcher, find
from ..packs import Pattern, Rule


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


def applies(rule: Rule, ctx: Context) -> bool:
    return bool(rule.offices)


def check(rule: Rule, ctx: Context) -> list[Finding]:
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
            f"({quote([c for _, _, cs in approved_old for c in cs], 2)}); appointed without "
            f"that step in the new text ({quote([c for _, _, cs in appointed for c in cs], 2)})",
            reasons=("appointment-unchecked",)))
    return out


