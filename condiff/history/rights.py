"""Rights timelines: for each topic, where every version carries it and what each step did.

Where a version carries a right is asked of the same rule engine, with the same patterns and
the same carrier test, that decides the findings of a step (``removed`` means no provision of
the new text carries it), so a timeline's cells and its events cannot disagree: a step reports
a topic added exactly when the cell before it is empty and the cell after it is not.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..model import SEVERITIES, Comparison, Document, Finding
from .model import RightEvent, RightTimeline, Step

#: Topic key → references of the provisions that carry it in one document.
Carried = dict[str, tuple[str, ...]]


def carried_topics(
    doc: Document,
    *,
    rule_files: Sequence[str | os.PathLike[str]] = (),
    disabled: Sequence[str] = (),
) -> tuple[Carried | None, dict[str, str]]:
    """Which topics ``doc`` carries, and where.

    Returns:
        ``(carried, titles)``: topic key → references of the carrying provisions (in document
        order), or None when no enabled rule has patterns for the document's language (the
        answer is then unknown, not "nothing"); and topic key → title of every enabled rule.

    Raises:
        CondiffError: for a malformed rule pack or an unknown rule to disable.
    """
    from ..rules import load_registry
    from ..rules.blocks import guess_language, prepare
    from ..rules.match import Matcher, profile

    registry = load_registry(rule_files, disabled)
    active = registry.active()
    titles = {rule.id: rule.title for rule in active}
    language = guess_language(doc)
    rules = [rule for rule in active if language in rule.patterns]
    if not rules:
        return None, titles
    side = prepare(doc)
    try:
        matcher = Matcher(registry.frozen_cues(), side.language)
        carried: Carried = {}
        for rule in rules:
            found = profile(rule, side, matcher).carriers
            if found:
                carried[rule.id] = tuple(dict.fromkeys(side.by_id[i].ref for i in found))
        return carried, titles
    finally:
        if side.store is not None:
            side.store.release()


def compare_recording(
    old: Document,
    new: Document,
    *,
    rule_files: Sequence[str | os.PathLike[str]] = (),
    disabled: Sequence[str] = (),
    diff_timeout: float = 2.0,
    redlines: bool = True,
) -> tuple[Comparison, Carried | None, Carried | None]:
    """``compare(old, new)`` with the rules, and where each version carries each right.

    The comparison is the one :func:`condiff.pipeline.compare` makes (alignment first, then
    the rules over it, as ``apply_rules`` runs them); the carriers are read from that same run
    of the rules, by one more check that only looks at the profiles the existence check has
    already computed, so knowing them costs nothing more.

    Returns:
        ``(comparison, carried by old, carried by new)``; a carried map is None when no
        enabled rule has patterns for that version's language.

    Raises:
        CondiffError: for a malformed rule pack or an unknown rule to disable.
    """
    from ..pipeline import compare
    from ..rules import load_registry, uncovered
    from ..rules.blocks import guess_language
    from ..rules.checks import CHECKS, Check
    from ..rules.context import Context
    from ..rules.engine import run_rules
    from ..rules.packs import Rule

    base = compare(old, new, rules=False, diff_timeout=diff_timeout, redlines=redlines)
    registry = load_registry(rule_files, disabled)
    active = registry.active()
    seen: tuple[Carried, Carried] = ({}, {})

    def record(rule: Rule, ctx: Context) -> list[Finding]:
        for side, found, carried in ((ctx.old, ctx.profiles(rule)[0], seen[0]),
                                     (ctx.new, ctx.profiles(rule)[1], seen[1])):
            if found.carriers:
                carried[rule.id] = tuple(dict.fromkeys(side.by_id[i].ref
                                                       for i in found.carriers))
        return []

    checks = (*CHECKS, Check("history-carriers", record, lambda rule, ctx: ctx.covers(rule)))
    findings, warnings = run_rules(base, active, registry.frozen_cues(), checks)
    languages = [guess_language(doc) for doc in (old, new)]
    # What apply_rules does with the findings, to the letter (a test holds the two equal).
    comparison = replace(base, findings=findings, warnings=tuple(base.warnings) + warnings,
                         unchecked_languages=uncovered(active, languages))
    covered = [any(lang in rule.patterns for rule in active) for lang in languages]
    return (comparison, seen[0] if covered[0] else None, seen[1] if covered[1] else None)


def rule_titles(rule_files: Sequence[str | os.PathLike[str]] = (),
                disabled: Sequence[str] = ()) -> dict[str, str]:
    """Topic key → title of every enabled rule."""
    from ..rules import load_registry

    return {rule.id: rule.title for rule in load_registry(rule_files, disabled).active()}


def build_rights(
    steps: Sequence[Step],
    carried: Sequence[Carried | None],
    titles: Mapping[str, str],
) -> tuple[RightTimeline, ...]:
    """One timeline per topic carried by any version or named by any step's findings.

    Topics with events come first (the most severe event first, then the earliest), then the
    topics that every version carries unchanged, by title.
    """
    events: dict[str, list[RightEvent]] = {}
    named: dict[str, str] = {}
    for step in steps:
        for i, finding in enumerate(step.comparison.findings):
            events.setdefault(finding.topic, []).append(RightEvent(step.index, i))
            named.setdefault(finding.topic, finding.title)
    topics = set(events)
    for found in carried:
        if found:
            topics.update(found)

    def worst(topic: str) -> tuple[int, int]:
        severities = [SEVERITIES.index(steps[e.step].comparison.findings[e.finding].severity)
                      if steps[e.step].comparison.findings[e.finding].severity in SEVERITIES
                      else 0 for e in events.get(topic, ())]
        first = min((e.step for e in events.get(topic, ())), default=len(steps))
        return (-max(severities, default=-1), first)

    def title(topic: str) -> str:
        return named.get(topic) or titles.get(topic) or topic

    ordered = sorted(topics, key=lambda t: (t not in events, *worst(t), title(t).casefold(), t))
    out: list[RightTimeline] = []
    for topic in ordered:
        cells = tuple(None if found is None else found.get(topic, ()) for found in carried)
        out.append(RightTimeline(topic, title(topic), cells,
                                 tuple(sorted(events.get(topic, ()),
                                              key=lambda e: (e.step, e.finding)))))
    return tuple(out)
