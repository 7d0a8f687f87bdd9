"""Running a history: read every version once, compare the steps in parallel, chain them.

Why processes: a step is pure Python (alignment, word diffs, rules), so threads would share
one core. The versions are read once, in this process, before the workers start; on systems
that fork, the workers inherit them without copying or pickling, and each sends back only its
step's comparison with the two documents left out (this process already holds them). At most
``jobs`` steps are in flight, each in its own worker, whose working memory (the aligner's
indexes, the rule engine's tokens) is freed or reused when it takes the next step; what comes
back is the result, proportional to the text, not the working set.

Each step is exactly :func:`condiff.pipeline.compare` of its two versions, with the same
options ``condiff diff`` passes, so a step of a history is that pair's diff.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CondiffError
from ..model import ArticlePair, Comparison, Document, normalize_ref
from .lineage import build_lineages, unit_label
from .manifest import VersionSpec, check_labels
from .model import History, Step, Version
from .rights import Carried, build_rights, carried_topics, compare_recording, rule_titles
from .structure import structure_changes

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future


@dataclass(frozen=True)
class Options:
    """How every step is compared (the options ``condiff diff`` takes).

    Attributes:
        rules: Run the rights rules.
        rule_files: Extra rule packs.
        disable_rules: Topic keys switched off.
        diff_timeout: Time budget of one paragraph pair's word diff.
        redlines: Make every redline in the workers (False: each is made when first read).
        mixed_languages: Accept steps between versions in different languages, as
            structure-only steps (articles paired by number; no redline, no findings).
    """

    rules: bool = True
    rule_files: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    diff_timeout: float = 2.0
    redlines: bool = True
    mixed_languages: bool = False


@dataclass
class _Shared:
    """What the workers read: set before they start (inherited when they fork)."""

    docs: tuple[Document, ...] = ()
    options: Options = field(default_factory=Options)
    structure_only: frozenset[int] = frozenset()


_SHARED = _Shared()


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def read_versions(
    specs: Sequence[VersionSpec],
    reader: Callable[[str], Document],
) -> tuple[Version, ...]:
    """Read each version once and give it its label (given, else the document's version,
    else its date, else its file name), and its date (given, else the document's).

    Raises:
        CondiffError: for an unreadable version (naming the manifest entry when there is
            one), duplicate labels, or dates out of order.
    """
    docs: list[Document] = []
    for spec in specs:
        try:
            docs.append(reader(spec.name))
        except CondiffError as exc:
            if not spec.manifest:
                raise
            raise CondiffError(f"{spec.where()}: {exc}", path=spec.manifest,
                               line=spec.line or None) from None
    labels = _labels(specs, docs)
    check_labels(specs, labels)
    dates = [spec.date or doc.date for spec, doc in zip(specs, docs, strict=True)]
    _check_dates(specs, docs, dates)
    return tuple(Version(i, labels[i], doc, dates[i], spec.given)
                 for i, (spec, doc) in enumerate(zip(specs, docs, strict=True)))


def _labels(specs: Sequence[VersionSpec], docs: Sequence[Document]) -> list[str]:
    def stem(spec: VersionSpec) -> str:
        from ..read import is_bundled_name

        # "sample:2009" → "2009"; "texts/spain-1992.txt" → "spain-1992"
        if is_bundled_name(spec.given):
            return spec.given.split(":", 1)[1]
        return Path(spec.given).stem

    labels = [spec.label or doc.version or doc.date or stem(spec)
              for spec, doc in zip(specs, docs, strict=True)]
    if len({label.casefold() for label in labels}) < len(labels):
        # Versions that say the same about themselves (often: none says anything) are told
        # apart by their file names when the user gave no label.
        labels = [spec.label or stem(spec) for spec in specs]
    return labels


def _check_dates(specs: Sequence[VersionSpec], docs: Sequence[Document],
                 dates: Sequence[str]) -> None:
    previous = -1
    for i, date in enumerate(dates):
        if not date:
            continue
        if previous >= 0 and date < dates[previous]:
            spec, before = specs[i], specs[previous]
            where = {"path": spec.manifest, "line": spec.line or None} if spec.manifest \
                else {"path": spec.given}
            raise CondiffError(
                f"{spec.where()}: date {date} is before the date of {before.where()}, "
                f"{dates[previous]}", **where,
                hint="List the versions oldest first (or correct the date)")
        previous = i


def check_languages(versions: Sequence[Version], mixed: bool) -> frozenset[int]:
    """The steps whose two versions are in different languages.

    Raises:
        CondiffError: when there is one and ``mixed`` is False.
    """
    out: set[int] = set()
    for k in range(len(versions) - 1):
        a, b = versions[k], versions[k + 1]
        la, lb = _lang(a.language), _lang(b.language)
        if la and lb and la != lb:
            if not mixed:
                raise CondiffError(
                    f"versions {a.label!r} ({a.language}) and {b.label!r} ({b.language}) are "
                    "in different languages; condiff aligns by content within one language",
                    path=b.name,
                    hint="Use versions in one language, or --mixed-languages to accept a "
                    "structure-only step (articles paired by number)")
            out.add(k)
    return frozenset(out)


def _lang(code: str) -> str:
    return code.split("-")[0].split("_")[0].strip().casefold()


def structure_only_comparison(old: Document, new: Document) -> Comparison:
    """Articles paired by number (and kind) only, for two versions in different languages:
    paired ones are ``modified`` (their texts cannot be compared), the rest removed or added.
    No redline, no findings."""
    new_by_label: dict[tuple[str, str], str] = {}
    for unit in new.units():
        new_by_label.setdefault((unit.kind, normalize_ref(unit_label(unit))), unit.id)
    used: set[str] = set()
    pairs: list[ArticlePair] = []
    for unit in old.units():
        nid = new_by_label.get((unit.kind, normalize_ref(unit_label(unit))))
        if nid is not None and nid not in used:
            used.add(nid)
            partner = new.by_id(nid)
            assert partner is not None
            pairs.append(ArticlePair((unit.label,), (partner.label,), (unit.id,), (nid,),
                                     "modified", 0.0, "number"))
        else:
            pairs.append(ArticlePair((unit.label,), (), (unit.id,), (), "removed", 0.0, "none"))
    for unit in new.units():
        if unit.id not in used:
            pairs.append(ArticlePair((), (unit.label,), (), (unit.id,), "added", 0.0, "none"))
    note = (f"structure-only step: the versions are in different languages ({old.language} → "
            f"{new.language}); articles are paired by number, without redline or findings")
    return Comparison(old, new, tuple(pairs), warnings=(note,))


#: What comparing step k gives: its comparison, and where its old and new versions carry
#: each right (None: not known from this step).
_Step = tuple[Comparison, Carried | None, Carried | None]


def _compare(k: int) -> _Step:
    from ..pipeline import compare

    docs, opts = _SHARED.docs, _SHARED.options
    if k in _SHARED.structure_only:
        return structure_only_comparison(docs[k], docs[k + 1]), None, None
    if not opts.rules:
        return compare(docs[k], docs[k + 1], rules=False, diff_timeout=opts.diff_timeout,
                       redlines=opts.redlines), None, None
    return compare_recording(docs[k], docs[k + 1], rule_files=opts.rule_files,
                             disabled=opts.disable_rules, diff_timeout=opts.diff_timeout,
                             redlines=opts.redlines)


def _carried(v: int) -> Carried | None:
    opts = _SHARED.options
    return carried_topics(_SHARED.docs[v], rule_files=opts.rule_files,
                          disabled=opts.disable_rules)[0]


def _job(k: int) -> tuple[int, _Step]:
    comparison, old, new = _compare(k)
    # The caller holds the documents already: sending them back would copy both versions.
    return k, (replace(comparison, old=Document(), new=Document()), old, new)


def _init_worker(shared: _Shared) -> None:
    global _SHARED
    _SHARED = shared


def _before_fork(options: Options) -> None:
    """Import what every step needs once, here, so forked workers inherit it instead of each
    importing it again; and freeze what exists now out of the garbage collector's sight, so
    that its passes in the workers do not write to (and so copy) every inherited page."""
    import gc

    from .. import pipeline  # noqa: F401
    from ..align import align_documents  # noqa: F401

    if options.rules:
        from ..rules import apply_rules  # noqa: F401
    gc.freeze()


def _context() -> multiprocessing.context.BaseContext:
    # fork lets the workers inherit the documents read here; elsewhere they are pickled once
    # per worker (through the initializer).
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def run_steps(
    versions: Sequence[Version],
    options: Options,
    *,
    jobs: int | None = None,
    structure_only: frozenset[int] = frozenset(),
    progress: Callable[[int, int], None] | None = None,
) -> History:
    """Compare every consecutive pair (in parallel when ``jobs`` > 1) and chain the results.

    Args:
        versions: The versions, oldest first, each read once.
        options: How each step is compared.
        jobs: Worker processes; 1 runs here, in order. Default: every available core when
            the steps are long enough to gain from it (:func:`worth_parallel`), else 1.
        structure_only: Steps to pair by number only (versions in different languages).
        progress: Called with (steps done, steps) as each step finishes.

    Raises:
        CondiffError: for a bad rule pack (or anything the comparison of a step raises).
    """
    global _SHARED
    n_steps = len(versions) - 1
    docs = tuple(v.document for v in versions)
    shared = _Shared(docs, options, structure_only)
    if options.rules:
        # Load (and check) the rule packs here, once: a bad pack is one error before any
        # worker starts, and forked workers inherit the parsed bundled packs.
        from ..rules import load_registry

        load_registry(options.rule_files, options.disable_rules)
    if jobs is None:
        jobs = available_cores() if worth_parallel(docs, rules=options.rules) else 1
    workers = min(jobs, n_steps)
    results: dict[int, Comparison] = {}
    carried: list[Carried | None] = [None] * len(versions)
    known = [False] * len(versions)

    def take(result: tuple[int, _Step]) -> None:
        k, (comparison, old, new) = result
        results[k] = _share_texts(replace(comparison, old=docs[k], new=docs[k + 1]))
        for v, found in ((k, old), (k + 1, new)):
            if found is not None or (options.rules and k not in structure_only):
                carried[v], known[v] = found, True
        if progress is not None:
            progress(len(results), n_steps)

    # The longest steps first, so the last one to finish is a short one.
    order = sorted(range(n_steps), key=lambda k: -(_size(docs[k]) + _size(docs[k + 1])))
    previous = _SHARED
    _SHARED = shared
    try:
        if workers <= 1:
            for k in order:
                take(_job(k))
        else:
            # Imported only here: a history of two versions, or --jobs 1, never pays for them.
            from concurrent.futures import ProcessPoolExecutor

            _before_fork(options)
            with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker,
                                     initargs=(shared,)) as pool:
                futures: list[Future[tuple[int, _Step]]] = [pool.submit(_job, k)
                                                            for k in order]
                try:
                    for future in futures:
                        take(future.result())
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
        # A version only ever compared across languages: ask the rules about it alone.
        if options.rules:
            for v in range(len(versions)):
                if not known[v]:
                    carried[v] = _carried(v)
    finally:
        _SHARED = previous
        if workers > 1:
            import gc

            gc.unfreeze()
    titles = rule_titles(options.rule_files, options.disable_rules) if options.rules else {}
    steps = tuple(
        Step(k, k, k + 1, results[k],
             structure=structure_changes(results[k]), structure_only=k in structure_only)
        for k in range(n_steps))
    return assemble(versions, steps, carried, titles)


#: Estimated seconds of one step that differs in nothing (alignment of identical articles),
#: per character of text that differs, and per character of both texts for the rules.
STEP_BASE_S = 0.05
STEP_PER_CHANGED_CHAR_S = 1e-5
STEP_RULES_PER_CHAR_S = 5e-7
#: Estimated work of all steps (seconds) from which workers pay for themselves. Measured on the
#: Spanish series (2 cores): forked workers spent 0.2 s more processor time than the same
#: steps run here (copied pages, caches filled again), which the parallel steps must win back.
PARALLEL_FROM_S = 1.0


def estimated_seconds(old: Document, new: Document, *, rules: bool = True) -> float:
    """A rough cost of comparing two versions: most of it goes to the text that differs
    (identical articles are paired at once and their paragraphs need no word diff), and the
    rules read both texts whole."""
    before = {p.text for p in old.walk() if p.text}
    after = {p.text for p in new.walk() if p.text}
    changed = sum(len(t) for t in before ^ after)
    seconds = STEP_BASE_S + changed * STEP_PER_CHANGED_CHAR_S
    if rules:
        seconds += sum(len(t) for t in (*before, *after)) * STEP_RULES_PER_CHAR_S
    return seconds


def worth_parallel(docs: Sequence[Document], *, rules: bool = True) -> bool:
    """Whether comparing the steps in worker processes is likely to be faster than one after
    another here: a history of a few quick steps (a handful of amended articles each) is
    over before the workers would have paid for their start."""
    if len(docs) < 3:
        return False
    work = sum(estimated_seconds(a, b, rules=rules) for a, b in itertools.pairwise(docs))
    return work >= PARALLEL_FROM_S


def _share_texts(comparison: Comparison) -> Comparison:
    """Point each redline at the paragraph texts of the documents held here.

    A redline keeps the two texts it is cut from; coming back from a worker they are copies,
    which would hold every version's text once more per step. The documents here hold the
    same strings: keeping theirs makes a step's result cost its structure, not its text.
    """
    from ..redline import Redline

    old_nodes = {n.id: n for n in comparison.old.walk()}
    new_nodes = {n.id: n for n in comparison.new.walk()}
    for pair in comparison.alignment:
        for pp in pair.paragraphs:
            ops = pp.ops
            if not isinstance(ops, Redline):
                continue
            o = old_nodes.get(pp.old_id or "")
            n = new_nodes.get(pp.new_id or "")
            if o is not None and o.text == ops.old:
                ops.old = o.text
            if n is not None and n.text == ops.new:
                ops.new = n.text
    return comparison


def _size(doc: Document) -> int:
    return sum(len(p.text) for p in doc.walk())


def assemble(
    versions: Sequence[Version],
    steps: Sequence[Step],
    carried: Sequence[Carried | None],
    titles: dict[str, str],
) -> History:
    """The history of compared steps: lineages, rights timelines and warnings added."""
    lineages = build_lineages([v.document for v in versions], steps)
    rights = build_rights(steps, carried, titles)
    warnings: dict[str, None] = {}
    for step in steps:
        for message in step.comparison.warnings:
            warnings.setdefault(message, None)
    return History(tuple(versions), tuple(steps), lineages, rights, tuple(warnings))
