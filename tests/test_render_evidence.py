"""Evidence in reports: the matched words quoted in their sentence, one line per provision;
character offsets only in the JSON."""

from __future__ import annotations

import json
from dataclasses import replace

from markdown_it import MarkdownIt

from condiff.model import Comparison, Document, Finding, Provision, Span, finalize
from condiff.render.evidence import CONTEXT_WORDS, excerpts
from condiff.render.json import render as render_json
from condiff.render.markdown import render

_LONG = ("In every region the Commissioner is elected by the Senate on the proposal of the "
         "President for a term of five years, renewable once, and may not hold any other "
         "office, paid or unpaid, during that term.")


def _doc(text: str) -> Document:
    return finalize(Document(title="Charter", version="1", provisions=(
        Provision("article", "64", children=(
            Provision("paragraph", "1", text="The Commissioner protects human rights."),
            Provision("paragraph", "2", text=text))),)))


def _spans(text: str, *words: str) -> tuple[Span, ...]:
    return tuple(Span("64.2", text.index(w), text.index(w) + len(w), w) for w in words)


def _comparison(spans: tuple[Span, ...]) -> Comparison:
    old = _doc(_LONG)
    finding = Finding("ombuds", "Ombudsman", "oversight-removed", "high", 0.8, old=("64.2",),
                      old_spans=spans)
    return Comparison(old, old, findings=(finding,))


def _evidence_lines(report: str) -> list[str]:
    block = report.split("*Evidence:*\n\n", 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


def test_spans_of_one_provision_are_one_quoted_line() -> None:
    spans = _spans(_LONG, "elected", "Senate", "office", "Senate", "elected by")
    lines = _evidence_lines(render(_comparison(spans)))
    assert lines == ["- old Art. 64(2): “In every region the Commissioner is *elected by* the "
                     "*Senate* on "
                     "the proposal of the President for a term of five years, renewable once, "
                     "and may not hold any other *office*, paid or unpaid, during that term.”"]
    assert "characters" not in render(_comparison(spans))


def test_far_apart_words_are_joined_with_an_ellipsis() -> None:
    text = " ".join(f"w{i}" for i in range(60)) + " strike " + " ".join(
        f"v{i}" for i in range(60)) + " assembly end."
    (x,) = excerpts(_doc(text), _spans(text, "strike", "assembly"))
    quoted = [t for t, q in x.pieces if q]
    assert quoted == ["strike", "assembly"] and (" … ", False) in x.pieces
    shown = "".join(t for t, _ in x.pieces)
    assert len(shown.split()) <= 2 * (2 * CONTEXT_WORDS + 1) + 1
    assert x.cut_start and not x.cut_end


def test_markdown_quotes_render_as_italics_in_text() -> None:
    spans = _spans(_LONG, "Senate")
    line = _evidence_lines(render(_comparison(spans)))[0]
    tokens = MarkdownIt("commonmark").parse(line)
    inline = next(t for t in tokens if t.type == "inline")
    kinds = [c.type for c in inline.children]
    assert kinds.count("em_open") == 1
    em = inline.children[kinds.index("em_open") + 1].content
    assert em == "Senate"


def test_offsets_stay_in_the_json() -> None:
    spans = _spans(_LONG, "Senate")
    data = json.loads(render_json(_comparison(spans)))
    assert data["findings"][0]["old_spans"] == [
        {"ref": "64.2", "start": _LONG.index("Senate"), "end": _LONG.index("Senate") + 6,
         "text": "Senate"}]


def test_stale_offsets_fall_back_to_the_words() -> None:
    stale = (replace(_spans(_LONG, "Senate")[0], start=0, end=6),)
    (x,) = excerpts(_doc(_LONG), stale)
    assert [t for t, q in x.pieces if q] == ["Senate"]
