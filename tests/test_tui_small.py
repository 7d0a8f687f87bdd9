"""The review screen in an 80x24 terminal: a one-line header, the selected finding's badge,
references and highlighted words on screen together, and a footer of whole keys with `?`."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets._footer import FooterKey

from condiff.tui.app import make_app
from condiff.tui.widgets.diff_view import DiffView
from condiff.tui.widgets.summary import Summary
from tests.tui_fixture import build_comparison

LONG = ("Preliminary words fill this paragraph for a while. " * 10
        + "The right to strike is recognised.")


def _long_strike():  # type: ignore[no-untyped-def]
    """The fixture with the strike paragraph made long: its evidence is far below its start."""
    c = build_comparison()
    index = next(i for i, p in enumerate(c.alignment) if p.old == ("5",))
    pair = c.alignment[index]
    row = replace(pair.paragraphs[2], ops=(("-", LONG),))
    start = LONG.index("right to strike")
    strike = replace(c.findings[0], old_spans=(
        replace(c.findings[0].old_spans[0], start=start, end=start + 15),))
    alignment = list(c.alignment)
    alignment[index] = replace(pair, paragraphs=(*pair.paragraphs[:2], row))
    return replace(c, alignment=tuple(alignment), findings=(strike,))


@pytest.mark.parametrize("mode_keys", [(), ("t",)], ids=["side-by-side", "inline"])
def test_badge_references_and_evidence_in_view_together(tmp_path: Path,
                                                       mode_keys: tuple[str, ...]) -> None:
    app = make_app(_long_strike(), notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*mode_keys, "r")
            await pilot.pause()
            diff = app.main.query_one(DiffView)
            assert diff.scroll_offset.y > diff.selected_line  # the block starts above
            shown = diff.visible_text()
            top = shown.splitlines()[0]
            assert "Right to strike" in top and "5.3" in top  # badge and references
            flat = " ".join(shown.replace("▌", " ").split())
            assert "right to strike is recognised" in flat  # the highlighted words

    asyncio.run(drive())


def test_one_line_header_leaves_room_for_the_redline(tmp_path: Path) -> None:
    app = make_app(build_comparison(), notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            summary = app.main.query_one(Summary)
            assert summary.region.height == 1
            assert "Arvelia 2001" in str(summary.content)
            assert app.main.query_one(DiffView).scrollable_content_region.height >= 10
            await pilot.resize_terminal(140, 45)
            await pilot.pause()
            assert summary.region.height == 2  # room enough: the change counts come back

    asyncio.run(drive())


@pytest.mark.parametrize("width", [60, 80, 140])
def test_footer_keys_whole_and_help_always(tmp_path: Path, width: int) -> None:
    app = make_app(build_comparison(), notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            await pilot.pause()
            keys = list(app.main.query(FooterKey))
            shown = [k.key_display for k in keys]
            assert shown[0] == "?"
            assert all(k.region.right <= width for k in keys)  # none cut at the edge
            assert all(cell_len(k.render().plain.strip()) >= cell_len(k.key_display) + 2
                       for k in keys if k.description)
            if width >= 80:
                assert "e" in shown  # the report key fits at 80 columns
            if width >= 140:
                assert "^p" in shown
            if width == 60:
                assert "e" not in shown and len(shown) < 11

    asyncio.run(drive())


def test_one_line_header_keeps_the_numbering_warning() -> None:
    from condiff.model import NumberingIssue
    from condiff.tui.review_model import ReviewModel
    from condiff.tui.widgets.summary import summary_text

    c = build_comparison()
    broken = replace(c.new, numbering=(NumberingIssue("gap", "main", ("17", "18"), "16", "19"),))
    text = summary_text(ReviewModel(replace(c, new=broken)), compact=True).plain
    assert "\n" not in text
    assert text.index("⚠ numbering broken") < text.index("rights removed")
