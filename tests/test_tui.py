"""Pilot tests of ``condiff review``: press keys, assert what the reviewer would see and what
lands on disk. They run on the hand-built Arvelia comparison (tests/tui_fixture.py)."""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from condiff.tui.app import ReviewApp, make_app
from condiff.tui.screens.confirm import ConfirmQuitScreen
from condiff.tui.screens.help import HelpScreen
from condiff.tui.screens.main import MainScreen
from condiff.tui.widgets.annotations import AnnotationPanel
from condiff.tui.widgets.diff_view import DiffView
from condiff.tui.widgets.navigator import Navigator
from tests.tui_fixture import build_comparison

COMPARISON = build_comparison()


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async pilot test without needing an asyncio pytest plugin."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def _pair(old: tuple[str, ...], new: tuple[str, ...]) -> int:
    for i, pair in enumerate(COMPARISON.alignment):
        if pair.old == old and pair.new == new:
            return i
    raise AssertionError(f"no pair {old} → {new}")


def _app(tmp_path: Path) -> ReviewApp:
    return make_app(COMPARISON, notes_path=tmp_path / "arvelia.notes.yaml", author="Tester")


async def _main(pilot: Pilot[None]) -> MainScreen:
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, ReviewApp)
    return app.main


async def _type(pilot: Pilot[None], text: str) -> None:
    """Type into the focused field of a modal (the value is set at once: pressing every
    character would only slow the suite down; test_search_goto_toggle types real keys)."""
    focused = pilot.app.screen.focused
    if isinstance(focused, Input):
        focused.value = text
    elif isinstance(focused, TextArea):
        focused.text = text
    else:
        await pilot.press(*("space" if ch == " " else ch for ch in text))
    await pilot.pause()


def _plain(widget: Static) -> str:
    """What a Static shows, as plain text (no colours)."""
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(widget.content)
    return out.getvalue()


def _annotation_text(screen: MainScreen) -> str:
    return _plain(screen.query_one(AnnotationPanel).query_one("#annotation-body", Static))


@run_async
async def test_navigation_keys(tmp_path: Path) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        first = screen.model.entries[0].index
        assert screen.current == first
        await pilot.press("down")
        assert screen.current == screen.model.entries[1].index
        await pilot.press("up")
        assert screen.current == first
        await pilot.press("n")  # next *changed* article skips the unchanged ones
        assert screen.current == _pair(("2",), ("2",))
        await pilot.press("n", "n")
        assert screen.current == _pair(("3",), ("4",))
        await pilot.press("N")
        assert screen.current == _pair((), ("3",))
        # Clicking an article in the list shows it.
        nav = screen.query_one(Navigator)
        position = nav.get_option_index(str(_pair(("8",), ("9",))))
        await pilot.click(Navigator, offset=(4, position + 1 - nav.scroll_offset.y))
        assert screen.current == _pair(("8",), ("9",))


@run_async
async def test_filters_cycle(tmp_path: Path) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        nav = screen.query_one(Navigator)

        def listed() -> list[str]:
            return [o.id for o in nav.options if o.id is not None]

        assert len(listed()) == len(COMPARISON.alignment)
        await pilot.press("f")
        assert screen.filter == "changed"
        assert str(_pair(("1",), ("1",))) not in listed()
        # The unchanged preamble was selected; the filter moved the selection onto the list.
        assert str(screen.current) in listed()
        await pilot.press("f")
        assert screen.filter == "rights"
        assert set(listed()) == {str(i) for i in screen.model.findings_by_pair}
        await pilot.press("f")
        assert screen.filter == "all"


@run_async
async def test_next_rights_finding_highlights_and_annotates(tmp_path: Path) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        await pilot.press("r")
        strike = 0
        assert COMPARISON.findings[strike].topic == "strike"
        assert screen.current == _pair(("5",), ("6",))
        assert screen.selected_finding == strike
        diff = screen.query_one(DiffView)
        assert diff.selected_line is not None
        # The marked block starts with the badge and holds the struck words; it is scrolled
        # into view.
        lines = diff.plain_text().splitlines()
        shown = "\n".join(lines[diff.selected_line:diff.selected_line + 6])
        top = diff.scroll_offset.y
        assert top <= diff.selected_line < top + diff.size.height
        assert "Right to strike" in shown and "5.3 The right to strike" in shown
        assert "is recognised." in shown
        text = _annotation_text(screen)
        assert "Right to strike" in text and "Workers lose" in text and "ICESCR" in text
        await pilot.press("r")
        assert screen.selected_finding == 1
        assert screen.current == _pair(("2",), ("2",))
        await pilot.press("R")
        assert screen.selected_finding == strike


@run_async
async def test_search_goto_toggle(tmp_path: Path) -> None:
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        await pilot.press("slash", *"concil", "enter")
        assert screen.current == _pair(("5",), ("6",))
        assert screen.query_text == "concil"
        await pilot.press("slash")  # prefilled: Enter finds the next match (wraps to itself)
        assert pilot.app.screen.query_one(Input).value == "concil"
        await pilot.press("enter")
        assert screen.current == _pair(("5",), ("6",))
        await pilot.press("escape")
        assert screen.query_text == ""

        await pilot.press("g")
        await _type(pilot, "old:6")
        await pilot.press("enter")
        assert screen.current == _pair(("6",), ("7",))
        await pilot.press("g")
        await _type(pilot, "404")
        await pilot.press("enter")
        assert screen.current == _pair(("6",), ("7",))  # unknown number: stays, says so

        assert screen.mode == "side-by-side"
        await pilot.press("t")
        assert screen.mode == "inline"
        diff = screen.query_one(DiffView)
        assert diff.border_title is not None and "inline" in str(diff.border_title)
        await pilot.press("t")
        assert screen.mode == "side-by-side"


@run_async
async def test_add_edit_save_note(tmp_path: Path) -> None:
    app = _app(tmp_path)
    notes_file = tmp_path / "arvelia.notes.yaml"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        await pilot.press("r", "a")
        assert pilot.app.screen.query_one("#note-ref", Input).value == "old:5.3"
        await _type(pilot, "Strike gone")
        await pilot.press("ctrl+s")  # keeps the note (modal)
        assert isinstance(pilot.app.screen, MainScreen)
        assert app.notes.dirty and (tmp_path / "arvelia.notes.yaml.autosave").exists()
        assert "Strike gone" in _annotation_text(screen)
        await pilot.press("ctrl+s")  # saves the sidecar
        data = yaml.safe_load(notes_file.read_text(encoding="utf-8"))
        assert data["notes"][0]["ref"] == "old:5.3"
        assert data["notes"][0]["text"] == "Strike gone"
        assert data["notes"][0]["author"] == "Tester"
        assert not (tmp_path / "arvelia.notes.yaml.autosave").exists()

        await pilot.press("a", "enter")  # the article's notes; Enter edits the one listed
        area = pilot.app.screen.query_one(TextArea)
        assert area.text == "Strike gone"
        area.text = "Strike clause removed; ask the drafters"
        await pilot.press("ctrl+s", "ctrl+s")
        data = yaml.safe_load(notes_file.read_text(encoding="utf-8"))
        assert [n["text"] for n in data["notes"]] == ["Strike clause removed; ask the drafters"]
        assert not app.notes.dirty


@run_async
async def test_quit_with_unsaved_notes_asks(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _main(pilot)
        await pilot.press("a")
        await _type(pilot, "unsaved")
        await pilot.press("ctrl+s", "q")
        assert isinstance(pilot.app.screen, ConfirmQuitScreen)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("q", "s")  # save and quit
        await pilot.pause()
    assert not app.is_running
    data = yaml.safe_load((tmp_path / "arvelia.notes.yaml").read_text(encoding="utf-8"))
    assert [n["text"] for n in data["notes"]] == ["unsaved"]


@run_async
async def test_autosave_recovered_after_crash(tmp_path: Path) -> None:
    backup = tmp_path / "arvelia.notes.yaml.autosave"
    backup.write_text("condiff-notes: 1\nnotes:\n  - ref: new:6\n    text: left behind\n",
                      encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _main(pilot)
        assert app.notes.recovered and app.notes.dirty
        assert [n.text for n in app.notes.notes] == ["left behind"]


@run_async
async def test_export_markdown_report(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _main(pilot)
        await pilot.press("r", "a")
        await _type(pilot, "Exported note")
        await pilot.press("ctrl+s", "e")
        field = pilot.app.screen.query_one(Input)
        assert field.value == str(tmp_path / "arvelia.report.md")
        field.value = str(tmp_path / "out.md")
        await pilot.press("enter")
    report = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "Right to strike" in report
    assert "Exported note" in report


@run_async
async def test_help_palette_and_narrow_layout(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _main(pilot)
        assert screen.has_class("-narrow")
        diff = screen.query_one(DiffView).region
        notes = screen.query_one(AnnotationPanel).region
        assert notes.y >= diff.bottom  # annotations stack under the redline
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Go to the next rights finding (most severe first)" in titles
        assert "Export the Markdown report (with your notes)" in titles


@pytest.mark.parametrize("size", [(160, 50)])
@run_async
async def test_wide_layout_side_by_side(tmp_path: Path, size: tuple[int, int]) -> None:
    async with _app(tmp_path).run_test(size=size) as pilot:
        screen = await _main(pilot)
        assert screen.has_class("-very-wide")
        diff = screen.query_one(DiffView).region
        notes = screen.query_one(AnnotationPanel).region
        assert notes.x >= diff.right and notes.y == diff.y


@run_async
async def test_loading_screen_then_review(tmp_path: Path) -> None:
    import threading

    from condiff.tui.background import Outcome
    from condiff.tui.screens.loading import LoadingScreen

    release = threading.Event()

    def load() -> Outcome:
        release.wait(5)
        return Outcome(comparison=COMPARISON, warnings=["article 12: coarse diff"])

    app = make_app(None, load=load, notes_path=tmp_path / "n.notes.yaml", author="T",
                   loading_label="2001 → 2024")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, MainScreen):
                break
        assert isinstance(app.screen, MainScreen)
        assert app.main.current == app.model.entries[0].index
        assert app.load_warnings == ["article 12: coarse diff"]
        assert app.notes.new_label == "Arvelia 2024"


@run_async
async def test_failed_comparison_exits_with_the_error(tmp_path: Path) -> None:
    from condiff.errors import CondiffError
    from condiff.tui.background import Outcome

    bad = CondiffError("rule pack is broken", path="x.yaml", line=3)
    app = make_app(None, load=lambda: Outcome(error=bad), notes_path=tmp_path / "n.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
    assert app.failure is bad


def test_background_compare_in_a_forked_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    import condiff.pipeline
    from condiff.tui.background import start_compare

    def fake_compare(old: object, new: object, *, on_aligned: Any = None,
                     **options: object) -> object:
        assert options == {"disable_rules": ("strike",)}
        on_aligned(replace(COMPARISON, findings=()))
        return COMPARISON

    # The fork inherits the patched module, so the child runs the fake.
    monkeypatch.setattr(condiff.pipeline, "compare", fake_compare)
    loader = start_compare(COMPARISON.old, COMPARISON.new, disable_rules=("strike",))
    partial = loader.aligned()
    assert partial is not None and partial.findings == ()
    outcome = loader.result()
    assert outcome.error is None and outcome.crash == ""
    assert outcome.comparison == COMPARISON and outcome.seconds >= 0


@run_async
async def test_redline_first_then_findings(tmp_path: Path) -> None:
    import threading
    from dataclasses import replace

    from condiff.tui.background import Outcome
    from condiff.tui.widgets.summary import Summary

    rules_done = threading.Event()

    class Loader:
        def aligned(self) -> Any:
            return replace(COMPARISON, findings=())

        def result(self) -> Outcome:
            rules_done.wait(5)
            return Outcome(comparison=COMPARISON)

    app = make_app(None, load=Loader(), notes_path=tmp_path / "n.yaml", author="T")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, MainScreen):
                break
        screen = app.main
        assert app.rules_pending and "checking rights" in _plain(screen.query_one(Summary))
        await pilot.press("down", "r")  # r waits politely for the findings
        assert screen.selected_finding is None
        place = screen.current
        rules_done.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if not app.rules_pending:
                break
        await pilot.pause()
        assert screen.current == place  # the reader keeps their place
        assert "rights removed" in _plain(screen.query_one(Summary))
        await pilot.press("r")
        assert screen.selected_finding == 0


@run_async
async def test_hostile_text_is_shown_not_obeyed(tmp_path: Path) -> None:
    from dataclasses import replace

    from condiff.model import Finding, Note

    hostile = "Strike \x1b]52;c;ZXZpbA==\x07 [bold red]fake[/] \x1b[2J\u202etxt"
    pair_index = _pair(("5",), ("6",))
    pair = COMPARISON.alignment[pair_index]
    rows = (*pair.paragraphs[:2], replace(pair.paragraphs[2], ops=(("-", hostile),)))
    alignment = list(COMPARISON.alignment)
    alignment[pair_index] = replace(pair, paragraphs=rows)
    evil = Finding("strike", "Right [b]to[/b] \x1b[5mstrike", "removed", "high", 1.0,
                   old=("5.3",), annotation="why \x1b[8m hidden")
    comparison = replace(COMPARISON, alignment=tuple(alignment), findings=(evil,),
                         notes=(Note("old:5.3", "note \x1b[31m red"),))
    app = make_app(comparison, notes_path=tmp_path / "n.yaml", author="T")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.main
        shown = "".join(_plain(w) for w in screen.query(Static))
        shown += screen.query_one(DiffView).plain_text()
        shown = " ".join(shown.split())  # undo the wrapping
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "␛]52;c;ZXZpbA==␇" in shown
        assert "[bold red]fake[/]" in shown  # markup in documents stays literal text
        assert "Right [b]to[/b] ␛[5mstrike" in shown
        assert "note ␛[31m red" in shown
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = "[bold]x\x1b"
        await pilot.press("enter")  # a query is never markup in the "not found" message
        assert isinstance(pilot.app.screen, MainScreen)


@run_async
async def test_quit_while_still_comparing(tmp_path: Path) -> None:
    import threading
    import time

    from condiff.tui.background import Outcome
    from condiff.tui.screens.loading import LoadingScreen

    never = threading.Event()

    def load() -> Outcome:
        never.wait(10)
        return Outcome(comparison=COMPARISON)

    app = make_app(None, load=load, notes_path=tmp_path / "n.yaml")
    start = time.monotonic()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running and time.monotonic() - start < 5
    never.set()


@run_async
async def test_small_window_scrolls_to_the_highlighted_words(tmp_path: Path) -> None:
    from dataclasses import replace

    long_old = ("Preliminary words fill this paragraph for a while. " * 12
                + "The right to strike is recognised.")
    pair_index = _pair(("5",), ("6",))
    pair = COMPARISON.alignment[pair_index]
    row = replace(pair.paragraphs[2], ops=(("-", long_old),))
    old_doc = COMPARISON.old
    # Evidence offsets refer to the block's own text; rebuild the finding's span for it.
    start = long_old.index("right to strike")
    strike = replace(COMPARISON.findings[0], old_spans=(
        replace(COMPARISON.findings[0].old_spans[0], start=start, end=start + 15),))
    alignment = list(COMPARISON.alignment)
    alignment[pair_index] = replace(pair, paragraphs=(*pair.paragraphs[:2], row))
    comparison = replace(COMPARISON, alignment=tuple(alignment), findings=(strike,),
                         old=old_doc)
    app = make_app(comparison, notes_path=tmp_path / "n.yaml", author="T")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        diff = app.main.query_one(DiffView)
        assert diff.selected_line is not None and diff.evidence_line is not None
        assert diff.evidence_line > diff.selected_line
        top = diff.scroll_offset.y
        assert top <= diff.evidence_line < top + diff.size.height


@run_async
async def test_summary_warns_when_a_document_lost_headings(tmp_path: Path) -> None:
    import dataclasses

    from condiff.model import NumberingIssue
    from condiff.tui.widgets.summary import Summary

    gap = NumberingIssue("gap", "main", ("5", "6"), "4", "7", 12)
    broken = dataclasses.replace(COMPARISON, new=dataclasses.replace(COMPARISON.new,
                                                                     numbering=(gap,)))
    app = make_app(broken, notes_path=tmp_path / "n.yaml", author="Tester")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        shown = _plain(screen.query_one(Summary))
        assert "new: articles 5, 6 not found" in shown and "condiff parse" in shown
    async with _app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        assert "not found" not in _plain(screen.query_one(Summary))
