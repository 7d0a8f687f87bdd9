"""Hand-built comparisons for the report and gate tests.

The renderers and the gate only read a :class:`~condiff.model.Comparison`, so their tests build
one explicitly (fictional documents, explicit article pairs and findings) instead of depending on
the aligner and the rules. The redline ops come from a plain difflib word diff, which is enough
to give realistic ``=``/``-``/``+`` sequences.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from condiff.model import (
    ArticlePair,
    Comparison,
    Document,
    Finding,
    Note,
    Op,
    ParagraphPair,
    Span,
)
from condiff.read.yaml_format import parse_yaml

HOSTILE = "a | b *c* _d_ `e` <script>alert(1)</script> <b>x</b> &amp; [l](javascript:x)\n- item"

OLD_YAML = """\
title: Constitution of Veridia
country: Veridia
version: "2009"
language: en
provisions:
  - kind: chapter
    label: "I"
    children:
      - kind: article
        label: "1"
        heading: The State
        text: Veridia is a democratic state.
      - kind: article
        label: "4"
        heading: Sources of law
        children:
          - The Constitution has the highest legal force.
          - Laws are adopted by Parliament.
          - Ratified treaties take precedence over the laws of Veridia.
  - kind: chapter
    label: "II"
    children:
      - kind: article
        label: "24"
        heading: Work
        children:
          - Everyone has the right to work.
          - Everyone has the right to fair pay.
          - The right to strike is recognised.
      - kind: article
        label: "30"
        heading: Old oddities
        text: "a | b *c* _d_ `e` <script>alert(1)</script> <b>x</b> &amp; [l](javascript:x)"
"""

NEW_YAML = """\
title: Constitution of Veridia
country: Veridia
version: "2026"
language: en
provisions:
  - kind: chapter
    label: "I"
    children:
      - kind: article
        label: "1"
        heading: The State
        text: Veridia is a democratic state.
      - kind: article
        label: "5"
        heading: Sources of law
        children:
          - The Constitution has the highest legal force.
          - Laws are adopted by Parliament.
          - Ratified treaties are applied as the laws provide.
  - kind: chapter
    label: "II"
    children:
      - kind: article
        label: "27"
        heading: Labour
        children:
          - Everyone has the right to work.
          - Everyone has the right to fair pay.
          - Labour disputes are settled by the courts.
      - kind: article
        label: "31"
        heading: New | oddities
        text: "*New* text with `ticks` and <i>tags</i> | pipes"
"""

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_ops(old: str, new: str) -> tuple[Op, ...]:
    """A word-level redline of two texts (difflib), lossless on both sides."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return tuple(ops)


def docs() -> tuple[Document, Document]:
    """The fictional old and new documents."""
    return parse_yaml(OLD_YAML, "old.yaml"), parse_yaml(NEW_YAML, "new.yaml")


def _pp(old: Document, new: Document, o: str | None, n: str | None) -> ParagraphPair:
    po = old.find(o) if o else None
    pn = new.find(n) if n else None
    to, tn = (po.text if po else ""), (pn.text if pn else "")
    if po is None:
        kind, ops = "added", (("+", tn),)
    elif pn is None:
        kind, ops = "removed", (("-", to),)
    else:
        kind = "unchanged" if to == tn else "modified"
        ops = word_ops(to, tn)
    return ParagraphPair(old=o, new=n, old_id=po.id if po else None,
                         new_id=pn.id if pn else None, kind=kind, ops=ops,
                         score=1.0 if kind == "unchanged" else 0.5)


def _ap(old: Document, new: Document, o: list[str], n: list[str], kind: str, score: float,
        by: str, paras: list[tuple[str | None, str | None]]) -> ArticlePair:
    return ArticlePair(
        old=tuple(o), new=tuple(n),
        old_ids=tuple(old.find(x).id for x in o),  # type: ignore[union-attr]
        new_ids=tuple(new.find(x).id for x in n),  # type: ignore[union-attr]
        kind=kind, score=score, matched_by=by,
        paragraphs=tuple(_pp(old, new, a, b) for a, b in paras),
    )


def comparison(**overrides: Any) -> Comparison:
    """A complete hand-built comparison: renumbering, a removed right, hostile text."""
    old, new = docs()
    alignment = (
        _ap(old, new, ["1"], ["1"], "unchanged", 1.0, "exact", [("1", "1")]),
        _ap(old, new, ["4"], ["5"], "renumbered", 0.8, "content",
            [("4.1", "5.1"), ("4.2", "5.2"), ("4.3", "5.3")]),
        _ap(old, new, ["24"], ["27"], "renumbered", 0.7, "content",
            [("24.1", "27.1"), ("24.2", "27.2"), ("24.3", "27.3")]),
        _ap(old, new, ["30"], [], "removed", 0.0, "none", [("30", None)]),
        _ap(old, new, [], ["31"], "added", 0.0, "none", [(None, "31")]),
    )
    note = Note(ref="old:24.3", text="Strike clause gone | *check* <b>ILO</b>",
                author="A. Reviewer", tags=("strike", "follow-up"),
                created="2026-11-27T10:00:00Z")
    strike_text = old.find("24.3").text  # type: ignore[union-attr]
    findings = (
        Finding(topic="treatcon", title="Treaty priority over laws", kind="removed",
                severity="high", confidence=0.8, old=("4.3",), new=("5.3",),
                old_spans=(Span("4.3", 0, 16, "Ratified treaties"),), category="international-law",
                annotation="Treaties no longer prevail over conflicting laws.",
                references=("VCLT art. 27",), detail="precedence clause removed"),
        Finding(topic="strike", title="Right to strike", kind="removed", severity="critical",
                confidence=0.9, old=("24.3",), new=("27.3",),
                old_spans=(Span("24.3", 4, 19, strike_text[4:19]),), category="labour",
                annotation="Workers lose the constitutional right to strike.",
                references=("ICESCR art. 8(1)(d)", "ILO C087"), notes=(note,)),
        Finding(topic="express", title="Freedom of expression", kind="moved", severity="low",
                confidence=0.5, old=("30",), new=("31",), detail="<script>x</script> | y"),
    )
    base: dict[str, Any] = dict(old=old, new=new, alignment=alignment, findings=findings,
                                notes=(note,), warnings=("article 30: coarse | diff",))
    base.update(overrides)
    return Comparison(**base)


def parser() -> MarkdownIt:
    """The parser every report test uses: CommonMark + GFM tables + strikethrough."""
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def walk(tokens: list[Token]) -> Iterator[Token]:
    """Every token, inline children included."""
    for tok in tokens:
        yield tok
        if tok.children:
            yield from walk(tok.children)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    """(tag, plain text) of every heading, in order."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((tok.tag, inline_text(tokens[i + 1])))
    return out


def inline_text(tok: Token) -> str:
    """Plain text of an inline token (text and code, markers dropped)."""
    return "".join(c.content for c in (tok.children or []) if c.type in ("text", "code_inline"))


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    out: list[list[list[str]]] = []
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            out.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open") and row is not None:
            row.append(inline_text(tokens[i + 1]))
        elif tok.type == "tr_close" and row is not None:
            out[-1].append(row)
            row = None
    return out


def section(tokens: list[Token], title: str) -> list[Token]:
    """The block tokens under the level-2 heading ``title`` up to the next level-2 heading."""
    start = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            if start is not None:
                return tokens[start:i]
            if inline_text(tokens[i + 1]) == title:
                start = i + 3
    return tokens[start:] if start is not None else []


GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; ``CONDIFF_UPDATE_GOLDEN=1`` rewrites it.

    Golden files are real reports a person can open and read, so a change to the layout shows
    up in review as a readable diff.
    """
    path = GOLDEN / name
    if os.environ.get("CONDIFF_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    if not path.is_file():
        raise AssertionError(f"golden file {path} is missing: run the tests once with "
                             "CONDIFF_UPDATE_GOLDEN=1 and review the file it writes")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (f"{name} differs from the golden file; if the change is intended, "
                              "rerun with CONDIFF_UPDATE_GOLDEN=1 and review the diff")


def need_pipeline() -> None:
    """Skip, saying why, while the aligner, the rules or the bundled corpora are missing."""
    for name in ("condiff.align", "condiff.rules", "condiff.corpora"):
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not there yet: the real pipeline cannot run")


_SAMPLE: list[Comparison] = []


def sample_comparison() -> Comparison:
    """The bundled sample pair through the real pipeline (computed once per test process)."""
    need_pipeline()
    if not _SAMPLE:
        import condiff

        _SAMPLE.append(condiff.compare(condiff.load("sample:2009"), condiff.load("sample:2026")))
    return _SAMPLE[0]
