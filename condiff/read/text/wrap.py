"""Re-joining lines broken by hard wrapping or page breaks."""

from __future__ import annotations

from .patterns import LETTERS, MARKER
from .tokens import Tok


def wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(ln) for ln in lines if ln)
    if len(lengths) < 20:
        return 0
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 110 or p90 < 30:
        return 0
    near = sum(1 for n in lengths if n >= 0.75 * p90)
    return p90 if near >= 0.4 * len(lengths) else 0


def join_wraps(tokens: list[Tok], width: int) -> list[Tok]:
    """Re-join lines broken by hard wrapping or page breaks into one block each.

    Pieces are collected in lists and joined once, so a long wrapped text stays linear."""
    out: list[Tok] = []
    parts: list[list[str]] = []  # pieces of each output token's text
    last_len = 0
    for tok in tokens:
        prev = out[-1] if out else None
        if tok.kind == "text" and prev is not None and prev.kind == "text":
            pieces = parts[-1]
            p, n = pieces[-1], tok.text
            mp = MARKER.match(p) if len(pieces) == 1 else None
            bare_marker = mp is not None and not p[mp.end():].strip()
            open_end = p[-1] not in ".;:!?" and MARKER.match(n) is None
            join = bare_marker or (open_end and n[:1].islower()) or bool(
                width and not tok.blank_before and last_len >= 0.7 * width and open_end
                and LETTERS.match(n[:1] or " "))
            if join:
                if p.endswith("-") and p[-2:-1].isalpha() and n[:1].islower() and last_len >= 50:
                    pieces[-1] = p[:-1]  # a word hyphenated at the line end
                else:
                    pieces.append(" ")
                pieces.append(n)
                last_len = len(n)
                continue
        out.append(tok)
        parts.append([tok.text])
        last_len = len(tok.text)
    for tok, pieces in zip(out, parts, strict=True):
        if len(pieces) > 1:
            tok.text = "".join(pieces)
    return out
