"""The note editor and the export dialog as a first-time reviewer types into them: typing adds
to what is there, several notes per reference, and the export says where the file went."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, Label, TextArea

from condiff.tui.app import ReviewApp, make_app
from condiff.tui.screens.main import MainScreen
from condiff.tui.screens.note import NoteScreen
from condiff.tui.screens.notes import NotesScreen
from tests.tui_fixture import build_comparison


def _app(tmp_path: Path) -> ReviewApp:
    return make_app(build_comparison(), notes_path=tmp_path / "a.notes.yaml", author="Tester")


def _saved(tmp_path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load((tmp_path / "a.notes.yaml").read_text(encoding="utf-8"))
    notes: list[dict[str, object]] = data["notes"]
    return notes


def test_several_notes_per_reference(tmp_path: Path) -> None:
    app = _app(tmp_path)

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r", "a")  # no note yet: the editor opens at once
            assert isinstance(app.screen, NoteScreen)
            await pilot.press(*"first", "ctrl+s")
            await pilot.press("a")  # the article has a note: the list opens
            assert isinstance(app.screen, NotesScreen)
            await pilot.press("a")  # add another on the same reference
            assert isinstance(app.screen, NoteScreen)
            assert app.screen.query_one(TextArea).text == ""
            await pilot.press(*"second", "ctrl+s")
            assert [n.text for n in app.notes.notes] == ["first", "second"]
            assert app.notes.notes[0].ref == app.notes.notes[1].ref == "old:5.3"
            # Edit the first: the cursor is at the end, so typing appends.
            await pilot.press("a")
            assert isinstance(app.screen, NotesScreen)
            assert len(app.screen.notes) == 2
            await pilot.press("enter")
            area = app.screen.query_one(TextArea)
            assert area.cursor_location == area.document.end
            await pilot.press(*" note", "ctrl+s")
            assert [n.text for n in app.notes.notes] == ["first note", "second"]
            # Delete the second: d asks, d again deletes.
            await pilot.press("a", "down", "d")
            assert isinstance(app.screen, NotesScreen)
            assert "again" in str(app.screen.query_one("#notes-hint", Label).content)
            await pilot.press("d")
            assert [n.text for n in app.notes.notes] == ["first note"]
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)
            await pilot.press("ctrl+s")
    asyncio.run(drive())
    assert [n["text"] for n in _saved(tmp_path)] == ["first note"]


def test_export_dialog_appends_and_says_where(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    app = _app(tmp_path)
    monkeypatch.chdir(tmp_path)

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            field = app.screen.query_one(Input)
            default = str(tmp_path / "a.report.md")
            assert field.value == default and field.cursor_position == len(default)
            hint = app.screen.query_one("#prompt-hint", Label)
            assert "Enter to write, Esc to cancel" in str(hint.content)
            assert hint.region.height >= 2  # wrapped at 80 columns, not cut
            await pilot.press("e")  # typing adds to the path; it does not replace it
            assert field.value == default + "e"
            await pilot.press("backspace", "enter")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(m == f"Report written to {tmp_path / 'a.report.md'}" for m in messages)
            await pilot.press("e")
            field = app.screen.query_one(Input)
            field.value = "relative.md"
            await pilot.press("enter")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(m.endswith(str(tmp_path / "relative.md")) for m in messages)
    asyncio.run(drive())
    assert "Right to strike" in (tmp_path / "a.report.md").read_text(encoding="utf-8")
    assert (tmp_path / "relative.md").exists()


def test_note_typed_fast_then_kept_is_not_lost(tmp_path: Path) -> None:
    """Keys arrive faster than the editor handles them (a paste, a fast typist, a terminal
    multiplexer): ctrl+s must wait for the text typed before it."""
    from textual import events

    app = _app(tmp_path)

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r", "a")
            for ch in "typed fast":
                app.post_message(events.Key(ch, ch))  # queued, not waited for
            app.post_message(events.Key("ctrl+s", None))
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert [n.text for n in app.notes.notes] == ["typed fast"]

    asyncio.run(drive())
