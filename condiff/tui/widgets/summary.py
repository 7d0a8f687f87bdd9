"""The header line: which two versions are compared and what changed, at a glance."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from ...model import FINDING_KIND, FINDING_KINDS, Document
from ...sanitize import visible
from ..redline_text import BADGE_LOST, BADGE_WEAKENED, MUTED
from ..review_model import ALIGN_ORDER, LOSS_KINDS, WEAKEN_KINDS, ReviewModel


def version_label(doc: Document, fallback: str, *, short: bool = False) -> str:
    """"Veridia 2009"; without a version the file name says more than a long title. ``short``
    leaves out a version's parenthesised detail ("1995, as amended 2022 (referendum …)")."""
    if doc.version:
        version = doc.version.split(" (", 1)[0] if short else doc.version
        return f"{doc.country or doc.title} {version}".strip()
    return Path(doc.path).name or doc.title or fallback


def summary_text(model: ReviewModel, *, pending: bool = False, compact: bool = False) -> Text:
    """Two lines: the versions, then counts by change kind and by rights finding. ``compact``
    (a small terminal): one line, the versions and the rights findings only; the change
    counts are in the article list."""
    comparison = model.comparison
    text = Text(no_wrap=compact, overflow="ellipsis")
    for n, doc in enumerate((comparison.old, comparison.new)):
        label = version_label(doc, "old" if n == 0 else "new", short=compact)
        if n:
            text.append(" → " if compact else "  →  ", MUTED)
        text.append(visible(label), "bold")
    kinds, found = model.counts()
    warning = numbering_line(comparison.old, comparison.new)
    if compact:
        if warning:  # one line has no room for the full warning; it must not be cut off
            text.append(" · ", MUTED)
            text.append("⚠ numbering broken: condiff parse", BADGE_WEAKENED)
        text.append(" · ", MUTED)
    else:
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
    if warning and not compact:
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
    Summary.-compact { height: 1; max-height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[ReviewModel, bool] | None = None

    def show(self, model: ReviewModel, *, pending: bool = False) -> None:
        """Draw the summary of ``model`` (``pending``: the rules are still running)."""
        self._drawn = (model, pending)
        self.update(summary_text(model, pending=pending, compact=self.has_class("-compact")))

    def set_compact(self, compact: bool) -> None:
        """One line (small terminals) or two."""
        if compact != self.has_class("-compact"):
            self.set_class(compact, "-compact")
            if self._drawn is not None:
                self.show(self._drawn[0], pending=self._drawn[1])
