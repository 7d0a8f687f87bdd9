"""Lineages: the step alignments chained, so every provision has one path through all versions.

Each step's alignment says which units of version k became which units of version k+1. Chained,
they give each provision its column of labels (``13`` → ``13`` → ``13``), and the events that
explain the column: renumbered, moved, split (one text continues in several provisions), merged,
removed, added.

Two things only a history can see are added here, never by second-guessing a step:

- **Repeal.** The aligner never pairs text with a repealed placeholder ("Derogado",
  "[Repealed]"), so an article repealed in a step shows as removed, and its placeholder as added.
  When the placeholder carries the removed article's own number, it is the same provision,
  repealed: one lineage, event ``repealed``. A placeholder that gives way to text under its
  number is the provision ``reinserted``.
- **Return after an absence.** An article that disappears and comes back some versions later
  (under the same or another number) shows as removed in one step and added in a later one.
  When the text that comes back is close to the text that left (word-pair overlap, each the
  other's best candidate), the two are one lineage with a gap: ``reinserted``. A number reused
  for unrelated text is *not* joined: content decides, as in the aligner.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import ArticlePair, Document, Provision, normalize_ref
from .model import Lineage, LineageEvent, Step

#: Word-pair overlap (Dice) above which a returning text is the one that left.
RETURN_MIN = 0.6
#: The same, when the returning text also carries the number that left.
RETURN_MIN_SAME_LABEL = 0.4

_WORD = re.compile(r"\w+")


def unit_label(unit: Provision) -> str:
    """How a unit is named in a lineage: its printed label, "preamble", or its reference."""
    if unit.kind == "preamble":
        return "preamble"
    return unit.label or unit.ref or unit.id


@dataclass
class _Track:
    """A lineage while it is being built (mutable; frozen into :class:`Lineage` at the end)."""

    ids: list[str | None]
    #: (step, kind, alignment entry, related units as (version, unit id)): units, not tracks,
    #: because a related unit's track may not exist yet, or may be joined to another later.
    events: list[tuple[int, str, int | None, list[tuple[int, str]]]] = field(
        default_factory=list)
    joined: int | None = None  # index of the track it was joined into


class _Docs:
    """Lookups over the documents of a history, built once."""

    def __init__(self, docs: Sequence[Document]) -> None:
        self.units: list[dict[str, Provision]] = []
        self.order: list[dict[str, int]] = []
        self.block_unit: list[dict[str, str]] = []
        self.text_size: list[dict[str, int]] = []
        for doc in docs:
            units = doc.units()
            self.units.append({u.id: u for u in units})
            self.order.append({u.id: i for i, u in enumerate(units)})
            self.block_unit.append({n.id: u.id for u in units for n in u.walk()})
            self.text_size.append({n.id: len(n.text) for u in units for n in u.walk()})

    def label(self, version: int, uid: str) -> str:
        return unit_label(self.units[version][uid])


def _mass(pair: ArticlePair, docs: _Docs, old_v: int) -> dict[str, dict[str, float]]:
    """How much text each (old unit, new unit) of a group share through paragraph pairs: the
    shorter block's length times the pair's similarity. Read from the scores, never from the
    redlines, which a run that does not show them never makes."""
    out: dict[str, dict[str, float]] = {}
    old_units, new_units = docs.block_unit[old_v], docs.block_unit[old_v + 1]
    for pp in pair.paragraphs:
        if pp.old_id is None or pp.new_id is None:
            continue
        o, n = old_units.get(pp.old_id), new_units.get(pp.new_id)
        if o is None or n is None:
            continue
        size = min(docs.text_size[old_v].get(pp.old_id, 0),
                   docs.text_size[old_v + 1].get(pp.new_id, 0))
        mine = out.setdefault(o, {})
        mine[n] = mine.get(n, 0.0) + max(size, 1) * max(pp.score, 0.01)
    return out


def _primary(ids: Sequence[str], secondary: Sequence[str]) -> list[str]:
    """The units an entry holds as their own (not those it only shares a moved paragraph
    with)."""
    others = set(secondary)
    return [i for i in ids if i not in others]


def _continuations(pair: ArticlePair, olds: Sequence[str], news: Sequence[str], docs: _Docs,
                   old_v: int) -> list[tuple[str, str]]:
    """Which old unit of a group continues as which new unit (one to one, greedy): the same
    label first, then the most shared text, then document order."""
    mass = _mass(pair, docs, old_v)
    old_order, new_order = docs.order[old_v], docs.order[old_v + 1]
    candidates = []
    for o in olds:
        for n in news:
            same = normalize_ref(docs.label(old_v, o)) == normalize_ref(docs.label(old_v + 1, n))
            candidates.append((not same, -mass.get(o, {}).get(n, 0.0),
                               old_order.get(o, 0), new_order.get(n, 0), o, n))
    candidates.sort()
    used_old: set[str] = set()
    used_new: set[str] = set()
    out: list[tuple[str, str]] = []
    for *_, o, n in candidates:
        if o in used_old or n in used_new:
            continue
        used_old.add(o)
        used_new.add(n)
        out.append((o, n))
    return out


def word_pairs(text: str) -> set[tuple[str, str]]:
    """The pairs of consecutive words of a text (case-folded), what returning texts are
    compared on."""
    words = _WORD.findall(text.casefold())
    if len(words) == 1:
        return {(words[0], "")}
    return set(itertools.pairwise(words))


def dice(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> float:
    """Dice overlap of two sets of word pairs, 0..1."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


class _Builder:
    def __init__(self, docs: Sequence[Document], steps: Sequence[Step]) -> None:
        self.n = len(docs)
        self.docs = _Docs(docs)
        self.steps = steps
        self.tracks: list[_Track] = []
        self.where: list[dict[str, int]] = [{} for _ in docs]  # version → unit id → track

    def new_track(self, version: int, uid: str) -> int:
        ids: list[str | None] = [None] * self.n
        ids[version] = uid
        self.tracks.append(_Track(ids))
        t = len(self.tracks) - 1
        self.where[version][uid] = t
        return t

    def extend(self, t: int, version: int, uid: str) -> None:
        self.tracks[t].ids[version] = uid
        self.where[version][uid] = t

    def event(self, t: int, step: int, kind: str, pair: int | None,
              related: Sequence[tuple[int, str]] = ()) -> None:
        self.tracks[t].events.append((step, kind, pair, list(related)))

    def track_of(self, version: int, uid: str) -> int:
        t = self.where[version].get(uid)
        return self.new_track(version, uid) if t is None else t

    def run(self) -> tuple[Lineage, ...]:
        for uid in self.docs.order[0]:
            self.new_track(0, uid)
        for step in self.steps:
            self.step(step)
        self.join_returns()
        return self.freeze()

    def step(self, step: Step) -> None:
        k, docs = step.index, self.docs
        removed: list[tuple[int, str]] = []
        added: list[tuple[int, str]] = []
        for p, pair in enumerate(step.comparison.alignment):
            # A unit named as secondary in an entry has its own entry elsewhere (only a
            # paragraph of it moved): it is related to this one, not continued by it.
            olds = _primary(pair.old_ids, getattr(pair, "secondary_old_ids", ()))
            news = _primary(pair.new_ids, getattr(pair, "secondary_new_ids", ()))
            moved = [(k, o) for o in pair.old_ids if o not in olds] + \
                [(k + 1, n) for n in pair.new_ids if n not in news]
            if not news:
                removed.extend((p, o) for o in olds)
                continue
            if not olds:
                added.extend((p, n) for n in news)
                continue
            if len(olds) == 1 and len(news) == 1:
                t = self.track_of(k, olds[0])
                self.extend(t, k + 1, news[0])
                self.event(t, k, pair.kind, p, moved)
                continue
            self.group(k, p, pair, olds, news, moved)
        # A placeholder under the number of a provision that left in the same step is that
        # provision repealed (or, the other way round, brought back).
        by_label: dict[str, list[tuple[int, str]]] = {}
        for p, n in added:
            by_label.setdefault(normalize_ref(docs.label(k + 1, n)), []).append((p, n))
        for p, o in removed:
            t = self.track_of(k, o)
            old_unit = docs.units[k][o]
            twins = by_label.get(normalize_ref(docs.label(k, o)), [])
            twin = next(((q, n) for q, n in twins
                         if docs.units[k + 1][n].repealed != old_unit.repealed), None)
            if twin is not None:
                twins.remove(twin)
                q, n = twin
                self.extend(t, k + 1, n)
                # The entry that holds the text: the old article's (struck) for a repeal, the
                # new one's for a return.
                if docs.units[k + 1][n].repealed:
                    self.event(t, k, "repealed", p)
                else:
                    self.event(t, k, "reinserted", q)
                continue
            self.event(t, k, "removed", p)
        for twins in by_label.values():
            for p, n in twins:
                self.event(self.new_track(k + 1, n), k, "added", p)

    def group(self, k: int, p: int, pair: ArticlePair, olds: Sequence[str],
              news: Sequence[str], moved: Sequence[tuple[int, str]]) -> None:
        pairs = _continuations(pair, olds, news, self.docs, k)
        kept_old = {o for o, _ in pairs}
        kept_new = {n for _, n in pairs}
        continuing = [(k + 1, n) for _, n in pairs]
        for o, n in pairs:
            self.extend(self.track_of(k, o), k + 1, n)
        left = [(k, o) for o in olds if o not in kept_old]
        born = [(k + 1, n) for n in news if n not in kept_new]
        kind = "merged" if pair.kind == "merged" else "split"
        for _, n in pairs:
            others = [x for x in (*continuing, *left, *born, *moved) if x != (k + 1, n)]
            self.event(self.where[k + 1][n], k, kind, p, others)
        for _, o in left:
            self.event(self.track_of(k, o), k, "merged-into", p, continuing)
        for _, n in born:
            self.event(self.new_track(k + 1, n), k, "split-from", p, [(k, o) for o in olds])

    def _text(self, version: int, uid: str) -> str:
        unit = self.docs.units[version][uid]
        return f"{unit.heading}\n{unit.full_text(' ')}"

    def join_returns(self) -> None:
        """Join a lineage that ended with one that starts at least one version later, when the
        returning text is the one that left (mutual best, above :data:`RETURN_MIN`)."""
        # (track, last version, version and unit of its last text): a lineage that ended
        ended: list[tuple[int, int, int, str]] = []
        # (track, first version, first unit): a lineage that started later than version 0
        started: list[tuple[int, int, str]] = []
        units = self.docs.units
        for t, track in enumerate(self.tracks):
            present = [v for v, x in enumerate(track.ids) if x is not None]
            first, last = present[0], present[-1]
            last_kinds = [e[1] for e in track.events if e[0] == last]
            if last < self.n - 1 and last_kinds and last_kinds[-1] == "removed":
                texts = [v for v in reversed(present) if not units[v][track.ids[v] or ""].repealed]
                if texts:
                    ended.append((t, last, texts[0], track.ids[texts[0]] or ""))
            first_kinds = [e[1] for e in track.events if e[0] == first - 1]
            nid = track.ids[first] or ""
            if first > 0 and first_kinds[:1] == ["added"] and not units[first][nid].repealed:
                started.append((t, first, nid))
        if not ended or not started:
            return
        shingles: dict[tuple[int, str], set[tuple[str, str]]] = {}

        def words(version: int, uid: str) -> set[tuple[str, str]]:
            key = (version, uid)
            if key not in shingles:
                shingles[key] = word_pairs(self._text(version, uid))
            return shingles[key]

        scores: dict[tuple[int, int], float] = {}
        for te, last, v, uid in ended:
            label = normalize_ref(self.docs.label(v, uid))
            for ts, first, nid in started:
                if first < last + 2:  # removed and added in one step: the step decided
                    continue
                score = dice(words(v, uid), words(first, nid))
                same = normalize_ref(self.docs.label(first, nid)) == label
                if score >= (RETURN_MIN_SAME_LABEL if same else RETURN_MIN):
                    scores[(te, ts)] = score
        best_for_end: dict[int, tuple[float, int]] = {}
        best_for_start: dict[int, tuple[float, int]] = {}
        for (te, ts), score in scores.items():
            if score > best_for_end.get(te, (-1.0, -1))[0]:
                best_for_end[te] = (score, ts)
            if score > best_for_start.get(ts, (-1.0, -1))[0]:
                best_for_start[ts] = (score, te)
        for te, (_, ts) in sorted(best_for_end.items()):
            if best_for_start.get(ts, (0.0, -1))[1] != te:
                continue
            self.join(te, ts)

    def join(self, into: int, other: int) -> None:
        a, b = self.tracks[into], self.tracks[other]
        for v, uid in enumerate(b.ids):
            if uid is not None:
                a.ids[v] = uid
                self.where[v][uid] = into
        for step, kind, pair, related in b.events:
            a.events.append((step, "reinserted" if kind == "added" else kind, pair, related))
        a.events.sort(key=lambda e: e[0])
        b.joined = into
        b.ids = [None] * self.n

    def reading_order(self) -> list[int]:
        """The live tracks in the reading order of the newest version, each provision that
        left earlier placed after its neighbour in the last version that had it."""
        # A linked list (track → the track after it; -1 heads it): each insertion is O(1).
        after: dict[int, int | None] = {-1: None}
        for v in range(self.n - 1, -1, -1):
            previous = -1  # the placed track of the unit before, in version v
            for uid in self.docs.order[v]:
                t = self.where[v].get(uid)
                if t is None or self.tracks[t].joined is not None:
                    continue
                if t not in after:
                    after[t] = after[previous]
                    after[previous] = t
                previous = t
        order: list[int] = []
        node = after[-1]
        while node is not None:
            order.append(node)
            node = after[node]
        return order

    def related(self, units: Sequence[tuple[int, str]], own: int,
                final: Callable[[int], int], number: dict[int, int]) -> tuple[int, ...]:
        """The lineages holding ``units`` (other than ``own``), each once, in order."""
        out: dict[int, None] = {}
        for version, uid in units:
            t = self.where[version].get(uid)
            if t is None or final(t) == own:
                continue
            out.setdefault(number[final(t)], None)
        return tuple(out)

    def freeze(self) -> tuple[Lineage, ...]:
        def final(t: int) -> int:
            while self.tracks[t].joined is not None:
                t = self.tracks[t].joined  # type: ignore[assignment]
            return t

        live = self.reading_order()
        number = {t: i for i, t in enumerate(live)}
        out: list[Lineage] = []
        for t in live:
            track = self.tracks[t]
            labels = tuple(None if uid is None else self.docs.label(v, uid)
                           for v, uid in enumerate(track.ids))
            events = tuple(
                LineageEvent(step, kind, pair, self.related(related, t, final, number))
                for step, kind, pair, related in track.events)
            out.append(Lineage(number[t], tuple(track.ids), labels, events))
        return tuple(out)


def build_lineages(docs: Sequence[Document], steps: Sequence[Step]) -> tuple[Lineage, ...]:
    """Every provision's path through the versions.

    Args:
        docs: The versions' documents, oldest first.
        steps: Step k compares ``docs[k]`` with ``docs[k + 1]``.

    Returns:
        One lineage per provision, in the reading order of the newest version (a provision
        that left earlier follows its neighbour in the last version that had it); every unit
        of every version is in exactly one.
    """
    return _Builder(docs, steps).run()
