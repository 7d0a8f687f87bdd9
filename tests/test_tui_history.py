"""Pilot tests of ``condiff review --history``: walk a provision through the timeline, jump from
a right to the step where it changed, and use the review keys inside a step.

They run on the four-version fixture of the fictional Republic of Lorvan, copied to a
temporary folder so that any notes file lands there.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from condiff.history import History, load_history
from condiff.tui.history_app import HistoryApp
from condiff.tui.screens.step import StepScreen
from condiff.tui.screens.timeline import TimelineScreen
from condiff.tui.timeline_model import TimelineModel

from .test_history import FIXTURES
from .test_tui import _plain


def _history(tmp_path: Path) -> History:
    for f in FIXTURES.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    return load_history([str(tmp_path / "versions.yaml")], jobs=1)


async def _timeline(pilot: Pilot[None]) -> TimelineScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


def _detail(screen: TimelineScreen) -> str:
    return "\n".join(_plain(block) for block in screen.query("#timeline-detail Static")
                     if isinstance(block, Static) and block.display)


def test_walk_a_provision_through_the_timeline(tmp_path: Path) -> None:
    history = _history(tmp_path)
    elections = next(lin for lin in history.lineages if lin.labels[0] == "10")

    async def walk() -> None:
        app = HistoryApp(history, author="Tester", notes_dir=tmp_path)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _timeline(pilot)
            # Only changed provisions are listed at first; `f` shows all of them.
            provisions = screen.query_one("#provisions", OptionList)
            assert provisions.option_count == sum(1 for lin in history.lineages
                                                  if lin.changed)
            await pilot.press("f")
            assert provisions.option_count == len(history.lineages)
            # Go to the article on elections as numbered in 2008.
            await pilot.press("g")
            await pilot.pause()
            field = app.screen.focused
            assert isinstance(field, Input)
            field.value = "2008:11"
            await pilot.press("enter")
            await pilot.pause()
            assert screen.showing == ("provision", elections.index)
            text = _detail(screen)
            assert "2001: 10" in text and "2008: 11 #" in text and "2015: — -" in text
            assert "2022: 13 ↺" in text
            assert "▶ Step 1 · 2001 → 2008 · renumbered" in text
            # → walks the steps: removed in 2015, back in 2022.
            await pilot.press("right")
            assert "▶ Step 2 · 2008 → 2015 · removed" in _detail(screen)
            await pilot.press("right")
            text = _detail(screen)
            assert "▶ Step 3 · 2015 → 2022 · reinserted" in text
            assert "Deputies are chosen by universal" in text
            await pilot.press("right")  # the last step stays chosen
            assert screen.step_cursor == 2
            # Enter opens that step at the article, with the review keys working.
            await pilot.press("enter")
            await pilot.pause()
            step_screen = app.screen
            assert isinstance(step_screen, StepScreen) and app.step == 2
            pair = app.comparison.alignment[step_screen.current]
            assert pair.new == ("13",) and pair.kind == "added"
            await pilot.press("N")  # previous change, as in `condiff review`
            assert step_screen.current != app.comparison.alignment.index(pair)
            await pilot.press("t")
            assert step_screen.mode == "inline"
            await pilot.press("b")
            await pilot.pause()
            assert app.screen is screen and screen.showing == ("provision", elections.index)
            await pilot.press("left")
            assert screen.step_cursor == 1
            await pilot.press("question_mark")
            assert any("Timeline keys" in (n.title or "") for n in app._notifications)

    asyncio.run(walk())


def test_pick_a_right_and_jump_to_the_step_where_it_changed(tmp_path: Path) -> None:
    history = _history(tmp_path)
    model = TimelineModel(history)
    rights = model.rights()
    strike = next(i for i, r in enumerate(rights) if r.topic == "strike")

    async def jump() -> None:
        app = HistoryApp(history, author="Tester", notes_dir=tmp_path)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await _timeline(pilot)
            lst = screen.query_one("#rights", OptionList)
            lst.focus()
            lst.highlighted = strike
            await pilot.pause()
            text = _detail(screen)
            assert "2015: — ✗ removed" in text and "2022: 5.3 + added" in text
            await pilot.press("enter")
            await pilot.pause()
            step_screen = app.screen
            assert isinstance(step_screen, StepScreen) and app.step == 1
            finding = app.comparison.findings[step_screen.selected_finding or 0]
            assert (finding.topic, finding.kind) == ("strike", "removed")
            assert app.comparison.alignment[step_screen.current].old == ("5",)
            await pilot.press("r")  # the next rights finding of this step
            assert step_screen.finding_cursor is not None
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            await pilot.press("enter")  # the right's next event: restored in 2022
            await pilot.pause()
            assert app.step == 2
            finding = app.comparison.findings[app.screen.selected_finding or 0]  # type: ignore[attr-defined]
            assert (finding.topic, finding.kind) == ("strike", "added")

    asyncio.run(jump())


def test_timeline_model_answers() -> None:
    from .test_history import lorvan

    model = TimelineModel(lorvan())
    elections = next(lin for lin in model.history.lineages if lin.labels[0] == "10")
    assert model.strip(elections) == "10 · 11 # · — - · 13 ↺"
    assert model.changed_steps(elections) == [0, 1, 2]
    assert model.provision_target(elections, 1).pair is not None
    assert model.default_filter() == "changed"
    assert all(lin.changed for lin in model.provisions("changed"))
    quiet = next(r for r in model.rights() if not r.events)
    assert model.right_target(quiet) is None


def test_review_history_needs_a_terminal_and_no_notes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from condiff.cli import main
    from condiff.commands.review import prepare_history

    manifest = str(FIXTURES / "versions.yaml")
    assert main(["review", "--history", manifest]) == 2
    assert "needs an interactive terminal" in capsys.readouterr().err
    assert main(["review", "a.txt", "b.txt", "--history", manifest]) == 2
    assert "either OLD NEW or --history" in capsys.readouterr().err
    args = argparse.Namespace(notes="x.yaml", rules=[], disable_rule=[], author=None,
                              input_format=None, profile=None, max_size=None)
    from condiff.errors import CondiffError

    with pytest.raises(CondiffError, match="each step keeps its own notes"):
        prepare_history(args, [manifest])
    args.notes = None
    app = prepare_history(args, [manifest])
    assert isinstance(app, HistoryApp) and len(app.history.steps) == 3


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_timeline_snapshot(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    """The timeline with article 8 selected (repealed in 2008, a new text under its number in
    2022), its last step chosen. Update deliberately with ``pytest --snapshot-update`` and look
    at the SVG."""
    from .test_history import MANIFEST

    history = load_history([str(MANIFEST)], jobs=1)
    app = HistoryApp(history, author="T", notes_dir=tmp_path)
    # Versions are named by their manifest labels, so the picture holds no path.
    assert snap_compare(app, press=["down", "down", "down", "down", "down", "down", "right",  # type: ignore[operator]
                                    "right"], terminal_size=size)
