"""Article alignment: pair the units of two versions by what they say, not by their numbers.

Pipeline (each stage in its own module):

1. :mod:`.normalize` — stems, stem bigrams, collapsed text per unit and per block.
2. :mod:`.assign` — repealed placeholders, identical text, then sure content matches through
   candidates from the inverted index of :mod:`.candidates` scored by :mod:`.scoring`.
3. :mod:`.groups` — splits and merges by containment; then weaker content matches, then
   groups again.
4. :mod:`.assign` again — leftovers in the same gap between anchors (by number or position).
5. Kinds (below), then :mod:`.paragraphs` — paragraph alignment and word-level redlines.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import cast

from ..model import ArticlePair, Document, Provision
from .assign import (
    CONTENT_MIN,
    SURE_MIN,
    State,
    Unit,
    fill_gaps,
    match_content,
    match_exact,
    match_repealed,
)
from .calibrate import match_calibrated
from .groups import GroupFinder
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


def _size(doc: Document) -> int:
    return sum(len(p.text) + len(p.heading) for p in doc.walk())


def _units(doc: Document, vocab: Vocabulary, seen: dict[str, tuple[Features, str]], *,
           packed: bool = False) -> list[Unit]:
    """The units of ``doc`` with their features.

    ``seen`` maps each block text met so far (in either document) to its features and
    collapsed text: a block that did not change between the versions is encoded once and
    shares its feature sets (encoding the same text again gives the same stem ids, so the
    same sets in the same order).
    """
    make: Callable[[list[int]], Features] = Packed.of if packed else Features.of
    out: list[Unit] = []
    for pos, (prov, chain) in enumerate(doc.units_with_context()):
        container = chain[-1].id if chain else ""
        if prov.repealed:
            out.append(Unit(pos, prov, container, "", (), (), EMPTY))
            continue
        blocks = prov.blocks()
        per_block: list[tuple[Features, str]] = []
        for b in blocks:
            known = seen.get(b.text)
            if known is None:
                key = collapse(b.text)
                if key == b.text:
                    key = b.text  # the provision's own string, not a second copy of it
                known = seen[b.text] = (make(vocab.encode(b.text)), key)
            per_block.append(known)
        block_feats = tuple(f for f, _ in per_block)
        keys = tuple(k for _, k in per_block)
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
    seen: dict[str, tuple[Features, str]] = {}
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

    # (old positions, new positions, kind, score, matched_by)
    raw: list[tuple[list[int], list[int], str, float, str]] = []
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
        raw.append(([o], [n], kind, score, matched_by))
    for g in groups:
        olds, news = sorted(g.old), sorted(g.new)
        fo = [old_units[o].feats for o in olds]
        fn = [new_units[n].feats for n in news]
        uo, un = fo[0], fn[0]
        for f in fo[1:]:
            uo = uo | f
        for f in fn[1:]:
            un = un | f
        kind = "split" if len(news) >= len(olds) else "merged"
        raw.append((olds, news, kind, scorer.similarity(uo, un).content, "content"))
    for u in old_units:
        if u.pos not in state.fwd and u.pos not in state.grouped_old:
            raw.append(([u.pos], [], "removed", 0.0, "none"))
    for u in new_units:
        if u.pos not in state.back and u.pos not in state.grouped_new:
            raw.append(([], [u.pos], "added", 0.0, "none"))

    warnings: list[str] = []
    out: list[ArticlePair] = []
    for i in reading_order([(r[0], r[1]) for r in raw]):
        olds, news, kind, score, matched_by = raw[i]
        ou = [old_units[o] for o in olds]
        nu = [new_units[n] for n in news]
        ob, of, ok = _blocks(ou)
        nb, nf, nk = _blocks(nu)
        paragraphs, late = align_blocks(
            ob, of, nb, nf, scorer, timeout=diff_timeout, redlines=redlines,
            where=f"{_label(ou)} → {_label(nu)}", old_keys=ok, new_keys=nk,
        )
        if late:
            warnings.append(
                f"{_label(ou)} → {_label(nu)}: word diff exceeded its {diff_timeout:g} s "
                "budget for a paragraph; a coarser diff is shown"
            )
        out.append(ArticlePair(
            old=tuple(u.prov.label or u.prov.ref for u in ou),
            new=tuple(u.prov.label or u.prov.ref for u in nu),
            old_ids=tuple(u.prov.id for u in ou),
            new_ids=tuple(u.prov.id for u in nu),
            kind=kind,
            score=round(min(max(score, 0.0), 1.0), 4),
            matched_by=matched_by,
            paragraphs=paragraphs,
        ))
    return tuple(out), warnings

