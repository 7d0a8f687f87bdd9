"""``compare(old, new)``: the whole pipeline as one pure call.

align (articles, then paragraphs, with word-level redlines) → rights rules → reviewer notes.
The CLI, the TUI and the public API all call this, so they can never disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from .model import Comparison, Document


def compare(
    old: Document,
    new: Document,
    *,
    rules: bool = True,
    rule_files: Sequence[str | os.PathLike[str]] = (),
    disable_rules: Sequence[str] = (),
    notes: str | os.PathLike[str] | None = None,
    diff_timeout: float = 2.0,
    redlines: bool = True,
    on_aligned: Callable[[Comparison], None] | None = None,
) -> Comparison:
    """Compare two versions of a constitution.

    Args:
        old: The earlier version.
        new: The later version.
        rules: Run the rights rules (set False for a plain redline).
        rule_files: Extra rule packs (YAML) to load after the bundled ones.
        disable_rules: Topic keys to switch off.
        notes: A reviewer-notes sidecar file to load and attach.
        diff_timeout: Seconds diff-match-patch may spend on one paragraph pair before condiff
            falls back to a coarser diff (with a warning naming the article).
        redlines: Make every word-level redline now. False makes each one when it is first
            read (a run that only needs the findings, like ``condiff check``, reads none).
        on_aligned: Called with the comparison as soon as the redlines exist, before the
            rules run (the review UI shows the redline while the rules are still working).

    Raises:
        CondiffError: for a bad rule pack or notes file.
    """
    from .align import align_documents

    alignment, warnings = align_documents(old, new, diff_timeout=diff_timeout,
                                           redlines=redlines)
    result = Comparison(old=old, new=new, alignment=alignment, warnings=tuple(warnings))
    if on_aligned is not None:
        on_aligned(result)
    if rules:
        from .rules import apply_rules

        result = apply_rules(result, rule_files=rule_files, disabled=disable_rules)
    if notes is not None:
        from .notes import attach_notes, load_notes

        result = attach_notes(result, load_notes(notes))
    return result
