"""Chapter-level changes of a step: containers retitled, renumbered, added or removed.

The alignment pairs units (articles); a reform that renames a chapter ("Of individual
guarantees" → "Of human rights and their guarantees") changes no article and would go unseen.
A container of the old version *continues as* the container of the same kind, in the new
version, that holds most of the new partners of its articles (ties: the one met first), the way
the aligner decides moves. A continuing container whose heading or label differs is reported;
one with no continuation is removed; a new container that continues none is added.
"""

from __future__ import annotations

from collections import Counter

from ..model import Comparison, Document, Provision, normalize_ref
from .model import StructureChange


def _containers(doc: Document) -> tuple[list[Provision], dict[str, list[Provision]]]:
    """Every container in document order, and each unit's chain of containers."""
    order: list[Provision] = []
    seen: set[str] = set()
    chains: dict[str, list[Provision]] = {}
    for unit, chain in doc.units_with_context():
        chains[unit.id] = list(chain)
        for c in chain:
            if c.id not in seen:
                seen.add(c.id)
                order.append(c)
    return order, chains


def _same_heading(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def structure_changes(comparison: Comparison) -> tuple[StructureChange, ...]:
    """The containers of the old version that were retitled, renumbered or removed, and the
    new ones added, in the order of the new version (removed ones last, in old order)."""
    old_order, old_chains = _containers(comparison.old)
    new_order, new_chains = _containers(comparison.new)
    if not old_order and not new_order:
        return ()
    new_pos = {c.id: i for i, c in enumerate(new_order)}
    votes: dict[str, Counter[str]] = {}
    for pair in comparison.alignment:
        for o in pair.old_ids:
            for n in pair.new_ids:
                targets = new_chains.get(n, [])
                for c in old_chains.get(o, []):
                    for t in targets:
                        if t.kind == c.kind:
                            votes.setdefault(c.id, Counter())[t.id] += 1
    continues: dict[str, Provision] = {}  # old container id → the new one it continues as
    taken: set[str] = set()
    by_id = {c.id: c for c in new_order}
    # Containers with more votes choose first, so a big chapter is not robbed by a small one.
    ranked = sorted(old_order, key=lambda c: -max(votes.get(c.id, Counter()).values(),
                                                   default=0))
    for c in ranked:
        tally = votes.get(c.id)
        if not tally:
            continue
        best = sorted((t for t in tally if t not in taken),
                      key=lambda t: (-tally[t], new_pos[t]))
        if best:
            continues[c.id] = by_id[best[0]]
            taken.add(best[0])
    changes: list[tuple[int, StructureChange]] = []
    for c in old_order:
        after = continues.get(c.id)
        if after is None:
            continue
        label_changed = normalize_ref(c.label) != normalize_ref(after.label)
        heading_changed = not _same_heading(c.heading, after.heading)
        if heading_changed or label_changed:
            kind = "retitled" if heading_changed else "renumbered"
            changes.append((new_pos[after.id], StructureChange(
                kind, c.kind, c.label, after.label, c.heading, after.heading, c.id, after.id)))
    for t in new_order:
        if t.id not in taken:
            changes.append((new_pos[t.id], StructureChange(
                "added", t.kind, "", t.label, "", t.heading, "", t.id)))
    tail = len(new_order)
    for c in old_order:
        if c.id not in continues:
            changes.append((tail, StructureChange(
                "removed", c.kind, c.label, "", c.heading, "", c.id, "")))
    changes.sort(key=lambda x: x[0])
    return tuple(change for _, change in changes)


def container_name(kind: str, label: str) -> str:
    """``Chapter I``, ``Title 2``; a kind alone when unlabelled."""
    return f"{kind.capitalize()} {label}".strip()
