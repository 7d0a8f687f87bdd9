"""Articles found by their numbers alone, for texts without heading words.

When a text has no heading words at all (OCR'd "12. In this Part …", or "3. Name of the Union"
heading lines), the article numbers are found as the best-scoring increasing chain of numbered
candidates (a small dynamic programme); paragraph numbers, which restart in every article,
cannot form such a chain. A number misprinted where the chain has a gap of one is read as the
missing one (:func:`.sequence.repair_gaps`).
"""

from __future__ import annotations

from . import sequence
from .patterns import TERMINAL, lazy
from .tokens import Tok

#: A bare article number ("12.", "12A. -", "3 .-"): at the start or after a blank, quote or full
#: stop. The check of the character before is a lookbehind *after* the first digit, so that
#: the expression starts with a digit and searching skips to the digits (3x faster on a long
#: text than starting with "^ or lookbehind", which is tried at every position).
NUMBERED = lazy(
    r"(?P<label>\d(?<![^\s'‘.]\d)\d{0,2}(?:-\d{1,3})?[A-Z]{0,2})(?P<space>[ ]?)\.\.?"
    r"(?P<dash>[ \t]?[-—–]{1,4}[ \t]?(?=[(\w]))?"
    r"[ \t]*(?=[(A-Z\"“‘'\w])"
)


#: A heading line that is only a number and a title, without any full stop ("12 Foreign policy"):
#: some extractions print section headings so. Only ever a candidate of the numbered chain.
_BARE_HEADING = lazy(r"(?P<label>\d{1,3}[A-Z]{0,2})[ ](?=[A-Z](?:[^.;:!?]|etc\.){1,150}$)")


#: Words that, right before a number, make it a reference ("article 12.") not a heading.
_REF_WORDS = frozenset((
    "article", "articles", "art", "art.", "clause", "clauses", "section", "sections", "part",
    "parts", "no", "no.", "act", "schedule", "rule", "rules", "entry", "entries", "item", "items",
    "paragraph", "paragraphs", "sub-clause", "subclause", "list", "lists", "order", "page",
))


_REF_ABBREVIATIONS = frozenset(
    ("art.", "no.", "s.", "ss.", "cl.", "para.", "sec.", "r.", "ch.", "pt.", "sch.")
)


#: Lower-case words after which a number continues a sentence ("of 12.").
_LOWER_WORDS = frozenset((
    "of", "and", "or", "to", "in", "under", "by", "with", "from", "than", "at", "on", "for",
    "the", "a", "an",
))


class Cand(sequence.Cand):
    """A bare number that may be an article's, and whether it heads a line of its own."""

    __slots__ = ("heading_line",)

    def __init__(self, tok: int, col: int, label: str, score: float, heading_line: bool) -> None:
        super().__init__(tok, col, col, label, score, start=col == 0)
        self.heading_line = heading_line


def numbered_candidates(tokens: list[Tok]) -> list[Cand]:
    out: list[Cand] = []
    numbered = NUMBERED().finditer
    for ti, tok in enumerate(tokens):
        if tok.kind != "text":
            continue
        text = tok.text
        bare = _BARE_HEADING().match(text)
        if bare and len(text.split()) <= 20:
            label = bare.group("label")
            out.append(Cand(ti, 0, label, 2.5, True))
            continue
        for m in numbered(text):
            col = m.start()
            label = m.group("label")
            rest = text[m.end():]
            if m.group("space") and not m.group("dash") and not rest.startswith("("):
                continue  # "12 ." is a number in a sentence; "137 . (1)" an OCR'd heading
            if not m.group("dash") and not rest[:1].isupper() and rest[:1] not in "(\"“‘'":
                continue
            before = text[max(0, col - 120):col].rstrip(" '‘")
            words = before.split()
            prev_word = words[-1].strip("(,") if words else ""
            ref_word = prev_word.casefold()
            if ref_word.endswith(".") and ref_word not in _REF_ABBREVIATIONS:
                ref_word = ""  # "… this Article. 115.-(1)": the sentence ended
            if ref_word in _REF_WORDS or prev_word in _LOWER_WORDS:
                continue
            if before.endswith(".,"):
                before = before[:-1]  # "… resolution., 184.-(1)": an OCR'd full stop
            if before and (before[-1] in ",-–(/" or before[-1].isdigit()):
                continue
            heading_line = (col == 0 and 0 < len(rest) <= 200 and rest[-1] not in TERMINAL + "-—–"
                            and len(rest.split()) <= 30 and not rest.startswith("("))
            if heading_line:
                score = 3.0
            elif m.group("dash"):
                score = 3.0 if not before or before[-1] in ".;:\"”" else 2.5
            elif col == 0 or not before:
                score = 1.5
            elif before[-1] in ".;:\"”" or prev_word.isupper():
                score = 1.2
            elif prev_word[:1].isupper():
                score = 1.0
            else:
                score = 0.5
            out.append(Cand(ti, col, label, score, heading_line))
    return out


def best_chain(cands: list[Cand], max_gap: int = 25) -> list[Cand]:
    """The heaviest chain of candidates with strictly increasing labels (gap-limited)."""
    best: list[float] = [0.0] * len(cands)
    back: list[int] = [-1] * len(cands)
    top: dict[tuple[int, str], tuple[float, int]] = {}
    by_num: dict[int, list[tuple[int, str]]] = {}
    for i, c in enumerate(cands):
        num = c.key[0]
        b, j = 0.0, -1
        for n in range(max(0, num - max_gap), num + 1):
            for k in by_num.get(n, ()):
                if k < c.key:
                    val, idx = top[k]
                    if val > b:
                        b, j = val, idx
        best[i] = b + c.prior
        back[i] = j
        cur = top.get(c.key)
        if cur is None:
            by_num.setdefault(num, []).append(c.key)
        if cur is None or best[i] > cur[0]:
            top[c.key] = (best[i], i)
    if not cands:
        return []
    i = max(range(len(cands)), key=lambda x: best[x])
    chain: list[Cand] = []
    while i >= 0:
        chain.append(cands[i])
        i = back[i]
    chain.reverse()
    return chain


def apply_numbered(tokens: list[Tok]) -> list[Tok]:
    """The tokens with article headings where the chain of bare numbers puts them."""
    cands = numbered_candidates(tokens)
    chain = best_chain(cands)
    if len(chain) < 3:
        return tokens
    chain = sequence.repair_gaps(chain, cands, threshold=1.0)
    chain = _before_schedules(chain, tokens)
    at: dict[int, list[Cand]] = {}
    for c in chain:
        at.setdefault(c.row, []).append(c)
    out: list[Tok] = []
    for ti, tok in enumerate(tokens):
        cs = at.get(ti)
        if not cs:
            out.append(tok)
            continue
        text = tok.text
        first = cs[0].col
        if text[:first].strip():
            out.append(Tok("text", tok.line, text=text[:first].strip(),
                            blank_before=tok.blank_before))
        for n, c in enumerate(cs):
            end = cs[n + 1].col if n + 1 < len(cs) else len(text)
            m = NUMBERED().match(text, c.col) or _BARE_HEADING().match(text, c.col)
            body = text[m.end() if m else c.col:end].strip()
            head = Tok("head", tok.line, hkind="article", label=c.fixed or c.label,
                        blank_before=tok.blank_before if c.col == 0 else False)
            if c.heading_line:
                head.heading = body
            elif body:
                out.append(head)
                out.append(Tok("text", tok.line, text=body))
                continue
            out.append(head)
    return _schedules_after(out)


#: A schedule heading run into the text after the last section ("… repealed. SCHEDULES FIRST
#: SCHEDULE COUNTIES 1. …"), with its title in capitals or a cited article in brackets.
_SCHEDULE_RUN_IN = lazy(
    r"(?<!\S)(?P<label>FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH"
    r"|ELEVENTH|TWELFTH)\s+SCHEDULE\b(?P<title>(?:\s+(?:[A-Z][A-Z'’,\-–—]*[A-Z,]|\([^()]{0,80}\)))*)"
)


def _before_schedules(chain: list[Cand], tokens: list[Tok]) -> list[Cand]:
    """The chain without the few numbers it took from a schedule's list ("1. Northholm 2. …"
    after "FIRST SCHEDULE"): a schedule heading run into the text ends the sections, when only
    a few chain numbers follow it."""
    first = (chain[0].row, chain[0].col)
    for ti in range(chain[0].row, len(tokens)):
        tok = tokens[ti]
        if tok.kind != "text" or "SCHEDULE" not in tok.text:
            continue
        for m in _SCHEDULE_RUN_IN().finditer(tok.text):
            if (ti, m.start()) <= first:
                continue
            kept = [c for c in chain if (c.row, c.col) < (ti, m.start())]
            return kept if len(chain) - len(kept) <= max(3, len(chain) // 20) else chain
    return chain


def _schedules_after(tokens: list[Tok]) -> list[Tok]:
    """The tokens with schedule headings run into the text after the last article cut out as
    schedules, so that the schedules' text is no longer the last article's."""
    last = max((i for i, t in enumerate(tokens) if t.kind == "head"), default=-1)
    if last < 0:
        return tokens
    out = tokens[:last + 1]
    for tok in tokens[last + 1:]:
        if tok.kind != "text" or "SCHEDULE" not in tok.text:
            out.append(tok)
            continue
        text, prev = tok.text, 0
        for m in _SCHEDULE_RUN_IN().finditer(text):
            before = text[prev:m.start()].strip()
            if before:
                out.append(Tok("text", tok.line, text=before))
            out.append(Tok("head", tok.line, hkind="schedule", label=m.group("label").title(),
                           heading=m.group("title").strip(" ,-–—")))
            prev = m.end()
        rest = text[prev:].strip()
        if rest:
            out.append(Tok("text", tok.line, text=rest, blank_before=tok.blank_before and not prev))
    return out
