"""condiff: how a constitution changed between two versions, and which rights it takes away.

Public API::

    import condiff
    old = condiff.load("old.txt")
    new = condiff.load("sample:2026")
    result = condiff.compare(old, new)   # Comparison: alignment, redlines, findings
    for finding in result.findings:
        print(finding.topic, finding.kind, finding.old, "→", finding.new)

Everything here is pure: nothing imports ``textual``; heavy modules load on first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .errors import CondiffError
from .model import Comparison, Document, Finding, Provision

if TYPE_CHECKING:
    pass

__version__ = "0.1.0"
__all__ = [
    "Comparison",
    "CondiffError",
    "Document",
    "Finding",
    "Provision",
    "__version__",
    "compare",
    "load",
]


def load(
    name: str | os.PathLike[str],
    *,
    format: str | None = None,
    profile: str | os.PathLike[str] | None = None,
) -> Document:
    """Read a constitution (YAML, Markdown, plain text, or a bundled name like ``sample:2009``).

    Raises:
        CondiffError: with file:line and a hint when the input cannot be read.
    """
    from .read import read_document

    return read_document(name, format=format, profile=profile)


def compare(old: Document, new: Document, **options: Any) -> Comparison:
    """Align two versions, redline every aligned pair and run the rights rules.

    See :func:`condiff.pipeline.compare` for the options.
    """
    from .pipeline import compare as _compare

    return _compare(old, new, **options)
