"""The review UI on real comparisons: the bundled sample pair and, when the reference texts are
present, the Kazakhstan 1995 (rev. 2022) → 2026 pair. The acceptance test of issue 7: the
removed right to strike is on screen, highlighted, with its annotation, within two presses of
`r`. Also the snapshots of the main screen on the sample pair."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import condiff
from condiff.model import Comparison
from condiff.tui.app import make_app
from condiff.tui.widgets.annotations import AnnotationPanel
from condiff.tui.widgets.diff_view import DiffView
from tests.conftest import raw_path


@pytest.fixture(scope="module")
def sample() -> Comparison:
    return condiff.compare(condiff.load("sample:2009"), condiff.load("sample:2026"))


def _strike_within_two_r(comparison: Comparison, tmp_path: Path, keyword: str) -> None:
    app = make_app(comparison, notes_path=tmp_path / "n.notes.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(2):
                await pilot.press("r")
                screen = app.main
                found = screen.selected_finding
                if found is not None and comparison.findings[found].topic == "strike":
                    break
            assert found is not None
            finding = comparison.findings[found]
            assert finding.topic == "strike" and finding.kind == "removed"
            diff = screen.query_one(DiffView)
            assert diff.selected_line is not None
            top = diff.scroll_offset.y
            assert top <= diff.selected_line < top + diff.size.height
            block = " ".join(diff.plain_text().splitlines()[diff.selected_line:]).casefold()
            assert "right to strike" in block  # the badge names the right
            assert keyword in " ".join(block.split())
            panel = str(screen.query_one(AnnotationPanel).body.content)
            assert "removed" in panel
            assert finding.annotation[:20] in panel

    asyncio.run(drive())


def test_sample_strike_within_two_r(sample: Comparison, tmp_path: Path) -> None:
    _strike_within_two_r(sample, tmp_path, "strike")


@pytest.mark.corpora
def test_kazakhstan_strike_within_two_r(tmp_path: Path) -> None:
    old = condiff.load(raw_path("kazakhstan-1995-rev2022-ru.txt"))
    new = condiff.load(raw_path("kazakhstan-2026-ru.txt"))
    _strike_within_two_r(condiff.compare(old, new), tmp_path, "забастовк")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_sample_main_screen_rights_finding_selected(snap_compare: Any, sample: Comparison,
                                                    tmp_path: Path,
                                                    size: tuple[int, int]) -> None:
    app = make_app(sample, notes_path=tmp_path / "n.notes.yaml", author="T")
    assert snap_compare(app, press=["r"], terminal_size=size)
