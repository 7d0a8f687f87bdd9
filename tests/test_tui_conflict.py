"""Saving notes that someone changed on disk meanwhile: the review UI offers Reload, Keep mine
or Save as…, and never names a Python function or a reload it does not have."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, Label

from condiff.errors import CondiffError
from condiff.tui.app import make_app
from condiff.tui.screens.conflict import ConflictScreen
from condiff.tui.screens.main import MainScreen
from tests.tui_fixture import build_comparison

THEIRS = "condiff-notes: 1\nnotes:\n  - ref: new:6.3\n    author: Colleague\n    text: theirs\n"


def _texts(path: Path) -> list[str]:
    return [n["text"] for n in yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]]


def _run(tmp_path: Path, keys: tuple[str, ...]) -> tuple[Path, list[str], object]:
    path = tmp_path / "a.notes.yaml"
    path.write_text("condiff-notes: 1\nnotes: []\n", encoding="utf-8")
    app = make_app(build_comparison(), notes_path=path, author="Me")
    seen: dict[str, object] = {}

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("r", "a", *"mine", "ctrl+s")
            path.write_text(THEIRS, encoding="utf-8")  # a colleague saves meanwhile
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, ConflictScreen)
            shown = " ".join(str(w.content) for w in app.screen.query(Label))
            assert "merge_notes" not in shown
            assert "Reload" in shown and "Keep mine" in shown and "Save as" in shown
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            seen["screen"] = type(app.screen)
            seen["notes"] = [n.text for n in app.notes.notes]
            seen["path"] = app.notes.path

    asyncio.run(drive())
    return path, seen["notes"], seen  # type: ignore[return-value]


def test_reload_adds_mine_to_theirs_then_saves(tmp_path: Path) -> None:
    path, notes, seen = _run(tmp_path, ("r", "ctrl+s"))
    assert notes == ["theirs", "mine"]
    assert _texts(path) == ["theirs", "mine"]
    assert seen["screen"] is MainScreen  # type: ignore[index]


def test_keep_mine_overwrites_and_keeps_theirs_in_bak(tmp_path: Path) -> None:
    path, _, _ = _run(tmp_path, ("k",))
    assert _texts(path) == ["mine"]
    assert "theirs" in Path(f"{path}.bak").read_text(encoding="utf-8")


def test_save_as_writes_a_new_file_and_keeps_working_there(tmp_path: Path) -> None:
    path, _, seen = _run(tmp_path, ("s", "enter"))
    mine = tmp_path / "a.mine.notes.yaml"
    assert _texts(mine) == ["mine"] and _texts(path) == ["theirs"]
    assert seen["path"] == mine  # type: ignore[index]


def test_save_as_never_replaces_a_file(tmp_path: Path) -> None:
    from condiff.model import Note
    from condiff.tui.notes_store import NotesSession

    taken = tmp_path / "taken.yaml"
    taken.write_text("x\n", encoding="utf-8")
    session = NotesSession(tmp_path / "n.yaml", [Note("new:1", "a")])
    with pytest.raises(CondiffError, match="exists already"):
        session.save_as(taken)
    assert taken.read_text(encoding="utf-8") == "x\n"


def test_command_line_message_names_no_function(tmp_path: Path) -> None:
    from condiff.model import Note
    from condiff.notes import NotesConflict, save_notes

    path = tmp_path / "n.yaml"
    path.write_text(THEIRS, encoding="utf-8")
    with pytest.raises(NotesConflict) as caught:
        save_notes(path, [Note("new:1", "a")], expected_digest="0" * 64)
    assert "merge_notes" not in str(caught.value) and "Keep mine" in str(caught.value)


def test_prompt_for_save_as_is_prefilled(tmp_path: Path) -> None:
    path = tmp_path / "a.notes.yaml"
    path.write_text("condiff-notes: 1\nnotes: []\n", encoding="utf-8")
    app = make_app(build_comparison(), notes_path=path, author="Me")

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("a", *"x", "ctrl+s")
            path.write_text(THEIRS, encoding="utf-8")
            await pilot.press("ctrl+s", "s")
            field = app.screen.query_one(Input)
            assert field.value == str(tmp_path / "a.mine.notes.yaml")

    asyncio.run(drive())
