"""The Word redline: real tracked changes that accept to the new text and reject to the old.

The document XML is read back here with lxml, independently of the writer: accepting every
change means dropping ``w:del`` content and paragraphs whose mark is deleted; rejecting means
dropping ``w:ins`` content and paragraphs whose mark is inserted. What remains after the
"Redline" heading must be the new (or old) document: each unit's heading, then each text block
with its number, in document order.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import condiff
from condiff.cli import main
from condiff.model import Comparison, Document, Provision, finalize
from condiff.render.docx import REDLINE_HEADING, block_text, in_place, plan, render

from .conftest import raw_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document_xml(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _view(data: bytes, mode: str) -> tuple[list[str], list[str]]:
    """(headings, body paragraphs) of the redline after accepting or rejecting everything."""
    drop = W + ("del" if mode == "accept" else "ins")
    body = _document_xml(data).find(W + "body")
    assert body is not None
    headings: list[str] = []
    paras: list[str] = []
    started = False
    for p in body.iterchildren(W + "p"):
        mark = p.find(f"{W}pPr/{W}rPr/{drop}")
        style = p.find(f"{W}pPr/{W}pStyle")
        is_heading = style is not None and style.get(W + "val", "").startswith("Heading")
        text = "".join(
            "\n" if node.tag == W + "br" else (node.text or "")
            for node in p.iter(W + "t", W + "delText", W + "br")
            if not any(a.tag == drop for a in node.iterancestors()))
        if not started:
            started = is_heading and text == REDLINE_HEADING
            continue
        if mark is not None:
            continue  # the whole paragraph goes with its mark
        (headings if is_heading else paras).append(text)
    return headings, paras


def _expected(doc: Document) -> tuple[list[str], list[str]]:
    heads = [u.display_label + (f" — {u.heading}" if u.heading else "") for u in doc.units()]
    return heads, [block_text(doc, b.id) for u in doc.units() for b in u.blocks()]


def _check(comparison: Comparison, data: bytes) -> None:
    assert _view(data, "accept") == _expected(comparison.new)
    assert _view(data, "reject") == _expected(comparison.old)
    root = _document_xml(data)
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    assert root.findall(f".//{W}ins") and root.findall(f".//{W}del")
    assert {m.get(W + "author") for m in marks} == {"condiff"}
    dates = {m.get(W + "date") for m in marks}
    assert len(dates) == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", dates.pop() or "")
    opened = docx.Document(io.BytesIO(data))
    assert opened.paragraphs[0].style.name == "Title"


def _comment_texts(data: bytes) -> dict[int, str]:
    tree = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml"))
    return {int(c.get(W + "id") or -1): "\n".join(
        "".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
        for c in tree.iter(W + "comment")}


def _ranges(data: bytes) -> dict[int, str]:
    """Text each comment range covers, deleted and inserted words alike."""
    body = _document_xml(data).find(W + "body")
    assert body is not None
    open_ids: set[int] = set()
    out: dict[int, str] = {}
    for node in body.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t", W + "delText"):
        if node.tag == W + "commentRangeStart":
            open_ids.add(int(node.get(W + "id") or -1))
        elif node.tag == W + "commentRangeEnd":
            open_ids.discard(int(node.get(W + "id") or -1))
        else:
            for cid in open_ids:
                out[cid] = out.get(cid, "") + (node.text or "")
    return out


@pytest.fixture(scope="module")
def sample() -> tuple[Comparison, bytes]:
    """The bundled pair's comparison and its Word redline, made once for the module."""
    comparison = condiff.compare(condiff.load("sample:2009"), condiff.load("sample:2026"))
    return comparison, render(comparison)


def test_sample_pair_accepts_to_new_and_rejects_to_old(sample: tuple[Comparison, bytes]
                                                        ) -> None:
    _check(*sample)


def test_findings_are_comments_on_their_evidence(sample: tuple[Comparison, bytes]) -> None:
    comparison, data = sample
    comments = _comment_texts(data)
    ranges = _ranges(data)
    assert set(ranges) == set(comments)  # every comment is anchored somewhere
    for finding in comparison.findings:
        mine = [cid for cid, text in comments.items()
                if text.startswith(f"{finding.title}: {finding.kind.replace('-', ' ')}")
                and f"[{finding.topic}," in text]
        assert len(mine) == 1, finding.topic
        spans = finding.new_spans or finding.old_spans
        if spans:
            assert ranges[mine[0]] == spans[0].text
    strike = next(f for f in comparison.findings if f.topic == "strike")
    assert strike.kind == "removed"
    cid = next(c for c, t in comments.items() if "[strike," in t)
    assert ranges[cid] == "right to strike"


def test_first_page_summary_and_findings_table(sample: tuple[Comparison, bytes]) -> None:
    comparison, data = sample
    opened = docx.Document(io.BytesIO(data))
    headings = [p.text for p in opened.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Rights findings", REDLINE_HEADING]
    table = opened.tables[-1]
    assert len(table.rows) == 1 + len(comparison.findings)
    assert table.rows[1].cells[1].text == comparison.findings[0].severity
    # one navigation-pane heading per article (an article moved out of order has two)
    navigation = [p for p in opened.paragraphs if p.style.name == "Heading 2"]
    assert len(navigation) >= len(comparison.new.units())


def _doc(*units: Provision) -> Document:
    return finalize(Document(title="t", date="2030-01-01", provisions=units))


def _art(label: str, heading: str, *paras: str) -> Provision:
    return Provision("article", label, heading=heading, children=tuple(
        Provision("paragraph", str(i), text=t) for i, t in enumerate(paras, 1)))


def test_moved_article_is_a_deletion_and_an_insertion_with_a_note() -> None:
    """An article that changed places cannot be one redline without breaking one of the two
    orders: it is deleted where it stood and inserted where it stands, with a comment."""
    farm = _art("1", "Farming", "Farmers may sell at the market on any weekday morning.")
    fish = _art("2", "Fishing", "Nets must be lifted before sunset and dried on the shore.")
    mill = _art("3", "Milling", "The mill grinds grain for every household at cost price.")
    old = _doc(farm, fish, mill)
    new = _doc(_art("1", "Milling", "The mill grinds grain for every household at cost "
                    "price."), _art("2", "Farming", "Farmers may sell at the market on any "
                                    "weekday morning."),
               _art("3", "Fishing", "Nets must be lifted before sunset and dried on the "
                    "shore; the harbour master may allow exceptions."))
    comparison = condiff.compare(old, new, rules=False)
    data = render(comparison)
    _check(comparison, data)
    notes = [t for t in _comment_texts(data).values() if t.startswith("Moved:")]
    assert len(notes) == 2


def test_plan_keeps_both_orders() -> None:
    items = [(0, 1), (1, 0), (2, 2), (None, 3), (3, None)]
    assert in_place(items) in ({0, 2}, {1, 2})
    order = plan(items)
    new_side = [items[i][1] for i, mode in order if mode in ("=", "+")]
    old_side = [items[i][0] for i, mode in order if mode in ("=", "-")]
    assert new_side == sorted(new_side) and old_side == sorted(old_side)
    shown = sorted(i for i, _ in order)
    moved = ({0, 1} - in_place(items)).pop()
    assert shown == sorted([0, 1, 2, 3, 4, moved])  # the moved one shown on both sides


@pytest.mark.corpora
def test_kazakhstan_pair() -> None:
    old = condiff.load(raw_path("kazakhstan-1995-rev2022-ru.txt"))
    new = condiff.load(raw_path("kazakhstan-2026-ru.txt"))
    comparison = condiff.compare(old, new)
    data = render(comparison)
    _check(comparison, data)
    comments = _comment_texts(data)
    assert sum(1 for t in comments.values() if not t.startswith("Moved:")) == len(
        comparison.findings)
    ranges = _ranges(data)
    strike = next(cid for cid, t in comments.items() if "[strike," in t)
    assert ranges[strike].casefold().startswith("забастов")


def test_cli_writes_docx_and_refuses_a_terminal(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "redline.docx"
    assert main(["diff", "sample:2009", "sample:2026", "--format", "docx", "-o", str(out)]) == 1
    assert zipfile.is_zipfile(out)
    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["diff", "sample:2009", "sample:2026", "--format", "docx"]) == 2
    err = capsys.readouterr().err
    assert "binary file" in err and "-o report.docx" in err


_WORDS = ("lake", "boat", "net", "mill", "grain", "fish", "shore", "toll", "bridge", "road",
          "market", "bell", "tower", "field", "well", "river", "guild", "court", "law", "vote")


@st.composite
def _version_pair(draw: st.DrawFn) -> tuple[Document, Document]:
    """An old version and a new one made from it by moving, dropping, adding and rewording
    articles and paragraphs."""
    def sentence() -> str:
        return " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=4, max_size=12))) + "."

    old_units = []
    for _ in range(draw(st.integers(2, 6))):
        old_units.append([sentence() for _ in range(draw(st.integers(0, 3)))])
    new_units = [list(u) for u in old_units if draw(st.booleans()) or len(old_units) < 3]
    for unit in new_units:
        if unit and draw(st.booleans()):
            unit[draw(st.integers(0, len(unit) - 1))] = sentence()
        if len(unit) > 1 and draw(st.booleans()):
            unit.reverse()
    if draw(st.booleans()):
        new_units.append([sentence()])
    if len(new_units) > 1 and draw(st.booleans()):
        new_units.reverse()

    def build(units: list[list[str]], date: str) -> Document:
        return finalize(Document(title="t", date=date, provisions=tuple(
            Provision("article", str(i), text="" if paras else "This article is empty.",
                      children=tuple(Provision("paragraph", str(j), text=t)
                                     for j, t in enumerate(paras, 1)))
            for i, paras in enumerate(units, 1))))

    return build(old_units, "2020-01-01"), build(new_units, "2030-01-01")


@settings(max_examples=25, deadline=None)
@given(_version_pair())
def test_any_pair_accepts_to_new_and_rejects_to_old(pair: tuple[Document, Document]) -> None:
    comparison = condiff.compare(*pair, rules=False)
    data = render(comparison)
    assert _view(data, "accept") == _expected(comparison.new)
    assert _view(data, "reject") == _expected(comparison.old)
