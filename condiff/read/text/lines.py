"""Classifying lines: each line is a heading (preamble, container, article, amendment) or text.

A line of a PDF extraction may hold several articles ("… guaranteed. Art. 15 Freedom of …"): it
is split where a heading follows the end of a sentence *and* continues the article numbering, so
cross-references ("see Art. 85") are never taken for headings.
"""

from __future__ import annotations

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
    label_key,
    lazy,
    repair_label,
)
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


class Classifier:
    def __init__(self, pats: Patterns, lines: list[str]) -> None:
        self.pats = pats
        self.lines = lines
        self.tokens: list[Tok] = []
        self.open: list[tuple[int, str, str, str, str]] = []  # rank, kind, label, heading, raw
        self.last_key: tuple[int, str] | None = None
        self.repeated = running_headers(lines)

    def run(self) -> list[Tok]:
        blank = False
        for i, line in enumerate(self.lines, 1):
            if not line:
                blank = True
                continue
            if self.open:
                line = self._strip_running_header(line)
                if not line:
                    continue
            before = len(self.tokens)
            self._classify(line, i)
            if len(self.tokens) > before:
                self.tokens[before].blank_before = blank
                blank = False
        return self.tokens

    def _strip_running_header(self, line: str) -> str:
        for _, _, _, heading, raw in self.open:
            if heading and len(line) > len(raw) and line.startswith(raw):
                return line[len(raw):].strip()
        return line

    def _classify(self, line: str, lineno: int) -> None:
        pats = self.pats
        if (len(line) < 40 or not pats.has_heading_word.search(line)) \
                and not pats.any_head.match(line):
            # most lines: no heading anywhere in them, so one text token (or none)
            if line not in self.repeated and not is_junk(line):
                self.tokens.append(Tok("text", lineno, text=line))
            return
        segments = self._split_inline(line)
        for k, seg in enumerate(segments):
            tok = self._heading(seg, lineno, inline=k > 0)
            if tok is None:
                if seg in self.repeated or is_junk(seg):
                    continue
                self.tokens.append(Tok("text", lineno, text=seg))
                continue
            self._push_head(tok)

    def _push_head(self, tok: Tok) -> None:
        rank = self.pats.rank.get(tok.hkind)
        if rank is not None:
            for r, kind, label, heading, _ in self.open:
                if r == rank and kind == tok.hkind and label == tok.label and heading \
                        and heading.casefold() == tok.heading.casefold():
                    return  # a running header repeating the part we are in
            self.open = [o for o in self.open if o[0] < rank]
            self.open.append((rank, tok.hkind, tok.label, tok.heading, tok.raw))
        elif tok.hkind in ("article", "amendment"):
            self.last_key = label_key(tok.label) if tok.hkind == "article" else self.last_key
        self.tokens.append(tok)
        if tok.text:
            self.tokens.append(Tok("text", tok.line, text=tok.text))
            tok.text = ""

    def _split_inline(self, line: str) -> list[str]:
        """Cut a line where a further article (or part) heading starts mid-line.

        A cut needs the article numbering to continue: after the end of a sentence the next
        number may skip a few (repealed articles are often left out); after a capitalised
        word (a part heading run into the line) it must be exactly the next one. References
        such as "under Art. 85" never qualify."""
        if len(line) < 40 or not self.pats.has_heading_word.search(line):
            return [line]
        if not self.pats.has_article_word.search(line):
            return self._split_containers([line])
        cuts: list[tuple[int, tuple[int, int], str]] = []
        last = self.last_key
        m0 = self.pats.unit.match(line)
        if m0 and m0.group("art"):
            last = label_key(clean_label(m0.group("label")))
        after_part = any(rx().match(line) for _, rx in self.pats.containers)
        for m in self.pats.unit_inline.finditer(line):
            if m.start() == 0:
                continue
            key = label_key(clean_label(m.group("label")))
            # only the last words matter; slicing keeps long one-line texts linear
            before = _JUNK_TAIL().sub("", line[max(0, m.start() - 120): m.start()])
            if not before:
                continue
            after_sentence = before[-1] in ".!?;:»\"”)]" and m.group("sep") != ","
            capital = before.rsplit(None, 1)[-1][:1].isupper()
            if last is None:
                ok = key[0] <= 3 and (after_sentence or capital)
            elif after_sentence:
                ok = last < key and key[0] - last[0] <= 3
            elif capital or before[-1] in ".!?;:" or (after_part and not cuts):
                ok = last < key and key[0] - last[0] <= 1
            else:
                ok = False
            fixed = ""
            if not ok and last is not None and after_sentence and last[0] < key[0]:
                fixed = repair_label(clean_label(m.group("label")), last, 1)
                ok = bool(fixed)
            if ok:
                cuts.append((m.start("head"), m.span("label"), fixed))
                last = label_key(fixed) if fixed else key
        if not cuts:
            return self._split_containers([line])
        ends = [c for c, _, _ in cuts[1:]] + [len(line)]
        out = [line[:cuts[0][0]].strip()]
        for (c, (start, end), fixed), stop in zip(cuts, ends, strict=True):
            # a repaired heading is read as the number it should have been printed with
            seg = line[c:start] + fixed + line[end:stop] if fixed else line[c:stop]
            out.append(seg.strip())
        return self._split_containers([s for s in out if s])

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
        pats = self.pats
        if not pats.any_head.match(seg):
            return None
        m = pats.unit.match(seg)
        if m:
            kind = "article" if m.group("art") else "amendment"
            heading, text = split_heading(m.group("rest"), container=False)
            return Tok("head", lineno, text=text, hkind=kind, label=clean_label(m.group("label")),
                        heading=heading, raw=seg)
        m = None if inline else pats.preamble.match(seg)
        if m:
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
