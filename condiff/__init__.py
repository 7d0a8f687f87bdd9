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

from .errors import CondiffError

# ``typing.TYPE_CHECKING`` without importing ``typing`` (a few ms of every start-up); type
# checkers treat this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .model import Comparison, Document, Finding, Provision

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
#: Names served from :mod:`condiff.model` on first use, so that ``condiff --version`` and
#: ``--help`` (and a CLI that has not read a document yet) do not pay for the model's
#: dataclasses.
_MODEL_NAMES = frozenset({"Comparison", "Document", "Finding", "Provision"})


def __getattr__(name: str) -> object:
    if name in _MODEL_NAMES:
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'condiff' has no attribute {name!r}")


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
