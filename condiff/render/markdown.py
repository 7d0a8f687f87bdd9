"""The Markdown change report: what a human-rights monitor publishes.

Laid out the way a monitoring report reads: the two versions; a summary table; the rights
findings first, most severe first, each with the old and the new wording of the paragraphs
concerned (removed words ~~struck through~~, inserted words in **bold**), the annotation, the
evidence, the references and the reviewer notes; a concordance of articles old → new; then an
article-by-article redline.

Why so much escaping: the source text is untrusted. A ``|`` would split a table cell, a ``*`` or
a backtick would open emphasis or code, ``<script>`` or an entity would become markup in the HTML
report, a line break would end a table row or start a list. Every piece of source text therefore
goes through :func:`escape`: controls and bidi overrides made visible, whitespace folded onto one
line, and every character Markdown could read as syntax backslash-escaped. Bold is reserved for
inserted words (labels are in italics), so the HTML stylesheet can colour insertions.

Redline markers are placed on whole words, and punctuation counts on its own: a comma that
moved is one struck comma, not a struck word (``разрешения~~, включая …~~``), and ``24(3)`` →
``24(4)`` marks only the ``3``. GFM only recognises ``~~``/``**`` between a letter and a
punctuation mark when the mark is outside; where a struck or bold run starts (or ends) with
punctuation right against a letter, a hair space (U+200A, whitespace to Markdown, barely visible)
is put between them so the marker still works on GitHub and in the HTML report.

This module does not import ``markdown_it``: ``condiff check --github`` writes this report
without paying for a Markdown parser. Besides ``render``, the module itself is callable
(``condiff.render.markdown(comparison)``) for scripts.
"""

from __future__ import annotations

import re
import sys
import types
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

from ..model import (
    ALIGN_KINDS,
    FINDING_KINDS,
    ArticlePair,
    Comparison,
    Document,
    Finding,
    Note,
    Op,
    ParagraphPair,
)
from ..policy import sort_findings
from ..sanitize import visible
from .anchors import Slugger
from .chapters import group_labels
from .cite import cite, cite_all
from .evidence import Excerpt, excerpts

__all__ = ["clusters", "escape", "redline", "render", "sort_findings", "unescape"]

# Everything CommonMark + GFM tables/strikethrough could read as syntax anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
# Syntax that only matters at the start of a line (lists, setext underlines, ordered lists).
_LEADING = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]<>|~&#+=.)-])")
_SPACES = re.compile(r" {2,}")
# The rest of a word a change starts or ends inside of (word characters only: punctuation is a
# token of its own).
_HEAD = re.compile(r"^\w*")
_TAIL = re.compile(r"\w*\Z")
_WORD_CHAR = re.compile(r"\w")
#: Whitespace to CommonMark, close to invisible: lets a delimiter sit next to punctuation.
HAIR_SPACE = "\u200a"

#: How many paragraphs of an article a finding shows before referring to the redline section.
MAX_FINDING_PARAGRAPHS = 8


def _fold(text: str) -> str:
    return " ".join(visible(text).split())


def _inert(flat: str) -> str:
    return _SPECIAL.sub(r"\\\1", flat)


def _guard_start(line: str) -> str:
    """Escape syntax that only matters at the start of a line (``-``, ``+``, ``=``, ``1.``)."""
    match = _LEADING.match(line)
    if match is None:
        return line
    mark = match.group(1)
    return (f"{mark}\\" if mark[0].isdigit() else f"\\{mark}") + line[match.end():]


def escape(text: str) -> str:
    """Untrusted text as inert Markdown inline content on one line.

    Controls and bidi overrides become visible markers, any whitespace run (line breaks
    included) becomes one space, and every character that could start Markdown syntax is
    backslash-escaped, so the text renders as itself inside a paragraph, a heading or a table
    cell and never as markup.
    """
    return _guard_start(_inert(_fold(text)))


def unescape(markdown_text: str) -> str:
    """Undo :func:`escape` on a line (for plain-text uses such as an HTML ``<title>``)."""
    return _UNESCAPE.sub(r"\1", markdown_text)


# ---------------------------------------------------------------------------
# Redlines
# ---------------------------------------------------------------------------

#: A redline segment: ("=", text, text) kept, or ("~", old, new) changed.
Segment = tuple[str, str, str]


def clusters(ops: Iterable[Op]) -> list[Segment]:
    """Group a word-level redline into kept runs and changed runs on whole-word boundaries.

    A change that starts or ends inside a word takes in the rest of that word on both sides,
    so ``24(3)`` → ``24(4)`` becomes one change ``("~", "24(3)", "24(4)")``. Changes of
    whitespace alone are not shown as changes. Joining the old sides of the segments gives the
    old text; joining the new sides gives the new text (up to whitespace-only changes).
    """
    out: list[list[str]] = []

    def changed_open() -> bool:
        return bool(out) and out[-1][0] == "~"

    for kind, text in ops:
        if not text:
            continue
        if kind in ("-", "+") and text.isspace():
            if changed_open():
                out[-1][1 if kind == "-" else 2] += text
                continue
            if kind == "+":
                kind = "="  # a new line break or space, shown as plain spacing
            else:
                continue
        if kind == "=":
            if changed_open():
                last = out[-1]
                if _word_end(last[1]) or _word_end(last[2]):
                    head = _HEAD.match(text)
                    glue = head.group() if head else ""
                    last[1] += glue
                    last[2] += glue
                    text = text[len(glue):]
                if not text:
                    continue
            if out and out[-1][0] == "=":
                out[-1][1] += text
                out[-1][2] += text
            else:
                out.append(["=", text, text])
            continue
        if kind not in ("-", "+"):
            continue
        if not changed_open():
            old = new = ""
            if out and out[-1][0] == "=" and _WORD_CHAR.match(text[0]):
                tail = _TAIL.search(out[-1][1])
                glue = tail.group() if tail else ""
                if glue:
                    kept = out[-1][1][: -len(glue)]
                    if kept:
                        out[-1][1] = out[-1][2] = kept
                    else:
                        out.pop()
                    old = new = glue
            out.append(["~", old, new])
        out[-1][1 if kind == "-" else 2] += text
    return _merge_spaced(out)


def _word_end(text: str) -> bool:
    return bool(text) and bool(_WORD_CHAR.match(text[-1]))


def _splits_word(text: str, k: int) -> bool:
    """Whether cutting ``text`` at ``k`` cuts a run of word characters in two."""
    return 0 < k < len(text) and bool(_WORD_CHAR.match(text[k - 1])) \
        and bool(_WORD_CHAR.match(text[k]))


def _merge_spaced(out: list[list[str]]) -> list[Segment]:
    """Merge two changes separated only by whitespace: one struck phrase reads better than
    alternating struck and bold words."""
    merged: list[list[str]] = []
    for seg in out:
        if (
            seg[0] == "~"
            and len(merged) >= 2
            and merged[-1][0] == "="
            and merged[-1][1].isspace()
            and merged[-2][0] == "~"
        ):
            space = merged.pop()[1]
            merged[-1][1] += space + seg[1]
            merged[-1][2] += space + seg[2]
        else:
            merged.append(seg)
    out_segments: list[Segment] = []
    for seg in merged:
        for kind, old, new in _trim_common(seg[1], seg[2]) if seg[0] == "~" else [
                (seg[0], seg[1], seg[2])]:
            if kind == "=" and out_segments and out_segments[-1][0] == "=":
                out_segments[-1] = ("=", out_segments[-1][1] + old, out_segments[-1][2] + new)
            elif old or new:
                out_segments.append((kind, old, new))
    return out_segments


def _trim_common(old: str, new: str) -> list[Segment]:
    """Give back to the kept text the words and punctuation a change shares at its start and
    end.

    Widening a change to whole words can take in a word both sides share ("law" in "law. The
    right to strike is recognised." → "law."); what both sides share is cut off again wherever
    that cuts no word in two, so only what changed is marked.
    """
    limit = min(len(old), len(new))
    k = 0
    while k < limit and old[k] == new[k]:
        k += 1
    while k > 0 and (_splits_word(old, k) or _splits_word(new, k)):
        k -= 1
    j = 0
    while j < limit - k and old[len(old) - 1 - j] == new[len(new) - 1 - j]:
        j += 1
    while j > 0 and (_splits_word(old, len(old) - j) or _splits_word(new, len(new) - j)):
        j -= 1
    head, tail = old[:k], old[len(old) - j:]
    mid_old, mid_new = old[k:len(old) - j], new[k:len(new) - j]
    if mid_old == mid_new or (not mid_old.strip() and not mid_new.strip()):
        return [("=", old, new)]
    return [("=", head, head), ("~", mid_old, mid_new), ("=", tail, tail)]


def _is_space(ch: str) -> bool:
    """CommonMark whitespace (the start or end of the line counts as whitespace)."""
    return not ch or ch in " \t\n\r\f" or unicodedata.category(ch) == "Zs"


def _is_punct(ch: str) -> bool:
    """CommonMark punctuation: Unicode P and S categories."""
    return bool(ch) and unicodedata.category(ch)[0] in "PS"


#: A piece of a rendered redline line: text, or an emphasis delimiter that opens or closes.
_Piece = tuple[str, str]


def _changed(old: str, new: str, side: str) -> list[_Piece]:
    o, n = _fold(old), _fold(new)
    # Spacing comes from the sides shown: an insertion hidden on the old side must not leave
    # its leading space behind ("Республики ." for "Республики.").
    texts = [t for t, shown in ((old, side in ("both", "old")), (new, side in ("both", "new")))
             if shown]
    lead = [("text", " ")] if any(t[:1].isspace() for t in texts) else []
    trail = [("text", " ")] if any(t[-1:].isspace() for t in texts) else []
    pieces: list[_Piece] = []
    if o == n:
        pieces.append(("text", _inert(o)))
    else:
        for mark, body, shown in (("~~", o, side in ("both", "old")),
                                  ("**", n, side in ("both", "new"))):
            if body and shown:
                if pieces:
                    pieces.append(("text", " "))
                pieces += [("open", mark), ("text", _inert(body)), ("close", mark)]
    if not any(text.strip() for _, text in pieces):
        return [("text", " ")] if lead or trail else []
    return lead + pieces + trail


def _join(pieces: list[_Piece]) -> str:
    """Join text and delimiters, with a hair space wherever GFM would not read a delimiter as
    one: an opener between a letter and punctuation, or a closer between punctuation and a
    letter."""
    out: list[str] = []
    last = ""  # the last character written
    for n, (kind, text) in enumerate(pieces):
        if kind == "text":
            out.append(text)
            last = text[-1:] or last
            continue
        after = next((t[:1] for k, t in pieces[n + 1:] if t), "")
        if kind == "open" and _is_punct(after) and not (_is_space(last) or _is_punct(last)):
            out.append(HAIR_SPACE)
        out.append(text)
        last = text[-1]
        if kind == "close":
            before = next((t[-1:] for k, t in reversed(pieces[:n]) if t), "")
            if _is_punct(before) and not (_is_space(after) or _is_punct(after)):
                out.append(HAIR_SPACE)
                last = HAIR_SPACE
    return "".join(out)


def redline(ops: Sequence[Op], side: str = "both") -> str:
    """Render a paragraph redline as one line of Markdown.

    Args:
        ops: Word-level operations of a :class:`~condiff.model.ParagraphPair`.
        side: ``"both"`` (deletions struck, insertions in bold), ``"old"`` (the old wording,
            removed words struck) or ``"new"`` (the new wording, inserted words in bold).
    """
    pieces: list[_Piece] = []
    for kind, old, new in clusters(ops):
        if kind == "=":
            text = old if side != "new" else new
            flat = _fold(text)
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            pieces.append(("text", f"{lead}{_inert(flat)}{trail}" if flat else " "))
        else:
            pieces += _changed(old, new, side)
    # Collapse spaces in text pieces only, so a delimiter's neighbours are what GFM will see.
    merged: list[_Piece] = []
    for kind, text in pieces:
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + text)
        else:
            merged.append((kind, text))
    merged = [(k, _SPACES.sub(" ", t) if k == "text" else t) for k, t in merged]
    if merged and merged[0][0] == "text":
        merged[0] = ("text", merged[0][1].lstrip(" "))
    if merged and merged[-1][0] == "text":
        merged[-1] = ("text", merged[-1][1].rstrip(" "))
    return _guard_start(_join(merged))


# ---------------------------------------------------------------------------
# Report sections
# ---------------------------------------------------------------------------

def _doc_name(doc: Document, fallback: str) -> str:
    name = " ".join(x for x in (doc.title, doc.version) if x)
    return name or fallback


def _names(c: Comparison) -> tuple[str, str]:
    """What to call the two versions; disambiguated when title and version say the same."""
    old, new = _doc_name(c.old, "old version"), _doc_name(c.new, "new version")
    if old == new:
        old_extra = c.old.date or PurePath(c.old.path).name or "old"
        new_extra = c.new.date or PurePath(c.new.path).name or "new"
        if old_extra == new_extra:
            old_extra, new_extra = "old", "new"
        old, new = f"{old} ({old_extra})", f"{new} ({new_extra})"
    return old, new


def kind_label(kind: str) -> str:
    """``restriction-added`` → ``restriction added``."""
    return kind.replace("-", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A GFM table; cells must already be escaped. ``align`` holds "l"/"r" per column."""
    marks = ["---:" if a == "r" else "---" for a in align.ljust(len(header), "l")]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    for row in rows:
        lines.append("| " + " | ".join(cell if cell else " " for cell in row) + " |")
    return lines


def _versions(c: Comparison) -> list[str]:
    rows = []
    for name in ("title", "country", "version", "date", "language", "source"):
        old, new = getattr(c.old, name), getattr(c.new, name)
        if old or new:
            rows.append([name.capitalize(), escape(old), escape(new)])
    rows.append(["Articles", str(len(c.old.units())), str(len(c.new.units()))])
    return _table(["", "Old", "New"], rows, "lll")


def _summary(c: Comparison) -> list[str]:
    kinds = Counter(p.kind for p in c.alignment)
    lines = _table(
        ["Articles", "Entries"],
        ([kind_label(kind).capitalize(), str(kinds[kind])] for kind in ALIGN_KINDS),
        "lr",
    )
    found = Counter(f.kind for f in c.findings)
    lines.append("")
    rows = [[kind_label(kind).capitalize(), str(found[kind])] for kind in FINDING_KINDS]
    rows.append(["Total", str(len(c.findings))])
    lines += _table(["Rights findings", "Count"], rows, "lr")
    if c.unchecked_languages:
        from ..rules import uncovered_message

        lines += ["", f"**{escape(uncovered_message(c.unchecked_languages).capitalize())}.**"]
    return lines


def _prefixes(ref: str) -> list[str]:
    """``24.3.a`` → ``24``, ``24.3``, ``24.3.a`` (casefolded): the refs that contain it."""
    parts = ref.casefold().split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


class _ParagraphIndex:
    """Paragraph pairs by every reference that contains them, per side; built once a report."""

    def __init__(self, c: Comparison) -> None:
        self.by_ref: dict[tuple[str, str], list[int]] = {}
        self.pairs: list[ParagraphPair] = []
        for pair in c.alignment:
            for pp in pair.paragraphs:
                n = len(self.pairs)
                self.pairs.append(pp)
                for side, ref in (("old", pp.old), ("new", pp.new)):
                    for prefix in _prefixes(ref) if ref else ():
                        self.by_ref.setdefault((side, prefix), []).append(n)

    def for_finding(self, f: Finding) -> list[ParagraphPair]:
        """The paragraph pairs under the finding's references, in alignment order."""
        hits: set[int] = set()
        for side, refs in (("old", f.old), ("new", f.new)):
            for ref in refs:
                hits.update(self.by_ref.get((side, ref.casefold()), ()))
        found = [self.pairs[i] for i in sorted(hits)]
        if len(found) > MAX_FINDING_PARAGRAPHS:
            changed = [pp for pp in found if pp.kind != "unchanged"]
            found = changed or found
        return found


def _note_line(note: Note) -> str:
    who = escape(note.author) if note.author else "Reviewer"
    meta = [escape(note.ref)]
    if note.tags:
        meta.append(escape(", ".join(note.tags)))
    if note.created:
        meta.append(escape(note.created))
    return f"- *{who}* ({'; '.join(meta)}): {escape(note.text)}"


def _finding(c: Comparison, number: int, f: Finding, index: _ParagraphIndex) -> list[str]:
    title = f.title or f.topic
    lines = [
        f"### {number}. {escape(title)}: {escape(kind_label(f.kind))} ({escape(f.severity)})",
        "",
    ]
    where = f"{escape(cite_all(c.old, f.old))} → {escape(cite_all(c.new, f.new))}"
    meta = [f"*{where}*", f"topic: {escape(f.topic)}"]
    if f.category:
        meta.append(f"category: {escape(f.category)}")
    meta.append(f"confidence: {f.confidence:.2f}")
    lines += [" · ".join(meta), ""]
    paragraphs = index.for_finding(f)
    shown = paragraphs[:MAX_FINDING_PARAGRAPHS]
    for pp in shown:
        if pp.old is not None:
            lines += [f"*Old, {escape(cite(c.old, pp.old))}:* {redline(pp.ops, 'old')}", ""]
        if pp.new is not None:
            lines += [f"*New, {escape(cite(c.new, pp.new))}:* {redline(pp.ops, 'new')}", ""]
    if len(paragraphs) > len(shown):
        lines += [f"*{len(paragraphs) - len(shown)} more paragraphs in the article-by-article "
                  "redline below.*", ""]
    if not paragraphs:
        for side, doc, refs in (("Old", c.old, f.old), ("New", c.new, f.new)):
            for ref in refs:
                node = doc.find(ref)
                if node is not None:
                    lines += [f"*{side}, {escape(cite(doc, ref))}:* {escape(node.full_text(' '))}",
                              ""]
    if f.annotation:
        lines += [f"*Why it matters:* {escape(f.annotation)}", ""]
    if f.detail:
        lines += [f"*What condiff saw:* {escape(f.detail)}", ""]
    evidence = [(side, doc, x) for side, doc, spans in (("old", c.old, f.old_spans),
                                                        ("new", c.new, f.new_spans))
                for x in excerpts(doc, spans)]
    if evidence:
        # The matched words in italics, in their sentence: one line per provision. Character
        # offsets are for tools, in the JSON only.
        lines += ["*Evidence:*", ""]
        lines += [f"- {side} {escape(cite(doc, x.ref))}: {_excerpt(x)}"
                  for side, doc, x in evidence]
        lines.append("")
    if f.references:
        lines += ["*References:*", ""]
        lines += [f"- {escape(ref)}" for ref in f.references]
        lines.append("")
    if f.notes:
        lines += ["*Reviewer notes:*", ""]
        lines += [_note_line(n) for n in f.notes]
        lines.append("")
    return lines


def _excerpt(x: Excerpt) -> str:
    """“… the *matched words* in context …” as one line of Markdown."""
    pieces: list[_Piece] = [("text", "“…" if x.cut_start else "“")]
    for text, quoted in x.pieces:
        flat = _fold(text)
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() and flat else ""
        if quoted and flat:
            pieces += [("text", lead), ("open", "*"), ("text", _inert(flat)), ("close", "*"),
                       ("text", trail)]
        else:
            pieces.append(("text", f"{lead}{_inert(flat)}{trail}" if flat else lead))
    pieces.append(("text", "…”" if x.cut_end else "”"))
    merged: list[_Piece] = []
    for kind, text in pieces:
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + text)
        elif kind != "text" or text:
            merged.append((kind, text))
    return _join([(k, _SPACES.sub(" ", t) if k == "text" else t) for k, t in merged])


def _labels(doc: Document, ids: Sequence[str], labels: Sequence[str]) -> str:
    names = []
    for pid, label in zip(ids, labels, strict=False):
        node = doc.by_id(pid)
        names.append(node.display_label if node is not None else f"Art. {label}")
    if not names and len(labels) > len(ids):
        names = [f"Art. {label}" for label in labels]
    return escape(", ".join(names)) if names else "—"


def _concordance(c: Comparison, unchanged: bool) -> list[str]:
    rows = []
    for pair in c.alignment:
        if not unchanged and pair.kind == "unchanged":
            continue
        rows.append([
            _labels(c.old, pair.old_ids, pair.old),
            _labels(c.new, pair.new_ids, pair.new),
            escape(pair.kind),
            f"{pair.score * 100:.0f}%" if pair.old and pair.new else "—",
            escape(pair.matched_by),
        ])
    return _table(["Old", "New", "Change", "Similarity", "Matched by"], rows, "lllrl")


def _headings(doc: Document, ids: Sequence[str]) -> str:
    out = []
    for pid in ids:
        node = doc.by_id(pid)
        if node is not None and node.heading:
            out.append(node.heading)
    return "; ".join(out)


def _article(c: Comparison, pair: ArticlePair, unchanged: bool = True,
             level: str = "###") -> list[str]:
    old, new = _labels(c.old, pair.old_ids, pair.old), _labels(c.new, pair.new_ids, pair.new)
    lines = [f"{level} {old} → {new} ({escape(pair.kind)})", ""]
    old_h, new_h = _headings(c.old, pair.old_ids), _headings(c.new, pair.new_ids)
    if old_h or new_h:
        shown = escape(old_h) if old_h == new_h else (
            redline((("-", old_h), ("+", new_h))) if old_h and new_h
            else escape(old_h or new_h))
        lines += [f"*Heading:* {shown}", ""]
    if not pair.paragraphs:
        repealed = [node for doc, ids in ((c.old, pair.old_ids), (c.new, pair.new_ids))
                    for node in (doc.by_id(i) for i in ids) if node is not None and node.repealed]
        lines += ["*Repealed: a number without text.*" if repealed else "*No text.*", ""]
    for pp in pair.paragraphs:
        if not unchanged and pp.kind == "unchanged":
            continue
        if pp.old and pp.new:
            where = f"{escape(cite(c.old, pp.old))} → {escape(cite(c.new, pp.new))}"
        elif pp.old:
            where = f"{escape(cite(c.old, pp.old))}, removed"
        elif pp.new:
            where = f"{escape(cite(c.new, pp.new))}, added"
        else:
            where = "text"
        lines.append(f"- *{where}:* {redline(pp.ops) or '(empty)'}")
    lines.append("")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("s" if n != 1 else "")


def render(
    comparison: Comparison,
    *,
    title: str | None = None,
    timestamp: str | bool | None = None,
    unchanged: bool = True,
    unchanged_text: bool = False,
    **_: Any,
) -> str:
    """The Markdown change report of a comparison.

    Args:
        comparison: The result of :func:`condiff.compare`.
        title: Report title (default: "Change report: OLD → NEW").
        timestamp: Add a "Generated" line: ``True`` for the current UTC time, or the text to
            show. Off by default, so the same inputs give byte-identical reports.
        unchanged: List unchanged articles in the concordance and unchanged paragraphs of
            changed articles in the redlines (``condiff diff --only-changed`` sets it False).
        unchanged_text: Also print the text of unchanged articles in the article-by-article
            section (by default they are only counted there).

    Returns:
        GitHub-flavoured Markdown ending with a newline.
    """
    c = comparison
    old_name, new_name = _names(c)
    heading = escape(title) if title else (
        f"Change report: {escape(old_name)} → {escape(new_name)}")
    lines = [f"# {heading}", ""]
    if timestamp:
        when = (datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp is True
                else str(timestamp))
        lines += [f"*Generated {escape(when)} by condiff.*", ""]
    lines += [*_versions(c), ""]
    contents_after = len(lines)

    lines += ["## Summary", "", *_summary(c), ""]

    lines += ["## Rights findings", ""]
    findings = sort_findings(c.findings)
    if not findings:
        lines += ["No rights findings: no rule matched a change between the two versions.", ""]
    index = _ParagraphIndex(c)
    for number, f in enumerate(findings, start=1):
        lines += _finding(c, number, f, index)

    if c.notes:
        lines += ["## Reviewer notes", ""]
        rows = ([escape(n.ref), escape(n.author), escape(", ".join(n.tags)), escape(n.text)]
                for n in c.notes)
        lines += [*_table(["Provision", "Author", "Tags", "Note"], rows), ""]

    if c.warnings:
        lines += ["## Warnings", ""] + [f"- {escape(w)}" for w in c.warnings] + [""]

    lines += ["## Concordance", "", *_concordance(c, unchanged), ""]
    skipped = [p for p in c.alignment if p.kind == "unchanged"]
    if skipped and not unchanged:
        lines += [f"*{_count(len(skipped), 'unchanged article')} not listed.*", ""]

    lines += ["## Article by article", ""]
    if skipped and not unchanged_text:
        where = "listed in the concordance" if unchanged else "left out"
        lines += [f"*{_count(len(skipped), 'unchanged article')} {where}, not redlined.*", ""]
    shown = [i for i, p in enumerate(c.alignment) if unchanged_text or p.kind != "unchanged"]
    if not shown:
        lines += ["*No article changed.*", ""]
    lines += articles_by_chapter(c, shown, unchanged, depth=3)
    return "\n".join(_with_contents(lines, contents_after)).rstrip("\n") + "\n"


def articles_by_chapter(c: Comparison, shown: list[int], unchanged: bool,
                        depth: int) -> list[str]:
    """The redlines of the alignment entries ``shown`` (indexes), under a heading per chapter.

    Chapter headings are ``depth`` deep and article headings one deeper; a document without
    chapters gets article headings ``depth`` deep. The history report uses the same layout one
    level down, so a step reads exactly as ``condiff diff`` of its pair.
    """
    groups = group_labels(c, shown)
    level = "#" * (depth + 1 if any(groups) else depth)
    lines: list[str] = []
    previous = ""
    for i, group in zip(shown, groups, strict=True):
        if group and group != previous:
            lines += [f"{'#' * depth} {escape(group)}", ""]
        previous = group
        lines += _article(c, c.alignment[i], unchanged, level)
    return lines


_HEADING = re.compile(r"^(#{1,6}) (.*)$")
#: Sections whose subsections the table of contents lists (the findings, the chapters).
_LISTED = ("Rights findings", "Article by article")


def _with_contents(lines: list[str], at: int) -> list[str]:
    """``lines`` with a linked table of contents inserted at line ``at``.

    Every heading line of the report is condiff's own (source text never starts a line with
    ``#``: it is escaped), so the headings are found by their ``#`` marks. Anchors are made in
    document order, the contents' own heading included, as GitHub makes them.
    """
    slugger = Slugger()
    entries: list[tuple[int, str, str]] = []
    parent = ""
    for n, line in enumerate(lines):
        if n == at:
            slugger.slug("Contents")
        m = _HEADING.match(line)
        if m is None:
            continue
        depth, text = len(m.group(1)), m.group(2)
        anchor = slugger.slug(unescape(text))
        if depth == 2:
            parent = unescape(text)
            entries.append((0, text, anchor))
        elif depth == 3 and parent in _LISTED:
            entries.append((1, text, anchor))
    if len(entries) < 2:
        return lines
    toc = ["## Contents", ""]
    toc += [f"{'  ' * indent}- [{text}](#{anchor})" for indent, text, anchor in entries]
    return [*lines[:at], *toc, "", *lines[at:]]


class _CallableModule(types.ModuleType):
    """Lets scripts write ``condiff.render.markdown(comparison)``."""

    def __call__(self, comparison: Comparison, **options: Any) -> str:
        return render(comparison, **options)


sys.modules[__name__].__class__ = _CallableModule
