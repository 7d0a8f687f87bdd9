"""Output permissions: reports follow the umask like any other program's files; reviewer notes,
their autosave and backup stay private; a file that exists keeps its mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from condiff.cli import main
from condiff.io import current_umask, write_atomic
from condiff.model import Note
from condiff.notes import save_notes
from condiff.tui.notes_store import NotesSession

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_current_umask_reads_without_changing(umask_022: None) -> None:
    assert current_umask() == 0o022
    assert current_umask() == 0o022


def test_new_output_honours_the_umask(tmp_path: Path, umask_022: None) -> None:
    write_atomic(tmp_path / "report.md", "# r\n")
    assert _mode(tmp_path / "report.md") == 0o644
    os.umask(0o027)
    write_atomic(tmp_path / "team.md", "# r\n")
    assert _mode(tmp_path / "team.md") == 0o640


def test_private_output_and_existing_mode(tmp_path: Path, umask_022: None) -> None:
    write_atomic(tmp_path / "secret.yaml", "x: 1\n", private=True)
    assert _mode(tmp_path / "secret.yaml") == 0o600
    shared = tmp_path / "shared.md"
    shared.write_text("old\n", encoding="utf-8")
    os.chmod(shared, 0o664)
    write_atomic(shared, "new\n", private=True)
    assert _mode(shared) == 0o664 and shared.read_text(encoding="utf-8") == "new\n"


def test_diff_report_is_readable_by_others(tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "report.html"
    assert main(["diff", "sample:2009", "sample:2026", "--format", "html", "-o", str(out)]) == 1
    assert _mode(out) == 0o644


def test_notes_autosave_and_backup_stay_private(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "kz.notes.yaml"
    session = NotesSession(path)
    session.put(Note("new:27.3", "first"))
    assert _mode(session.autosave_path) == 0o600
    session.save()
    assert _mode(path) == 0o600
    save_notes(path, [Note("new:27.3", "second")], expected_digest=None)
    assert _mode(Path(f"{path}.bak")) == 0o600
