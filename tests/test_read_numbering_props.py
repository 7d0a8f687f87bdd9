"""Property tests of the numbering as evidence: in generated texts with headings in every
position the reader meets (own line, run into the text, at the end of a line), cross-references
in the running text, and some headings destroyed, the reader finds exactly the surviving
headings and reports exactly the destroyed ones.

The sentences are generated from a small invented vocabulary; nothing comes from a real text.
"""

from __future__ import annotations

import warnings

from hypothesis import given
from hypothesis import strategies as st

from condiff.read.text import parse_text

_WORDS = ("the council", "every citizen", "the assembly", "a court", "the treasury",
          "each province", "the governor", "any person")
_VERBS = ("may appoint", "shall publish", "must protect", "may dissolve", "shall hear")


@st.composite
def _texts(draw: st.DrawFn) -> tuple[str, list[int], list[int]]:
    n = draw(st.integers(6, 40))
    # (a heading lost after the last one read leaves no trace in the numbering)
    lost = sorted(draw(st.sets(st.integers(2, n - 1), max_size=3)))
    layout = draw(st.sampled_from(("lines", "run-in", "end-of-line")))
    headings, bodies = [], []
    for k in range(1, n + 1):
        subject = draw(st.sampled_from(_WORDS))
        verb = draw(st.sampled_from(_VERBS))
        body = f"{subject[:1].upper()}{subject[1:]} {verb} {draw(st.sampled_from(_WORDS))}"
        if draw(st.booleans()):  # a cross-reference to any article, even the next one
            body += f" under Article {draw(st.integers(1, n + 5))}"
        bodies.append(body + ".")
        # a destroyed heading leaves words that are no heading
        headings.append(f"Article {k}" if k not in lost else f"The rule {k}")
    if layout == "lines":
        lines = [x for h, b in zip(headings, bodies, strict=True) for x in (h, b, "")]
    elif layout == "run-in":
        lines = [" ".join(f"{h} {b}" for h, b in zip(headings, bodies, strict=True))]
    else:  # each line holds the text of one article, then the heading of the next
        lines = [headings[0]]
        lines += [f"{b} {h}" for b, h in zip(bodies, headings[1:], strict=False)]
        lines.append(bodies[-1])
    text = "Constitution of the Union of Teval\n\n" + "\n".join(lines) + "\n"
    kept = [k for k in range(1, n + 1) if k not in lost]
    return text, kept, lost


@given(_texts())
def test_surviving_headings_are_read_and_lost_ones_reported(
        case: tuple[str, list[int], list[int]]) -> None:
    text, kept, lost = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = parse_text(text, "teval.txt")
    labels = [u.label for u in doc.units() if u.kind == "article"]
    assert labels == [str(k) for k in kept]
    missing = [label for issue in doc.numbering if issue.kind == "gap" for label in issue.labels]
    assert missing == [str(k) for k in lost]
    assert all(issue.kind == "gap" for issue in doc.numbering)
