"""Which chapter each article pair is listed under, with labels a reader can tell apart.

The review UI's article list and the report's article-by-article section both group pairs by
the chapter of the new version (a removed article by its old chapter). Read as a new user would,
the list showed "Section VIII" twice (a removed article of the old Section VII sat between two
articles of the new Section VIII) and the "(old)" at the end of a removed article's chapter was
cut off in any list narrower than 200 columns. So every run of pairs under one chapter gets a
label of its own, with what tells it apart at the front:

* a chapter of the old version reads ``old Section VII · …``;
* a chapter that comes back after another one reads ``Section VIII (cont.) · …``;
* two chapters with the same number and heading in different parts are named with their parts:
  ``Part 2 › Chapter 1 · …``.

Pure functions over a :class:`~condiff.model.Comparison`; no Textual, no Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Comparison, Provision

#: Marker in front of a chapter of the old version.
OLD_MARK = "old "
#: Marker after the name of a chapter listed again after another.
CONTINUED = " (cont.)"


def _name(container: Provision) -> str:
    return f"{container.kind.capitalize()} {container.label}".strip()


def chapter_title(chain: Sequence[Provision], depth: int = 1) -> str:
    """Name and heading of the innermost container: ``Chapter II · Human rights``; with
    ``depth`` > 1 the names of the enclosing containers go in front (``Part 2 › Chapter 1 ·
    …``)."""
    if not chain:
        return ""
    inner = chain[-1]
    names = [_name(c) for c in chain[-depth:]]
    name = " › ".join(n for n in names if n)
    return f"{name} · {inner.heading}" if inner.heading else name


def _chains(c: Comparison) -> dict[tuple[str, str], tuple[Provision, ...]]:
    """(side, unit id) → the containers the unit sits in."""
    out: dict[tuple[str, str], tuple[Provision, ...]] = {}
    for side, doc in (("old", c.old), ("new", c.new)):
        for unit, chain in doc.units_with_context():
            out[(side, unit.id)] = chain
    return out


def _titles(chains: Sequence[tuple[Provision, ...]]) -> dict[tuple[str, ...], str]:
    """A title for each distinct container chain (keyed by the containers' ids), going up the
    chain only as far as needed to tell apart containers whose own titles are the same."""
    keyed = {tuple(p.id for p in chain): chain for chain in chains if chain}
    titles = {key: chapter_title(chain) for key, chain in keyed.items()}
    depth = 1
    while depth < max((len(ch) for ch in keyed.values()), default=0):
        seen: dict[str, list[tuple[str, ...]]] = {}
        for key, title in titles.items():
            seen.setdefault(title, []).append(key)
        clashes = [keys for keys in seen.values() if len(keys) > 1]
        if not clashes:
            break
        depth += 1
        for keys in clashes:
            for key in keys:
                titles[key] = chapter_title(keyed[key], depth)
    return titles


def group_labels(c: Comparison, order: Sequence[int]) -> list[str]:
    """The chapter label of each pair of ``c.alignment`` listed in ``order``.

    A pair with new units is listed under the chapter of its first new unit; a removed pair
    under its old chapter (marked "old"), or under the current chapter when the old one bears
    the same title, or when it sat outside any chapter. Labels differ between runs: a label
    met before gets "(cont.)". "" for pairs outside any chapter.
    """
    chains = _chains(c)
    new_titles = _titles([ch for (side, _), ch in chains.items() if side == "new"])
    old_titles = _titles([ch for (side, _), ch in chains.items() if side == "old"])
    labels: list[str] = []
    used: set[str] = set()
    previous_key: tuple[str, ...] | None = None
    previous = previous_heading = ""
    for i in order:
        pair = c.alignment[i]
        # A pair is listed by its own units, not by one that only received a paragraph of it.
        # (an entry of a moved paragraph alone is listed where the paragraph went).
        own_new = [u for u in pair.new_ids if u not in pair.secondary_new_ids] or \
            list(pair.new_ids)
        own_old = [u for u in pair.old_ids if u not in pair.secondary_old_ids]
        if own_new:
            chain = chains.get(("new", own_new[0]), ())
            key: tuple[str, ...] = ("new", *(p.id for p in chain))
            title = new_titles.get(tuple(p.id for p in chain), "")
        else:
            first = own_old or list(pair.old_ids)
            chain = chains.get(("old", first[0]), ()) if first else ()
            key = ("old", *(p.id for p in chain))
            title = old_titles.get(tuple(p.id for p in chain), "")
            # A removed article stays in the chapter being listed when its old chapter is
            # that one under an old number or name (same heading), or had none.
            heading = chain[-1].heading.strip().casefold() if chain else ""
            if not title or title == _base(previous) or (heading and heading == previous_heading):
                labels.append(previous)
                continue
            title = OLD_MARK + title
        if key == previous_key:
            labels.append(previous)
            continue
        previous_heading = chain[-1].heading.strip().casefold() if chain else ""
        label = title
        if label and label in used:
            name, sep, heading = label.partition(" · ")
            label = f"{name}{CONTINUED}{sep}{heading}"
            n = 2
            while label in used:
                label = f"{name} (cont. {n}){sep}{heading}"
                n += 1
        if label:
            used.add(label)
        labels.append(label)
        previous, previous_key = label, key
    return labels


def _base(label: str) -> str:
    """A label without its "old" and "(cont.)" markers."""
    name, sep, heading = label.removeprefix(OLD_MARK).partition(" · ")
    name = name.split(" (cont.")[0]
    return f"{name}{sep}{heading}"
