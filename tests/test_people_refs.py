"""Everywhere a person reads, a provision is named the way people cite it, never by its internal
id: also a provision whose number occurs twice (a list that restarts its numbering), which the
pipeline can only key by id."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import replace

import pytest

import condiff
from condiff.model import Comparison, Finding, Span
from condiff.read import parse_string
from condiff.render import render
from condiff.render.cite import cite, ordinal, people_ref

# Article 64's numbering restarts: the second "1." is a new duty in the new version.
OLD = """\
title: Charter of Osmia
version: "2001"
provisions:
  - kind: article
    label: "63"
    text: Everyone may choose a trade.
  - kind: article
    label: "64"
    children:
      - {kind: paragraph, label: "1", text: Everyone shall pay the taxes set by law.}
"""
NEW = """\
title: Charter of Osmia
version: "2024"
provisions:
  - kind: article
    label: "63"
    text: Everyone may choose a trade.
  - kind: article
    label: "64"
    children:
      - {kind: paragraph, label: "1", text: Everyone shall pay the taxes set by law.}
      - {kind: paragraph, label: "1", text: Every able adult has the duty to work.}
"""
_ID = re.compile(r"\b(?:art|para|item)_\w*__|\b\w+_\d+_\d+\b")


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    old, new = parse_string(OLD, "yaml"), parse_string(NEW, "yaml")
    c = condiff.compare(old, new, rules=False)
    second = next(p for p in new.walk() if "duty to work" in p.text)
    assert second.ref == "" and second.id == "art_64__para_1_2"
    duty = Finding("work", "Duty to work", "added", "info", 0.6, new=(second.id,),
                   new_spans=(Span(second.id, 14, 30, "the duty to work"),))
    return replace(c, findings=(duty,))


def test_cite_and_people_ref_of_an_id(comparison: Comparison) -> None:
    new = comparison.new
    assert cite(new, "art_64__para_1_2") == "Art. 64(1) [2nd]"
    assert cite(new, "64.1") == "Art. 64(1) [1st]"
    assert people_ref(new, "art_64__para_1_2") == "64.1 [2nd]"
    assert people_ref(new, "64.1") == "64.1"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_reports_show_no_internal_ids(comparison: Comparison, fmt: str) -> None:
    out = render(comparison, fmt)
    assert not _ID.search(out.replace("\\_", "_")), _ID.search(out.replace("\\_", "_"))
    assert "64(1) [2nd]" in out.replace("\\[", "[").replace("\\]", "]") or "64.1 [2nd]" in out


def test_text_findings_line_cites_like_check(comparison: Comparison) -> None:
    out = render(comparison, "text")
    assert "Duty to work: added [info] — → Art. 64(1) [2nd]" in out
    assert "  64.1 [2nd]  {+Every able adult has the duty to work.+}" in out


def test_json_keeps_machine_refs_and_adds_people_cites(comparison: Comparison) -> None:
    finding = json.loads(render(comparison, "json"))["findings"][0]
    assert finding["new"] == ["art_64__para_1_2"]
    assert finding["new_cites"] == ["Art. 64(1) [2nd]"]
    assert finding["summary"] == "— → Art. 64(1) [2nd]: Duty to work added [work, info]"


def test_review_ui_shows_people_refs(comparison: Comparison, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from condiff.tui.app import make_app
    from condiff.tui.widgets.annotations import AnnotationPanel
    from condiff.tui.widgets.diff_view import DiffView

    app = make_app(comparison, notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            shown = app.main.query_one(DiffView).plain_text()
            panel = str(app.main.query_one(AnnotationPanel).body.content)
            assert "64.1 [2nd]" in shown and "64.1 [2nd]" in panel
            assert "art_64" not in shown + panel

    asyncio.run(drive())
