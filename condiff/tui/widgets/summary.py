"""The header line: which two versions are compared and what changed, at a glance."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from ...model import FINDING_KIND, FINDING_KINDS, Document
from ...sanitize import visible
from ..redline_text import BADGE_LOST, BADGE_WEAKENED, MUTED
from ..review_model import ALIGN_ORDER, LOSS_KINDS, WEAKEN_KINDS, ReviewModel


def summary_text(model: ReviewModel, *, pending: bool = False) -> Text:
    """Two lines: the versions, then counts by change kind and by rights finding."""
    comparison = model.comparison
    text = Text(no_wrap=False)
    for n, doc in enumerate((comparison.old, comparison.new)):
        # "Veridia 2009"; without a version the file name says more than a long title.
        if doc.version:
            label = f"{doc.country or doc.title} {doc.version}".strip()
        else:
            label = Path(doc.path).name or doc.title or ("old" if n == 0 else "new")
        if n:
            text.append("  →  ", MUTED)
        text.append(visible(label), "bold")
    kinds, found = model.counts()
    text.append("\n")
    parts = [f"{kinds[k]} {k}" for k in ALIGN_ORDER if kinds.get(k) and k != "unchanged"]
    text.append(f"{len(comparison.alignment)} articles: ", MUTED)
    text.append(" · ".join(parts) or "no changes", MUTED)
    text.append("   ")
    first = True
    order = list(FINDING_KINDS)
    for kind in sorted(found, key=lambda k: order.index(k) if k in order else len(order)):
        if not first:
            text.append(" · ")
        first = False
        style = BADGE_LOST if kind in LOSS_KINDS else BADGE_WEAKENED if kind in WEAKEN_KINDS \
            else "bold"
        known = FINDING_KIND.get(kind)
        one, many = (known.one, known.many) if known else (kind, kind)
        text.append(f"{found[kind]} {one if found[kind] == 1 else many}", style)
    if pending:
        text.append("checking rights…", "italic")
    elif comparison.unchecked_languages:
        from ...rules import language_name

        names = " and ".join(map(language_name, comparison.unchecked_languages))
        text.append(f"{' · ' if not first else ''}rights not checked: no rule pack covers "
                    f"{names} (add one with --rules)", BADGE_WEAKENED)
    elif first:
        text.append("no rights findings", MUTED)
    warning = numbering_line(comparison.old, comparison.new)
    if warning:
        text.append("\n")
        text.append(visible(warning), BADGE_WEAKENED)
    return text


def numbering_line(old: Document, new: Document) -> str:
    """"⚠ new: articles 17–40 not found (headings not recognised?) — check with condiff
    parse", when a reader found a document's numbering broken; "" otherwise. A lost heading
    makes an article look added or removed, so the reviewer is told before trusting either."""
    from ...read.numbering import describe

    parts = [f"{side}: {describe(doc.numbering)}" for side, doc in (("old", old), ("new", new))
             if doc.numbering]
    return f"⚠ {'; '.join(parts)} — check with condiff parse" if parts else ""


class Summary(Static):
    """Versions compared and change counts."""

    DEFAULT_CSS = """
    Summary { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    """

    def show(self, model: ReviewModel, *, pending: bool = False) -> None:
        """Draw the summary of ``model`` (``pending``: the rules are still running)."""
        self.update(summary_text(model, pending=pending))
