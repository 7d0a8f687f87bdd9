"""Article alignment: pair the units of two versions by what they say, not by their numbers.

Pipeline (each stage in its own module):

1. :mod:`.normalize` — stems, stem bigrams, collapsed text per unit and per block.
2. :mod:`.assign` — repealed placeholders, identical text, then sure content matches through
   candidates from the inverted index of :mod:`.candidates` scored by :mod:`.scoring`.
3. :mod:`.groups` — splits and merges by containment; then weaker content matches, then
   groups again.
4. :mod:`.calibrate` — what is still unpaired, by scores calibrated on this pair of documents
   (total revisions, retranslations), with merges on evidence from both sides.
5. :mod:`.assign` again — leftovers in the same gap between anchors (by number or position).
6. Kinds (below), then :mod:`.paragraphs` — paragraph alignment and word-level redlines.
7. :mod:`.moves` — paragraphs left unpaired in their entry that went to another article: a
   removed unit joins the entry its paragraph went to, an added one the entry it came from;
   between two units paired elsewhere the paragraph pair becomes a secondary link (the old
   unit's entry gains a further successor, kind ``split``, or an entry of its own records it,
   kind ``moved``; ``secondary_old_ids`` / ``secondary_new_ids`` name such units).

Kinds of a 1:1 pair, in this order of precedence:

- ``moved``: the unit's chapter does not continue as the new unit's chapter. A container
  (innermost chapter/section/… holding units) *continues as* the new container that most of its
  paired units went to (ties: the one reached first in the new document), so a chapter that was
  only renumbered or renamed moves nothing. Units outside any container on either side are never
  ``moved``: a document that gained or lost its chapter structure would otherwise move
  everything. Order changes within the same chapter are not moves.
- ``unchanged``: identical text (whitespace collapsed; headings do not count) and same label.
- ``renumbered``: identical text, different label.
- ``modified``: anything else (one changed word or cross-reference is enough).

Groups are ``split`` (one old, several new) or ``merged`` (several old, one new); a group with
several on both sides is ``split`` when it has at least as many new units as old, else
``merged``. Unpaired units are ``removed`` / ``added``; a repealed placeholder that vanished is
``removed``.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import cast

from ..model import ArticlePair, Document, ParagraphPair, Provision
from ..redline import Redline
from .assign import (
    CONTENT_MIN,
    NO_REPEATS,
    SURE_MIN,
    Repeats,
    State,
    Unit,
    fill_gaps,
    match_content,
    match_exact,
    match_repealed,
)
from .calibrate import match_calibrated
from .groups import GroupFinder
from .moves import Entry, Move, apply_moves, find_moves, group_kind
from .normalize import EMPTY, Features, Packed, Vocabulary, collapse, release_packed
from .order import reading_order
from .paragraphs import align_blocks
from .scoring import Scorer

__all__ = ["align_documents"]


#: Characters of text in both documents above which feature sets are held packed
#: (:class:`~.normalize.Packed`): the same results, a tenth of the memory, somewhat slower. The
#: largest real constitutions (India's, ~1 MB) stay far below it.
PACKED_FROM = 12_000_000
#: Run the calibrated stage (:mod:`.calibrate`); switched off only to measure what it adds.
CALIBRATE = True
#: Track paragraphs that moved to another article (:mod:`.moves`); off only to measure.
MOVES = True
#: Units alike to a unit in which its moved paragraphs are looked for (:func:`_near`).
NEAR = 8


def _size(doc: Document) -> int:
    return sum(len(p.text) + len(p.heading) for p in doc.walk())


def _units(doc: Document, vocab: Vocabulary, seen: dict[str, tuple[Features, str, Repeats]],
           *, packed: bool = False) -> list[Unit]:
    """The units of ``doc`` with their features.

    ``seen`` maps each block text met so far (in either document) to its features and
    collapsed text: a block that did not change between the versions is encoded once and
    shares its feature sets (encoding the same text again gives the same stem ids, so the
    same sets in the same order). With each block goes how often its repeated stems occur
    beyond once (term frequencies for :mod:`.calibrate`; not kept for packed features, which
    exist to save memory).
    """
    make: Callable[[list[int]], Features] = Packed.of if packed else Features.of
    out: list[Unit] = []
    for pos, (prov, chain) in enumerate(doc.units_with_context()):
        container = chain[-1].id if chain else ""
        if prov.repealed:
            out.append(Unit(pos, prov, container, "", (), (), EMPTY))
            continue
        blocks = prov.blocks()
        per_block: list[tuple[Features, str, Repeats]] = []
        for b in blocks:
            known = seen.get(b.text)
            if known is None:
                key = collapse(b.text)
                if key == b.text:
                    key = b.text  # the provision's own string, not a second copy of it
                ids = vocab.encode(b.text)
                repeats = NO_REPEATS
                if not packed and len(ids) > 1:
                    repeats = {t: c - 1 for t, c in Counter(ids).items() if c > 1} or NO_REPEATS
                known = seen[b.text] = (make(ids), key, repeats)
            per_block.append(known)
        block_feats = tuple(f for f, _, _ in per_block)
        keys = tuple(k for _, k, _ in per_block)
        feats = EMPTY
        if len(block_feats) == 1:
            # The same sets, not a copy: most units of a long document are a single block.
            feats = block_feats[0]
        elif packed:
            feats = Packed.union(cast("tuple[Packed, ...]", block_feats))
        elif block_feats:
            # Bigrams across block boundaries are left out: a unit is the union of its blocks.
            feats = Features(frozenset().union(*(f.uni for f in block_feats)),
                             frozenset().union(*(f.bi for f in block_feats)))
        out.append(Unit(
            pos=pos,
            prov=prov,
            container=container,
            # The same as collapsing the joined blocks: joining adds only whitespace.
            text=" ".join(filter(None, keys)),
            blocks=blocks,
            block_feats=block_feats,
            feats=feats,
            heading=Features.of(vocab.encode(prov.heading)) if prov.heading else EMPTY,
            block_keys=keys,
            block_repeats=() if packed else tuple(r for _, _, r in per_block),
        ))
    return out


def _container_map(state: State, links: list[tuple[int, int]]) -> dict[str, str]:
    votes: dict[str, dict[str, tuple[int, int]]] = {}
    for o, n in links:
        a, b = state.old[o].container, state.new[n].container
        if not a or not b:
            continue
        count, first = votes.setdefault(a, {}).get(b, (0, n))
        votes[a][b] = (count + 1, min(first, n))
    return {a: min(v, key=lambda b: (-v[b][0], v[b][1])) for a, v in votes.items()}


def _blocks(
    units: list[Unit],
) -> tuple[tuple[Provision, ...], tuple[Features, ...], tuple[str, ...]]:
    """The blocks of the units, their features and collapsed texts, one after another."""
    if len(units) == 1:  # most entries: the unit's own tuples, no copies
        u = units[0]
        return u.blocks, u.block_feats, u.block_keys
    return (tuple(b for u in units for b in u.blocks),
            tuple(f for u in units for f in u.block_feats),
            tuple(k for u in units for k in u.block_keys))


def _label(units: list[Unit]) -> str:
    return ", ".join(u.prov.display_label for u in units) or "—"


def align_documents(
    old: Document, new: Document, *, diff_timeout: float = 2.0, redlines: bool = True
) -> tuple[tuple[ArticlePair, ...], list[str]]:
    """Align the units of two documents and redline every aligned paragraph pair.

    Args:
        old: The earlier version.
        new: The later version.
        diff_timeout: Seconds the word diff may spend on one paragraph pair.
        redlines: Make every paragraph pair's redline now (and report the ones that ran out
            of time in the warnings). When False each redline is made when first read, and a
            late one that runs out of time issues a :class:`~condiff.errors.CondiffWarning`
            instead: ``condiff check`` reads none.

    Returns:
        ``(alignment, warnings)``: every unit of both documents in exactly one entry, in the
        new document's reading order (removed units after their old predecessor), and
        messages for the reader (e.g. a paragraph whose diff budget ran out).
    """
    with _collector_paused():
        try:
            return _align(old, new, diff_timeout=diff_timeout, redlines=redlines)
        finally:
            release_packed()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration (if it is running).

    Alignment allocates tens of thousands of containers (feature sets, postings, scores) that
    form no reference cycles, and each few hundred of them trigger a collection that walks
    every young object, now and then every object in the process: a tenth of the alignment's
    time on long documents, for nothing to collect. Reference counting still frees everything
    as usual; the collector resumes afterwards (also when alignment fails). The pause is
    process-wide, as Python's collector is: cycles other threads make meanwhile wait for it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _align(
    old: Document, new: Document, *, diff_timeout: float, redlines: bool
) -> tuple[tuple[ArticlePair, ...], list[str]]:
    vocab = Vocabulary()
    seen: dict[str, tuple[Features, str, Repeats]] = {}
    packed = _size(old) + _size(new) > PACKED_FROM
    old_units = _units(old, vocab, seen, packed=packed)
    new_units = _units(new, vocab, seen, packed=packed)
    del seen
    scorer = Scorer((u.feats for u in (*old_units, *new_units) if not u.feats.empty), len(vocab))
    state = State(old_units, new_units, scorer)
    match_repealed(state)
    match_exact(state)
    match_content(state, SURE_MIN)
    finder = GroupFinder(state)
    finder.run()
    match_content(state, CONTENT_MIN)
    finder.run()
    if CALIBRATE:
        match_calibrated(state, finder, vocab)
    groups = finder.groups
    anchors = list(state.fwd.items()) + [(min(g.old), min(g.new)) for g in groups]
    fill_gaps(state, anchors)

    links = list(state.fwd.items())
    for g in groups:
        links += [(o, n) for o in sorted(g.old) for n in sorted(g.new)]
    continues = _container_map(state, links)

    entries: list[Entry] = []
    for o, n in sorted(state.fwd.items()):
        a, b = old_units[o], new_units[n]
        matched_by, score = state.how[o]
        if a.prov.repealed:
            kind = "unchanged" if a.prov.label == b.prov.label else "renumbered"
        elif a.container and b.container and continues.get(a.container) != b.container:
            kind = "moved"
        elif a.text == b.text:
            kind = "unchanged" if a.prov.label == b.prov.label else "renumbered"
        else:
            kind = "modified"
        entries.append(Entry([o], [n], kind, score, matched_by))
    for g in groups:
        olds, news = sorted(g.old), sorted(g.new)
        entries.append(Entry(olds, news, group_kind(olds, news),
                             _union_content(scorer, old_units, new_units, olds, news), "content"))
    for u in old_units:
        if u.pos not in state.fwd and u.pos not in state.grouped_old:
            entries.append(Entry([u.pos], [], "removed", 0.0, "none"))
    for u in new_units:
        if u.pos not in state.back and u.pos not in state.grouped_new:
            entries.append(Entry([], [u.pos], "added", 0.0, "none"))

    def realign(e: Entry, rescore: bool = True) -> None:
        ou = [old_units[o] for o in e.olds]
        nu = [new_units[n] for n in e.news]
        ob, of, ok = _blocks(ou)
        nb, nf, nk = _blocks(nu)
        e.paragraphs, e.late = align_blocks(
            ob, of, nb, nf, scorer, timeout=diff_timeout, redlines=redlines,
            where=f"{_label(ou)} → {_label(nu)}", old_keys=ok, new_keys=nk,
        )
        if rescore and (len(e.olds) > 1 or len(e.news) > 1):
            e.score = _union_content(scorer, old_units, new_units, e.olds, e.news)

    for i in reading_order([(e.olds, e.news) for e in entries]):
        realign(entries[i], rescore=False)
    if MOVES:
        entry_of_old = {o: i for i, e in enumerate(entries) for o in e.olds}
        entry_of_new = {n: i for i, e in enumerate(entries) for n in e.news}
        moves = find_moves(old_units, new_units, entry_of_old, entry_of_new,
                           [e.paragraphs for e in entries], scorer, _near(state, entries))
        if moves:
            apply_moves(entries, moves, old_units, new_units, realign,
                        lambda m: _moved_pair(m, old_units, new_units, diff_timeout, redlines))

    warnings: list[str] = []
    out: list[ArticlePair] = []
    for e in _in_reading_order([e for e in entries if e.alive]):
        ou = [old_units[o] for o in e.olds + e.also_old]
        nu = [new_units[n] for n in e.news + e.also_new]
        if e.late:
            warnings.append(
                f"{_label(ou)} → {_label(nu)}: word diff exceeded its {diff_timeout:g} s "
                "budget for a paragraph; a coarser diff is shown"
            )
        out.append(ArticlePair(
            old=tuple(u.prov.label or u.prov.ref for u in ou),
            new=tuple(u.prov.label or u.prov.ref for u in nu),
            old_ids=tuple(u.prov.id for u in ou),
            new_ids=tuple(u.prov.id for u in nu),
            kind=e.kind,
            score=round(min(max(e.score, 0.0), 1.0), 4),
            matched_by=e.matched_by,
            paragraphs=e.paragraphs,
            secondary_old_ids=tuple(old_units[o].prov.id for o in e.also_old),
            secondary_new_ids=tuple(new_units[n].prov.id for n in e.also_new),
        ))
    return tuple(out), warnings


def _near(state: State, entries: list[Entry]) -> list[tuple[int, int]]:
    """For each unit, the units most alike (by the content passes' scores), and its partners.

    At most :data:`NEAR` per unit and direction: where a moved paragraph went, and its rivals
    for that place, are among the units its own unit resembles most.
    """
    by_old: dict[int, list[tuple[float, int]]] = {}
    by_new: dict[int, list[tuple[float, int]]] = {}
    for (o, n), s in state.sims.items():
        by_old.setdefault(o, []).append((-s.content, n))
        by_new.setdefault(n, []).append((-s.content, o))
    out = {(o, n) for o, cands in by_old.items() for _, n in sorted(cands)[:NEAR]}
    out.update((o, n) for n, cands in by_new.items() for _, o in sorted(cands)[:NEAR])
    for e in entries:
        out.update((o, n) for o in e.olds for n in e.news)
    return sorted(out)


def _in_reading_order(entries: list[Entry]) -> list[Entry]:
    """Entries in reading order; an entry of a moved paragraph right after its new unit's own."""
    primary = [e for e in entries if e.olds or e.news]
    moved: dict[int, list[Entry]] = {}
    for e in entries:
        if not (e.olds or e.news):
            moved.setdefault(e.also_new[0], []).append(e)
    out: list[Entry] = []
    for i in reading_order([(e.olds, e.news) for e in primary]):
        e = primary[i]
        out.append(e)
        for n in e.news:
            out.extend(sorted(moved.get(n, ()), key=lambda m: m.also_old[0]))
    return out


def _union_content(scorer: Scorer, old_units: list[Unit], new_units: list[Unit],
                   olds: list[int], news: list[int]) -> float:
    """Content similarity of the union of the old units and the union of the new ones."""
    fo = [old_units[o].feats for o in olds]
    fn = [new_units[n].feats for n in news]
    if not fo or not fn:
        return 0.0
    uo, un = fo[0], fn[0]
    for f in fo[1:]:
        uo = uo | f
    for f in fn[1:]:
        un = un | f
    return scorer.similarity(uo, un).content


def _moved_pair(m: Move, old_units: list[Unit], new_units: list[Unit], timeout: float,
                redlines: bool) -> tuple[ParagraphPair, bool]:
    """The paragraph pair of a move, with its redline; and whether that ran out of time."""
    a = old_units[m.old].blocks[m.old_block]
    b = new_units[m.new].blocks[m.new_block]
    ops: Sequence[tuple[str, str]]
    late = False
    if a.text == b.text:
        ops, kind = (("=", a.text),), "unchanged"
    else:
        where = f"{old_units[m.old].prov.display_label} → {new_units[m.new].prov.display_label}"
        red = Redline(a.text, b.text, timeout=timeout, where=where)
        if redlines:
            late = red.compute()
        ops, kind = red, "modified"
    pair = ParagraphPair(a.ref or a.id, b.ref or b.id, a.id, b.id, kind, ops, round(m.score, 4))
    return pair, late

