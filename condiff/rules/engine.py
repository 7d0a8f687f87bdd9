"""The rule engine: from an aligned pair of documents to findings about rights.

How it is put together (each part small enough to read on its own):

* :mod:`.blocks`: a document read into text blocks (list items with their lead-ins, long
  headings, loose text);
* :mod:`.index`: the blocks' words and which blocks hold which word (indexes and bounded
  caches);
* :mod:`.match`: where patterns and cues occur, and whether an occurrence affirms the right;
* :mod:`.context`: what every check of a run shares (alignment links, matchers, profiles);
* :mod:`.evidence`: what it takes to call a right gone (paraphrase, numbering gaps);
* :mod:`.checks`: one module per check (oversight, existence, cues, restriction), applied in
  the order of :data:`~condiff.rules.checks.CHECKS` by :func:`run_rules` here.

Findings are merged (two cues about one new provision are one thing to look at) and sorted
most severe first, then by the model's table of finding kinds, the order every output uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import Comparison, Finding, finding_order
from .blocks import prepare
from .checks import CHECKS, Check
from .context import Context, links_from
from .index import Lexicon
from .match import Matcher
from .packs import Cues, Rule


def _sort_key(f: Finding) -> tuple[int, int, str, tuple[str, ...], tuple[str, ...], str]:
    return (*finding_order(f), f.topic, f.old, f.new, f.detail)


def run_rules(comparison: Comparison, rules: Sequence[Rule], cues: Cues,
              checks: Sequence[Check] = CHECKS) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """All findings for a comparison, most severe first, plus warnings."""
    old = prepare(comparison.old)
    new = prepare(comparison.new)
    if old.store is not None and new.store is not None and old.language == new.language:
        old.store.lexicon = new.store.lexicon = Lexicon(old.language)
        # Both documents' words first, so the shared forms are sorted once.
        old.store.index, new.store.index  # noqa: B018
    try:
        ctx = Context(old, new, Matcher(cues, old.language), Matcher(cues, new.language),
                      links_from(comparison), comparison)
        return _run(rules, ctx, checks)
    finally:
        for side in (old, new):
            if side.store is not None:
                side.store.release()


def _run(rules: Sequence[Rule], ctx: Context, checks: Sequence[Check]
         ) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    warnings: list[str] = []
    findings: list[Finding] = []
    for rule in rules:
        for check in checks:
            if check.applies(rule, ctx):
                findings.extend(check.run(rule, ctx))
    if rules and not any(ctx.covers(rule) for rule in rules):
        from . import uncovered, uncovered_message

        warnings.append(uncovered_message(
            uncovered(rules, [ctx.old.language, ctx.new.language])))
    return tuple(sorted(merge(findings), key=_sort_key)), tuple(warnings)


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (topic, kind, new refs): two cues about the same new provision are one
    thing for a reviewer to look at, with both details."""
    merged: dict[tuple[str, str, str, tuple[str, ...]], Finding] = {}
    for f in findings:
        key = (f.topic, f.title, f.kind, f.new or f.old)
        have = merged.get(key)
        if have is None:
            merged[key] = f
            continue
        merged[key] = replace(
            have,
            old=tuple(dict.fromkeys((*have.old, *f.old))),
            old_spans=tuple(dict.fromkeys((*have.old_spans, *f.old_spans))),
            new_spans=tuple(dict.fromkeys((*have.new_spans, *f.new_spans))),
            confidence=max(have.confidence, f.confidence),
            detail=have.detail if f.detail in have.detail else f"{have.detail}; {f.detail}",
            reasons=tuple(dict.fromkeys((*have.reasons, *f.reasons))),
        )
    return list(merged.values())
