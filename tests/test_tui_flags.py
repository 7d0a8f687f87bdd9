"""A finding flags every article its evidence is in: ⚑ in the list, the badge on the evidence
block and the finding in the side panel, not only on the article `r` goes to."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from condiff.model import Comparison, Finding, Span
from condiff.tui.app import make_app
from condiff.tui.review_model import RIGHTS_MARK, ReviewModel
from condiff.tui.widgets.annotations import AnnotationPanel
from condiff.tui.widgets.diff_view import DiffView
from condiff.tui.widgets.navigator import Navigator, entry_prompt
from tests.tui_fixture import build_comparison


def _comparison() -> tuple[Comparison, int, int]:
    c = build_comparison()
    text = c.new.find("7").text  # type: ignore[union-attr]
    words = "assemble peacefully"
    # Attached to old 4 → new 5 (equality), with evidence in new 7 (assembly).
    equality = Finding("equal", "Equality before the law", "weakened", "medium", 0.6,
                       old=("4",), new=("5",),
                       new_spans=(Span("7", text.index(words), text.index(words) + len(words),
                                       words),),
                       annotation="Equal treatment now depends on lawful assembly.")
    c = replace(c, findings=(equality,))
    shown = next(i for i, p in enumerate(c.alignment) if p.old == ("4",))
    evidence = next(i for i, p in enumerate(c.alignment) if p.new == ("7",))
    return c, shown, evidence


def test_flag_on_every_article_the_evidence_cites() -> None:
    c, shown, evidence = _comparison()
    model = ReviewModel(c)
    assert model.finding_pair[0] == shown  # `r` still goes to the article it is attached to
    assert model.findings_by_pair[shown] == (0,) and model.findings_by_pair[evidence] == (0,)
    assert RIGHTS_MARK in entry_prompt(model, model.entry_of(evidence)).plain
    assert model.badge_block(0, evidence) == ("new", c.new.find("7").id)  # type: ignore[union-attr]
    assert set(e.index for e in model.visible_entries("rights")) == {shown, evidence}


def test_badge_and_panel_on_the_evidence_article(tmp_path: Path) -> None:
    c, _, evidence = _comparison()
    app = make_app(c, notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.main.select(evidence)
            await pilot.pause()
            shown = " ".join(app.main.query_one(DiffView).plain_text().split())
            assert "⚑ Equality before the" in shown  # the badge, on new 7's block
            panel = str(app.main.query_one(AnnotationPanel).body.content)
            assert "Equality before the law" in panel
            nav = app.main.query_one(Navigator)
            line = nav.get_option(str(evidence)).prompt
            assert RIGHTS_MARK in str(line)

    asyncio.run(drive())


def test_every_finding_r_lands_on_shows_its_badge(tmp_path: Path) -> None:
    """On the sample pair, where a paragraph moved to another article's entry, `r` goes to the
    entry that draws the finding's evidence, and the badge is on screen for every finding."""
    import condiff

    c = condiff.compare(condiff.load("sample:2009"), condiff.load("sample:2026"))
    app = make_app(c, notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen = set()
            for _ in range(len(c.findings)):
                await pilot.press("r")
                await pilot.pause()
                fi = app.main.selected_finding
                assert fi is not None
                seen.add(fi)
                diff = app.main.query_one(DiffView)
                assert diff.selected_line is not None, c.findings[fi].title
                title = c.findings[fi].title
                assert title.split(":")[0][:18] in " ".join(diff.visible_text().split())
            assert len(seen) == len([p for p in app.model.finding_pair if p is not None])

    asyncio.run(drive())
