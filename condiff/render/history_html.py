"""The HTML history report: the Markdown history report, rendered, in one self-contained page.

The same page as the diff report (:mod:`condiff.render.html`: its stylesheet, raw HTML off, no
link autodetection), with an ``id`` on every heading so that the report's links from each step's
summary to its full redline, and back, work in the page.
"""

from __future__ import annotations

from typing import Any

from ..history.model import History
from ..history.provision import ProvisionHistory
from . import history_markdown, markdown
from .html import to_html


def _page(text: str, history: History) -> str:
    first = text.split("\n", 1)[0].removeprefix("# ")
    lang = history.versions[-1].document.language if history.versions else ""
    return to_html(text, title=markdown.unescape(first), lang=lang, anchors=True)


def render(history: History, **options: Any) -> str:
    """The HTML history report; takes the options of
    :func:`condiff.render.history_markdown.render`."""
    return _page(history_markdown.render(history, **options), history)


def render_provision(history: History, found: ProvisionHistory, **options: Any) -> str:
    """One provision through every version, as an HTML page."""
    return _page(history_markdown.render_provision(history, found, **options), history)
