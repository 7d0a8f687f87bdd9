"""Renderers: data in, text out.

None of them is a method on the model, and none imports ``textual``. Each format lives in its
own module with a ``render(comparison, **options) -> str`` function (``bytes`` for the Word
document); :data:`FORMATS` maps the names the CLI accepts to those modules, which are imported
only when used.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..model import Comparison

#: CLI format name → module under ``condiff.render`` providing ``render(comparison, **opts)``.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "md": "markdown",
    "html": "html",
    "akn": "akn",
    "docx": "docx",
}
#: Formats whose ``render`` returns bytes (written only to a file, never to a terminal).
BINARY_FORMATS: frozenset[str] = frozenset({"docx"})


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render a comparison in one of the text :data:`FORMATS` (not :data:`BINARY_FORMATS`)."""
    module = importlib.import_module(f"condiff.render.{FORMATS[fmt]}")
    result: str = module.render(comparison, **options)
    return result
