"""The numbering as evidence: which of the "Article N" found in a text are headings.

A heading word and a number are found far more often than there are articles: cross-references
("under Article 45"), headings run into the text of the previous article, at the end of a line
with their text on the next, misspelt by OCR ("Articfe 141"), or misprinted ("Art. 141" where
142 is due). Each occurrence is a :class:`Cand` whose ``prior`` says how much its surroundings
look like a heading (a line start, the end of a sentence before it, a capital after it) or like
a reference (a preposition before it, "of" after it). Then the whole document is decided at
once: article numbers run in order, so the headings are the heaviest chain of candidates with
increasing numbers (:func:`best_chain`, a dynamic programme linear in the candidates). A number
that fits the chain where a gap would otherwise be is taken even from a modest context; a number
that breaks the chain is a reference, however heading-like it looks. Last, a gap of one number
with one heading-like candidate where the missing article should be is that article, misprinted
(:func:`repair_gaps`).
"""

from __future__ import annotations

import itertools

from .ordinals import ordinal_value
from .patterns import LEADING_DIGITS, label_key, lazy

#: What a continuing number is worth: the next number, an inserted one (14 → 14 bis), and the
#: cost of each number skipped.
NEXT = 2.0
INSERTED = 1.0
SKIPPED = 1.0
#: Largest jump one step of a chain may make; a longer one (pages lost in an extraction) is
#: allowed at a fixed cost from the best chain so far.
WINDOW = 40
FAR_JUMP = 12.0
#: Words before a number that make it a reference, in the languages the built-in profiles
#: cover ("under Article 5", "conforme al Artículo 5", "gemäß Artikel 5", "согласно статье 5").
REFERENCE_BEFORE = frozenset((
    "in", "under", "of", "by", "to", "with", "see", "and", "or", "from", "per", "pursuant",
    "than", "as", "at", "on", "for", "the", "a", "an", "this", "that", "such", "paragraph",
    "paragraphs", "provided", "referred", "mentioned", "accordance", "subject", "en", "de",
    "del", "el", "la", "los", "las", "al", "y", "o", "e", "u", "por", "según", "conforme",
    "con", "ver", "segun", "establecido", "previsto", "prevista", "dispuesto", "mencionado",
    "señalado", "refiere", "término", "términos", "caso", "virtud", "dans", "du", "des", "le",
    "les", "et", "ou", "au", "aux", "selon", "par", "conformément", "voir", "em", "do", "da",
    "dos", "das", "no", "na", "os", "ao", "pelo", "pela", "nos", "termos", "von", "der", "dem",
    "den", "und", "oder", "im", "nach", "gemäß", "gemass", "laut", "mit", "zu", "в", "и",
    "или", "по", "согласно", "с", "со", "на", "о", "об", "статьи", "статьей",
))
#: Words after a number that make it a reference ("Article 5 of the Act", "Artículo 5 de la").
REFERENCE_AFTER = frozenset((
    "of", "and", "or", "to", "shall", "in", "is", "are", "which", "as", "the", "above",
    "below", "hereof", "thereof", "herein", "de", "del", "y", "o", "e", "la", "el", "los",
    "las", "que", "en", "se", "du", "des", "et", "ou", "le", "les", "do", "da", "der", "und",
    "oder", "и", "или",
))
SENTENCE_END = ".!?;:»\"”)]"
#: A numbered paragraph opening an article's text ("Article 71 1. Nationality …").
_PARAGRAPH = lazy(r"\d{1,2}\.\s")


class Cand:
    """A heading word and number found in the text, and what its surroundings say."""

    __slots__ = ("col", "end", "fixed", "fuzzy", "key", "kind", "label", "prior", "row",
                 "start")

    def __init__(self, row: int, col: int, end: int, label: str, prior: float, *,
                 start: bool = False, fuzzy: bool = False) -> None:
        self.row = row  # index of the line among the classifier's rows
        self.col = col  # where the heading starts in the line
        self.end = end  # where the heading (word, number, separator) ends
        self.label = label
        self.key = label_key(label)
        if not self.key[0] and label.isalpha():
            # "Artículo primero", "Article Two": the number a word writes
            value = ordinal_value(label)
            self.key = (value, "") if value else self.key
        self.prior = prior
        self.start = start  # the heading opens its line
        self.fuzzy = fuzzy  # the heading word is misspelt
        self.fixed = ""  # the label the numbering gives a misprinted heading
        #: What a chosen candidate heads: "article", "transitional", or "series" (the heading
        #: of a separately numbered series).
        self.kind = "article"

    def __repr__(self) -> str:  # for debugging and test failure messages
        return f"Cand({self.label!r} row={self.row} col={self.col} prior={self.prior:.1f})"


def context_prior(before: str, after: str, sep: str, dash: bool) -> float:
    """How much a heading in the middle of a line looks like one, from the text around it.

    ``before`` is the line up to the heading (page debris removed), ``after`` what follows the
    heading's number and separator ("" at the end of the line)."""
    score = 0.0
    b = before.rstrip()
    words = b.split()
    prev = words[-1] if words else ""
    prev_word = prev.strip("\"'“”‘’«»()[],").casefold()
    if not b:
        score += 3.0
    elif b[-1] in SENTENCE_END and not prev_word.endswith(("art.", "no.", "arts.")):
        score += 1.5
    elif prev_word in REFERENCE_BEFORE and b[-1].isalpha():
        score -= 4.5  # "under Article 2": never a heading, even where the numbering has a gap
    elif b[-1] in ",(/–-":
        score -= 3.0  # "Articles 4, Article 5" mostly; an OCR'd full stop at times
    elif prev[:1].isupper() or prev[:1].isdigit():
        score += 0.5  # a part or chapter title run into the line
    else:
        score -= 1.5
    a = after.lstrip()
    if not a:
        score += 0.5  # at the end of the line: its text starts on the next one
    else:
        first = a.split(None, 1)[0].strip(",.;:")
        if sep == "," or (first[:1].islower() and first in REFERENCE_AFTER):
            score -= 2.0
        elif a[0] == "(" and not sep and not dash:
            score -= 1.0  # "Article 33 (2)": a paragraph cited
        elif (sep or dash) and (a[0].isupper() or a[0] in "(“\"[«" or a[0].isdigit()):
            score += 1.0
        elif a[0].isupper() or a[0] in "“\"«[" or _PARAGRAPH().match(a):
            score += 0.5
        elif a[0].islower():
            score -= 1.0
    return score


#: Article numbers up to this are looked up in a flat list (faster than a dictionary).
_DENSE = 20_000
_NONE = float("-inf")


def best_chain(cands: list[Cand]) -> list[Cand]:
    """The heaviest chain of candidates, in document order, with strictly increasing labels.

    A candidate's weight is its prior plus what its number is worth after the previous one
    (the next number most, each skipped number costs); the chain may start anywhere, at a cost
    growing with its first number. Linear: a step from number ``p`` to ``n > p`` is worth
    ``NEXT - SKIPPED * (n - p - 1)``, so the best predecessor below ``n`` is the one with the
    highest ``value + SKIPPED * p`` within :data:`WINDOW` numbers: one slice of a list per
    candidate. Labels with the same number ("14", then "14 bis") follow one another at
    :data:`INSERTED`."""
    if not cands:
        return []
    best: list[float] = [0.0] * len(cands)
    back: list[int] = [-1] * len(cands)
    top: dict[tuple[int, str], tuple[float, int]] = {}
    by_num: dict[int, list[tuple[int, str]]] = {}
    # per number: the best chain value ending at a label with that number, plus SKIPPED * number
    adj: list[float] = []
    adj_at: list[int] = []
    overall = (0.0, -1)  # best chain so far (none is worth 0), for jumps beyond the window
    for i, c in enumerate(cands):
        key = c.key
        num = key[0]
        b, j = -0.5 * min(max(num - 1, 0), 20), -1
        if overall[1] >= 0 and cands[overall[1]].key < key and overall[0] - FAR_JUMP > b:
            b, j = overall[0] - FAR_JUMP, overall[1]
        lo = max(0, num - WINDOW)
        if num <= _DENSE:
            hi = min(num, len(adj))
            if hi > lo:
                window = adj[lo:hi]
                m = max(window)
                if m > _NONE:
                    v = m + NEXT + SKIPPED - SKIPPED * num
                    if v > b:
                        b, j = v, adj_at[lo + window.index(m)]
        else:
            for n in range(lo, num):
                for k in by_num.get(n, ()):
                    val, idx = top[k]
                    v = val + NEXT - SKIPPED * (num - n - 1)
                    if v > b:
                        b, j = v, idx
        for k in by_num.get(num, ()):
            if k < key:
                val, idx = top[k]
                if val + INSERTED > b:
                    b, j = val + INSERTED, idx
        value = best[i] = b + c.prior
        back[i] = j
        cur = top.get(key)
        if cur is None:
            by_num.setdefault(num, []).append(key)
        if cur is None or value > cur[0]:
            top[key] = (value, i)
            if num <= _DENSE:
                if num >= len(adj):
                    grow = num + 1 - len(adj)
                    adj.extend([_NONE] * grow)
                    adj_at.extend([-1] * grow)
                if value + SKIPPED * num > adj[num]:
                    adj[num] = value + SKIPPED * num
                    adj_at[num] = i
        if value > overall[0]:
            overall = (value, i)
    i = overall[1]
    chain: list[Cand] = []
    while i >= 0:
        chain.append(cands[i])
        i = back[i]
    chain.reverse()
    return chain


def repair_gaps(chain: list[C], cands: list[C], *, threshold: float = 0.5) -> list[C]:
    """The chain with misprinted headings put where the numbering needs them.

    Between two chain headings one number apart but for one missing (141, 143), a single
    heading-like candidate off the chain ("Art. 141" printed twice) is the missing article;
    a candidate whose number breaks the sequence only by a digit glued to it ("322 (3)" between
    32 (2) and 33) is the number without that digit. Either way ``fixed`` holds the label the
    sequence gives it; nothing else changes."""
    if len(chain) < 2:
        return chain
    on = {id(c) for c in chain}
    out: list[C] = []
    k = 0
    off = [c for c in cands if id(c) not in on and c.prior >= threshold]
    for a, b in itertools.pairwise(chain):
        out.append(a)
        lo, hi = (a.row, a.col), (b.row, b.col)
        between: list[C] = []
        while k < len(off) and (off[k].row, off[k].col) <= lo:
            k += 1
        j = k
        while j < len(off) and (off[j].row, off[j].col) < hi:
            between.append(off[j])
            j += 1
        if not between:
            continue
        missing = b.key[0] - a.key[0] - 1
        fixed = ""
        pick: C | None = None
        if missing == 1 and len(between) == 1 and not b.key[1]:
            pick, fixed = between[0], str(a.key[0] + 1)
        else:
            for c in between:
                glued = _without_glued_digit(c.label)
                if glued and a.key < label_key(glued) < b.key:
                    pick, fixed = c, glued
                    break
        if pick is not None:
            pick.fixed = fixed
            out.append(pick)
    out.append(chain[-1])
    return out


TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing when reading
if TYPE_CHECKING:
    from typing import TypeVar

    C = TypeVar("C", bound=Cand)


def _without_glued_digit(label: str) -> str:
    """The label without the last digit of its number ("322 (3)" → "32 (3)"), or ""."""
    m = LEADING_DIGITS.match(label)
    if not m or len(m.group()) < 2:
        return ""
    return m.group()[:-1] + label[m.end():]
