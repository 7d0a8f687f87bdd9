"""Histories: many versions of one constitution, each provision's lineage, each right's timeline.

``condiff history V1 V2 … Vn`` (or a manifest) compares each consecutive pair with the same
:func:`~condiff.pipeline.compare` as ``condiff diff``, then chains the steps: every provision
gets its path through all versions (:mod:`.lineage`), every rights topic the versions that
carry it and the steps that changed it (:mod:`.rights`), every step its chapter-level changes
(:mod:`.structure`). Pure core: nothing here imports ``textual``; renderers live in
``condiff.render.history_*``.

Public API::

    from condiff.history import load_history
    history = load_history(["v1.txt", "v2.txt", "v3.txt"])       # or ["versions.yaml"]
    for lineage in history.lineages:
        print(lineage.labels, [e.kind for e in lineage.events])
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import Document
from .manifest import VersionSpec, load_manifest, specs_from_arguments
from .model import (
    History,
    Lineage,
    LineageEvent,
    RightEvent,
    RightTimeline,
    Step,
    StructureChange,
    Version,
)
from .run import Options, check_languages, read_versions, run_steps

__all__ = [
    "History",
    "Lineage",
    "LineageEvent",
    "Options",
    "RightEvent",
    "RightTimeline",
    "Step",
    "StructureChange",
    "Version",
    "VersionSpec",
    "load_history",
    "load_manifest",
]


def load_history(
    names: Sequence[str],
    *,
    options: Options | None = None,
    jobs: int | None = None,
    reader: Callable[[str], Document] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> History:
    """Read the versions (files, bundled names, or one manifest) and compute their history.

    Args:
        names: Two or more versions oldest first, or one manifest file.
        options: How each step is compared (default: as ``condiff diff``).
        jobs: Worker processes for the steps (default: every available core).
        reader: Reads one version (default :func:`condiff.read.read_document`).
        progress: Called with (steps done, steps) as each step finishes.

    Raises:
        CondiffError: for a bad manifest, an unreadable version, duplicate labels, dates out
            of order, or versions in different languages without ``mixed_languages``.
    """
    if reader is None:
        from ..read import read_document

        reader = read_document
    options = options or Options()
    title, specs = specs_from_arguments([os.fspath(n) for n in names])
    versions = read_versions(specs, reader)
    structure_only = check_languages(versions, options.mixed_languages)
    history = run_steps(versions, options, jobs=jobs, structure_only=structure_only,
                        progress=progress)
    return replace(history, title=title or versions[-1].document.title)
