"""Reading order of alignment entries: the new document's order, with removals in place.

Entries that have new units sort by their first new unit. An entry with only old units (a
removal) has no place in the new document, so it goes right after the entry holding the
closest preceding old unit — where a reader of the old text would look for it.
"""

from __future__ import annotations

from collections.abc import Sequence


def reading_order(entries: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[int]:
    """Indices of ``entries`` (each ``(old positions, new positions)``) in reading order."""
    key_of_old: dict[int, tuple[int, int, int]] = {}
    keys: list[tuple[int, int, int] | None] = [None] * len(entries)
    for i, (olds, news) in enumerate(entries):
        if news:
            k = (min(news), 0, min(olds) if olds else -1)
            keys[i] = k
            for o in olds:
                key_of_old[o] = k
    removed = sorted((min(olds), i) for i, (olds, news) in enumerate(entries) if not news)
    for first, i in removed:
        anchor = -1
        for p in range(first - 1, -1, -1):
            found = key_of_old.get(p)
            if found is not None:
                anchor = found[0]
                break
        keys[i] = (anchor, 1, first)
        for o in entries[i][0]:
            key_of_old.setdefault(o, (anchor, 1, first))
    return sorted(range(len(entries)), key=lambda i: (keys[i], i))
