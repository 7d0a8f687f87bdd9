"""Renderers: data in, text out.

None of them is a method on the model, and none imports ``textual``. Each format lives in its
own module with a ``render(comparison, **options) -> str`` function; :data:`FORMATS` maps the
names the CLI accepts to those modules, which are imported only when used.
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
}


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render a comparison in one of :data:`FORMATS`."""
    module = importlib.import_module(f"condiff.render.{FORMATS[fmt]}")
    result: str = module.render(comparison, **options)
    return result
