"""Classifying lines: each line is a heading (preamble, container, article, amendment) or text.

A line of a PDF extraction may hold several articles ("… guaranteed. Art. 15 Freedom of …"): it
is split where a heading follows the end of a sentence *and* continues the article numbering, so
cross-references ("see Art. 85") are never taken for headings.
"""

from __future__ import annotations

import itertools
from collections import Counter

from ..profiles import Profile
from .clean import is_junk, running_headers
from .patterns import (
    MARKER,
    SECTION_KINDS,
    TERMINAL,
    Patterns,
    clean_label,
    compile_profile,
    lazy,
)
from .sequence import REFERENCE_AFTER, Cand, best_chain, context_prior, repair_gaps
from .series import Found, find_series
from .tokens import Tok

_ORDINAL_SCHEDULE = lazy(
    r"^(?i:the\s+)?(?P<label>(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth))\s+(?i:schedule)\b(?P<rest>(?:[ .:\-–—]*[(A-Z].{0,250})?)$"
)


_BARE_ROMAN = lazy(r"^(?P<label>[IVXLC]{1,6}[A-Z]?)\.[ \t]+(?P<rest>[^\W\d_].{1,120})$")


_JUNK_TAIL = lazy(r"(?:(?<=[.!?;:])\d{1,2}|(?:\s+(?:[^\w\s]+|\w))*)\s*$")


def split_heading(rest: str, *, container: bool) -> tuple[str, str]:
    """Split what follows a heading number into (heading, text)."""
    rest = rest.strip()
    if not rest:
        return "", ""
    if rest[0] == "[" and "]" in rest:
        end = rest.index("]")
        return rest[1:end].strip(), rest[end + 1:].strip()
    limit = 200 if container else 120
    words = len(rest.split())
    # a sentence may end inside closing quotes or brackets ("… this formula: «…»")
    tail = rest.rstrip("»\"”’')]") or rest
    if (len(rest) <= limit and (container or words <= 16) and tail[-1] not in TERMINAL
            and not MARKER.match(rest) and (rest[0].isupper() or rest[0] in "(«\"“")):
        return rest, ""
    if container and len(rest) <= limit and (rest[-1] not in ".;:" or words <= 12):
        return rest, ""
    return "", rest


class Row:
    """One non-blank line and the article headings found in it."""

    __slots__ = ("blank", "cands", "line", "lineno", "plain")

    def __init__(self, lineno: int, line: str, blank: bool) -> None:
        self.lineno = lineno
        self.line = line  # without a running header that repeats the part it is in
        self.blank = blank  # a blank line came before it
        self.cands: list[Cand] = []
        #: No heading can start the line or follow a sentence in it: text as it is.
        self.plain = False


#: Text shorter than this between a heading and the next candidate is an entry of a table of
#: contents ("Article 2 Citizens Article 3 Equality") more likely than an article.
SHORT_BODY = 25
SHORT_BODY_COST = 1.5


def _weigh_bodies(rows: list[Row], cands: list[Cand]) -> None:
    """Lower the prior of entries of a table of contents: runs of candidates each followed by
    almost no text before the next. When a table of contents lists the articles, its entries
    and the articles form two equally good chains, and the articles are the ones with text.
    (One short article, "Article 5 Repealed.", is no such run.)"""
    if len(cands) < 3:
        return
    starts: list[int] = []  # offset of each row in the text, rows joined
    total = 0
    for row in rows:
        starts.append(total)
        total += len(row.line) + 1
    short = [False] * len(cands)
    for i, (c, nxt) in enumerate(itertools.pairwise(cands)):
        # (a heading repeated at the start of its own text is no contents entry)
        short[i] = starts[nxt.row] + nxt.col - (starts[c.row] + c.end) < SHORT_BODY \
            and nxt.key != c.key
    for i, c in enumerate(cands):
        in_run = (i > 0 and short[i - 1]) or (i + 1 < len(cands) and short[i + 1])
        if short[i] and in_run:
            c.prior -= SHORT_BODY_COST


class Classifier:
    """Headings and text of every line, in three passes: find every article heading candidate
    in every line, choose the headings with the whole numbering in view (:mod:`.sequence`),
    then cut the lines at the chosen headings and classify the pieces."""

    def __init__(self, pats: Patterns, lines: list[str]) -> None:
        self.pats = pats
        self.lines = lines
        self.tokens: list[Tok] = []
        self.open: list[tuple[int, str, str, str, str]] = []  # rank, kind, label, heading, raw
        #: What the running headers of the open containers start with (a quick test).
        self.prefixes: tuple[str, ...] = ()
        self.repeated = running_headers(lines)

    def run(self) -> list[Tok]:
        rows = self._scan()
        chosen, repeats = self._choose(rows)
        self.open = []
        self.prefixes = ()
        tokens = self.tokens
        repeated = self.repeated
        for ri, row in enumerate(rows):
            before = len(tokens)
            if row.plain and ri not in chosen:
                # most lines: no heading anywhere in them, so one text token (or none)
                line = row.line
                if line not in repeated and not is_junk(line):
                    tokens.append(Tok("text", row.lineno, text=line, blank_before=row.blank))
                elif row.blank and ri + 1 < len(rows):
                    rows[ri + 1].blank = True
                continue
            self._emit(row, row.line, chosen.get(ri, []), ri in repeats)
            if len(self.tokens) > before:
                self.tokens[before].blank_before = row.blank
            elif row.blank and ri + 1 < len(rows):
                rows[ri + 1].blank = True
        return self.tokens

    # -- pass 1: candidates ------------------------------------------------------------

    def _scan(self) -> list[Row]:
        pats = self.pats
        rows: list[Row] = []
        blank = False
        has_any = pats.has_heading_stem.search
        has_word = pats.has_article_stem.search
        head = pats.any_head.match
        for i, line in enumerate(self.lines, 1):
            if not line:
                blank = True
                continue
            if self.prefixes and line.startswith(self.prefixes):
                line = self._strip_running_header(line)
                if not line:
                    continue
            row = Row(i, line, blank)
            blank = False
            rows.append(row)
            starts = head(line)
            if not starts and not has_any(line):
                row.plain = True  # most lines: no heading word anywhere in them
                continue
            if starts:
                self._scan_start(row, len(rows) - 1)
            # past an opening article heading ("Article 5.") only a further one matters
            if has_word(line, row.cands[0].end if row.cands else 0):
                self._scan_inline(row, len(rows) - 1)
            elif not starts and len(line) < 40:
                row.plain = True
        return rows

    def _scan_start(self, row: Row, ri: int) -> None:
        """A heading opening the line: an article becomes a candidate; a container is
        remembered, to strip the running headers that repeat it."""
        line = row.line
        m = self.pats.unit.match(line)
        if m:
            if m.group("art"):
                rest = m.group("rest")
                first = rest.split(None, 1)[0].strip(",.;:") if rest else ""
                prior = 0.5 if m.group("sep") == "," or first in REFERENCE_AFTER else 3.0
                row.cands.append(Cand(ri, 0, len(line) - len(rest), clean_label(m.group("label")),
                                      prior, start=True))
            return
        tok = self._heading(line, row.lineno)
        if tok is not None and tok.hkind in self.pats.rank:
            self._open_container(tok)

    def _scan_inline(self, row: Row, ri: int) -> None:
        """Candidates after the start of the line, and misspelt headings anywhere."""
        line = row.line
        seen: set[int] = {c.col for c in row.cands}
        for rx, fuzzy in ((self.pats.article_anywhere, False),
                          (self.pats.article_misspelt, True)):
            for m in rx.finditer(line, 0 if fuzzy else 1):
                col = m.start()
                if col in seen:
                    continue
                seen.add(col)
                before = _JUNK_TAIL().sub("", line[max(0, col - 120):col])
                after = line[m.end():m.end() + 40]
                prior = context_prior(before, after, m.group("sep"), bool(m.group("dash")))
                row.cands.append(Cand(ri, col, m.end(), clean_label(m.group("label")),
                                      prior - (1.0 if fuzzy else 0.0), start=col == 0,
                                      fuzzy=fuzzy))
        row.cands.sort(key=lambda c: c.col)

    # -- pass 2: the numbering decides -------------------------------------------------

    def _choose(self, rows: list[Row]) -> tuple[dict[int, list[Cand]], set[int]]:
        """The article headings to cut at, by row; and the rows whose opening heading repeats
        the heading just before it ("Article 159" on its own line, then "Article 159 The
        powers …"), read as text."""
        cands = [c for row in rows for c in row.cands]
        _weigh_bodies(rows, cands)
        chain = repair_gaps(best_chain(cands), cands) if cands else []
        on = {id(c) for c in chain}
        chosen: dict[int, list[Cand]] = {}
        for c in chain:
            chosen.setdefault(c.row, []).append(c)
        # Without articles by heading words the text is read by its bare numbers later, and
        # a series is told apart only after a main numbering.
        series = find_series(self.pats, [r.line for r in rows], cands, chain) if chain \
            else Found()
        taken: set[tuple[int, int]] = set()
        for c in series.items:
            c.kind = "transitional"
        for c in series.markers:
            c.kind = "series"
        for c in (*series.items, *series.markers):
            chosen.setdefault(c.row, []).append(c)
            taken.add((c.row, c.col))
        repeats: set[int] = set()
        last: Cand | None = None
        for c in cands:
            if id(c) in on:
                last = c
                continue
            if not c.start or c.fuzzy or (c.row, c.col) in taken:
                continue
            if last is not None and last.key == c.key and c.row == last.row + 1 \
                    and last.end >= len(rows[last.row].line.rstrip(" .:-–—")):
                repeats.add(c.row)
                continue
            # An opening heading off the chain (a second numbering, an annex) is still a
            # heading, and the numbering check will report it; not an entry of a table of
            # contents (followed by almost no text, before the articles).
            if c.prior >= 3.0 or not chain or (c.row, c.col) > (chain[0].row, chain[0].col):
                chosen.setdefault(c.row, []).append(c)
        for cs in chosen.values():
            cs.sort(key=lambda c: c.col)
        return chosen, repeats

    # -- pass 3: tokens ------------------------------------------------------------------

    def _emit(self, row: Row, line: str, cuts: list[Cand], repeat: bool) -> None:
        lineno = row.lineno
        if repeat:
            start = next(c for c in row.cands if c.start)
            line = line[start.end:].strip()
            cuts = [c for c in cuts if c.col > 0]
            shift = len(row.line) - len(line)
            cuts = [c for c in cuts if c.col >= shift]
            for c in cuts:
                c.col -= shift
                c.end -= shift
        if not cuts:
            self._pieces(line, lineno, inline=False)
            return
        if cuts[0].col > 0:
            self._pieces(line[:cuts[0].col].strip(), lineno, inline=False)
        stops = [c.col for c in cuts[1:]] + [len(line)]
        for c, stop in zip(cuts, stops, strict=True):
            rest = line[c.end:stop].strip()
            rest = rest.lstrip("-–— ").strip() if rest[:1] in "-–—" else rest
            if c.kind == "series":
                self._series_heading(line[c.col:c.end], rest, lineno)
                continue
            head_text, body = split_heading(rest, container=False)
            self.tokens.append(Tok("head", lineno, hkind=c.kind, label=c.fixed or c.label,
                                   heading=head_text, raw=line[c.col:stop].strip()))
            if body:
                first, *others = self._split_containers([body])
                self.tokens.append(Tok("text", lineno, text=first))
                for piece in others:
                    self._pieces(piece, lineno, inline=True)

    def _series_heading(self, words: str, rest: str, lineno: int) -> None:
        """The heading of a separately numbered series ("TRANSITIONAL PROVISIONS"): a division
        above everything open; a short title run into it ("Of Inhabitants") is its own."""
        heading = words.strip()
        if rest and len(rest) <= 120 and rest[-1] not in TERMINAL and not MARKER.match(rest):
            heading, rest = f"{heading} {rest}", ""
        tok = Tok("head", lineno, hkind="division", heading=heading, raw=heading)
        tok.outer = True
        self.open, self.prefixes = [], ()
        self.tokens.append(tok)
        if rest:
            self.tokens.append(Tok("text", lineno, text=rest))

    def _pieces(self, text: str, lineno: int, *, inline: bool) -> None:
        """Text without chosen article headings: container headings cut off its end, each
        piece classified (a container, the preamble, an amendment) or kept as text."""
        if not text:
            return
        pats = self.pats
        if (len(text) < 40 or not pats.has_container_word.search(text)) \
                and not pats.any_head.match(text):
            if text not in self.repeated and not is_junk(text):
                self.tokens.append(Tok("text", lineno, text=text))
            return
        for k, seg in enumerate(self._split_containers([text])):
            tok = self._heading(seg, lineno, inline=inline or k > 0)
            if tok is None:
                if seg in self.repeated or is_junk(seg):
                    continue
                self.tokens.append(Tok("text", lineno, text=seg))
                continue
            self._push_head(tok)

    def _strip_running_header(self, line: str) -> str:
        for _, _, _, heading, raw in self.open:
            if heading and len(line) > len(raw) and line.startswith(raw):
                return line[len(raw):].strip()
        return line

    def _open_container(self, tok: Tok) -> bool:
        """Remember a container heading; False when it repeats the one we are in (a running
        header)."""
        rank = self.pats.rank[tok.hkind]
        for r, kind, label, heading, _ in self.open:
            if r == rank and kind == tok.hkind and label == tok.label and heading \
                    and heading.casefold() == tok.heading.casefold():
                return False
        self.open = [o for o in self.open if o[0] < rank]
        self.open.append((rank, tok.hkind, tok.label, tok.heading, tok.raw))
        self.prefixes = tuple(raw for _, _, _, heading, raw in self.open if heading and raw)
        return True

    def _push_head(self, tok: Tok) -> None:
        if tok.hkind in self.pats.rank and not self._open_container(tok):
            return  # a running header repeating the part we are in
        self.tokens.append(tok)
        if tok.text:
            self.tokens.append(Tok("text", tok.line, text=tok.text))
            tok.text = ""

    def _split_containers(self, segments: list[str]) -> list[str]:
        """Cut a part heading ("… law. Section 3: Municipalities") off the end of a segment."""
        out: list[str] = []
        has_word = self.pats.has_container_word.search
        for seg in segments:
            cut = None
            if not has_word(seg):
                out.append(seg)
                continue
            for m in self.pats.container_inline.finditer(seg):
                tail = seg[m.end():].strip()
                if len(tail) <= 150 and (not tail or tail[-1] not in TERMINAL):
                    cut = m.start()
                    break
            if cut:
                out.extend([seg[:cut].strip(), seg[cut:].strip()])
            else:
                out.append(seg)
        return out

    def _heading(self, seg: str, lineno: int, *, inline: bool = False) -> Tok | None:
        """The heading opening ``seg`` other than an article's (articles are chosen by the
        numbering), or None."""
        pats = self.pats
        if not pats.any_head.match(seg):
            return None
        m = pats.unit.match(seg)
        if m:
            if m.group("art"):
                return None
            heading, text = split_heading(m.group("rest"), container=False)
            return Tok("head", lineno, text=text, hkind="amendment",
                       label=clean_label(m.group("label")), heading=heading, raw=seg)
        m = None if inline else pats.preamble.match(seg)
        if m and len(pats.has_heading_word.findall(m.group("rest"))) < 2:
            # ("Preamble Chapter 1 … Chapter 2 …" is a table of contents)
            rest = m.group("rest").strip()
            return Tok("head", lineno, text=rest, hkind="preamble", raw=seg)
        if pats.profile.language == "en" and not inline:
            m = _ORDINAL_SCHEDULE().match(seg)
            if m:
                return Tok("head", lineno, hkind="schedule", label=m.group("label").title(),
                           heading=m.group("rest").strip(" .:-"), raw=seg)
        for kind, rx in pats.containers:
            m = rx().match(seg)
            if m:
                rest = m.group("rest")
                if not m.group("sep") and rest and rest[:1].islower():
                    continue  # "Section 5 of the Act …": a sentence, not a heading
                heading, text = split_heading(rest, container=True)
                return Tok("head", lineno, text=text, hkind=kind, label=m.group("label"),
                           heading=heading, raw=seg)
        return None


def classify_lines(prof: Profile, lines: list[str]) -> tuple[Patterns, list[Tok]]:
    """Headings and text of every line, read with one profile's words."""
    pats = compile_profile(prof)
    tokens = Classifier(pats, lines).run()
    heads = Counter(t.hkind for t in tokens if t.kind == "head")
    if not heads["article"] and not heads["amendment"] and \
            heads["section"] + heads["division"] >= 2:
        for t in tokens:
            if t.hkind in SECTION_KINDS:
                t.hkind = "article"  # "Section N" is the only numbered unit
    return pats, tokens


def has_units(tokens: list[Tok]) -> bool:
    return any(t.kind == "head" and t.hkind in ("article", "amendment") for t in tokens)


def bare_roman_containers(tokens: list[Tok], prof: Profile) -> list[Tok]:
    """"I. Basic Rights" lines as parts, for texts whose parts carry no heading word."""
    kinds = [k for k, _ in prof.containers]
    kind = "chapter" if "chapter" in kinds else kinds[0]
    out: list[Tok] = []
    for tok in tokens:
        if tok.kind == "text":
            m = _BARE_ROMAN().match(tok.text)
            if m and m.group("rest")[-1] not in TERMINAL:
                out.append(Tok("head", tok.line, hkind=kind, label=m.group("label"),
                                heading=m.group("rest")))
                continue
        out.append(tok)
    return out
