"""Evidence as a reader wants it: the words a rule matched, quoted in their sentence.

A finding's evidence is a list of spans (characters ``start:end`` of a provision's own text),
which is what tools need and what the JSON keeps. A lawyer needs to see the words in place:
"The Commissioner is *elected* by the *Senate* on the proposal of …". So the spans of one
provision are merged into one line, each stretch of text around them cut to a few words on
either side, and far-apart stretches joined with an ellipsis.

Pure data in, plain pieces out; the Markdown report escapes and marks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Document, Span

#: Words of context kept on either side of the quoted words.
CONTEXT_WORDS = 8
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Excerpt:
    """One provision's evidence in context.

    Attributes:
        ref: The provision's reference (or id), as the spans give it.
        pieces: ``(text, quoted)`` in reading order: context (False) and matched words (True).
        cut_start: Text before the excerpt was left out.
        cut_end: Text after the excerpt was left out.
    """

    ref: str
    pieces: tuple[tuple[str, bool], ...]
    cut_start: bool
    cut_end: bool


def _ranges(text: str, spans: Iterable[Span]) -> list[tuple[int, int]]:
    """Where each span's words are in ``text``: its offsets when they hold its words, else
    the first place those words occur; merged where they overlap or touch."""
    found: list[tuple[int, int]] = []
    for s in spans:
        if 0 <= s.start < s.end <= len(text) and (not s.text or text[s.start:s.end] == s.text):
            found.append((s.start, s.end))
        elif s.text and (at := text.find(s.text)) >= 0:
            found.append((at, at + len(s.text)))
    found.sort()
    merged: list[tuple[int, int]] = []
    for a, b in found:
        # Touching or only a space apart: one quoted phrase, not a word-by-word staccato.
        if merged and (a <= merged[-1][1] or text[merged[-1][1]:a].isspace()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _window(text: str, a: int, b: int) -> tuple[int, int]:
    """Start and end of the context around ``text[a:b]``: up to :data:`CONTEXT_WORDS` words
    on each side, never across a line break."""
    line_start = text.rfind("\n", 0, a) + 1
    before = list(_WORD.finditer(text, line_start, a))
    start = before[-CONTEXT_WORDS].start() if len(before) > CONTEXT_WORDS else line_start
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end
    after = list(_WORD.finditer(text, b, line_end))
    end = after[CONTEXT_WORDS - 1].end() if len(after) > CONTEXT_WORDS else line_end
    return start, end


def excerpts(doc: Document, spans: Sequence[Span]) -> list[Excerpt]:
    """The evidence of one side of a finding, one :class:`Excerpt` per provision, in the
    order the provisions first appear among the spans."""
    order: list[str] = []
    by_ref: dict[str, list[Span]] = {}
    for s in spans:
        if s.ref not in by_ref:
            order.append(s.ref)
        by_ref.setdefault(s.ref, []).append(s)
    out: list[Excerpt] = []
    for ref in order:
        node = doc.find(ref)
        text = node.text if node is not None else ""
        ranges = _ranges(text, by_ref[ref])
        if not ranges:
            words = [s.text for s in by_ref[ref] if s.text]
            pieces: list[tuple[str, bool]] = []
            for n, w in enumerate(dict.fromkeys(words)):
                if n:
                    pieces.append((" … ", False))
                pieces.append((w, True))
            out.append(Excerpt(ref, tuple(pieces), bool(pieces), bool(pieces)))
            continue
        windows: list[list[int]] = []
        for a, b in ranges:
            w0, w1 = _window(text, a, b)
            # Leaving out fewer words than the context keeps would save nothing.
            if windows and (w0 <= windows[-1][1] or
                            len(_WORD.findall(text, windows[-1][1], w0)) < CONTEXT_WORDS):
                windows[-1][1] = max(windows[-1][1], w1)
            else:
                windows.append([w0, w1])
        pieces = []
        for n, (w0, w1) in enumerate(windows):
            if n:
                pieces.append((" … ", False))
            at = w0
            for a, b in ranges:
                if b <= w0 or a >= w1:
                    continue
                if a > at:
                    pieces.append((text[at:a], False))
                pieces.append((text[a:b], True))
                at = b
            if w1 > at:
                pieces.append((text[at:w1], False))
        out.append(Excerpt(ref, tuple(pieces), windows[0][0] > 0,
                           windows[-1][1] < len(text.rstrip())))
    return out
