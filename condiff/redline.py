"""Word-level redline of two short texts, on top of diff-match-patch.

Why words and not characters: a lawyer reads "the right to strike" as four words, and a
character diff turns "guarantees" → "recognises" into a confetti of letters. Why
diff-match-patch: it is fast, has a time budget, and its semantic cleanup merges the tiny
equalities that make a redline unreadable.

The trick (the library's own ``diff_linesToChars`` idea, applied to words): every distinct
token — a run of word characters or one other character, each with the whitespace after it
(half as many tokens as counting spaces apart, and diff time grows with the square) — becomes one
code point; diff-match-patch diffs the resulting short strings; the code points are mapped back
to tokens. Because every token is kept, joining the ``=`` and ``-`` texts gives the old text
exactly and joining ``=`` and ``+`` gives the new text exactly, whitespace and punctuation
included.

condiff only ever diffs paragraph pairs the aligner has matched, never whole documents; a pair
that exceeds its time budget still gets a correct (if coarser) diff, and the caller is told so.
"""

from __future__ import annotations

import re
import time
import warnings
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from .errors import CondiffWarning
from .model import Op

_TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
# Code points used for tokens skip the UTF-16 surrogate block, which Python strings allow but
# which some tools choke on; this leaves ~1.1 million distinct tokens per pair.
_SURROGATES = 0xD800
_SURROGATE_SPAN = 0x800
_MAX_TOKENS = 0x10FFFF - _SURROGATE_SPAN - 1

_OP = {0: "=", -1: "-", 1: "+"}
# Compact form of an op: its length in characters times 3 plus its kind.
_KIND = {"=": 0, "-": 1, "+": 2}
_KINDS = "=-+"


def tokenize(text: str) -> list[str]:
    """Split text into words and single other characters, each with its trailing whitespace
    (leading whitespace is a token of its own); joining the tokens gives the text back."""
    return _TOKEN.findall(text)


def _encode(tokens: list[str], table: dict[str, str], back: list[str]) -> str | None:
    out: list[str] = []
    for tok in tokens:
        ch = table.get(tok)
        if ch is None:
            n = len(back)
            if n > _MAX_TOKENS:
                return None
            ch = chr(n if n < _SURROGATES else n + _SURROGATE_SPAN)
            table[tok] = ch
            back.append(tok)
        out.append(ch)
    return "".join(out)


def _coalesce(ops: list[Op]) -> tuple[Op, ...]:
    """Drop empty ops and merge neighbours of the same kind."""
    merged: list[Op] = []
    for op, text in ops:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return tuple(merged)


_WORD_CHAR = re.compile(r"\w")


def _splits_word(text: str, k: int) -> bool:
    """Whether cutting ``text`` at ``k`` would cut a run of word characters in two."""
    return 0 < k < len(text) and bool(_WORD_CHAR.match(text[k - 1])) \
        and bool(_WORD_CHAR.match(text[k]))


def _factor(ops: tuple[Op, ...]) -> tuple[Op, ...]:
    """Give back to the kept text the whole words a deletion and the insertion next to it share
    at their start or end.

    Why: a word token carries the whitespace after it, so "Республики" before a full stop and
    "Республики " before another word are different tokens, and "Республики." → "Республики
    Казахстан." came out as the whole word deleted and re-inserted (shown run together in an
    inline redline). Cuts fall only between words, never inside one, and both texts are still
    reproduced exactly.
    """
    out: list[Op] = []
    i = 0
    while i < len(ops):
        if i + 1 < len(ops) and {ops[i][0], ops[i + 1][0]} == {"-", "+"}:
            first, second = ops[i], ops[i + 1]
            a, b = first[1], second[1]
            limit = min(len(a), len(b))
            k = 0
            while k < limit and a[k] == b[k]:
                k += 1
            while k and (_splits_word(a, k) or _splits_word(b, k)):
                k -= 1
            j = 0
            while j < limit - k and a[len(a) - 1 - j] == b[len(b) - 1 - j]:
                j += 1
            while j and (_splits_word(a, len(a) - j) or _splits_word(b, len(b) - j)):
                j -= 1
            if k or j:
                out.append(("=", a[:k]))
                out.append((first[0], a[k:len(a) - j]))
                out.append((second[0], b[k:len(b) - j]))
                out.append(("=", a[len(a) - j:]))
                i += 2
                continue
        out.append(ops[i])
        i += 1
    return _coalesce(out)


def redline_status(old: str, new: str, *, timeout: float = 2.0) -> tuple[tuple[Op, ...], bool]:
    """Word-level redline and whether the time budget ran out.

    Args:
        old: Old text.
        new: New text.
        timeout: Seconds diff-match-patch may spend; 0 or less means no limit.

    Returns:
        ``(ops, timed_out)``. ``ops`` is always a correct redline; when ``timed_out`` is True it
        is coarser than it could be (diff-match-patch stopped refining at the deadline).
    """
    if old == new:
        return ((("=", old),) if old else ()), False
    if not old:
        return (("+", new),), False
    if not new:
        return (("-", old),), False
    from diff_match_patch import diff_match_patch

    table: dict[str, str] = {}
    back: list[str] = [""]
    a = _encode(tokenize(old), table, back)
    b = _encode(tokenize(new), table, back) if a is not None else None
    if a is None or b is None:
        return (("-", old), ("+", new)), True
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout if timeout > 0 else 0
    started = time.perf_counter()
    diffs = dmp.diff_main(a, b, False)
    timed_out = timeout > 0 and time.perf_counter() - started >= timeout
    dmp.diff_cleanupSemantic(diffs)
    texts = [[code, "".join(back[ord(c) if ord(c) < _SURROGATES else ord(c) - _SURROGATE_SPAN]
                            for c in chars)] for code, chars in diffs]
    # On the decoded text, slide each lone insertion or deletion to the best boundary among the
    # equivalent places (after "law." rather than after "law", when a sentence and its full stop
    # went): the library's own scoring by whitespace, punctuation and line ends.
    dmp.diff_cleanupSemanticLossless(texts)
    ops = [(_OP[code], text) for code, text in texts]
    return _factor(_coalesce(ops)), timed_out


def redline(old: str, new: str, *, timeout: float = 2.0) -> tuple[Op, ...]:
    """Word-level redline of ``old`` → ``new``.

    Joining the ``=`` and ``-`` texts of the result gives ``old``; joining ``=`` and ``+``
    gives ``new``. When the time budget runs out a coarser diff is returned and a
    :class:`~condiff.errors.CondiffWarning` is issued.

    Args:
        old: Old text.
        new: New text.
        timeout: Seconds diff-match-patch may spend; 0 or less means no limit.
    """
    ops, timed_out = redline_status(old, new, timeout=timeout)
    if timed_out:
        warnings.warn(
            f"word diff exceeded its {timeout:g} s budget; a coarser diff is shown",
            CondiffWarning,
            stacklevel=2,
        )
    return ops


def old_text(ops: tuple[Op, ...]) -> str:
    """The old text a redline was made from."""
    return "".join(text for op, text in ops if op != "+")


def new_text(ops: tuple[Op, ...]) -> str:
    """The new text a redline was made from."""
    return "".join(text for op, text in ops if op != "-")


class Redline(Sequence[Op]):
    """The word-level redline of one paragraph pair, made when first read and kept compact.

    Why not a tuple of ops: a redline repeats the text of both paragraphs, so holding every
    pair's ops as strings doubles a document in memory (over 1.5 GB for two 50 MB texts), and
    ``condiff check`` never reads a redline at all. This keeps references to the two texts the
    documents already hold, plus one machine integer per op (its kind and length); the ops are
    cut from the texts on each read, which costs far less than the diff itself.

    It reads like the tuple it replaces (iterate, index, ``len``, ``==`` a tuple of ops).
    """

    __slots__ = ("_codes", "_late", "new", "old", "timeout", "where")

    def __init__(self, old: str, new: str, *, timeout: float = 2.0, where: str = "") -> None:
        """
        Args:
            old: Old text.
            new: New text.
            timeout: Seconds diff-match-patch may spend on this pair.
            where: Names the pair in the warning issued when the budget runs out while the
                redline is made on first read ("Art. 24 → Art. 27").
        """
        self.old = old
        self.new = new
        self.timeout = timeout
        self.where = where
        self._codes: array[int] | None = None
        self._late = False

    def compute(self) -> bool:
        """Make the redline now (once); True when it ran out of its time budget."""
        if self._codes is None:
            ops, self._late = redline_status(self.old, self.new, timeout=self.timeout)
            self._codes = array("q", [len(text) * 3 + _KIND[op] for op, text in ops])
        return self._late

    def _ops(self) -> tuple[Op, ...]:
        if self._codes is None and self.compute():
            place = f"{self.where}: " if self.where else ""
            warnings.warn(f"{place}word diff exceeded its {self.timeout:g} s budget for a "
                          "paragraph; a coarser diff is shown", CondiffWarning, stacklevel=3)
        assert self._codes is not None
        out: list[Op] = []
        i = j = 0
        old, new = self.old, self.new
        for code in self._codes:
            size, kind = divmod(code, 3)
            if kind == 2:
                out.append(("+", new[j:j + size]))
                j += size
            else:
                out.append((_KINDS[kind], old[i:i + size]))
                i += size
                if kind == 0:
                    j += size
        return tuple(out)

    def __iter__(self) -> Iterator[Op]:
        return iter(self._ops())

    def __len__(self) -> int:
        if self._codes is None:
            self._ops()
        assert self._codes is not None
        return len(self._codes)

    def __bool__(self) -> bool:
        return bool(self.old or self.new)

    @overload
    def __getitem__(self, index: int) -> Op: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Op, ...]: ...
    def __getitem__(self, index: int | slice) -> Op | tuple[Op, ...]:
        return self._ops()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Redline):
            return (self.old, self.new) == (other.old, other.new)
        if isinstance(other, tuple):
            return self._ops() == other
        return NotImplemented

    def __hash__(self) -> int:
        # Equal to the tuple of its ops, so it must hash like it.
        return hash(self._ops())

    def __repr__(self) -> str:
        return f"Redline({self._ops()!r})"

    def __getstate__(self) -> tuple[str, str, float, str, array[int] | None, bool]:
        return (self.old, self.new, self.timeout, self.where, self._codes, self._late)

    def __setstate__(self, state: tuple[str, str, float, str, array[int] | None, bool]) -> None:
        self.old, self.new, self.timeout, self.where, self._codes, self._late = state
