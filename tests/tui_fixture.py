"""A small hand-built comparison for the review UI tests.

The two versions of the invented Republic of Arvelia are written here in our own words; the
alignment, paragraph pairs and findings are constructed explicitly (redlines by a word-level
difflib), so the TUI tests depend on neither the aligner nor the rules engine.
"""

from __future__ import annotations

import difflib
import re

from condiff.model import ArticlePair, Comparison, Document, Finding, ParagraphPair, Span
from condiff.read import parse_string

OLD_YAML = """\
title: Constitution of the Republic of Arvelia
country: Arvelia
version: "2001"
language: en
provisions:
  - kind: preamble
    text: We, the people of Arvelia, adopt this Constitution.
  - kind: chapter
    label: "I"
    heading: Foundations
    children:
      - kind: article
        label: "1"
        heading: The State
        text: Arvelia is a democratic republic governed by law.
      - kind: article
        label: "2"
        heading: Sources of law
        children:
          - The Constitution has the highest legal force.
          - Ratified international treaties take precedence over the laws of the Republic.
      - kind: article
        label: "3"
        heading: Capital
        text: The capital of Arvelia is Lorn.
  - kind: chapter
    label: "II"
    heading: Rights and freedoms
    children:
      - kind: article
        label: "4"
        text: All persons are equal before the law and the courts.
      - kind: article
        label: "5"
        heading: Work
        children:
          - Everyone is free to choose a trade or profession.
          - Everyone has the right to fair pay for work.
          - The right to strike is recognised.
      - kind: article
        label: "6"
        text: Citizens may assemble peacefully without prior permission.
      - kind: article
        label: "7"
        text: The Commissioner for Human Rights is elected by the Senate.
  - kind: chapter
    label: "III"
    heading: Parliament
    children:
      - kind: article
        label: "8"
        text: Parliament consists of two chambers.
      - kind: article
        label: "9"
        text: Any citizen may petition Parliament.
"""

NEW_YAML = """\
title: Constitution of the Republic of Arvelia
country: Arvelia
version: "2024"
language: en
provisions:
  - kind: preamble
    text: We, the people of Arvelia, adopt this Constitution.
  - kind: chapter
    label: "I"
    heading: Foundations
    children:
      - kind: article
        label: "1"
        heading: The State
        text: Arvelia is a democratic republic governed by law.
      - kind: article
        label: "2"
        heading: Sources of law
        children:
          - The Constitution has the highest legal force.
          - Ratified international treaties apply as the laws of the Republic provide.
      - kind: article
        label: "3"
        heading: Associations
        text: Associations shall disclose every foreign source of their funding.
      - kind: article
        label: "4"
        heading: Capital
        text: The capital of Arvelia is Lorn.
  - kind: chapter
    label: "II"
    heading: Rights and freedoms
    children:
      - kind: article
        label: "5"
        text: All persons are equal before the law and the courts.
      - kind: article
        label: "6"
        heading: Work
        children:
          - Everyone is free to choose a trade or profession.
          - Everyone has the right to fair pay for work.
          - Labour disputes are settled by conciliation as the law provides.
      - kind: article
        label: "7"
        text: Citizens may assemble peacefully after notifying the authorities.
      - kind: article
        label: "8"
        text: The Commissioner for Human Rights is appointed by the President.
  - kind: chapter
    label: "III"
    heading: Parliament
    children:
      - kind: article
        label: "9"
        text: Parliament consists of two chambers.
"""


def word_ops(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level redline of two strings (keeps the ParagraphPair.ops contract)."""
    a = re.findall(r"\s+|\w+|[^\w\s]", old)
    b = re.findall(r"\s+|\w+|[^\w\s]", new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return tuple(ops)


def _pair(old: Document, new: Document, olds: list[str], news: list[str], kind: str,
          score: float, matched_by: str = "content") -> ArticlePair:
    old_units = [old.find(label) for label in olds]
    new_units = [new.find(label) for label in news]
    ob = [b for u in old_units if u for b in u.blocks()]
    nb = [b for u in new_units if u for b in u.blocks()]
    rows: list[ParagraphPair] = []
    for k in range(max(len(ob), len(nb))):
        o = ob[k] if k < len(ob) else None
        n = nb[k] if k < len(nb) else None
        ops = word_ops(o.text if o else "", n.text if n else "")
        if o and n:
            pk = "unchanged" if o.text == n.text else "modified"
        else:
            pk = "removed" if o else "added"
        rows.append(ParagraphPair(o.ref if o else None, n.ref if n else None,
                                  o.id if o else None, n.id if n else None, pk, ops,
                                  1.0 if pk == "unchanged" else 0.6))
    return ArticlePair(tuple(olds), tuple(news), tuple(u.id for u in old_units if u),
                       tuple(u.id for u in new_units if u), kind, score, matched_by,
                       tuple(rows))


def _span(doc: Document, ref: str, words: str) -> Span:
    node = doc.find(ref)
    assert node is not None
    start = node.text.index(words)
    return Span(ref, start, start + len(words), words)


def build_comparison() -> Comparison:
    """The Arvelia 2001 → 2024 comparison with five findings."""
    old = parse_string(OLD_YAML, "yaml", path="arvelia-2001.yaml")
    new = parse_string(NEW_YAML, "yaml", path="arvelia-2024.yaml")
    alignment = (
        _pair(old, new, ["preamble"], ["preamble"], "unchanged", 1.0, "exact"),
        _pair(old, new, ["1"], ["1"], "unchanged", 1.0, "exact"),
        _pair(old, new, ["2"], ["2"], "modified", 0.7),
        _pair(old, new, [], ["3"], "added", 0.0, "none"),
        _pair(old, new, ["3"], ["4"], "renumbered", 1.0, "exact"),
        _pair(old, new, ["4"], ["5"], "renumbered", 1.0, "exact"),
        _pair(old, new, ["5"], ["6"], "modified", 0.7),
        _pair(old, new, ["6"], ["7"], "modified", 0.6),
        _pair(old, new, ["7"], ["8"], "modified", 0.6),
        _pair(old, new, ["8"], ["9"], "renumbered", 1.0, "exact"),
        _pair(old, new, ["9"], [], "removed", 0.0, "none"),
    )
    findings = (
        Finding("strike", "Right to strike", "removed", "critical", 0.9, old=("5.3",),
                new=("6.3",), old_spans=(_span(old, "5.3", "right to strike"),),
                category="labour",
                annotation="Workers lose the constitutional protection of collective action.",
                references=("ICESCR art. 8(1)(d)", "ILO C087")),
        Finding("treatcon", "Treaties above laws", "removed", "high", 0.8, old=("2.2",),
                new=("2.2",), old_spans=(_span(old, "2.2", "take precedence over"),),
                category="international-law",
                annotation="Ratified treaties no longer prevail over ordinary laws.",
                references=("VCLT art. 27",)),
        Finding("assem", "Freedom of assembly", "weakened", "medium", 0.7, old=("6",),
                new=("7",), old_spans=(_span(old, "6", "without prior permission"),),
                new_spans=(_span(new, "7", "after notifying the authorities"),),
                category="civil", annotation="Assemblies now depend on notice to the state.",
                references=("ICCPR art. 21",)),
        Finding("assoc", "Associations: foreign funding", "restriction-added", "medium", 0.6,
                new=("3",), new_spans=(_span(new, "3", "disclose every foreign source"),),
                category="civil", annotation="A new duty that can be used against NGOs.",
                references=("ICCPR art. 22",)),
        Finding("hr_comm", "Human rights commissioner", "oversight-removed", "medium", 0.6,
                old=("7",), new=("8",), old_spans=(_span(old, "7", "elected by the Senate"),),
                category="oversight",
                annotation="The commissioner no longer answers to Parliament.",
                references=("Paris Principles",)),
    )
    return Comparison(old=old, new=new, alignment=alignment, findings=findings)
